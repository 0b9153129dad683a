// Reply helpers of the auth endpoints (Fastify replies from @parcours/http).
import type { FastifyReply } from '@parcours/http';

export function sendJson(res: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  return res.code(status).headers(headers).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function sendHtml(res: FastifyReply, status: number, html: string): FastifyReply {
  return res
    .code(status)
    .headers({
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // The consent page must not be framed by another origin (clickjacking). No form-action: the form's answer
      // redirects to the app's origin. Its styles are inline in the page itself.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    })
    .type('text/html; charset=utf-8')
    .send(html);
}

export function redirect(res: FastifyReply, location: string): FastifyReply {
  return res.code(302).headers({ Location: location, 'Cache-Control': 'no-store' }).send();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
