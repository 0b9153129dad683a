// The SMART endpoints as a Fastify plugin: discovery under the FHIR base, authorize/token/jwks under the auth base.
import { rawBodies } from '@parcours/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '@parcours/http';
import { handleAuthorize } from './authorize.ts';
import { handleConsent } from './consent.ts';
import { pruneExpired } from './context.ts';
import type { SmartContext } from './context.ts';
import { openidConfiguration, smartConfiguration } from './discovery.ts';
import { sendJson } from './http.ts';
import { handleToken } from './token-endpoint.ts';

/** Forms and assertions are small: a larger body is refused (413) before it is read. */
export const SMART_BODY_LIMIT = 64 * 1024;
const ANY = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface SmartPaths {
  /** Path of the FHIR base (discovery documents live under it), e.g. /fhir. */
  fhirPath: string;
  /** Path of the authorization server, e.g. /auth. */
  authPath: string;
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * The handlers send their own answer and resolve to nothing: the reply is returned so that Fastify waits for it
 * (a compressed answer is still streaming when they resolve; without this Fastify would send an empty one).
 */
function answered(handler: Handler): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  return async (request, reply) => {
    await handler(request, reply);
    return reply;
  };
}

function methodNotAllowed(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendJson(reply, 405, { error: 'invalid_request', error_description: 'Method not allowed' });
}

export function smartRoutes(ctx: SmartContext, paths: SmartPaths): (app: FastifyInstance) => Promise<void> {
  const { fhirPath, authPath } = paths;
  return async (app) => {
    rawBodies(app, 'string');
    app.addHook('onRequest', (_request, _reply, done) => {
      pruneExpired(ctx);
      done();
    });
    app.get(`${fhirPath}/.well-known/smart-configuration`, (_request, reply) => sendJson(reply, 200, smartConfiguration(ctx)));
    app.get(`${fhirPath}/.well-known/openid-configuration`, async (_request, reply) => sendJson(reply, 200, await openidConfiguration(ctx)));
    app.get(`${authPath}/jwks`, async (_request, reply) => sendJson(reply, 200, (await ctx.keys()).jwks));
    // Any method reaches the token endpoint: it answers a non-POST with an RFC 6749 error itself.
    app.route({ method: ANY, url: `${authPath}/token`, bodyLimit: SMART_BODY_LIMIT, handler: answered((request, reply) => handleToken(ctx, request, reply)) });
    app.post(`${authPath}/authorize/consent`, { bodyLimit: SMART_BODY_LIMIT }, answered((request, reply) => handleConsent(ctx, request, reply)));
    app.route({ method: ['PUT', 'PATCH', 'DELETE'], url: `${authPath}/authorize/consent`, handler: methodNotAllowed });
    app.route({
      method: ['GET', 'POST'],
      url: `${authPath}/authorize`,
      bodyLimit: SMART_BODY_LIMIT,
      handler: answered((request, reply) => handleAuthorize(ctx, request, reply, new URL(request.url, 'http://localhost'))),
    });
    app.route({ method: ['PUT', 'PATCH', 'DELETE'], url: `${authPath}/authorize`, handler: methodNotAllowed });
  };
}
