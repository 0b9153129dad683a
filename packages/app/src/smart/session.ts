// Turns fhirclient's launched Client into the app's session: who, which person, which server. OAuth stays in
// fhirclient (token storage in sessionStorage keyed per tab, refresh on expiry); the UI never sees a token.
import type Client from 'fhirclient/lib/Client';
import { bearerTransport, FhirApi } from '../fhir/api.ts';
import type { FhirTransport } from '../fhir/api.ts';
import { isEhrOnly } from './config.ts';
import { exchangeForPlan } from './plan-exchange.ts';
import type { PlanServerConfig } from './plan-exchange.ts';

/** The GP's own EHR, when the app was launched from it: read only, beside the plan (fhir/ehr.ts). */
export interface EhrSide {
  api: FhirApi;
  /** The person's id in the EHR (not the plan server's). */
  patientId: string;
  /** The EHR's FHIR base: names the source of anything shared into the plan. */
  baseUrl: string;
}

/** A launched session: a person in context (the plan), or none (the user's caseload, issue 14). */
export interface UserSession {
  api: FhirApi;
  patientId?: string | undefined;
  fhirUser: string | undefined;
  needPatientBanner: boolean;
  /** Where to relaunch from when the session cannot be refreshed. */
  relaunchUrl: string;
  /** Launched from the GP's own EHR: the plan is on the plan server (`api`), the GP's records here. */
  ehr?: EhrSide;
}

/** A session with a person: what the plan needs. */
export interface Session extends UserSession {
  patientId: string;
}

export class LaunchError extends Error {
  /** exchange: the plan server refused the EHR's tokens (its sentence is the message). */
  readonly kind: 'expired' | 'no-patient' | 'failed' | 'exchange';
  constructor(kind: 'expired' | 'no-patient' | 'failed' | 'exchange', message: string) {
    super(message);
    this.name = 'LaunchError';
    this.kind = kind;
  }
}

/** FHIR access on the launch's server with fhirclient's token, which fhirclient renews when it is about to expire. */
export function clientTransport(client: Client): FhirTransport {
  return bearerTransport(client.state.serverUrl, async () => {
    await client.refreshIfNeeded();
    return client.state.tokenResponse?.access_token;
  });
}

/** The session of a launch; without a person in context, the caseload's (no patientId). */
export function sessionFromClient(client: Client, relaunchUrl: string): UserSession {
  const patientId = client.getPatientId();
  const banner = client.state.tokenResponse?.need_patient_banner;
  return {
    api: new FhirApi(clientTransport(client), client.state.serverUrl),
    ...(patientId ? { patientId } : {}),
    fhirUser: client.getFhirUser() ?? undefined,
    // Absent means "show it": the app may be opened outside an EHR frame that already shows the person.
    needPatientBanner: banner !== false,
    relaunchUrl,
  };
}

/**
 * The session of a launch: on the plan server itself (one server), or from the GP's EHR (two servers), where one
 * token exchange gives the plan-server token and the person's plan id (matched by INS on the plan server).
 */
export async function sessionFromLaunch(client: Client, relaunchUrl: string, planBase: string, planConfig: () => Promise<PlanServerConfig>): Promise<UserSession> {
  if (!isEhrOnly(client.state.serverUrl, planBase)) return sessionFromClient(client, relaunchUrl);
  const ehrPatient = client.getPatientId();
  if (!ehrPatient) throw new LaunchError('no-patient', 'no patient in the launch context');
  const response = client.state.tokenResponse;
  let grant;
  try {
    grant = await exchangeForPlan(planBase, planConfig(), { idToken: response?.id_token, accessToken: response?.access_token });
  } catch (error) {
    throw new LaunchError('exchange', error instanceof Error ? error.message : String(error));
  }
  return {
    api: new FhirApi(grant.transport, planBase),
    patientId: grant.patient,
    fhirUser: grant.fhirUser,
    needPatientBanner: response?.need_patient_banner !== false,
    relaunchUrl,
    ehr: { api: new FhirApi(clientTransport(client), client.state.serverUrl), patientId: ehrPatient, baseUrl: client.state.serverUrl.replace(/\/+$/, '') },
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
