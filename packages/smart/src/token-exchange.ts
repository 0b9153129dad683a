// OAuth 2.0 Token Exchange (RFC 8693, https://www.rfc-editor.org/rfc/rfc8693) from a trusted EHR: the app launched
// from the GP's EHR trades the EHR's signed id_token (subject_token) for a token of this plan server, without a
// second login. The EHR access token the app holds (actor_token: the app acting in the EHR for the user) lets this
// server read, from the EHR itself, the two resources that say who and for whom: the user's Practitioner (fhirUser,
// its RPPS) and the launch's Patient (its INS). Both are matched here by identifier, exactly once, never by name.
// The token issued is an ordinary patient-level token of this server: its care-team policy applies as usual.
import { createHash } from 'node:crypto';
import type { Identifier, OperationOutcome, Patient, Practitioner } from '@medplum/fhirtypes';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { GrantContext, SmartContext } from './context.ts';
import { grantScopes, parseResourceScope, splitScopes } from './scopes.ts';
import { TokenError } from './token-error.ts';
import type { TokenErrorCode } from './token-error.ts';
import { randomId } from './tokens.ts';
import type { RegisteredClient, TrustedIssuer } from './types.ts';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const ACCESS_TOKEN_TYPE_URI = 'urn:ietf:params:oauth:token-type:access_token';
/** ANS identifier systems: RPPS of health professionals, INS-NIR of people (the ones the Parcours profiles use). */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
export const INS_SYSTEM = 'urn:oid:1.2.250.1.213.1.4.8';

/** A refusal: an RFC 6749 error whose description and OperationOutcome say, in French then English, what is wrong. */
function refuse(code: TokenErrorCode, expression: string, fr: string, en: string): TokenError {
  const text = `${fr} / ${en}`;
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: code === 'invalid_request' ? 'invalid' : code === 'invalid_scope' ? 'forbidden' : 'security', details: { text }, expression: [expression] }],
  };
  return new TokenError(code, text, outcome);
}

/** id_tokens already exchanged (SHA-256 → expiry), per server: each is exchanged once. */
const exchanged = new WeakMap<SmartContext, Map<string, number>>();

function usedTokens(ctx: SmartContext): Map<string, number> {
  let map = exchanged.get(ctx);
  if (!map) exchanged.set(ctx, (map = new Map()));
  const now = ctx.now();
  for (const [key, expiry] of map) if (expiry < now) map.delete(key);
  return map;
}

const keySets = new WeakMap<TrustedIssuer, JWTVerifyGetKey>();

function issuerKeys(issuer: TrustedIssuer): JWTVerifyGetKey {
  let keys = keySets.get(issuer);
  if (!keys) {
    if (issuer.jwks) keys = createLocalJWKSet(issuer.jwks);
    else if (issuer.jwksUrl) keys = createRemoteJWKSet(new URL(issuer.jwksUrl));
    else throw new Error(`SMART_TRUSTED_ISSUER_KEYS: the trusted issuer "${issuer.issuer}" has neither jwks nor jwksUrl`);
    keySets.set(issuer, keys);
  }
  return keys;
}

/** The registered EHR that issued the token (read before any check: only to pick the keys that will check it). */
function trustedIssuer(ctx: SmartContext, token: string): TrustedIssuer {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw refuse('invalid_request', 'subject_token', 'Le subject_token n’est pas un JWT', 'subject_token is not a JWT');
  }
  const issuer = ctx.tokenExchange?.issuers.find((i) => i.issuer === iss);
  if (!issuer) throw refuse('invalid_grant', 'subject_token', 'Émetteur du jeton non enregistré comme DPI de confiance', 'Token issuer is not a registered trusted EHR');
  return issuer;
}

function verificationFailure(error: unknown, what: 'subject_token' | 'actor_token'): TokenError {
  const name = what === 'subject_token' ? 'id_token' : 'jeton d’accès du DPI';
  const nameEn = what === 'subject_token' ? 'id_token' : 'EHR access token';
  if (error instanceof errors.JWTExpired) return refuse('invalid_grant', what, `${name} expiré`, `${nameEn} expired`);
  if (error instanceof errors.JWTClaimValidationFailed) {
    return refuse('invalid_grant', what, `${name} refusé : revendication « ${error.claim} » invalide`, `${nameEn} refused: invalid "${error.claim}" claim`);
  }
  return refuse('invalid_grant', what, `${name} refusé : signature ou algorithme invalide`, `${nameEn} refused: invalid signature or algorithm`);
}

interface VerifiedSubject {
  issuer: TrustedIssuer;
  idToken: JWTPayload & { sub: string; aud: string; fhirUser: string };
  ehrPatient: string;
  digest: string;
}

