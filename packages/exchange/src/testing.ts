// Test and bench fixture: a SMART authorization server (its own origin) and a real @parcours/fhir-server
// (`start()`, guarded by the SMART server) seeded with the profiles' examples plus a team and a shared plan for the
// discharge scenario's person. The FHIR server can be stopped and restarted on the same port and data folder.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hl7Message } from '@medplum/core';
import type { Bundle, CarePlan, CareTeam, Resource } from '@medplum/fhirtypes';
import type { Hl7Client } from '@medplum/hl7';
import { start } from '@parcours/fhir-server';
import { createHttpApp, listen as listenHttp } from '@parcours/http';
import type { FhirGuard, FhirServer } from '@parcours/fhir-server';
import { CodeSystemUrl, ProfileUrl, examples } from '@parcours/profiles';
import { startSmartServer } from '@parcours/smart';
import type { SmartServer } from '@parcours/smart';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createExchange } from './exchange.ts';
import { EXCHANGE_BODY_LIMIT } from './http-routes.ts';
import type { Exchange, ExchangeOptions } from './exchange.ts';
import type { CryptoKey, JWK } from 'jose';

export const DISCHARGE_PATIENT = 'PatientSortieExample';
export const DISCHARGE_GP = 'Practitioner/PractitionerSortieGpExample';
export const IPP_SYSTEM = 'https://chu-roubaix.exemple.fr/fhir/identifiers/ipp';
export const STAY_SYSTEM = 'https://chu-roubaix.exemple.fr/fhir/identifiers/sejour';
export const ASSIGNERS = { 'CHU-ROUBAIX^PI': IPP_SYSTEM, 'CHU-ROUBAIX^VN': STAY_SYSTEM };

export interface Backend {
  fhirUrl: string;
  tokenEndpoint: string;
  fhirPort: number;
  dataDir: string;
  server(): FhirServer;
  smart: SmartServer;
  exchangeJwk: JWK;
  /** Backend token of a registered client: `chu-roubaix` (hospital, system/Bundle.c), `exchange-operator`, `parcours-exchange`. */
  token(clientId?: string, scope?: string): Promise<string>;
  stopFhir(): Promise<void>;
  startFhir(): Promise<void>;
  close(): Promise<void>;
}

/** The team and shared plan of the discharge scenario's person (absent from the examples). */
export function dischargeTeamAndPlan(): Resource[] {
  const team: CareTeam = {
    resourceType: 'CareTeam',
    id: 'CareTeamSortieExample',
    meta: { profile: [ProfileUrl.CareTeam] },
    status: 'active',
    subject: { reference: `Patient/${DISCHARGE_PATIENT}` },
    participant: [
      { role: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'personne' }] }], member: { reference: `Patient/${DISCHARGE_PATIENT}` }, period: { start: '2024-01-10' } },
      {
        role: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'medecin-traitant' }] }, { coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'coordinateur' }] }],
        member: { reference: DISCHARGE_GP },
        period: { start: '2024-01-10' },
      },
    ],
  };
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: 'CarePlanSortieExample',
    meta: { profile: [ProfileUrl.CarePlan] },
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: CodeSystemUrl.CarePlanCategory, code: 'plan-partage' }] }],
    subject: { reference: `Patient/${DISCHARGE_PATIENT}` },
    careTeam: [{ reference: 'CareTeam/CareTeamSortieExample' }],
    title: 'Plan partagé de Philippe Marchand',
  };
  return [team, plan];
}

export function dischargeBundleExample(): Bundle {
  const bundle = examples.find((r) => r.resourceType === 'Bundle' && r.id === 'BundleSortieExample');
  if (!bundle) throw new Error('BundleSortieExample missing from @parcours/profiles examples');
  return structuredClone(bundle) as Bundle;
}

async function keyPair(kid: string): Promise<{ privateKey: CryptoKey; publicJwk: JWK; privateJwk: JWK }> {
  const pair = await generateKeyPair('ES384', { extractable: true });
  return {
    privateKey: pair.privateKey,
    publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES384' },
    privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES384' },
  };
}

