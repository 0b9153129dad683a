// The repository's examples/ folder, validated through the CLI exactly as examples/README.md tells an integrator.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(import.meta.dirname, 'cli.ts');

function run(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout };
}

describe('examples/integrator through the CLI', () => {
  it('accepts the valid patient', () => {
    const r = run('examples/integrator/patient-ok.json');
    expect(r.stdout).toContain('Success: 0 errors');
    expect(r.status).toBe(0);
  });

  it('explains each broken file and keeps going', () => {
    const r = run('examples/integrator');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Constraint parcours-ins-identity-traits not met');
    expect(r.stdout).toMatch(/Error @ Goal\.expressedBy : Missing required element/);
    expect(r.stdout).toMatch(/Error @ Goal\.subject\.reference : A reference to a Practitioner is not allowed here/);
    expect(r.stdout).toMatch(/export\.ndjson:2: \*FAILURE\*[\s\S]*Malformed JSON on line 2/);
    expect(r.stdout).toMatch(/patient-ok\.json \(Patient\): Success/);
    expect(r.stdout).toMatch(/FAILED: 5 resources in 4 files, 3 with errors/);
  });
});
