// Request bodies: each server reads its body as text or bytes and parses it itself (FHIR JSON or forms, HL7 v2
// with its charset), always within the app's body limit (413 beyond it).
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Inside a plugin: every content type (or none) arrives as a string (`'string'`) or a Buffer (`'buffer'`). */
export function rawBodies(app: FastifyInstance, as: 'string' | 'buffer'): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: as }, (_request, body, done) => done(null, body));
}

/** The form of an application/x-www-form-urlencoded body read as a string, or undefined for another type. */
export function formOf(request: FastifyRequest): URLSearchParams | undefined {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(typeof request.body === 'string' ? request.body : '');
}
