// The dependency direction rules of scripts/check-deps.mjs (a step of `npm test`): they hold on the workspace, and
// they fail on a dependency that points the wrong way, on a server package reaching the app's runtime through
// another package, on a package missing from the table, and on a server import in the app's runtime code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
interface Rules {
  manifestViolations(packages?: Map<string, Manifest>): string[];
  appImportViolations(dir?: string): string[];
}

const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'check-deps.mjs');
const rules = (await import(script as string)) as Rules;
const ws = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [`@parcours/${n}`, 'workspace:*']));

describe('dependency direction', () => {
  it('holds on this workspace', () => {
    expect(rules.manifestViolations()).toEqual([]);
    expect(rules.appImportViolations()).toEqual([]);
  });

  it('refuses a dependency that points the wrong way, in dependencies and devDependencies alike', () => {
    const found = rules.manifestViolations(new Map<string, Manifest>([
      ['validator', { dependencies: ws('profiles', 'fhir-server') }],
      ['profiles', { devDependencies: ws('validator') }],
      ['exchange', { dependencies: ws('fhir-server', 'smart', 'outcomes', 'http') }],
    ]));
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('@parcours/validator depends on @parcours/fhir-server');
    expect(found[1]).toContain('@parcours/profiles depends on @parcours/validator (devDependencies)');
  });

  it("refuses a server package reaching the app's runtime, even through another package; tests may use servers", () => {
    const found = rules.manifestViolations(new Map<string, Manifest>([
      ['app', { dependencies: ws('validator'), devDependencies: ws('fhir-server', 'sandbox') }],
      ['validator', { dependencies: ws('profiles', 'smart') }],
      ['smart', {}],
      ['profiles', {}],
    ]));
    expect(found.some((p) => p.includes('app → validator → smart'))).toBe(true);
    expect(found.some((p) => p.includes('devDependencies'))).toBe(false);
  });

  it('asks for a new package to be placed in the table', () => {
    expect(rules.manifestViolations(new Map([['reports', {}]]))).toEqual([expect.stringContaining('packages/reports is not in the dependency table')]);
  });

  it("finds server and Node imports in the app's runtime code, not in its tests", () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-deps-'));
    try {
      mkdirSync(join(dir, 'ui'));
      mkdirSync(join(dir, 'test'));
      writeFileSync(join(dir, 'ui', 'View.tsx'), "import { start } from '@parcours/fhir-server';\nconst fs = await import('node:fs');\nimport { x } from '@parcours/profiles';\n");
      writeFileSync(join(dir, 'ui', 'View.test.tsx'), "import { start } from '@parcours/sandbox';\n");
      writeFileSync(join(dir, 'test', 'host.ts'), "import { createServer } from 'node:http';\n");
      const found = rules.appImportViolations(dir);
      expect(found).toHaveLength(2);
      expect(found.join('\n')).toContain('imports @parcours/fhir-server');
      expect(found.join('\n')).toContain('imports the Node built-in node:fs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
