// Token enforcement for the FHIR API: the FhirGuard of the cross-package contract, implemented structurally
// (fhir-server is not imported). https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
import type { IncomingMessage } from 'node:http';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { OutcomeError } from '@parcours/outcomes';
import { isPatientCompartmentType, ownerPatients } from './compartment.ts';
import { hasPermission, interactionPermission, parseScopes } from './scopes.ts';
import type { Permission, ResourceScope } from './scopes.ts';
import { TokenVerificationError } from './tokens.ts';
import type { AccessTokenClaims } from './tokens.ts';

/** The request description the FHIR server hands to the guard. */
export interface GuardRequest {
  method: string;
  resourceType?: string;
  id?: string;
  operation?: string;
  interaction: string;
}

/**
 * Who asks, for the FHIR server's care-team policy and audit trail (the AccessPrincipal of @parcours/fhir-server).
 * Level patient: the token's person only; user: the people of the user's care teams; system: backend clients.
 */
export interface GrantPrincipal {
  level: 'patient' | 'user' | 'system';
  user?: string;
  patient?: string;
  clientId: string;
  readTypes: '*' | string[];
  deniedLabels: string[];
  shared: boolean;
}

export interface AccessGrant {
  canRead(resource: Resource): boolean;
  /** `permission`: the one the interaction needs (c create, u update, d delete); any write permission when absent. */
  canWrite(resource: Resource, permission?: 'c' | 'u' | 'd'): boolean;
  principal: GrantPrincipal;
}

/** Structurally the FhirGuard of @parcours/fhir-server. */
export interface FhirGuard {
  authorize(req: IncomingMessage, request: GuardRequest): Promise<AccessGrant>;
}

/**
 * A 403 refusal of a valid token: the one OutcomeError, carrying who was refused (`principal`) for the FHIR
 * server's audit trail.
 */
function refusal(result: OperationOutcome, principal: GrantPrincipal): OutcomeError {
  return Object.assign(new OutcomeError(result), { principal });
}

/** 401 outcome (`id: unauthorized` so Medplum's getStatus maps it to 401; issue code `login` or `expired`). */
export function unauthorizedOutcome(fr: string, en: string, code: 'login' | 'expired' = 'login'): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'unauthorized',
    issue: [{ severity: 'error', code, details: { text: `${fr} / ${en}` }, expression: ['Authorization'] }],
  };
}

/** 403 outcome (`id: forbidden`). */
export function forbiddenOutcome(fr: string, en: string, expression: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'forbidden',
    issue: [{ severity: 'error', code: 'forbidden', details: { text: `${fr} / ${en}` }, expression: [expression] }],
  };
}

/** The bearer token of a request, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return m?.[1];
}

export interface GuardDependencies {
  verify(token: string): Promise<AccessTokenClaims>;
  isRevoked(claims: AccessTokenClaims): boolean;
  fhirBaseUrl: string;
  patientScopesReadShared: boolean;
  deniedLabels?: (user: { sub: string; fhirUser?: string }) => readonly string[];
}

/** Verifies the request's bearer token or throws a 401 OutcomeError. */
export async function authenticateRequest(req: IncomingMessage, deps: GuardDependencies): Promise<AccessTokenClaims> {
  const token = bearerToken(req);
  if (!token) {
    throw new OutcomeError(unauthorizedOutcome('Jeton d’accès manquant', 'Missing bearer access token'));
  }
  let claims: AccessTokenClaims;
  try {
    claims = await deps.verify(token);
  } catch (error) {
    if (error instanceof TokenVerificationError && error.reason === 'expired') {
      throw new OutcomeError(unauthorizedOutcome('Jeton d’accès expiré', 'Access token expired', 'expired'));
    }
    throw new OutcomeError(unauthorizedOutcome('Jeton d’accès invalide', 'Invalid access token'));
  }
  if (deps.isRevoked(claims)) {
    throw new OutcomeError(unauthorizedOutcome('Jeton d’accès révoqué', 'Access token revoked'));
  }
  return claims;
}

/** Scopes of the token that can act at all: patient scopes need a patient in context. */
function usableScopes(claims: AccessTokenClaims): ResourceScope[] {
  return parseScopes(claims.scope).filter((s) => s.query === undefined && (s.context !== 'patient' || !!claims.patient));
}

