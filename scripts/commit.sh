#!/usr/bin/env bash
# Commit only the given paths, serialised with every other writer of this work tree (several people and
# helpers share it): scripts/commit.sh "message" path [path...]
set -euo pipefail
message=$1; shift
[ $# -gt 0 ] || { echo "usage: scripts/commit.sh \"message\" path [path...]" >&2; exit 2; }
cd "$(dirname "$0")/.."
exec 9>/tmp/parcours-git.lock
flock 9
git add -A -- "$@"
git commit -q -m "$message" -- "$@"
git log --oneline -1
