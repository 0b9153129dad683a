// Test fixture: a real HTTP server (@parcours/http) on 127.0.0.1:0 with the SMART server and a tiny guarded FHIR
// endpoint that uses the guard as @parcours/fhir-server does (authorize, then canRead/canWrite). Used by the tests only.
import { createHash, randomBytes } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { listenFirst } from '@parcours/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '@parcours/http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JSONWebKeySet } from 'jose';
import { createSmartServer } from './server.ts';
import type { SmartServer } from './server.ts';
import type { SmartServerOptions } from './types.ts';

export interface Fixture {
  base: string;
  fhirBase: string;
  redirectUri: string;
  smart: SmartServer;
  clock: { now: number };
  backendKey: CryptoKey;
  rsaBackendKey: CryptoKey;
  resources: Map<string, Resource>;
  close(): Promise<void>;
}

export const USERS = [
  { id: 'gp', fhirUser: 'Practitioner/gp1', name: 'Dr Claire Martin', role: 'Médecin généraliste / GP' },
  { id: 'psy', fhirUser: 'Practitioner/psy1', name: 'Julien Roux', role: 'Psychologue / Psychologist' },
];

export const PATIENTS = [
  { id: 'p1', name: 'Camille Dubois', birthDate: '1979-04-12' },
  { id: 'p2', name: 'Karim Benali', birthDate: '1985-11-03' },
];

/** Whose care teams each user is in, standing for the FHIR server's policy: the GP follows both, the psychologist p2. */
export const TEAMS: Record<string, readonly string[]> = { gp: ['p1', 'p2'], psy: ['p2'] };

function seedResources(): Map<string, Resource> {
  const list: Resource[] = [
    { resourceType: 'Patient', id: 'p1' },
    { resourceType: 'Patient', id: 'p2' },
    { resourceType: 'Practitioner', id: 'gp1' },
    { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'verres/jour' }, subject: { reference: 'Patient/p1' } },
    { resourceType: 'Observation', id: 'o2', status: 'final', code: { text: 'verres/jour' }, subject: { reference: 'Patient/p2' } },
    { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p1' } },
  ];
  return new Map(list.map((r) => [`${r.resourceType}/${r.id}`, r]));
}

function send(res: FastifyReply, status: number, body: unknown): FastifyReply {
  return res.code(status).type('application/fhir+json').send(JSON.stringify(body));
}

const forbiddenBody = { resourceType: 'OperationOutcome', id: 'forbidden', issue: [{ severity: 'error', code: 'forbidden' }] };

/** A minimal FHIR endpoint: read, search, create and update, guarded like the real server (its errors go to @parcours/http). */
async function fhir(smart: SmartServer, resources: Map<string, Resource>, req: FastifyRequest, res: FastifyReply): Promise<FastifyReply> {
  const path = new URL(req.url, 'http://x').pathname;
  const [resourceType, id] = path.split('/').filter(Boolean).slice(1);
  const method = req.method;
  const interaction = method === 'GET' ? (id ? 'read' : 'search-type') : method === 'POST' ? 'create' : method === 'PUT' ? 'update' : 'delete';
  const request: { method: string; interaction: string; resourceType?: string; id?: string } = { method, interaction };
  if (resourceType) request.resourceType = resourceType;
  if (id) request.id = id;
  const grant = await smart.guard.authorize(req.raw, request);
  if (interaction === 'read') {
    const r = resources.get(`${resourceType}/${id}`);
    if (!r) return send(res, 404, { resourceType: 'OperationOutcome', issue: [] });
    return grant.canRead(r) ? send(res, 200, r) : send(res, 403, forbiddenBody);
  }
  if (interaction === 'search-type') {
    const entry = [...resources.values()].filter((r) => r.resourceType === resourceType && grant.canRead(r)).map((resource) => ({ resource }));
    return send(res, 200, { resourceType: 'Bundle', type: 'searchset', entry });
  }
  const body = req.body as Resource;
  if (!grant.canWrite(body)) return send(res, 403, forbiddenBody);
  const newId = id ?? `n${resources.size + 1}`;
  const stored = { ...body, id: newId } as Resource;
  resources.set(`${resourceType}/${newId}`, stored);
  return send(res, id ? 200 : 201, stored);
}

function fixtureRoutes(smart: SmartServer, resources: Map<string, Resource>, rsaJwks: JSONWebKeySet): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, text, done) => done(null, JSON.parse(String(text)) as unknown));
    app.get('/test/jwks', (_req, res) => send(res, 200, rsaJwks));
    app.route({ method: ['GET', 'POST', 'PUT', 'DELETE'], url: '/fhir/*', handler: (req, res) => fhir(smart, resources, req, res) });
  };
}