/** The principal of a token: a token with patient-level scopes is limited to its person, whatever else it carries. */
export function grantPrincipal(claims: AccessTokenClaims, scopes: readonly ResourceScope[], options: { patientScopesReadShared: boolean; deniedLabels?: GuardDependencies['deniedLabels'] }): GrantPrincipal {
  const level = scopes.some((s) => s.context === 'patient') ? 'patient' : scopes.some((s) => s.context === 'user') ? 'user' : 'system';
  const readable = scopes.filter((s) => s.permissions.has('r') || s.permissions.has('s'));
  const readTypes = readable.some((s) => s.resourceType === '*') ? '*' : [...new Set(readable.map((s) => s.resourceType))];
  const deniedLabels = [...(options.deniedLabels?.({ sub: claims.sub, ...(claims.fhirUser ? { fhirUser: claims.fhirUser } : {}) }) ?? [])];
  return {
    level,
    ...(claims.fhirUser ? { user: claims.fhirUser } : {}),
    ...(level === 'patient' && claims.patient ? { patient: claims.patient } : {}),
    clientId: claims.client_id,
    readTypes,
    deniedLabels,
    shared: level !== 'patient' || options.patientScopesReadShared,
  };
}

/** Builds the AccessGrant of a token for one request, after the interaction-level check. */
export function accessGrant(
  claims: AccessTokenClaims,
  request: GuardRequest,
  options: { fhirBaseUrl: string; patientScopesReadShared: boolean; deniedLabels?: GuardDependencies['deniedLabels'] },
): AccessGrant {
  const scopes = usableScopes(claims);
  const principal = grantPrincipal(claims, scopes, options);
  const permission = interactionPermission(request.interaction, request.id !== undefined);
  const target = request.resourceType ?? '*';
  if (permission) {
    if (!hasPermission(scopes, request.resourceType, permission)) {
      throw refusal(
        forbiddenOutcome(
          `La portée du jeton n’autorise pas « ${request.interaction} » sur ${target}`,
          `Token scope does not allow "${request.interaction}" on ${target}`,
          target,
        ),
        principal,
      );
    }
  } else if (scopes.length === 0) {
    throw refusal(forbiddenOutcome('Aucune portée FHIR dans le jeton', 'No FHIR scope in token', target), principal);
  }
  const readPerms: Permission[] = permission === 'r' || permission === 's' ? [permission] : ['r', 's'];
  const patient = principal.level === 'patient' ? claims.patient : undefined;
  // With patient-level scopes only patient scopes count: user scopes in the same token never widen them.
  const usable = principal.level === 'patient' ? scopes.filter((s) => s.context === 'patient') : scopes;
  const admits = (resource: Resource, perms: readonly Permission[], write: boolean): boolean =>
    usable.some((s) => {
      if (!perms.some((p) => s.permissions.has(p))) return false;
      if (s.resourceType !== '*' && s.resourceType !== resource.resourceType) return false;
      if (!patient) return true;
      // A Provenance's person is the one of its targets: the FHIR server checks every target is reachable.
      if (resource.resourceType === 'Provenance') return write;
      // A group session (workshop, case-review meeting: an Encounter without subject) is nobody's record: the FHIR
      // server admits its write only from one of those who ran it (fhir-server write-policy.ts).
      if (resource.resourceType === 'Encounter' && !(resource as { subject?: unknown }).subject) return write;
      if (!isPatientCompartmentType(resource.resourceType)) return !write && options.patientScopesReadShared;
      const owners = ownerPatients(resource, options.fhirBaseUrl);
      return owners.length > 0 && (write ? owners.every((o) => o === patient) : owners.includes(patient));
    });
  const denied = new Set(principal.deniedLabels);
  const labelled = (resource: Resource): boolean => denied.size > 0 && (resource.meta?.security ?? []).some((c) => c.code !== undefined && denied.has(c.code));
  return {
    canRead: (resource) => !labelled(resource) && admits(resource, readPerms, false),
    canWrite: (resource, perm) => !labelled(resource) && admits(resource, perm ? [perm] : ['c', 'u', 'd'], true),
    principal,
  };
}

/** The FhirGuard: authenticate the bearer token, then check scopes and the patient compartment. */
export function createGuard(deps: GuardDependencies): FhirGuard {
  return {
    async authorize(req, request) {
      const claims = await authenticateRequest(req, deps);
      return accessGrant(claims, request, deps);
    },
  };
}
