import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBuildStale } from './app-build.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(path: string, secondsAgo: number): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
  return path;
}

describe('isBuildStale', () => {
  it('is stale without a build, fresh after it, stale again when a source changes', () => {
    dir = mkdtempSync(join(tmpdir(), 'parcours-build-'));
    const app = join(dir, 'app');
    file(join(app, 'src', 'main.tsx'), 100);
    file(join(app, 'node_modules', 'dep', 'index.js'), 0); // dependencies are not sources
    const output = join(app, 'dist', 'index.html');
    expect(isBuildStale([app], output)).toBe(true);
    file(output, 50);
    expect(isBuildStale([app], output)).toBe(false);
    file(join(app, 'src', 'main.tsx'), 10);
    expect(isBuildStale([app], output)).toBe(true);
  });
});
