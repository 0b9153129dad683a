import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrigins, contentSecurityPolicy, serveStatic } from './static.ts';

const INLINE = "console.log('early')";
let dir: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<html><script>${INLINE}</script><script type="module" src="/app/assets/a.js"></script></html>`);
  writeFileSync(join(dir, 'assets', 'a.js'), 'export {};');
  writeFileSync(join(tmpdir(), 'outside.txt'), 'secret');
  const server = createServer((req, res) => {
    if (!serveStatic(dir, (req.url ?? '/').replace(/^\/app\//, ''), res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'outside.txt'), { force: true });
});

describe('serveStatic', () => {
  it('serves pages with a Content-Security-Policy allowing exactly their inline scripts, and no referrer', async () => {
    const res = await fetch(`${base}/app/index.html`);
    expect(res.status).toBe(200);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`script-src 'self' 'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`);
    expect(policy).not.toContain("'unsafe-inline' ;");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('lets the app reach the configured FHIR and authorization origins, and only them', () => {
    const origins = connectOrigins(['https://launch.smarthealthit.org/v/r4/fhir', 'https://auth.example.org/oauth/token', 'https://launch.smarthealthit.org/other']);
    expect(origins).toEqual(['https://launch.smarthealthit.org', 'https://auth.example.org']);
    const policy = contentSecurityPolicy(`<script>${INLINE}</script>`, origins);
    expect(policy).toContain("connect-src 'self' https://launch.smarthealthit.org https://auth.example.org;");
    expect(contentSecurityPolicy(`<script>${INLINE}</script>`)).toContain("connect-src 'self';");
    expect(() => connectOrigins(['javascript:alert(1)'])).toThrow(/PARCOURS_CONNECT_ORIGINS/);
  });

  it('serves hashed assets as immutable and nothing outside its folder', async () => {
    const asset = await fetch(`${base}/app/assets/a.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/app/..%2Foutside.txt`)).status).toBe(404);
    expect((await fetch(`${base}/app/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });
});
