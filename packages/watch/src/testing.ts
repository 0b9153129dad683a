// Test and bench fixture: a SMART authorization server on its own origin and a real @parcours/fhir-server guarded
// by it (writes validated against the Parcours profiles), with the watch's backend client registered with
// WATCH_SCOPES only. `watch()` makes a watch on them; `put()` writes fixtures straight into the repository.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { start } from '@parcours/fhir-server';
import type { FhirGuard, FhirServer } from '@parcours/fhir-server';
import { startSmartServer } from '@parcours/smart';
import type { SmartServer } from '@parcours/smart';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { WATCH_SCOPES } from './client.ts';
import { createWatch } from './watch.ts';
import type { Watch, WatchOptions } from './watch.ts';

export const WATCH_CLIENT_ID = 'parcours-watch';

export interface WatchBackend {
  fhirUrl: string;
  tokenEndpoint: string;
  jwk: JWK;
  fhir: FhirServer;
  watch(options?: Partial<WatchOptions>): Watch;
  put(resources: Resource[]): Promise<void>;
  close(): Promise<void>;
}

export async function startWatchBackend(options: { validateWrites?: boolean } = {}): Promise<WatchBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parcours-watch-'));
  const holder: { smart?: SmartServer } = {};
  const guard: FhirGuard = {
    authorize: (req, request) => {
      if (!holder.smart) throw new Error('SMART server not ready');
      return holder.smart.guard.authorize(req, request);
    },
  };
  const fhir = await start({ dataDir, guard, validateWrites: options.validateWrites ?? true, synchronous: 'NORMAL' });
  const pair = await generateKeyPair('ES384', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(pair.privateKey)), kid: 'watch-1', alg: 'ES384' };
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'watch-1', alg: 'ES384' };
  const auth = await startSmartServer((origin) => ({
    fhirBaseUrl: fhir.url,
    authBaseUrl: `${origin}/auth`,
    clients: [{ clientId: WATCH_CLIENT_ID, type: 'confidential-asymmetric', scopes: WATCH_SCOPES, jwks: { keys: [publicJwk] } }],
    users: [],
    backendTokenLifetime: 3600,
  }));
  holder.smart = auth.smart;
  const tokenEndpoint = `${auth.origin}/auth/token`;
  return {
    fhirUrl: fhir.url,
    tokenEndpoint,
    jwk,
    fhir: fhir.server,
    watch: (extra = {}) => createWatch({ fhirBaseUrl: fhir.url, tokenEndpoint, clientId: WATCH_CLIENT_ID, privateJwk: jwk, ...extra }),
    put: async (resources) => {
      await fhir.server.repository.withTransaction(async (tx) => {
        for (const resource of resources) await tx.updateResource(resource as Resource & { id: string });
      }, { resourceTypes: [...new Set(resources.map((r) => r.resourceType))] });
    },
    close: async () => {
      await auth.close();
      await fhir.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
