// The CLI's connection to a FHIR server: SMART Backend Services (the watch's client: private_key_jwt, then
// bearer tokens) when a client id and key are given, else plain requests (an open server). The token endpoint
// is discovered from the server's .well-known/smart-configuration when not given.
// https://hl7.org/fhir/smart-app-launch/backend-services.html
import { readFileSync } from 'node:fs';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { outcomeText } from '@parcours/outcomes';
import { WatchClient } from '@parcours/watch';
import type { JWK } from 'jose';
import { INDICATOR_SCOPES } from './mount.ts';
import type { PagingClient } from './source.ts';

export class CliError extends Error {
  override readonly name = 'CliError';
}

export interface ConnectOptions {
  server: string;
  clientId?: string;
  keyFile?: string;
  tokenEndpoint?: string;
  timeoutMs?: number;
}

function readKey(file: string): JWK {
  let parsed: JWK & Record<string, JWK>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as JWK & Record<string, JWK>;
  } catch (error) {
    throw new CliError(`Impossible de lire la clé privée ${file} (${(error as Error).message}). Donnez un fichier JWK. / Cannot read the private key.`);
  }
  // A keys file holding several keys by name (the sandbox's exchange-keys.json): take the indicators'.
  const key = parsed.kty ? parsed : parsed.indicators;
  if (!key?.kty) throw new CliError(`Aucune clé JWK dans ${file} (ni une JWK, ni une entrée "indicators"). / No JWK in the file.`);
  return key;
}

async function discoverTokenEndpoint(base: string, timeoutMs: number): Promise<string> {
  const res = await fetch(`${base}/.well-known/smart-configuration`, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
    throw new CliError(`Serveur injoignable : ${base} (${(error as Error).message}). Vérifiez --server. / Server unreachable.`);
  });
  const body = (await res.json().catch(() => ({}))) as { token_endpoint?: string };
  if (!res.ok || !body.token_endpoint) throw new CliError(`Le serveur ne publie pas de token_endpoint SMART (${res.status}) : donnez --token-endpoint. / No SMART token endpoint found.`);
  return body.token_endpoint;
}

/** Plain FHIR requests without authentication (open servers, tests). */
function openClient(base: string, timeoutMs: number): PagingClient {
  return {
    async request<T = Resource>(method: string, path: string): Promise<T | undefined> {
      const url = /^https?:/.test(path) ? path : `${base}/${path.replace(/^\/+/, '')}`;
      if (!url.startsWith(`${base}/`)) throw new CliError('Lien hors du serveur FHIR / link outside the FHIR server');
      const res = await fetch(url, { method, headers: { Accept: 'application/fhir+json' }, signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
        throw new CliError(`Serveur FHIR injoignable : ${base} (${(error as Error).message}). / FHIR server unreachable.`);
      });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as Resource) : undefined;
      if (!res.ok) {
        const why = parsed?.resourceType === 'OperationOutcome' ? outcomeText(parsed as OperationOutcome) : text.slice(0, 200);
        throw new CliError(`${method} ${url.slice(base.length).split('?')[0]} → ${res.status} : ${why}`);
      }
      return parsed as T;
    },
  };
}

/** A client of the server, authenticated when a client id and key are given. */
export async function connect(options: ConnectOptions): Promise<PagingClient> {
  const base = options.server.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!/^https?:\/\/[^/]/.test(base)) throw new CliError(`--server doit être une URL http(s) de base FHIR (reçu « ${options.server} »). / --server must be an http(s) FHIR base URL.`);
  if (!options.clientId && !options.keyFile) return openClient(base, timeoutMs);
  if (!options.clientId || !options.keyFile) throw new CliError('Donnez --client-id et --key ensemble (SMART Backend Services). / Give --client-id and --key together.');
  const privateJwk = readKey(options.keyFile);
  const tokenEndpoint = options.tokenEndpoint ?? (await discoverTokenEndpoint(base, timeoutMs));
  return new WatchClient({ fhirBaseUrl: base, tokenEndpoint, clientId: options.clientId, privateJwk, scope: INDICATOR_SCOPES, timeoutMs });
}
