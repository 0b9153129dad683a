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
  // The team's work (issue 15): appointments booked, orientations to partners and their follow-through.
  'patient/Appointment.crus',
  'patient/Observation.crs',
  'patient/MedicationStatement.rs',
  'patient/Composition.rs',
  // Notes of a synthesis meeting are Communications (category note-synthese), written with the meeting.
  'patient/Communication.crs',
  // The care-break watch's Flags: read only (the watch writes them).
  'patient/Flag.rs',
  'patient/ServiceRequest.crus',
  'patient/MedicationRequest.rs',
  'patient/Provenance.c',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
  'patient/Organization.rs',
  // « Qui a consulté ce dossier »: the GP and the coordinator read the person's audit trail (never write it).
  'patient/AuditEvent.rs',
  // Entry, follow-up and end-of-care records, and the Conditions they extract (hepatitis C, HIV): create and read.
  'patient/QuestionnaireResponse.crs',
  'patient/Condition.c',
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

/**
 * The caseload (issue 14, launched without a person): the same types and permissions at user level. The server
 * bounds user scopes by the care-team policy (the people of the user's active care teams, nobody else), and a token
 * with a person in context is limited to that person whatever user scopes it carries (the watch's care-break Flags
 * among them, read only), plus the indicators (issue 16: `Measure/[id]/$evaluate-measure`; the server decides whose
 * figures) and, for a funder, the agencies' funding (OrganizationAffiliation: which structures they may choose).
 */
export const USER_SCOPES = [...DATA_SCOPES.map((s) => s.replace(/^patient\//, 'user/')), 'user/Measure.r', 'user/OrganizationAffiliation.rs'];

/** How the app is launched: by an EHR (its context decides: a person, or none), standalone for one person, or standalone for the caseload. */
export type LaunchKind = 'ehr' | 'standalone' | 'caseload';

/**
 * EHR launch: `launch`, patient and user scopes (with a person in the context the token is limited to them; without,
 * the caseload). Standalone: `launch/patient` (the server asks which person). Standalone caseload: user scopes only,
 * so the server asks for no person.
 */
export function scopes(k: LaunchKind): string {
  // online_access: a refresh token while the user is online, so an expired access token is renewed silently.
  const base = ['openid', 'fhirUser', 'online_access'];
  if (k === 'caseload') return [...base, ...USER_SCOPES].join(' ');
  if (k === 'ehr') return [...base, 'launch', ...DATA_SCOPES, ...USER_SCOPES].join(' ');
  return [...base, 'launch/patient', ...DATA_SCOPES].join(' ');
}

/**
 * Options for FHIR.oauth2.authorize. EHR launch: `iss` and `launch` come in the URL. Standalone: the FHIR base of
 * this origin (`/fhir`), or `?iss=` to point at another SMART server; `?caseload=1` opens the user's caseload
 * (no person chosen) instead of one person's plan.
 */
export function authorizeOptions(location: URL): fhirclient.AuthorizeParams {
  const kind: LaunchKind = location.searchParams.has('launch') ? 'ehr' : location.searchParams.get('caseload') === '1' ? 'caseload' : 'standalone';
  const plan = planServerUrl(location);
  const iss = location.searchParams.get('iss') ?? plan;
  return {
    clientId: CLIENT_ID,
    // From the GP's own EHR: only what the app reads there; the plan's scopes are asked of the plan server.
    scope: kind === 'ehr' && isEhrOnly(iss, plan) ? ['openid', 'fhirUser', 'launch', 'online_access', ...EHR_SCOPES].join(' ') : scopes(kind),
    iss,
    redirectUri: 'index.html',
    pkceMode: 'required',
    // Inside an EHR iframe the whole flow completes in the frame (the app is embedded, not a popup).
    completeInTarget: true,
  };
}
