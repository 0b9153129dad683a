// Serves the built app (packages/app/dist) under /app/, compressed (brotli or gzip, by @parcours/http; a `.br` or
// `.gz` file next to the original is served as it is). Paths are resolved inside the folder only.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { staticFiles } from '@parcours/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '@parcours/http';

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
 * styles only from this origin's files, FHIR and auth requests to this origin and to the configured FHIR /
 * authorization origins (fhirclient fetches their `.well-known/smart-configuration`, `metadata` and token endpoint
 * from the browser), framing only by this origin's EHR simulator. No 'unsafe-inline' for styles: the built app has no <style> element nor style attribute (React and
 * uPlot set styles through the CSSOM, which CSP does not restrict; DOMPurify drops narratives' style attributes).
 */
export function contentSecurityPolicy(html: string, origins: readonly string[] = []): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${origins.map((o) => ` ${o}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The file an /app/ path names inside `root`, or undefined (the caller answers 404). */
function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(root, relative === '' ? 'index.html' : relative);
  return file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function servePage(reply: FastifyReply, file: string, origins: readonly string[]): FastifyReply {
  const html = readFileSync(file, 'utf8');
  return reply
    .headers({
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': contentSecurityPolicy(html, origins),
      // The redirect page carries the authorization code in its address: never send it to another site.
      'Referrer-Policy': 'no-referrer',
    })
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Fastify plugin serving `root` under /app/ (and /app → the launch page). */
export function appFiles(root: string, origins: readonly string[] = []): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    await app.register(staticFiles, { root, serve: false, preCompressed: true, cacheControl: false, etag: true, lastModified: true });
    app.get('/app', (_request, reply) => reply.redirect('/app/launch.html', 302));
    app.get('/app/*', (request: FastifyRequest, reply: FastifyReply) => {
      const urlPath = new URL(request.url, 'http://localhost').pathname.slice('/app/'.length);
      const file = resolveInside(root, urlPath);
      if (!file) return reply.callNotFound();
      if (extname(file) === '.html') return servePage(reply, file, origins);
      const hashed = /[/\\]assets[/\\]/.test(file);
      reply.headers({ 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache', 'X-Content-Type-Options': 'nosniff' });
      return reply.sendFile(file.slice(root.length + 1), root);
    });
  };
}
