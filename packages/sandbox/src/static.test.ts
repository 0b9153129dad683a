import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHttpApp, listen } from '@parcours/http';
import type { Listening } from '@parcours/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFiles, connectOrigins, contentSecurityPolicy } from './static.ts';

const INLINE = "console.log('early')";
const SCRIPT = `export const plan = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `ligne ${i} du plan de soins`))};\n`;
let dir: string;
let server: Listening;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<html><script>${INLINE}</script><script type="module" src="/app/assets/a.js"></script></html>`);
  writeFileSync(join(dir, 'assets', 'a.js'), SCRIPT);
  writeFileSync(join(tmpdir(), 'outside.txt'), 'secret');
  const app = await createHttpApp({ name: 'static-test' });
  await app.register(appFiles(dir));
  server = await listen(app);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'outside.txt'), { force: true });
});

/** The policy as directive → sources, so that one added source (e.g. 'unsafe-inline') fails the comparison. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name ?? '', sources]));
}

function get(path: string, encoding: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${server.origin}${path}`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('appFiles', () => {
  it('serves pages with a Content-Security-Policy allowing exactly their inline scripts and no inline style, and no referrer', async () => {
    const res = await fetch(`${server.origin}/app/index.html`);
    expect(res.status).toBe(200);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(directives(policy)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'self'"],
    });
    expect(policy).not.toContain('unsafe');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('lets the app reach the configured FHIR and authorization origins, and only them', () => {
    const origins = connectOrigins(['https://launch.smarthealthit.org/v/r4/fhir', 'https://auth.example.org/oauth/token', 'https://launch.smarthealthit.org/other']);
    expect(origins).toEqual(['https://launch.smarthealthit.org', 'https://auth.example.org']);
    const policy = directives(contentSecurityPolicy(`<script>${INLINE}</script>`, origins));
    expect(policy['connect-src']).toEqual(["'self'", 'https://launch.smarthealthit.org', 'https://auth.example.org']);
    expect(directives(contentSecurityPolicy(`<script>${INLINE}</script>`))['connect-src']).toEqual(["'self'"]);
    expect(() => connectOrigins(['javascript:alert(1)'])).toThrow(/PARCOURS_CONNECT_ORIGINS/);
  });

  it('serves hashed assets as immutable, compressed with brotli or gzip, and nothing outside its folder', async () => {
    const asset = await fetch(`${server.origin}/app/assets/a.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe(SCRIPT);
    const br = await get('/app/assets/a.js', 'br');
    expect(br.encoding).toBe('br');
    expect(br.body.length).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(SCRIPT);
    const gzip = await get('/app/assets/a.js', 'gzip');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(SCRIPT);
    expect((await fetch(`${server.origin}/app/..%2Foutside.txt`)).status).toBe(404);
    expect((await fetch(`${server.origin}/app/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await get('/app/..%2F..%2Foutside.txt', 'identity')).status).toBe(404);
  });
});
