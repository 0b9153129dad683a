// @parcours/smart: SMART App Launch 2.x authorization server simulator and token enforcement (see README.md).
export { createSmartServer, startSmartServer } from './server.ts';
export { SMART_BODY_LIMIT } from './routes.ts';
export type { SmartServer } from './server.ts';
export type { LaunchContext, PatientSummary, RegisteredClient, SigningKeyMaterial, SmartServerOptions, SyntheticUser, TokenExchangeOptions, TrustedIssuer } from './types.ts';
export { ACCESS_TOKEN_TYPE_URI, ID_TOKEN_TYPE, INS_SYSTEM, RPPS_SYSTEM, TOKEN_EXCHANGE_GRANT } from './token-exchange.ts';
export {
  NON_RESOURCE_SCOPES,
  grantScopes,
  hasPermission,
  interactionPermission,
  parseResourceScope,
  parseScopes,
  scopeCovers,
  splitScopes,
} from './scopes.ts';
export type { Permission, ResourceScope, ScopeContext } from './scopes.ts';
export { ACCESS_TOKEN_TYPE, TokenVerificationError, verifyAccessToken } from './tokens.ts';
export type { AccessTokenClaims, VerifyAccessTokenOptions } from './tokens.ts';
export { accessGrant, authenticateRequest, bearerToken, forbiddenOutcome, unauthorizedOutcome } from './guard.ts';
export type { AccessGrant, FhirGuard, GrantPrincipal, GuardRequest } from './guard.ts';
export { inPatientCompartment, isPatientCompartmentType, ownerPatients } from './compartment.ts';
export { CLIENT_ASSERTION_TYPE, verifyClientAssertion, JtiCache, ClientAuthError } from './client-auth.ts';
export { generateSigningKey } from './keys.ts';
