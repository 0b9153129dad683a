/**
 * The sandbox: FHIR server, SMART App Launch simulator, EHR simulator and the app on one origin.
 * Layout: `/` EHR simulator, `/fhir` FHIR base, `/auth/*` authorization server, `/app/` the app.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { createExchange } from '@parcours/exchange';
import type { Exchange } from '@parcours/exchange';
import { createFhirServer } from '@parcours/fhir-server';
import type { FhirServer } from '@parcours/fhir-server';
import { createSmartServer } from '@parcours/smart';
import type { PatientSummary, SmartServer, SmartServerOptions, SyntheticUser } from '@parcours/smart';
import { listenFirst, pathOnly, sendOutcome, notFoundOutcome } from '@parcours/http';
import type { FastifyReply, FastifyRequest } from '@parcours/http';
import { WATCH_SCOPES, createWatch } from '@parcours/watch';
import type { Watch } from '@parcours/watch';
import { programmeOrganizations } from '@parcours/cohort';
import { INDICATOR_SCOPES, evaluateOperationRoute } from '@parcours/indicators';
import { SecurityLabel } from '@parcours/profiles';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { EHR_BODY_LIMIT, ehrRoutes } from './ehr-routes.ts';
import { createEhr } from './ehr-server.ts';
import type { Ehr } from './ehr-server.ts';
import { dpiLaunchForm, dpiLaunchRoutes } from './ehr-launch.ts';
import { planTokenExchange } from './plan-exchange.ts';
import { seed } from './seed.ts';
import type { SeedResult } from './seed.ts';
import { appFiles, connectOrigins } from './static.ts';
import { SANDBOX_USERS, deniedLabels } from './team.ts';

export const APP_CLIENT_ID = 'parcours-app';
/** The discharge exchange's own backend client, and a demo hospital client allowed to send (and operate) it. */
export const EXCHANGE_CLIENT_ID = 'parcours-exchange';
export const HOSPITAL_CLIENT_ID = 'hopital-demo';
/** The care-break watch's backend client (@parcours/watch). */
export const WATCH_CLIENT_ID = 'parcours-watch';
/** The indicators CLI's backend client (@parcours/indicators: `pnpm indicators --client-id parcours-indicators`). */
export const INDICATORS_CLIENT_ID = 'parcours-indicators';

interface ExchangeKeys {
  exchange: JWK;
  hospital: JWK;
  watch: JWK;
  indicators: JWK;
}

/** ES384 keys of the exchange, the demo hospital and the watch, kept in the data folder (exchange-keys.json). */
async function exchangeKeys(dataDir: string): Promise<ExchangeKeys> {
  const file = dataDir === ':memory:' ? undefined : join(dataDir, 'exchange-keys.json');
  const make = async (kid: string): Promise<JWK> => ({ ...(await exportJWK((await generateKeyPair('ES384', { extractable: true })).privateKey)), kid, alg: 'ES384' });
  const stored = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ExchangeKeys>) : {};
  if (stored.exchange && stored.hospital && stored.watch && stored.indicators) return stored as ExchangeKeys;
  // A data folder from before the watch (or the indicators) keeps its keys and gains the missing ones.
  const keys = {
    exchange: stored.exchange ?? (await make('exchange-1')), hospital: stored.hospital ?? (await make('hopital-demo-1')),
    watch: stored.watch ?? (await make('watch-1')), indicators: stored.indicators ?? (await make('indicators-1')),
  };
  if (file) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return keys;
}

function publicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Folder of the FHIR store and the signing key; `:memory:` keeps nothing. */
  dataDir: string;
  /** Built app folder (packages/app/dist); /app/ answers 404 without it. */
  appDir?: string;
  /**
   * FHIR and authorization servers on other origins the hosted app may reach (its CSP `connect-src`), e.g. the
   * official SMART launcher; the sandbox's own origin is always allowed. Default: PARCOURS_CONNECT_ORIGINS.
   */
  connectOrigins?: string[];
  /** Port of the exchange's HL7 v2 MLLP listener (loopback only); none when absent, 0 for a free port. */
  mllpPort?: number;
  /** The care-break watch: one pass once the data is loaded, then its schedule (default on; `false` for none). */
  watch?: false | { pollMs?: number; fullEveryMs?: number };
  /** The plan authorization server's clock in milliseconds (tests of token lifetimes); default Date.now. */
  now?: () => number;
}

