// Sender authentication: a SMART Backend Services access token issued by the authorization server, verified with
// jose against its JWKS (jwks.ts: cached in memory and on disk, refreshed on an unknown kid, of bounded age), with a
// `system/` scope granting the needed permission on Bundle.
// https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
import type { IncomingMessage } from 'node:http';
import { errors, jwtVerify } from 'jose';
import { KeySet, KeysUnavailable } from './jwks.ts';
import { OutcomeError, bilingual, issue, outcome } from '@parcours/outcomes';

export interface AuthOptions {
  jwksUrl: string;
  /** Expected `iss` (the SMART server's issuer, e.g. the FHIR base). */
  issuer: string;
  /** Expected `aud` (default: the issuer). */
  audience?: string;
  /** Where the last good key set is kept (survives a restart during an authorization server outage). */
  keysCacheFile?: string;
  /** Age after which a cached key set is not trusted any more (ms, default 24 h). */
  keysMaxAgeMs?: number;
  log?: (line: string) => void;
}

export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface Sender {
  clientId: string;
  scopes: string[];
}

const V1: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

/** True when one `system/` scope grants `permission` on `resourceType` (v2 `system/Bundle.c`, v1 `system/*.write`). */
export function systemScopeAllows(scopes: string[], resourceType: string, permission: Permission): boolean {
  return scopes.some((scope) => {
    const m = /^system\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
    if (!m) return false;
    const [, type, perms] = m;
    if (type !== '*' && type !== resourceType) return false;
    const expanded = V1[perms ?? ''] ?? perms ?? '';
    return /^c?r?u?d?s?$/.test(expanded) && expanded.includes(permission);
  });
}

function unauthorized(fr: string, en: string, code: 'login' | 'expired' = 'login'): OutcomeError {
  return new OutcomeError(outcome('unauthorized', issue('error', code, 'Authorization', bilingual(fr, en))), { headers: { 'WWW-Authenticate': 'Bearer' } });
}

export function createAuthenticator(options: AuthOptions): (req: IncomingMessage, permission: Permission) => Promise<Sender> {
  const keys = new KeySet({
    url: options.jwksUrl,
    ...(options.keysCacheFile ? { cacheFile: options.keysCacheFile } : {}),
    ...(options.keysMaxAgeMs !== undefined ? { maxAgeMs: options.keysMaxAgeMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return async (req, permission) => {
    const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m?.[1]) throw unauthorized('Jeton d’accès manquant (SMART Backend Services)', 'Missing bearer access token (SMART Backend Services)');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(m[1], keys.getKey, {
        issuer: options.issuer,
        audience: options.audience ?? options.issuer,
        algorithms: ['ES256', 'ES384', 'RS256', 'RS384'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('Jeton d’accès expiré', 'Access token expired', 'expired');
      if (error instanceof errors.JOSEError) {
        throw unauthorized('Jeton d’accès invalide', 'Invalid access token');
      }
      if (!(error instanceof KeysUnavailable)) throw error;
      throw new OutcomeError(outcome('unavailable', issue('error', 'transient', undefined, bilingual('Clés du serveur d’autorisation indisponibles', 'Authorization server keys unavailable'))), { headers: { 'Retry-After': '5' }, cause: error });
    }
    const scopes = String(payload.scope ?? '').split(/\s+/).filter(Boolean);
    const clientId = String(payload.client_id ?? payload.sub ?? '');
    if (!systemScopeAllows(scopes, 'Bundle', permission)) {
      throw new OutcomeError(outcome('forbidden', issue('error', 'forbidden', 'Authorization', bilingual(`Portée insuffisante : system/Bundle.${permission} requise`, `Insufficient scope: system/Bundle.${permission} required`))));
    }
    return { clientId, scopes };
  };
}