function smartOptions(base: string, clock: { now: number }, backendJwks: JSONWebKeySet, overrides: Partial<SmartServerOptions>): SmartServerOptions {
  return {
    fhirBaseUrl: `${base}/fhir`,
    clients: [
      {
        clientId: 'parcours-app',
        name: 'Parcours',
        type: 'public',
        redirectUris: [`${base}/app/index.html`],
        scopes: ['launch', 'launch/patient', 'openid', 'fhirUser', 'offline_access', 'online_access', 'patient/*.cruds', 'user/*.cruds'],
      },
      {
        clientId: 'parcours-exchange',
        type: 'confidential-asymmetric',
        scopes: ['system/Task.cu', 'system/Patient.rs', 'system/Observation.crus'],
        jwks: backendJwks,
      },
      { clientId: 'rsa-backend', type: 'confidential-asymmetric', scopes: ['system/*.rs'], jwksUrl: `${base}/test/jwks` },
    ],
    users: USERS,
    listPatients: (user) => Promise.resolve(PATIENTS.filter((p) => TEAMS[user.id]?.includes(p.id))),
    now: () => clock.now,
    ...overrides,
  };
}

export async function startFixture(overrides: Partial<SmartServerOptions> = {}): Promise<Fixture> {
  const backend = await generateKeyPair('ES384', { extractable: true });
  const rsaBackend = await generateKeyPair('RS384', { extractable: true });
  const backendJwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(backend.publicKey)), kid: 'exchange-1', alg: 'ES384' }] };
  const rsaJwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(rsaBackend.publicKey)), kid: 'rsa-1', alg: 'RS384' }] };
  const resources = seedResources();
  const clock = { now: Date.now() };
  let smart: SmartServer | undefined;
  let base = '';
  const listening = await listenFirst({ name: 'smart-fixture' }, async (app, origin) => {
    base = origin;
    smart = createSmartServer(smartOptions(base, clock, backendJwks, overrides));
    await app.register(smart.routes);
    await app.register(fixtureRoutes(smart, resources, rsaJwks));
    await smart.ready();
  });
  const redirectUri = `${base}/app/index.html`;
  return {
    base,
    fhirBase: `${base}/fhir`,
    redirectUri,
    smart: smart as SmartServer,
    clock,
    backendKey: backend.privateKey,
    rsaBackendKey: rsaBackend.privateKey,
    resources,
    close: () => listening.close(),
  };
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Authorization request parameters of the app, overridable per test. */
export function authorizeParams(fx: Fixture, extra: Record<string, string | undefined>): URLSearchParams {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'parcours-app',
    redirect_uri: fx.redirectUri,
    aud: fx.fhirBase,
    state: 'st-123',
    code_challenge_method: 'S256',
    ...extra,
  };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
  return search;
}

export async function getAuthorize(fx: Fixture, params: URLSearchParams): Promise<Response> {
  return fetch(`${fx.base}/auth/authorize?${params.toString()}`, { redirect: 'manual' });
}

export async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
}

export async function exchangeCode(fx: Fixture, code: string, verifier?: string): Promise<Response> {
  const form: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: fx.redirectUri, client_id: 'parcours-app' };
  if (verifier !== undefined) form['code_verifier'] = verifier;
  return postForm(`${fx.base}/auth/token`, form);
}

export async function clientAssertion(
  fx: Fixture,
  options: { key?: CryptoKey; alg?: string; kid?: string; clientId?: string; aud?: string; expiresIn?: number; jti?: string } = {},
): Promise<string> {
  const clientId = options.clientId ?? 'parcours-exchange';
  const now = Math.floor(fx.clock.now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg ?? 'ES384', kid: options.kid ?? 'exchange-1', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(options.aud ?? `${fx.base}/auth/token`)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 240))
    .setJti(options.jti ?? randomBytes(12).toString('hex'))
    .sign(options.key ?? fx.backendKey);
}

export async function backendToken(fx: Fixture, assertion: string, scope = 'system/Task.cu'): Promise<Response> {
  return postForm(`${fx.base}/auth/token`, {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
}

export async function fhirGet(fx: Fixture, path: string, token?: string): Promise<Response> {
  return fetch(`${fx.fhirBase}/${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
}

export async function fhirPost(fx: Fixture, path: string, resource: Resource, token: string): Promise<Response> {
  return fetch(`${fx.fhirBase}/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  });
}