export interface Sandbox {
  url: string;
  /** The one HTTP server of the origin (to observe requests, e.g. in benches). */
  server: Server;
  fhirBaseUrl: string;
  fhir: FhirServer;
  smart: SmartServer;
  /** The GP's EHR: its own FHIR server (/dpi/fhir) and authorization server (/dpi/auth), trusted by the plan server. */
  ehr: Ehr;
  exchange: Exchange;
  seeded: SeedResult;
  /** The care-break watch (absent with `watch: false`). */
  watch?: Watch;
  close(): Promise<void>;
}

function patientSummary(patient: Patient): PatientSummary {
  const name = patient.name?.[0];
  const text = name?.text ?? [name?.given?.join(' '), name?.family].filter(Boolean).join(' ');
  return { id: patient.id ?? '', name: text || (patient.id ?? ''), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) };
}

interface Servers {
  fhir: FhirServer;
  smart: SmartServer;
  ehr: Ehr;
  exchange: Exchange;
  seeded: SeedResult;
  keys: ExchangeKeys;
  listPatients(): Promise<PatientSummary[]>;
}

function createSmart(url: string, keys: ExchangeKeys, options: SandboxOptions, listPatients: (user: SyntheticUser) => Promise<PatientSummary[]>, tokenExchange: SmartServerOptions['tokenExchange']): SmartServer {
  const appUrl = `${url}/app`;
  return createSmartServer({
    fhirBaseUrl: `${url}/fhir`,
    clients: [{
      clientId: APP_CLIENT_ID,
      name: 'Parcours',
      type: 'public',
      redirectUris: [`${appUrl}/index.html`],
      // Patient-level scopes for one person's plan; user-level scopes (no delete) for the caseload, launched without a
      // person: both bounded by the care-team policy (the people of the user's active care teams, nobody else).
      scopes: 'openid fhirUser launch launch/patient online_access offline_access patient/*.cruds user/*.crus',
      launchUrl: `${appUrl}/launch.html`,
    }, {
      clientId: EXCHANGE_CLIENT_ID,
      name: 'Échange de sortie / Discharge exchange',
      type: 'confidential-asymmetric',
      scopes: 'system/*.cruds',
      jwks: { keys: [publicJwk(keys.exchange)] },
    }, {
      clientId: HOSPITAL_CLIENT_ID,
      name: 'Hôpital de démonstration / Demo hospital',
      type: 'confidential-asymmetric',
      scopes: 'system/Bundle.crus',
      jwks: { keys: [publicJwk(keys.hospital)] },
    }, {
      clientId: WATCH_CLIENT_ID,
      name: 'Veille des ruptures de soins / Care-break watch',
      type: 'confidential-asymmetric',
      // The least the watch needs: read plans, teams, encounters and appointments; write its Flags, Tasks, Device.
      scopes: WATCH_SCOPES,
      jwks: { keys: [publicJwk(keys.watch)] },
    }, {
      clientId: INDICATORS_CLIENT_ID,
      name: 'Indicateurs des financeurs / Funders\' indicators',
      type: 'confidential-asymmetric',
      // Read only, the types the indicators count (aggregates; the CLI writes nothing).
      scopes: INDICATOR_SCOPES,
      jwks: { keys: [publicJwk(keys.indicators)] },
    }],
    users: SANDBOX_USERS.map(({ id, fhirUser, name, role }) => ({ id, fhirUser, name, ...(role ? { role } : {}) })),
    deniedLabels,
    listPatients,
    ...(tokenExchange ? { tokenExchange } : {}),
    ...(options.now ? { now: options.now } : {}),
    // « bris de glace »: 15 minutes, read only, never psychotherapy notes, audited with its reason (smart README).
    emergencyAccess: { deniedLabels: [SecurityLabel.Psychotherapy] },
    ...(options.dataDir === ':memory:' ? {} : { keyFile: join(options.dataDir, 'signing-key.json') }),
  });
}

