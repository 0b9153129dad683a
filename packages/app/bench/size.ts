// Initial JavaScript of the app: what index.html loads before the plan's first paint (the entry, its static imports,
// the app chunk boot.ts imports, and any other script index.html announces), gzip level 9, from the Vite manifest.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

export interface SizeReport {
  initialGzipBytes: number;
  files: { file: string; gzip: number }[];
  lazy: { file: string; gzip: number }[];
}

export function measureInitialJs(distDir: string): SizeReport {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const gz = (file: string): number => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  visit('index.html');
  // boot.ts chooses the app (or the bare baseline) with a dynamic import: the app chunk is part of first paint.
  visit('src/main.tsx');
  // Whatever else index.html announces (preload links) is fetched before the first paint too: counted.
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const announced = [...html.matchAll(/\/(assets\/[^"'\s]+\.js)/g)].map((m) => m[1] as string);
  const files = [...new Set([...[...seen].map((k) => manifest[k]?.file), ...announced])].filter((f): f is string => !!f?.endsWith('.js'));
  const initial = files.map((file) => ({ file, gzip: gz(file) }));
  const lazy = Object.values(manifest)
    .filter((c) => c.file.endsWith('.js') && !files.includes(c.file))
    .map((c) => ({ file: c.file, gzip: gz(c.file) }));
  return { initialGzipBytes: initial.reduce((a, b) => a + b.gzip, 0), files: initial, lazy };
}

export interface BuildSize {
  files: { file: string; raw: number; gzip: number }[];
  rawBytes: number;
  gzipBytes: number;
}

/**
 * Every file of the build (HTML, every JS chunk lazy ones included, CSS, assets), raw and gzip level 9; the manifest
 * and the pre-compressed copies (`.br`, `.gz`: the same files, encoded) left out.
 */
export function measureBuild(distDir: string): BuildSize {
  const files: BuildSize['files'] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(join(distDir, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.vite') visit(rel);
        continue;
      }
      if (/\.(br|gz)$/.test(entry.name)) continue;
      const bytes = readFileSync(join(distDir, rel));
      files.push({ file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    }
  };
  visit('');
  files.sort((a, b) => b.gzip - a.gzip);
  return { files, rawBytes: files.reduce((n, f) => n + f.raw, 0), gzipBytes: files.reduce((n, f) => n + f.gzip, 0) };
}
