// Turns fhirclient's launched Client into the app's session: who, which person, which server. OAuth stays in
// fhirclient (token storage in sessionStorage keyed per tab, refresh on expiry); the UI never sees a token.
import type Client from 'fhirclient/lib/Client';
import { FhirApi } from '../fhir/api.ts';

/** A launched session: a person in context (the plan), or none (the user's caseload, issue 14). */
export interface UserSession {
  api: FhirApi;
  patientId?: string | undefined;
  fhirUser: string | undefined;
  needPatientBanner: boolean;
  /** Where to relaunch from when the session cannot be refreshed. */
  relaunchUrl: string;
}

/** A session with a person: what the plan needs. */
export interface Session extends UserSession {
  patientId: string;
}

export class LaunchError extends Error {
  readonly kind: 'expired' | 'no-patient' | 'failed';
  constructor(kind: 'expired' | 'no-patient' | 'failed', message: string) {
    super(message);
    this.name = 'LaunchError';
    this.kind = kind;
  }
}

/** The session of a launch; without a person in context, the caseload's (no patientId). */
export function sessionFromClient(client: Client, relaunchUrl: string): UserSession {
  const patientId = client.getPatientId();
  const banner = client.state.tokenResponse?.need_patient_banner;
  return {
    api: new FhirApi(client, client.state.serverUrl),
    ...(patientId ? { patientId } : {}),
    fhirUser: client.getFhirUser() ?? undefined,
    // Absent means "show it": the app may be opened outside an EHR frame that already shows the person.
    needPatientBanner: banner !== false,
    relaunchUrl,
  };
}

/**
 * The plan of a person opened from the caseload, in the same user-level session (same token, same server): the
 * server's care-team policy bounds what it answers. The banner shows: no EHR frame names this person.
 */
export function sessionFor(session: UserSession, patientId: string): Session {
  return { ...session, patientId, needPatientBanner: true };
}

/** Classifies a launch or request failure into words a person can act on. */
export function classifyError(error: unknown): LaunchError {
  if (error instanceof LaunchError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { status?: number })?.status;
  if (status === 401 || /expired|No '?state'?|state.*not found|cannot be accessed directly|invalid_grant/i.test(message)) {
    return new LaunchError('expired', message.split('\n')[0] ?? message);
  }
  return new LaunchError('failed', message.split('\n')[0] ?? message);
}
