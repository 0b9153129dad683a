// SMART App Launch configuration (https://hl7.org/fhir/smart-app-launch/app-launch.html). fhirclient does the
// OAuth: this module only says which client, which scopes and where to come back.
import type { fhirclient } from 'fhirclient/lib/types';

export const CLIENT_ID = 'parcours-app';

/**
 * Least privilege, SMART v2 syntax: read/search what the plan shows, create/update only what the edit forms
 * write, nothing outside the person's compartment except the directory resources that name the team.
 */
export const DATA_SCOPES = [
  'patient/Patient.rs',
  'patient/CarePlan.rus',
  'patient/CareTeam.rus',
  'patient/Goal.rus',
  'patient/Task.crus',
  'patient/Encounter.crs',
  'patient/Appointment.rus',
  'patient/Observation.crs',
  'patient/MedicationStatement.rs',
  'patient/Composition.rs',
  'patient/Communication.rs',
  'patient/MedicationRequest.rs',
  'patient/Provenance.c',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
  'patient/Organization.rs',
  // « Qui a consulté ce dossier »: the GP and the coordinator read the person's audit trail (never write it).
  'patient/AuditEvent.rs',
] as const;

/**
 * What the app reads in the GP's own EHR when launched from it (two servers): the person, the GP's conditions,
 * medications, lab results and notes, and the practitioners they name. Read only: nothing is written to the EHR.
 */
export const EHR_SCOPES = [
  'patient/Patient.rs',
  'patient/Condition.rs',
  'patient/MedicationStatement.rs',
  'patient/MedicationRequest.rs',
  'patient/Observation.rs',
  'patient/DocumentReference.rs',
  'patient/Practitioner.rs',
] as const;

/**
 * The plan server: `?plan=<FHIR base>` in the launch URL (the EHR registers the app's launch URL with it), else the
 * FHIR base of the origin the app is served from (`/fhir`), as a regional deployment hosts the app beside its plan
 * server. A launch whose `iss` is another server is a launch from the GP's own EHR (two servers).
 */
export function planServerUrl(location: URL): string {
  const plan = location.searchParams.get('plan');
  return (plan ? new URL(plan, location.origin).href : new URL('/fhir', location.origin).href).replace(/\/+$/, '');
}

/** True when `iss` is not the plan server: the GP's EHR launched the app and the plan is elsewhere. */
export function isEhrOnly(iss: string, planUrl: string): boolean {
  return iss.replace(/\/+$/, '') !== planUrl.replace(/\/+$/, '');
}

/** The plan server's scopes after a token exchange (no launch scope: the person comes from the EHR's INS). */
export function planExchangeScopes(): string {
  return ['openid', 'fhirUser', 'online_access', ...DATA_SCOPES].join(' ');
}

/** `launch` (EHR launch) or `launch/patient` (standalone: the server asks which person). */
export function scopes(ehrLaunch: boolean): string {
  // online_access: a refresh token while the user is online, so an expired access token is renewed silently.
  return ['openid', 'fhirUser', 'online_access', ehrLaunch ? 'launch' : 'launch/patient', ...DATA_SCOPES].join(' ');
}

/**
 * Options for FHIR.oauth2.authorize. EHR launch: `iss` and `launch` come in the URL. Standalone: the FHIR base of
 * this origin (`/fhir`), or `?iss=` to point at another SMART server.
 */
export function authorizeOptions(location: URL): fhirclient.AuthorizeParams {
  const ehrLaunch = location.searchParams.has('launch');
  const plan = planServerUrl(location);
  const iss = location.searchParams.get('iss') ?? plan;
  return {
    clientId: CLIENT_ID,
    // From the GP's own EHR: only what the app reads there; the plan's scopes are asked of the plan server.
    scope: ehrLaunch && isEhrOnly(iss, plan) ? ['openid', 'fhirUser', 'launch', 'online_access', ...EHR_SCOPES].join(' ') : scopes(ehrLaunch),
    iss,
    redirectUri: 'index.html',
    pkceMode: 'required',
    // Inside an EHR iframe the whole flow completes in the frame (the app is embedded, not a popup).
    completeInTarget: true,
  };
}
