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
  const iss = location.searchParams.get('iss') ?? new URL('/fhir', location.origin).href;
  return {
    clientId: CLIENT_ID,
    scope: scopes(ehrLaunch),
    iss,
    redirectUri: 'index.html',
    pkceMode: 'required',
    // Inside an EHR iframe the whole flow completes in the frame (the app is embedded, not a popup).
    completeInTarget: true,
  };
}