/** The FHIR server, the SMART server and the exchange of one origin, the store seeded. */
async function createServers(url: string, options: SandboxOptions): Promise<Servers> {
  const memory = options.dataDir === ':memory:';
  const fhirBaseUrl = `${url}/fhir`;
  // The SMART server needs the patient lists of its pickers; the FHIR server needs the SMART guard: the lists
  // read the store through this holder, filled just below. The EHR simulator's list is every person (the EHR's own).
  const store: { fhir?: FhirServer } = {};
  const listPatients = async (): Promise<PatientSummary[]> => {
    const bundle = await store.fhir!.repository.search<Patient>({ resourceType: 'Patient', count: 1000 });
    return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [patientSummary(entry.resource)] : []));
  };
  // The standalone picker offers a user only the people of their care teams, by the FHIR server's own policy.
  const teamPatients = async (user: SyntheticUser): Promise<PatientSummary[]> => (await store.fhir!.careTeamPatients(user.fhirUser)).map(patientSummary);
  const keys = await exchangeKeys(options.dataDir);
  // The GP's EHR first: the plan server trusts its keys for the token exchange.
  const ehr = await createEhr(url, options.dataDir);
  const smart = createSmart(url, keys, options, teamPatients, planTokenExchange(ehr.trustedIssuer, () => store.fhir!.repository));
  await smart.ready();
  // Every write through the API is validated against its Parcours profile (422 with an OperationOutcome when not).
  const fhir = await createFhirServer({ dataDir: memory ? ':memory:' : join(options.dataDir, 'fhir'), baseUrl: fhirBaseUrl, guard: smart.guard, validateWrites: true, capabilitySecurity: smart.capabilitySecurity(),
    // Measure/[id]/$evaluate-measure (@parcours/indicators), through the server's extension point.
    operations: evaluateOperationRoute() });
  store.fhir = fhir;
  const seeded = await seed(fhir.repository);
  const exchange = await createExchange({
    dataDir: memory ? ':memory:' : join(options.dataDir, 'exchange'),
    fhirBaseUrl,
    tokenEndpoint: `${url}/auth/token`,
    clientId: EXCHANGE_CLIENT_ID,
    privateJwk: keys.exchange,
    assigners: { 'CHU-ROUBAIX^PI': 'https://chu-roubaix.exemple.fr/fhir/identifiers/ipp', 'CHU-ROUBAIX^VN': 'https://chu-roubaix.exemple.fr/fhir/identifiers/sejour' },
    log: (line) => console.error(line),
    ...(options.mllpPort !== undefined ? { mllp: { port: options.mllpPort, host: '127.0.0.1' } } : {}),
  });
  return { fhir, smart, ehr, exchange, seeded, keys, listPatients };
}

/** A person's browser gets a sentence; an API client (FHIR, auth, exchange) an OperationOutcome. */
function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOnly(request.url);
  if (/^\/(dpi\/)?(fhir|auth|exchange)(\/|$)/.test(path)) return sendOutcome(reply, notFoundOutcome(request), 404);
  return reply.code(404).type('text/plain; charset=utf-8').send('Page introuvable. / Not found.');
}

/** Starts the sandbox: one Fastify instance (@parcours/http) composing the FHIR, SMART, exchange, EHR and app routes. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const origins = connectOrigins(options.connectOrigins ?? (process.env.PARCOURS_CONNECT_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean));
  let url = '';
  let servers: Servers | undefined;
  const listening = await listenFirst({ name: 'sandbox', port: options.port ?? 8080, host, bodyLimit: EHR_BODY_LIMIT, notFound }, async (app, _origin, port) => {
    url = `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    servers = await createServers(url, options);
    await app.register(servers.smart.routes);
    await app.register(servers.fhir.routes);
    await app.register(servers.ehr.smart.routes);
    await app.register(servers.ehr.fhir.routes);
    await app.register(servers.exchange.routes);
    await app.register(dpiLaunchRoutes({ appUrl: `${url}/app`, ehr: servers.ehr }));
    await app.register(ehrRoutes({ fhirBaseUrl: `${url}/fhir`, appUrl: `${url}/app`, smart: servers.smart, listPatients: servers.listPatients, moreForms: (csrf) => dpiLaunchForm(servers!.ehr, csrf) }));
    if (options.appDir) await app.register(appFiles(options.appDir, origins));
  });
  const { fhir, smart, ehr, exchange, seeded, keys } = servers as Servers;
  // The watch is a client of this origin like any other: it starts once the server answers.
  const watch = options.watch === false ? undefined : createWatch({
    fhirBaseUrl: `${url}/fhir`,
    tokenEndpoint: `${url}/auth/token`,
    clientId: WATCH_CLIENT_ID,
    privateJwk: keys.watch,
    rules: { organizations: programmeOrganizations() },
    log: (line) => console.error(line),
    ...options.watch,
  });
  watch?.start();
  return {
    url, server: listening.app.server, fhirBaseUrl: `${url}/fhir`, fhir, smart, ehr, exchange, seeded, ...(watch ? { watch } : {}),
    close: async () => {
      await watch?.stop();
      await listening.close();
      await exchange.close();
      await fhir.close();
      await ehr.close();
    },
  };
}
