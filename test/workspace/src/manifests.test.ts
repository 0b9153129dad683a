// The workspace layout rules (ESM @parcours packages, workspace:* and catalog: versions, src/index.ts exports),
// checked on every package manifest so a new package cannot drift.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Manifest {
  name: string;
  type?: string;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const root = join(import.meta.dirname, '..', '..', '..');
const folders = ['packages', 'test'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)).filter((path) => existsSync(join(path, 'package.json'))),
);
const manifests = folders.map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest }));
const catalog = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');

describe('workspace manifests', () => {
  it('finds the packages', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(3);
  });

  it.each(manifests)('$manifest.name is an ESM @parcours package', ({ manifest }) => {
    expect(manifest.name).toMatch(/^@parcours\/[a-z][a-z0-9-]*$/);
    expect(manifest.type).toBe('module');
  });

  it.each(manifests)('$manifest.name links internal packages with workspace:* and shared ones with catalog:', ({ manifest }) => {
    const deps = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const [name, range] of Object.entries(deps)) {
      if (name.startsWith('@parcours/')) {
        expect(range, name).toBe('workspace:*');
      } else if (catalog.includes(`\n  ${name}:`) || catalog.includes(`\n  '${name}':`)) {
        expect(range, `${name} is in the catalog`).toBe('catalog:');
      }
    }
  });

  it.each(manifests.filter(({ folder }) => folder.includes(`${join('packages', '')}`) && !folder.endsWith('app')))(
    '$manifest.name exposes src/index.ts with types first',
    ({ folder, manifest }) => {
      const main = manifest.exports?.['.'] as Record<string, string> | undefined;
      expect(main).toBeDefined();
      expect(Object.keys(main ?? {})[0]).toBe('types');
      expect(main?.types).toBe('./src/index.ts');
      expect(existsSync(join(folder, 'src', 'index.ts'))).toBe(true);
    },
  );

  it('maps every library package in tsconfig.base.json paths', () => {
    const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    for (const { manifest } of manifests.filter(({ manifest }) => manifest.exports?.['.'])) {
      expect(base.compilerOptions.paths[manifest.name], manifest.name).toBeDefined();
    }
  });
});
