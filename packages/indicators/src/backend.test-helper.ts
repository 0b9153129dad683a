// Test fixture: a real @parcours/fhir-server serving $evaluate-measure (mounted through its `operations` option,
// as the sandbox does), guarded by a SMART authorization server on its own origin with the indicators' backend
// client (INDICATOR_SCOPES). `put()` writes straight into the repository.
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
import { INDICATOR_SCOPES, evaluateOperationRoute } from './mount.ts';

export const INDICATORS_CLIENT_ID = 'parcours-indicators';

export interface Backend {
  fhirUrl: string;
  tokenEndpoint: string;
  jwk: JWK;
  fhir: FhirServer;
  /** A bearer token of the backend client (system level). */
  token(): Promise<string>;
  put(resources: Resource[]): Promise<void>;
  close(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parcours-indicators-'));
  const holder: { smart?: SmartServer } = {};
  const guard: FhirGuard = {
    authorize: (req, request) => {
      if (!holder.smart) throw new Error('SMART server not ready');
      return holder.smart.guard.authorize(req, request);
    },
  };
  const fhir = await start({ dataDir, guard, synchronous: 'NORMAL', operations: evaluateOperationRoute() });
  const pair = await generateKeyPair('ES384', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(pair.privateKey)), kid: 'indicators-1', alg: 'ES384' };
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'indicators-1', alg: 'ES384' };
  const auth = await startSmartServer((origin) => ({
    fhirBaseUrl: fhir.url,
    authBaseUrl: `${origin}/auth`,
    clients: [{ clientId: INDICATORS_CLIENT_ID, type: 'confidential-asymmetric', scopes: INDICATOR_SCOPES, jwks: { keys: [publicJwk] } }],
    users: [],
    backendTokenLifetime: 3600,
  }));
  holder.smart = auth.smart;
  const tokenEndpoint = `${auth.origin}/auth/token`;
  const { WatchClient } = await import('@parcours/watch');
  const client = new WatchClient({ fhirBaseUrl: fhir.url, tokenEndpoint, clientId: INDICATORS_CLIENT_ID, privateJwk: jwk, scope: INDICATOR_SCOPES });
  return {
    fhirUrl: fhir.url,
    tokenEndpoint,
    jwk,
    fhir: fhir.server,
    token: () => client.accessToken(),
    put: async (resources) => {
      await fhir.server.repository.withTransaction(async (tx) => {
        for (const resource of resources) await tx.updateResource(resource as Resource & { id: string });
      }, { resourceTypes: [...new Set(resources.map((r) => r.resourceType))] } as never);
    },
    close: async () => {
      await auth.close();
      await fhir.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
