import type { Bundle, Patient } from '@medplum/fhirtypes';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import type { SqliteRepository } from './repository.ts';
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
  it('opens with WAL and synchronous=FULL by default, NORMAL only when asked', async () => {
    const read = (db: DatabaseSync, name: string): unknown => (db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown>)[name];
    const byDefault = await start({ dataDir: tempDir() });
    const relaxed = await start({ dataDir: tempDir(), synchronous: 'NORMAL' });
    try {
      const db = (byDefault.server.repository as SqliteRepository).store.db;
      expect([read(db, 'journal_mode'), read(db, 'synchronous')]).toEqual(['wal', 2]);
      expect(read((relaxed.server.repository as SqliteRepository).store.db, 'synchronous')).toBe(1);
      const direct = openDatabase(tempDir());
      expect(read(direct, 'synchronous')).toBe(2);
      direct.close();
    } finally {
      await byDefault.close();
      await relaxed.close();
    }
  }, 30_000);

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
  }, 30_000);

  it('loses no acknowledged write when the process is killed with SIGKILL mid-load', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--no-warnings', join(import.meta.dirname, 'kill-loader.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let pragmas = '';
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error('the loader did not acknowledge 40 writes in 25 s')), 25_000);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('ack ')) acked.push(line.slice(4));
          if (line.startsWith('pragma ')) pragmas = line;
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
    // kill -9 alone cannot tell FULL from NORMAL (both keep commits in the OS cache): the loader's own connection
    // must say FULL (2), the setting that also survives an OS crash or power cut.
    expect(pragmas).toBe('pragma synchronous=2 journal_mode=wal');
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