/** Verifies the id_token and the EHR access token: same issuer, same user, same app, the audience we accept. */
async function verifySubject(ctx: SmartContext, form: URLSearchParams, client: RegisteredClient): Promise<VerifiedSubject> {
  const subjectToken = form.get('subject_token');
  if (!subjectToken || form.get('subject_token_type') !== ID_TOKEN_TYPE) {
    throw refuse('invalid_request', 'subject_token_type', `subject_token et subject_token_type=${ID_TOKEN_TYPE} sont requis`, `subject_token and subject_token_type=${ID_TOKEN_TYPE} are required`);
  }
  const actorToken = form.get('actor_token');
  if (!actorToken || form.get('actor_token_type') !== ACCESS_TOKEN_TYPE_URI) {
    throw refuse('invalid_request', 'actor_token_type', `actor_token (le jeton d’accès du DPI) et actor_token_type=${ACCESS_TOKEN_TYPE_URI} sont requis`, `actor_token (the EHR access token) and actor_token_type=${ACCESS_TOKEN_TYPE_URI} are required`);
  }
  const issuer = trustedIssuer(ctx, subjectToken);
  const audiences = Object.entries(issuer.clients).filter(([, local]) => local === client.clientId).map(([ehrClient]) => ehrClient);
  if (audiences.length === 0) throw refuse('unauthorized_client', 'client_id', 'Ce client ne peut pas échanger les jetons de ce DPI', 'This client may not exchange this EHR’s tokens');
  const keys = issuerKeys(issuer);
  const common = { issuer: issuer.issuer, algorithms: issuer.algorithms, currentDate: new Date(ctx.now()) };
  let idToken: JWTPayload;
  try {
    ({ payload: idToken } = await jwtVerify(subjectToken, keys, { ...common, audience: audiences, maxTokenAge: ctx.tokenExchange?.maxIdTokenAge ?? 300, requiredClaims: ['sub', 'aud', 'exp', 'iat', 'fhirUser'] }));
  } catch (error) {
    throw verificationFailure(error, 'subject_token');
  }
  const fhirBase = (issuer.fhirBaseUrl ?? issuer.issuer).replace(/\/+$/, '');
  let access: JWTPayload;
  try {
    ({ payload: access } = await jwtVerify(actorToken, keys, { ...common, audience: fhirBase, typ: 'at+jwt', requiredClaims: ['sub', 'exp', 'client_id'] }));
  } catch (error) {
    throw verificationFailure(error, 'actor_token');
  }
  const aud = Array.isArray(idToken.aud) ? idToken.aud[0] : idToken.aud;
  if (access.sub !== idToken.sub || access['client_id'] !== aud) {
    throw refuse('invalid_grant', 'actor_token', 'Le jeton d’accès du DPI n’est pas celui du même utilisateur et de la même application', 'The EHR access token is not for the same user and app');
  }
  if (typeof access['patient'] !== 'string' || !access['patient']) {
    throw refuse('invalid_grant', 'actor_token', 'Aucune personne dans le contexte du lancement depuis le DPI', 'No patient in the EHR launch context');
  }
  return { issuer, idToken: idToken as VerifiedSubject['idToken'], ehrPatient: access['patient'], digest: createHash('sha256').update(subjectToken).digest('base64url') };
}

