// Started by boot.ts before React is even evaluated: completes the SMART launch (fhirclient) and sends the plan's
// three requests, so the token exchange and the FHIR round trips overlap with loading the UI code.
import FHIR from 'fhirclient/lib/entry/browser';
import { loadPlan } from './fhir/load-plan.ts';
import type { PlanData } from './fhir/load-plan.ts';
import type { CaseloadData } from './fhir/caseload.ts';
import { sessionFromClient } from './smart/session.ts';
import type { UserSession } from './smart/session.ts';

performance.mark('parcours:early-evaluated');
export const relaunchUrl = new URL('launch.html', window.location.href).href;

export interface Started {
  session: UserSession;
  /** The plan's requests, when a person is in context; none for the caseload (launched without a person). */
  plan?: Promise<PlanData>;
  /** The caseload's requests, when launched without a person (their module is a chunk of its own). */
  caseload?: Promise<CaseloadData>;
}

export const started: Promise<Started> = FHIR.oauth2.ready().then((client) => {
  performance.mark('parcours:smart-ready');
  const session = sessionFromClient(client, relaunchUrl);
  if (!session.patientId) {
    const caseload = import('./fhir/caseload.ts').then((m) => m.loadCaseload(session.api, session.fhirUser));
    caseload.catch(() => undefined); // handled where it is awaited (useCaseload)
    return { session, caseload };
  }
  const plan = loadPlan(session.api, session.patientId, session.fhirUser);
  plan.catch(() => undefined); // handled where it is awaited (usePlan); not an unhandled rejection meanwhile
  return { session, plan };
});
started.catch(() => undefined);