/** Starts the auth server and the FHIR server (dataDir must be a folder for restarts). */
export async function startBackend(options: { dataDir: string; seed?: boolean }): Promise<Backend> {
  const holder: { smart?: SmartServer } = {};
  const guard: FhirGuard = {
    authorize: (req, request) => {
      if (!holder.smart) throw new Error('SMART server not ready');
      return holder.smart.guard.authorize(req, request);
    },
  };
  let fhir = await start({ dataDir: options.dataDir, guard });
  const fhirPort = Number(new URL(fhir.url).port);
  const keys = { exchange: await keyPair('exchange-1'), hospital: await keyPair('hospital-1'), operator: await keyPair('operator-1') };
  // The authorization server on its own origin, as a hospital's would be.
  const auth = await startSmartServer((origin) => ({
    fhirBaseUrl: fhir.url,
    authBaseUrl: `${origin}/auth`,
    clients: [
      { clientId: 'parcours-exchange', type: 'confidential-asymmetric', scopes: 'system/*.cruds', jwks: { keys: [keys.exchange.publicJwk] } },
      { clientId: 'chu-roubaix', type: 'confidential-asymmetric', scopes: 'system/Bundle.c system/Patient.rs', jwks: { keys: [keys.hospital.publicJwk] } },
      { clientId: 'exchange-operator', type: 'confidential-asymmetric', scopes: 'system/Bundle.rus', jwks: { keys: [keys.operator.publicJwk] } },
    ],
    users: [],
    backendTokenLifetime: 3600,
  }));
  const smart = auth.smart;
  holder.smart = smart;
  if (options.seed !== false) {
    const seed = [...examples.filter((r) => r.resourceType !== 'Bundle'), ...dischargeTeamAndPlan()];
    for (const resource of seed) await fhir.server.repository.updateResource(resource as Resource & { id: string });
  }
  const keyOf: Record<string, CryptoKey> = {
    'parcours-exchange': keys.exchange.privateKey,
    'chu-roubaix': keys.hospital.privateKey,
    'exchange-operator': keys.operator.privateKey,
  };
  const tokenEndpoint = `${auth.origin}/auth/token`;
  let running = true;
  return {
    get fhirUrl() {
      return fhir.url;
    },
    tokenEndpoint,
    fhirPort,
    dataDir: options.dataDir,
    server: () => fhir.server,
    smart,
    exchangeJwk: keys.exchange.privateJwk,
    token: async (clientId = 'chu-roubaix', scope = clientId === 'exchange-operator' ? 'system/Bundle.rus' : clientId === 'chu-roubaix' ? 'system/Bundle.c' : 'system/*.cruds') => {
      const key = keyOf[clientId];
      if (!key) throw new Error(`unknown test client ${clientId}`);
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid: `${clientId === 'chu-roubaix' ? 'hospital' : clientId === 'exchange-operator' ? 'operator' : 'exchange'}-1`, typ: 'JWT' })
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(tokenEndpoint)
        .setIssuedAt(now)
        .setExpirationTime(now + 240)
        .setJti(randomUUID())
        .sign(key);
      const res = await fetch(tokenEndpoint, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      });
      const body = (await res.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`token refused: ${body.error_description ?? res.status}`);
      return body.access_token;
    },
    stopFhir: async () => {
      if (!running) return;
      running = false;
      await fhir.close();
    },
    startFhir: async () => {
      if (running) return;
      fhir = await start({ dataDir: options.dataDir, guard, port: fhirPort });
      running = true;
    },
    close: async () => {
      if (running) await fhir.close();
      running = false;
      await auth.close();
    },
  };
}

/** Polls `check` until it returns a value (not undefined/false) or the bound is reached. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface ExchangeHttp {
  exchange: Exchange;
  base: string;
  close(): Promise<void>;
}

/** An exchange mounted on its own @parcours/http server (port 0), applying to the backend. */
export async function startExchangeHttp(backend: Backend, options: Partial<ExchangeOptions> & { dataDir: string }): Promise<ExchangeHttp> {
  const exchange = await createExchange({
    fhirBaseUrl: backend.fhirUrl,
    tokenEndpoint: backend.tokenEndpoint,
    clientId: 'parcours-exchange',
    privateJwk: backend.exchangeJwk,
    assigners: ASSIGNERS,
    retry: { baseMs: 50, maxMs: 500 },
    ...options,
  });
  const app = await createHttpApp({ name: 'exchange', bodyLimit: EXCHANGE_BODY_LIMIT });
  await app.register(exchange.routes);
  const server = await listenHttp(app);
  return {
    exchange,
    base: server.origin,
    close: async () => {
      await server.close();
      await exchange.close();
    },
  };
}

/**
 * A message for @medplum/hl7's Hl7Client, which depends on its own copy of @medplum/core (5.0.10, the exchange 5.2.x):
 * the same shape at run time, another class for the compiler.
 */
export function forClient(text: string): Parameters<Hl7Client['sendAndWait']>[0] {
  return Hl7Message.parse(text) as unknown as Parameters<Hl7Client['sendAndWait']>[0];
}

/** Temporary folders for one test file: `make()` in the tests, `removeAll()` in afterAll. */
export function tempDirs(): { make(): string; removeAll(): void } {
  const dirs: string[] = [];
  return {
    make() {
      const dir = mkdtempSync(join(tmpdir(), 'parcours-exchange-'));
      dirs.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
