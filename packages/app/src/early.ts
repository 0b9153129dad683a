// Started by boot.ts before React is even evaluated: completes the SMART launch (fhirclient) and sends the plan's
// three requests, so the token exchange and the FHIR round trips overlap with loading the UI code.
import FHIR from 'fhirclient/lib/entry/browser';
import { loadPlan } from './fhir/load-plan.ts';
import type { PlanData } from './fhir/load-plan.ts';
import { sessionFromClient } from './smart/session.ts';
import type { Session } from './smart/session.ts';

performance.mark('parcours:early-evaluated');
export const relaunchUrl = new URL('launch.html', window.location.href).href;

export interface Started {
  session: Session;
  plan: Promise<PlanData>;
}

export const started: Promise<Started> = FHIR.oauth2.ready().then((client) => {
  performance.mark('parcours:smart-ready');
  const session = sessionFromClient(client, relaunchUrl);
  const plan = loadPlan(session.api, session.patientId, session.fhirUser);
  plan.catch(() => undefined); // handled where it is awaited (usePlan); not an unhandled rejection meanwhile
  return { session, plan };
});
started.catch(() => undefined);
