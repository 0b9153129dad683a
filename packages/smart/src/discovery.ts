// Discovery documents: /.well-known/smart-configuration, /.well-known/openid-configuration and the
// CapabilityStatement security block. https://hl7.org/fhir/smart-app-launch/conformance.html
import type { SmartContext } from './context.ts';
import { NON_RESOURCE_SCOPES } from './scopes.ts';

const SCOPES_SUPPORTED = [
  ...NON_RESOURCE_SCOPES,
  'patient/*.cruds',
  'patient/*.rs',
  'user/*.cruds',
  'user/*.rs',
  'system/*.cruds',
  'system/*.rs',
  'patient/*.read',
  'patient/*.write',
  'patient/*.*',
  'user/*.read',
  'user/*.write',
  'user/*.*',
  'system/*.read',
  'system/*.write',
  'system/*.*',
];

const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'client-confidential-asymmetric',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-v2',
  'permission-v1',
  'permission-patient',
  'permission-user',
  'permission-offline',
  'permission-online',
  'sso-openid-connect',
  'authorize-post',
];

export function smartConfiguration(ctx: SmartContext): Record<string, unknown> {
  return {
    issuer: ctx.issuer,
    jwks_uri: ctx.jwksUrl,
    authorization_endpoint: ctx.authorizeUrl,
    token_endpoint: ctx.tokenUrl,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', ...(ctx.tokenExchange ? ['urn:ietf:params:oauth:grant-type:token-exchange'] : [])],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  };
}

export async function openidConfiguration(ctx: SmartContext): Promise<Record<string, unknown>> {
  return {
    issuer: ctx.issuer,
    jwks_uri: ctx.jwksUrl,
    authorization_endpoint: ctx.authorizeUrl,
    token_endpoint: ctx.tokenUrl,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [(await ctx.keys()).alg],
    scopes_supported: ['openid', 'fhirUser', 'profile'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'fhirUser', 'name', 'nonce'],
    code_challenge_methods_supported: ['S256'],
  };
}

export function capabilitySecurity(ctx: SmartContext): Record<string, unknown> {
  return {
    cors: true,
    service: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }],
        text: 'OAuth2 avec SMART App Launch 2.x / OAuth2 using SMART App Launch 2.x',
      },
    ],
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: [
          { url: 'authorize', valueUri: ctx.authorizeUrl },
          { url: 'token', valueUri: ctx.tokenUrl },
        ],
      },
    ],
    description: 'Jeton Bearer SMART requis / SMART bearer token required',
  };
}
