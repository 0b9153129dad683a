// The CLI as a user runs it: a real node process writing NDJSON, usage errors with exit code 2.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, 'cli.ts');
const run = (...args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });

describe('cohort CLI', () => {
  it('writes one resource per line, deterministic for a seed', () => {
    const first = run('--people', '3', '--seed', '5');
    expect(first.status).toBe(0);
    const lines = String(first.stdout).trim().split('\n');
    const resources = lines.map((line) => JSON.parse(line) as { resourceType: string; id: string });
    expect(resources.filter((r) => r.resourceType === 'Patient').map((r) => r.id)).toContain('cohort-heavy');
    expect(resources.filter((r) => r.resourceType === 'Patient')).toHaveLength(4);
    expect(String(first.stderr)).toContain(`${lines.length} resources, 4 people, seed 5`);
    expect(run('--people', '3', '--seed', '5').stdout).toBe(first.stdout);
    const noHeavy = run('--people', '2', '--no-heavy');
    expect(String(noHeavy.stdout)).not.toContain('"id":"cohort-heavy"');
  }, 120_000);

  it('rejects bad arguments with exit code 2 and says what to do', () => {
    const bad = run('--people', 'many');
    expect(bad.status).toBe(2);
    expect(String(bad.stderr)).toContain('--people must be a whole number');
    expect(run('--frobnicate').status).toBe(2);
    expect(run('--start', '23/11/2023').status).toBe(2);
  }, 60_000);
});
