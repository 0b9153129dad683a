/**
 * The sandbox: FHIR server, SMART App Launch simulator, EHR simulator and the app on one origin.
 * Layout: `/` EHR simulator, `/fhir` FHIR base, `/auth/*` authorization server, `/app/` the app.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { createExchange } from '@parcours/exchange';
import type { Exchange } from '@parcours/exchange';
import { createFhirServer } from '@parcours/fhir-server';
import type { FhirServer } from '@parcours/fhir-server';
import { createSmartServer } from '@parcours/smart';
import type { PatientSummary, SmartServer } from '@parcours/smart';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { ehrPage, iframePage } from './ehr-page.ts';
import { seed } from './seed.ts';
import type { SeedResult } from './seed.ts';
import { serveStatic } from './static.ts';
import { SANDBOX_USERS, deniedLabels } from './team.ts';

export const APP_CLIENT_ID = 'parcours-app';
/** The discharge exchange's own backend client, and a demo hospital client allowed to send (and operate) it. */
export const EXCHANGE_CLIENT_ID = 'parcours-exchange';
export const HOSPITAL_CLIENT_ID = 'hopital-demo';

interface ExchangeKeys {
  exchange: JWK;
  hospital: JWK;
}

/** ES384 keys of the exchange and of the demo hospital, kept in the data folder (exchange-keys.json). */
async function exchangeKeys(dataDir: string): Promise<ExchangeKeys> {
  const file = dataDir === ':memory:' ? undefined : join(dataDir, 'exchange-keys.json');
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ExchangeKeys;
  const make = async (kid: string): Promise<JWK> => ({ ...(await exportJWK((await generateKeyPair('ES384', { extractable: true })).privateKey)), kid, alg: 'ES384' });
  const keys = { exchange: await make('exchange-1'), hospital: await make('hopital-demo-1') };
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
  /** Port of the exchange's HL7 v2 MLLP listener (loopback only); none when absent, 0 for a free port. */
  mllpPort?: number;
}

export interface Sandbox {
  url: string;
  fhirBaseUrl: string;
  fhir: FhirServer;
  smart: SmartServer;
  exchange: Exchange;
  seeded: SeedResult;
  close(): Promise<void>;
}

function patientSummary(patient: Patient): PatientSummary {
  const name = patient.name?.[0];
  const text = name?.text ?? [name?.given?.join(' '), name?.family].filter(Boolean).join(' ');
  return { id: patient.id ?? '', name: text || (patient.id ?? ''), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  const port = await listen(server, options.port ?? 8080, host);
  const url = `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const fhirBaseUrl = `${url}/fhir`;
  const memory = options.dataDir === ':memory:';

  // The SMART server needs the patient list for its picker; the FHIR server needs the SMART guard: the list
  // reads the store through this holder, filled just below.
  const store: { fhir?: FhirServer } = {};
  const listPatients = async (): Promise<PatientSummary[]> => {
    const bundle = await store.fhir!.repository.search<Patient>({ resourceType: 'Patient', count: 1000 });
    return (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [patientSummary(entry.resource)] : []));
  };
  const appUrl = `${url}/app`;
  const keys = await exchangeKeys(options.dataDir);
  const smart = createSmartServer({
    fhirBaseUrl,
    clients: [{
      clientId: APP_CLIENT_ID,
      name: 'Parcours',
      type: 'public',
      redirectUris: [`${appUrl}/index.html`],
      scopes: 'openid fhirUser launch launch/patient online_access offline_access patient/*.cruds user/*.rs',
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
    }],
    users: SANDBOX_USERS.map(({ id, fhirUser, name, role }) => ({ id, fhirUser, name, ...(role ? { role } : {}) })),
    deniedLabels,
    listPatients,
    ...(memory ? {} : { keyFile: join(options.dataDir, 'signing-key.json') }),
  });
  await smart.ready();
  // Every write through the API is validated against its Parcours profile (422 with an OperationOutcome when not).
  const fhir = await createFhirServer({ dataDir: memory ? ':memory:' : join(options.dataDir, 'fhir'), baseUrl: fhirBaseUrl, guard: smart.guard, validateWrites: true, capabilitySecurity: smart.capabilitySecurity() });
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

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', url).pathname;
    if (await smart.handle(req, res)) return;
    if (path === '/fhir' || path.startsWith('/fhir/')) return fhir.handle(req, res);
    if (await exchange.handle(req, res)) return;
    if (path.startsWith('/app/') && options.appDir && serveStatic(options.appDir, path.slice('/app/'.length), res)) return;
    if (path === '/app') {
      res.writeHead(302, { Location: '/app/launch.html' }).end();
      return;
    }
    if (path === '/' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(ehrPage(await listPatients(), fhirBaseUrl));
      return;
    }
    if (path === '/ehr/launch' && req.method === 'POST') {
      const form = await readForm(req);
      const user = SANDBOX_USERS.find((u) => u.id === form.get('user'));
      const patient = form.get('patient') ?? '';
      const person = (await listPatients()).find((p) => p.id === patient);
      if (!user || !person) {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Utilisateur ou personne inconnu(e). / Unknown user or person.');
        return;
      }
      const launch = smart.createLaunch({ user: user.id, patient, needPatientBanner: form.get('target') !== 'iframe' });
      const launchUrl = `${appUrl}/launch.html?iss=${encodeURIComponent(fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`;
      if (form.get('target') === 'iframe') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(iframePage(launchUrl, person));
      } else {
        res.writeHead(303, { Location: launchUrl, 'Cache-Control': 'no-store' }).end();
      }
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Page introuvable. / Not found.');
  };
  server.on('request', (req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed:', error instanceof Error ? error.message : String(error));
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Erreur interne. / Internal error.');
    });
  });

  return {
    url, fhirBaseUrl, fhir, smart, exchange, seeded,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await exchange.close();
      await fhir.close();
    },
  };
}
