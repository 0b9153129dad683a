// The answers of the standalone launch's pages (POST /auth/authorize/consent), in two steps:
// 1. sign in and approve the scopes; when a patient is needed the patient picker follows, for that user only;
// 2. the person, among the people of the user's care teams (listPatients(user)), or an emergency access.
// A person outside the user's teams is refused exactly like one that does not exist: the picker is no existence oracle.
// https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
import { formOf } from '@parcours/http';
import type { FastifyReply, FastifyRequest } from '@parcours/http';
import { issueCode, redirectCode, redirectError } from './authorize.ts';
import type { CodeRecord, PendingAuthorization, SmartContext } from './context.ts';
import { sendHtml } from './http.ts';
import { errorPage, patientPage } from './pages.ts';
import { parseResourceScope } from './scopes.ts';
import type { SyntheticUser } from './types.ts';

type NewCode = Omit<CodeRecord, 'expiresAt' | 'used' | 'gid'>;

const PATIENT_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** A reason says something: at least this many characters once trimmed (and at most 500, it goes into every audit). */
const REASON_MIN = 10;
const REASON_MAX = 500;

function codeRecord(pending: PendingAuthorization, userId: string, scopes: string[]): NewCode {
  const record: NewCode = {
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    scopes,
    userId,
    needPatientBanner: true, // standalone: no EHR banner around the app
  };
  if (pending.nonce) record.nonce = pending.nonce;
  return record;
}

/**
 * The scopes of an emergency access: the patient-level read and search permissions of those approved, in v2 syntax,
 * and identity; no write, no user or system scope, no refresh (offline_access, online_access): it ends with its token.
 */
function emergencyScopes(scopes: readonly string[]): string[] {
  const kept: string[] = scopes.filter((s) => s === 'openid' || s === 'fhirUser' || s === 'launch/patient');
  for (const raw of scopes) {
    const scope = parseResourceScope(raw);
    if (scope?.context !== 'patient' || scope.query !== undefined) continue;
    const read = ['r', 's'].filter((p) => scope.permissions.has(p as 'r' | 's')).join('');
    if (read) kept.push(`patient/${scope.resourceType}.${read}`);
  }
  return [...new Set(kept)];
}

function unknownPatient(res: FastifyReply): void {
  sendHtml(res, 400, errorPage('Personne inconnue dans le sélecteur.', 'Unknown patient selected.'));
}

/** Step 2, emergency: a named person, a mandatory reason; a short read-only grant marked BTG. */
function emergencyAnswer(ctx: SmartContext, res: FastifyReply, form: URLSearchParams, pending: PendingAuthorization, userId: string): void {
  const patient = (form.get('patient') ?? '').trim();
  const reason = (form.get('reason') ?? '').trim().replace(/\s+/g, ' ');
  if (!ctx.emergencyAccess || !PATIENT_ID.test(patient)) {
    unknownPatient(res);
    return;
  }
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) {
    sendHtml(res, 400, errorPage(`Le motif de l’accès d’urgence est obligatoire (${REASON_MIN} à ${REASON_MAX} caractères).`, `The emergency access needs a reason (${REASON_MIN} to ${REASON_MAX} characters).`));
    return;
  }
  const scopes = emergencyScopes(pending.scopes);
  if (!scopes.some((s) => parseResourceScope(s))) {
    redirectError(res, pending.redirectUri, 'invalid_scope', 'An emergency access reads patient-level scopes only', pending.state);
    return;
  }
  const record = codeRecord(pending, userId, scopes);
  record.patient = patient;
  record.emergency = { code: 'BTG', reason };
  redirectCode(res, pending.redirectUri, issueCode(ctx, record), pending.state);
}

/** Step 1 answered: a code when no patient is needed, else the picker for this user (the request stays pending). */
async function signedIn(ctx: SmartContext, res: FastifyReply, requestId: string, pending: PendingAuthorization, user: SyntheticUser): Promise<void> {
  if (!pending.needsPatient) {
    ctx.pending.delete(requestId);
    redirectCode(res, pending.redirectUri, issueCode(ctx, codeRecord(pending, user.id, pending.scopes)), pending.state);
    return;
  }
  pending.userId = user.id;
  const patients = await ctx.listPatients(user);
  const input: Parameters<typeof patientPage>[0] = { requestId, action: `${ctx.authorizeUrl}/consent`, user, patients };
  if (ctx.emergencyAccess) input.emergencyMinutes = Math.round(ctx.lifetimes.emergency / 60);
  sendHtml(res, 200, patientPage(input));
}

/** POST /auth/authorize/consent: the answer of the sign-in page, then of the patient picker. */
export async function handleConsent(ctx: SmartContext, req: FastifyRequest, res: FastifyReply): Promise<void> {
  const form = formOf(req);
  const requestId = form?.get('request') ?? '';
  const pending = ctx.pending.get(requestId);
  if (!form || !pending || pending.expiresAt < ctx.now()) {
    sendHtml(res, 400, errorPage('Demande d’autorisation inconnue ou expirée.', 'Unknown or expired authorization request.'));
    return;
  }
  const decision = form.get('decision');
  if (decision !== 'approve' && decision !== 'emergency') {
    ctx.pending.delete(requestId);
    redirectError(res, pending.redirectUri, 'access_denied', 'The user denied access', pending.state);
    return;
  }
  if (pending.userId === undefined) {
    // Step 1. The user is bound to the request here: the picker's answer cannot name another one.
    const user = ctx.users.get(form.get('user') ?? '');
    if (!user || decision !== 'approve') {
      ctx.pending.delete(requestId);
      sendHtml(res, 400, errorPage(`Utilisateur inconnu : « ${form.get('user') ?? ''} ».`, `Unknown user "${form.get('user') ?? ''}".`));
      return;
    }
    await signedIn(ctx, res, requestId, pending, user);
    return;
  }
  // Step 2: one answer per request, whatever it is.
  ctx.pending.delete(requestId);
  const user = ctx.users.get(pending.userId);
  if (!user) {
    unknownPatient(res);
    return;
  }
  if (decision === 'emergency') {
    emergencyAnswer(ctx, res, form, pending, user.id);
    return;
  }
  const patient = form.get('patient') ?? '';
  // Only the people of the user's teams, computed again now: the same answer for a stranger and for nobody.
  if (!(await ctx.listPatients(user)).some((p) => p.id === patient)) {
    unknownPatient(res);
    return;
  }
  const record = codeRecord(pending, user.id, pending.scopes);
  record.patient = patient;
  redirectCode(res, pending.redirectUri, issueCode(ctx, record), pending.state);
}
