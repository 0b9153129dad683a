// Launched from the GP's own EHR, the app holds a token for the EHR only. One token exchange (RFC 8693) at the plan
// server's token endpoint turns the EHR's id_token (subject) and access token (actor: the plan server reads the
// user's Practitioner and the launch's Patient from the EHR with it) into a plan-server token, without a second
// login. The plan server's discovery document is fetched while fhirclient completes the EHR launch, so the exchange
// adds one round trip. The UI never sees a token: the transport below holds it and renews it with its refresh token.
import { bearerTransport } from '../fhir/api.ts';
import type { FhirTransport } from '../fhir/api.ts';
import { CLIENT_ID, planExchangeScopes } from './config.ts';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

export interface PlanServerConfig {
  tokenEndpoint: string;
  exchange: boolean;
}

/** The plan server's SMART configuration (its token endpoint, and whether it offers the token exchange). */
export async function planServerConfig(planBase: string): Promise<PlanServerConfig> {
  const response = await fetch(`${planBase}/.well-known/smart-configuration`, { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) throw new ExchangeError(`Le serveur du plan ne répond pas (${response.status}) / The plan server does not answer (${response.status})`);
  const config = (await response.json()) as { token_endpoint?: string; grant_types_supported?: string[] };
  if (!config.token_endpoint) throw new ExchangeError('Le serveur du plan n’a pas de point de jeton / The plan server has no token endpoint');
  return { tokenEndpoint: config.token_endpoint, exchange: (config.grant_types_supported ?? []).includes(GRANT) };
}

/** The plan server refused the exchange: `message` is its sentence (French / English), never a token. */
export class ExchangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeError';
  }
}

export interface PlanGrant {
  patient: string;
  fhirUser: string | undefined;
  transport: FhirTransport;
}

interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  patient?: string;
  fhirUser?: string;
  error?: string;
  error_description?: string;
}

async function postToken(endpoint: string, form: Record<string, string>): Promise<TokenBody> {
  const response = await fetch(endpoint, { method: 'POST', body: new URLSearchParams(form), credentials: 'omit' });
  const body = (await response.json().catch(() => ({}))) as TokenBody;
  if (!response.ok || !body.access_token) throw new ExchangeError(body.error_description ?? `${response.status} ${body.error ?? ''}`.trim());
  return body;
}

/**
 * The plan grant of this tab, kept like fhirclient keeps the EHR's (sessionStorage, per tab) so that reloading the
 * page reuses it: the plan server exchanges an id_token only once. Tied to the EHR session by its id_token's signature.
 */
const CACHE_KEY = 'parcours-plan-grant';
interface CachedGrant { session: string; token: TokenBody; expiresAt: number; tokenEndpoint: string }

function cached(session: string): CachedGrant | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(CACHE_KEY) ?? 'null') as CachedGrant | null;
    return value?.session === session ? value : undefined;
  } catch {
    return undefined;
  }
}

function keep(grant: CachedGrant): void {
  try {
    sessionStorage.setItem(CACHE_KEY, JSON.stringify(grant));
  } catch {
    // storage blocked (third-party iframe): a reload then asks the GP to relaunch from the EHR
  }
}

/** A FhirTransport with the plan server's token (refreshed a minute before it expires). */
function planTransport(base: string, first: CachedGrant): FhirTransport {
  let grant = first;
  return bearerTransport(base, async () => {
    const { token, tokenEndpoint } = grant;
    if (Date.now() > grant.expiresAt - 60_000 && token.refresh_token) {
      const next = await postToken(tokenEndpoint, { grant_type: 'refresh_token', refresh_token: token.refresh_token, client_id: CLIENT_ID });
      grant = { ...grant, token: { ...token, ...next }, expiresAt: Date.now() + (next.expires_in ?? 300) * 1000 };
      keep(grant);
    }
    return grant.token.access_token;
  });
}

/** Exchanges the EHR launch's tokens for a plan-server token (RFC 8693): one POST once the configuration is known. */
export async function exchangeForPlan(planBase: string, config: Promise<PlanServerConfig>, ehr: { idToken: string | undefined; accessToken: string | undefined }): Promise<PlanGrant> {
  if (!ehr.idToken || !ehr.accessToken) throw new ExchangeError('Le DPI n’a pas fourni d’id_token : lancez Parcours depuis le DPI avec openid fhirUser / The EHR gave no id_token');
  const session = ehr.idToken.slice(-24);
  const previous = cached(session);
  if (previous?.token.patient) return { patient: previous.token.patient, fhirUser: previous.token.fhirUser, transport: planTransport(planBase, previous) };
  const { tokenEndpoint, exchange } = await config;
  if (!exchange) throw new ExchangeError('Le serveur du plan n’accepte pas l’échange de jeton / The plan server does not offer token exchange');
  const body = await postToken(tokenEndpoint, {
    grant_type: GRANT, client_id: CLIENT_ID, scope: planExchangeScopes(),
    subject_token: ehr.idToken, subject_token_type: ID_TOKEN, actor_token: ehr.accessToken, actor_token_type: ACCESS_TOKEN,
  });
  if (!body.patient) throw new ExchangeError('Le serveur du plan n’a pas indiqué la personne / The plan server named no person');
  const grant: CachedGrant = { session, token: body, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000, tokenEndpoint };
  keep(grant);
  return { patient: body.patient, fhirUser: body.fhirUser, transport: planTransport(planBase, grant) };
}
