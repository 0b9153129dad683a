import type { Bundle, Patient } from '@medplum/fhirtypes';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start } from './server.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-fhir-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps resources, versions and indexes across a restart', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const res = await fetch(`${first.url}/Patient`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Persistant' }] }),
    });
    const created = (await res.json()) as Patient;
    await fetch(`${first.url}/Patient/${created.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ ...created, gender: 'female' }),
    });
    await first.close();

    const second = await start({ dataDir });
    try {
      const read = (await (await fetch(`${second.url}/Patient/${created.id}`)).json()) as Patient;
      expect(read.gender).toBe('female');
      expect(read.meta?.versionId).toBe('2');
      const found = (await (await fetch(`${second.url}/Patient?family=persist`)).json()) as Bundle;
      expect(found.total).toBe(1);
      const history = (await (await fetch(`${second.url}/Patient/${created.id}/_history`)).json()) as Bundle;
      expect(history.entry).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('loses no acknowledged write when the process is killed with SIGKILL mid-load', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--no-warnings', join(import.meta.dirname, 'kill-loader.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error('the loader did not acknowledge 40 writes in 25 s')), 25_000);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('ack ')) acked.push(line.slice(4));
        }
        if (acked.length >= 40 && child.exitCode === null) {
          clearTimeout(timer);
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(40);

    const restarted = await start({ dataDir });
    try {
      const missing: string[] = [];
      for (const id of acked) {
        const res = await fetch(`${restarted.url}/Patient/${id}`);
        if (res.status !== 200) missing.push(id);
        await res.arrayBuffer();
      }
      expect(missing).toEqual([]);
      const all = (await (await fetch(`${restarted.url}/Patient?_summary=count`)).json()) as Bundle;
      expect(all.total).toBeGreaterThanOrEqual(acked.length);
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
