// Public option and data types of the SMART App Launch simulator.
import type { JSONWebKeySet, JWK } from 'jose';

/** A registered SMART client (https://hl7.org/fhir/smart-app-launch/app-launch.html#register-app-with-ehr). */
export interface RegisteredClient {
  clientId: string;
  /** Shown on the consent page and in the EHR simulator. */
  name?: string;
  /** `public` (PKCE only) or `confidential-asymmetric` (private_key_jwt, also SMART Backend Services). */
  type: 'public' | 'confidential-asymmetric';
  /** Exact redirect URIs (compared character for character). Required for the authorization code flow. */
  redirectUris?: string[];
  /** Scopes the client may be granted, v2 or v1 syntax; wildcards cover narrower requests (`patient/*.cruds`). */
  scopes: string[] | string;
  /** Public keys of a confidential-asymmetric client, inline... */
  jwks?: JSONWebKeySet;
  /** ...or fetched from this URL. */
  jwksUrl?: string;
  /** Launch URL, for the EHR simulator's list of apps (not used by the authorization server itself). */
  launchUrl?: string;
}

/** A synthetic user of the simulated EHR. */
export interface SyntheticUser {
  id: string;
  /** FHIR reference of the user, e.g. `Practitioner/123` (relative to the FHIR base). */
  fhirUser: string;
  name: string;
  /** Free text role, shown on the login page (e.g. "Médecin généraliste / GP"). */
  role?: string;
}

export interface PatientSummary {
  id: string;
  name: string;
  birthDate?: string;
}

/** Launch context created by the EHR before launching an app (`launch` parameter). */
export interface LaunchContext {
  /** Patient id (or `Patient/<id>`). */
  patient?: string;
  /** Encounter id (or `Encounter/<id>`). */
  encounter?: string;
  /** Id of a registered synthetic user (or their fhirUser reference). */
  user: string;
  needPatientBanner?: boolean;
  intent?: string;
}

/** The signing key of the authorization server, as a private JWK. */
export interface SigningKeyMaterial {
  alg: 'RS256' | 'ES256';
  privateJwk: JWK;
}

export interface SmartServerOptions {
  /** FHIR base URL, e.g. `http://localhost:8080/fhir`: the required `aud`, the issuer and the home of the well-known files. */
  fhirBaseUrl: string;
  /** Base of the auth endpoints; default `<origin of fhirBaseUrl>/auth`. */
  authBaseUrl?: string;
  clients: RegisteredClient[];
  users: SyntheticUser[];
  /**
   * The people the standalone launch's patient picker offers the signed-in user: only those whose care team includes
   * them (the FHIR server's own policy, e.g. FhirServer.careTeamPatients of @parcours/fhir-server). A person outside
   * the list is refused exactly like one that does not exist. Default: nobody.
   */
  listPatients?: (user: SyntheticUser) => Promise<PatientSummary[]>;
  /**
   * Emergency access (« bris de glace », purpose of use BTG): on the picker, a signed-in user may name a person outside
   * their teams with a mandatory reason, for a read-only, patient-level token of `lifetime` seconds (default 900)
   * without refresh; the FHIR server lets it through and audits every access with the purpose and the reason.
   * `deniedLabels`: security labels no emergency access reads, whoever the user (the sandbox: `PSY`, psychotherapy
   * notes, which an emergency never needs). Default: not offered.
   */
  emergencyAccess?: { lifetime?: number; deniedLabels?: readonly string[] };
  /** Signing key; generated at start-up when absent (and saved to `keyFile` when given). */
  keys?: SigningKeyMaterial;
  /** JSON file holding the signing key, created on first start, so tokens survive restarts. */
  keyFile?: string;
  /** Algorithm of a generated key (default ES256). */
  signingAlg?: 'RS256' | 'ES256';
  /** Seconds (default 3600). */
  accessTokenLifetime?: number;
  /** Seconds for client_credentials tokens (default 300, as SMART Backend Services recommends). */
  backendTokenLifetime?: number;
  /** Seconds (default 30 days). */
  refreshTokenLifetime?: number;
  /** Seconds an authorization code stays valid (default 60). */
  codeLifetime?: number;
  /** Seconds a launch context stays valid (default 300); each launch id is used once. */
  launchLifetime?: number;
  smartStyleUrl?: string;
  /**
   * With patient-level scopes, may resources of types outside the patient compartment (Practitioner, Organization,
   * Medication...) be read? Default true: they hold no patient data and apps need them to display references.
   */
  patientScopesReadShared?: boolean;
  /**
   * Security labels (codes of `meta.security`, e.g. `PSY` for psychotherapy notes) a user may neither read nor write,
   * from the token's `fhirUser` and `sub`. Enforced by the FHIR API, not only hidden by apps. Default: none.
   */
  deniedLabels?: (user: { sub: string; fhirUser?: string }) => readonly string[];
  /** Token exchange (RFC 8693) of a trusted EHR's id_token for a token of this server (token-exchange.ts). */
  tokenExchange?: TokenExchangeOptions;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

/** An EHR whose SMART authorization server this server trusts for token exchange (registered by the deployment). */
export interface TrustedIssuer {
  /** The EHR's `iss` (its FHIR base, as SMART servers do): id_tokens must carry exactly this. */
  issuer: string;
  /** Name of the source system, for Provenance and messages (e.g. "DPI du cabinet de la Belle de Mai"). */
  name: string;
  /** The EHR's FHIR base, where the launch's Patient and the user's Practitioner are read; default `issuer`. */
  fhirBaseUrl?: string;
  /** The EHR's public keys, inline... */
  jwks?: JSONWebKeySet;
  /** ...or its jwks_uri. */
  jwksUrl?: string;
  /** Signature algorithms the EHR signs with (e.g. ['ES256']); nothing else is accepted (no `none`, no HS*). */
  algorithms: string[];
  /** The EHR's client id of the app (the id_token's `aud`) → the client id on this server allowed to exchange it. */
  clients: Record<string, string>;
}

/** Where this server finds the practitioner and the person an exchanged token is for (by identifier, never by name). */
export interface TokenExchangeOptions {
  issuers: TrustedIssuer[];
  /** References (`Practitioner/<id>`) of this server's practitioners carrying the identifier. */
  findPractitioners(identifier: { system: string; value: string }): Promise<string[]>;
  /** Ids of this server's Patients carrying the identifier. */
  findPatients(identifier: { system: string; value: string }): Promise<string[]>;
  /** Oldest id_token accepted, in seconds since its `iat` (default 300: the exchange follows the launch). */
  maxIdTokenAge?: number;
  /** For reading the EHR (tests may pass their own). */
  fetch?: typeof fetch;
}
