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
  'patient/Communication.rs',
  'patient/ServiceRequest.crus',
  'patient/MedicationRequest.rs',
  'patient/Provenance.c',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
  'patient/Organization.rs',
  // « Qui a consulté ce dossier »: the GP and the coordinator read the person's audit trail (never write it).
  'patient/AuditEvent.rs',
] as const;

/**
 * The caseload (issue 14, launched without a person): the same types and permissions at user level. The server
 * bounds user scopes by the care-team policy (the people of the user's active care teams, nobody else), and a token
 * with a person in context is limited to that person whatever user scopes it carries. Plus the watch's care-break
 * Flags, read only, and the indicators (issue 16: `Measure/[id]/$evaluate-measure`; the server decides whose figures).
 */
export const USER_SCOPES = [...DATA_SCOPES.map((s) => s.replace(/^patient\//, 'user/')), 'user/Flag.rs', 'user/Measure.r'] as const;

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
  const iss = location.searchParams.get('iss') ?? new URL('/fhir', location.origin).href;
  return {
    clientId: CLIENT_ID,
    scope: scopes(kind),
    iss,
    redirectUri: 'index.html',
    pkceMode: 'required',
    // Inside an EHR iframe the whole flow completes in the frame (the app is embedded, not a popup).
    completeInTarget: true,
  };
}