/** Reads one resource from the EHR with the EHR access token (the only use made of it; nothing is kept). */
async function readEhr<T>(ctx: SmartContext, url: string, token: string, expression: string): Promise<T> {
  const fetcher = ctx.tokenExchange?.fetch ?? fetch;
  try {
    const response = await fetcher(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' }, signal: AbortSignal.timeout(5000) });
    if (response.ok) return (await response.json()) as T;
    await response.body?.cancel();
  } catch {
    // the EHR did not answer: said below in the same words
  }
  throw refuse('invalid_grant', expression, 'Le DPI n’a pas fourni la ressource demandée', 'The EHR did not provide the requested resource');
}

const identifierOf = (identifiers: Identifier[] | undefined, system: string): string | undefined => identifiers?.find((i) => i.system === system && i.value)?.value;

/** Exactly one match, or a sentence: none found and several found are both refused, never guessed. */
function single(found: readonly string[], what: 'practitioner' | 'patient'): string {
  if (found.length === 1 && found[0]) return found[0];
  const expression = what === 'practitioner' ? 'Practitioner.identifier' : 'Patient.identifier';
  if (what === 'practitioner') {
    if (found.length === 0) throw refuse('invalid_grant', expression, 'Aucun professionnel ne porte ce RPPS sur le serveur du plan', 'No practitioner with this RPPS on the plan server');
    throw refuse('invalid_grant', expression, 'Plusieurs professionnels portent ce RPPS sur le serveur du plan : aucun n’est choisi', 'Several practitioners carry this RPPS on the plan server: none is chosen');
  }
  if (found.length === 0) throw refuse('invalid_grant', expression, 'Aucune personne ne porte cet INS sur le serveur du plan', 'No person with this INS on the plan server');
  throw refuse('invalid_grant', expression, 'Plusieurs personnes portent cet INS sur le serveur du plan : aucune n’est choisie', 'Several people carry this INS on the plan server: none is chosen');
}

/** The practitioner (by RPPS) and the person (by INS) of the plan server the EHR's user and launch patient are. */
async function mapIdentities(ctx: SmartContext, subject: VerifiedSubject, actorToken: string): Promise<{ practitioner: string; patient: string }> {
  const options = ctx.tokenExchange;
  if (!options) throw new TokenError('unsupported_grant_type', 'Token exchange is not enabled');
  const fhirBase = (subject.issuer.fhirBaseUrl ?? subject.issuer.issuer).replace(/\/+$/, '');
  const fhirUser = subject.idToken.fhirUser;
  if (typeof fhirUser !== 'string' || !fhirUser.startsWith(`${fhirBase}/Practitioner/`) || !/^[A-Za-z0-9\-.]{1,64}$/.test(fhirUser.slice(fhirBase.length + 14))) {
    throw refuse('invalid_grant', 'subject_token', 'Le fhirUser de l’id_token doit être un Practitioner du DPI', 'The id_token’s fhirUser must be a Practitioner of the EHR');
  }
  const [practitioner, patient] = await Promise.all([
    readEhr<Practitioner>(ctx, fhirUser, actorToken, 'Practitioner'),
    readEhr<Patient>(ctx, `${fhirBase}/Patient/${encodeURIComponent(subject.ehrPatient)}`, actorToken, 'Patient'),
  ]);
  const rpps = practitioner.resourceType === 'Practitioner' ? identifierOf(practitioner.identifier, RPPS_SYSTEM) : undefined;
  if (!rpps) throw refuse('invalid_grant', 'Practitioner.identifier', 'Le professionnel n’a pas de RPPS dans le DPI : son accès au plan ne peut pas être établi', 'The practitioner has no RPPS in the EHR: their access to the plan cannot be established');
  const ins = patient.resourceType === 'Patient' ? identifierOf(patient.identifier, INS_SYSTEM) : undefined;
  if (!ins) throw refuse('invalid_grant', 'Patient.identifier', 'La personne n’a pas d’INS dans le DPI : son plan ne peut pas être retrouvé sans risque d’erreur', 'The person has no INS in the EHR: their plan cannot be found without risk of error');
  const [practitioners, patients] = await Promise.all([options.findPractitioners({ system: RPPS_SYSTEM, value: rpps }), options.findPatients({ system: INS_SYSTEM, value: ins })]);
  return { practitioner: single(practitioners, 'practitioner'), patient: single(patients, 'patient') };
}

/** The scopes of the exchanged token: patient-level only (the person found), within the client's registration. */
function exchangedScopes(form: URLSearchParams, client: RegisteredClient): string[] {
  const asked = splitScopes(form.get('scope') ?? '').filter((s) => !s.startsWith('launch'));
  const granted = grantScopes(asked.join(' '), client.scopes).filter((s) => ['openid', 'fhirUser', 'online_access'].includes(s) || parseResourceScope(s)?.context === 'patient');
  if (!granted.some((s) => parseResourceScope(s)?.context === 'patient')) {
    throw refuse('invalid_scope', 'scope', 'Aucune portée patient/… demandée ne peut être accordée à ce client', 'No requested patient/… scope can be granted to this client');
  }
  return granted;
}

type Respond = (ctx: SmartContext, grant: GrantContext) => Promise<Record<string, unknown>>;

/**
 * grant_type=urn:ietf:params:oauth:grant-type:token-exchange. Each id_token is exchanged once (a replay is refused);
 * a refused exchange writes nothing and leaves the id_token unused.
 */
export async function tokenExchangeGrant(ctx: SmartContext, form: URLSearchParams, client: RegisteredClient, respond: Respond): Promise<Record<string, unknown>> {
  if (!ctx.tokenExchange) throw new TokenError('unsupported_grant_type', 'Token exchange is not enabled on this server');
  const requested = form.get('requested_token_type');
  if (requested && requested !== ACCESS_TOKEN_TYPE_URI) throw refuse('invalid_request', 'requested_token_type', 'Seul un jeton d’accès peut être émis', 'Only an access token can be issued');
  const scopes = exchangedScopes(form, client);
  const subject = await verifySubject(ctx, form, client);
  const used = usedTokens(ctx);
  if (used.has(subject.digest)) throw refuse('invalid_grant', 'subject_token', 'Cet id_token a déjà été échangé', 'This id_token has already been exchanged');
  used.set(subject.digest, ((subject.idToken.exp ?? 0) + 60) * 1000); // before any await: a concurrent replay sees it
  try {
    const { practitioner, patient } = await mapIdentities(ctx, subject, form.get('actor_token') ?? '');
    const user = [...ctx.users.values()].find((u) => u.fhirUser === practitioner);
    const grant: GrantContext = {
      clientId: client.clientId, scopes, userId: user?.id ?? practitioner, patient, needPatientBanner: true, gid: randomId(16),
      ...(user ? {} : { fhirUser: practitioner }),
    };
    return { ...(await respond(ctx, grant)), issued_token_type: ACCESS_TOKEN_TYPE_URI };
  } catch (error) {
    used.delete(subject.digest);
    throw error;
  }
}
