#!/usr/bin/env bash
# Add dependencies to one workspace package and commit the manifest with the lockfile, atomically, so the
# committed lockfile always matches the committed manifests: scripts/add-dep.sh <package folder> [-D] dep@version...
# e.g. scripts/add-dep.sh packages/app recharts@3.10.1
set -euo pipefail
folder=$1; shift
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
exec 8>/tmp/parcours-deps.lock
flock 8
name=$(node -p "require('./$folder/package.json').name")
pnpm --filter "$name" add "$@"
scripts/commit.sh "deps($name): add $*" pnpm-lock.yaml "$folder/package.json"
