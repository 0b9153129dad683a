// The generated files the CLI and the server read (generated/parcours-definitions.json, generated/cli/) match
// their sources: each generator, run with --check, exits 1 when its committed output is stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = (name: string): string => fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));

describe('generated files', () => {
  it.each(['generate-parcours.ts', 'build-cli.ts'])('%s --check finds them up to date', (name) => {
    const r = spawnSync(process.execPath, [script(name), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  it('the compiled CLI (the parcours-validate bin) finds the error the library finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-cli-'));
    const file = join(dir, 'location.json');
    writeFileSync(file, JSON.stringify({ resourceType: 'Location', id: '/foobar==', name: 'A Location' }));
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('../generated/cli/cli.js', import.meta.url)), '--format', 'json', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Invalid resource id');
  });
});
