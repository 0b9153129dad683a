// Anti-forgery for the EHR simulator's launch form (double submit): the page sets a random token both as a
// SameSite=Strict, HttpOnly cookie and as a hidden field; a launch is accepted only when both are present and
// equal, and when the browser's Origin (if sent) is the page's own. A cross-site form post carries neither.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'parcours_ehr_csrf';

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfCookie(token: string): string {
  return `${COOKIE}=${token}; Path=/ehr; HttpOnly; SameSite=Strict`;
}

function cookieValue(req: IncomingMessage): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

/** True when the form's token matches the cookie's and the request comes from the page's own origin (its Host). */
export function checkCsrf(req: IncomingMessage, form: URLSearchParams): boolean {
  const sent = req.headers.origin;
  if (sent !== undefined && (sent === 'null' || URL.parse(sent)?.host !== req.headers.host)) return false;
  const cookie = cookieValue(req);
  const field = form.get('csrf');
  if (!cookie || !field || cookie.length !== field.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}
