// Serves the built app (packages/app/dist) under /app/. Paths are resolved inside the folder only.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** The origins of configured FHIR and authorization servers (any URL on them), for `connect-src`. */
export function connectOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.map((url) => {
    const parsed = URL.parse(url);
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      throw new Error(`PARCOURS_CONNECT_ORIGINS: "${url}" is not an http(s) URL. Give the FHIR and authorization server URLs, e.g. https://launch.smarthealthit.org/v/r4/fhir`);
    }
    return parsed.origin;
  }))];
}

/**
 * Content-Security-Policy of an app page: scripts only from this origin plus the page's own inline scripts (by hash),
 * FHIR and auth requests to this origin and to the configured FHIR / authorization origins (fhirclient fetches their
 * `.well-known/smart-configuration`, `metadata` and token endpoint from the browser), framing only by this origin's
 * EHR simulator. 'unsafe-inline' for styles only. Narratives are also sanitised by the app (DOMPurify).
 */
export function contentSecurityPolicy(html: string, origins: readonly string[] = []): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${origins.map((o) => ` ${o}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Returns false when the file does not exist (the caller answers 404). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, origins: readonly string[] = []): boolean {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const file = join(root, relative === '' ? 'index.html' : relative);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return false;
  }
  const hashed = /[/\\]assets[/\\]/.test(file);
  if (extname(file) === '.html') {
    const html = readFileSync(file, 'utf8');
    res.writeHead(200, {
      'Content-Type': TYPES['.html'],
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': contentSecurityPolicy(html, origins),
      // The redirect page carries the authorization code in its address: never send it to another site.
      'Referrer-Policy': 'no-referrer',
    });
    res.end(html);
    return true;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file).pipe(res);
  return true;
}
