// Started by boot.ts before React is even evaluated: completes the SMART launch (fhirclient) and sends the plan's
// three requests, so the token exchange and the FHIR round trips overlap with loading the UI code.
import FHIR from 'fhirclient/lib/entry/browser';
import { loadPlan } from './fhir/load-plan.ts';
import type { PlanData } from './fhir/load-plan.ts';
import { loadEhr } from './fhir/ehr.ts';
import type { EhrRecords } from './fhir/ehr.ts';
import type { CaseloadData } from './fhir/caseload.ts';
import { planServerConfig } from './smart/plan-exchange.ts';
import type { PlanServerConfig } from './smart/plan-exchange.ts';
import { sessionFromLaunch } from './smart/session.ts';
import type { UserSession } from './smart/session.ts';

performance.mark('parcours:early-evaluated');

/** What main.tsx needs to know of the page: whether React took it, and the plan's data if it is already here. */
export const page: { reactRendered: boolean; planData: PlanData | undefined } = { reactRendered: false, planData: undefined };

/**
 * The data is here before React (a slow link: main.js is the largest chunk): the status line and the goals are drawn
 * at once from a small chunk (first-paint.ts), React replaces them when it renders the plan.
 */
function paintWhenFirst(plan: Promise<PlanData>): void {
  plan.then(
    (data) => {
      page.planData = data;
      if (page.reactRendered) return;
      import('./first-paint.ts').then(
        (m) => {
          const root = document.getElementById('root');
          if (root && !page.reactRendered) m.paintFirst(root, data, localStorage.getItem('parcours-lang') === 'en' ? 'en' : 'fr');
        },
        () => undefined, // React draws the plan when it arrives
      );
    },
    () => undefined, // the error is shown by the App
  );
}
export const relaunchUrl = new URL('launch.html', window.location.href).href;

const planBase = sessionStorage.getItem('parcours-plan') ?? new URL('/fhir', window.location.origin).href;

export interface Started {
  session: UserSession;
  /** The plan's requests, when a person is in context; none for the caseload (launched without a person). */
  plan?: Promise<PlanData>;
  /** The GP's EHR records (launched from the EHR only), read in parallel with the plan. */
  ehr?: Promise<EhrRecords>;
  /** The caseload's requests, when launched without a person (their module is a chunk of its own). */
  caseload?: Promise<CaseloadData>;
}

// Asked for at most once, and only when the launch came from another server (the GP's EHR); when it did, the
// request is already in flight during fhirclient's code exchange, so the token exchange waits for nothing else.
let config: Promise<PlanServerConfig> | undefined;
const planConfig = (): Promise<PlanServerConfig> => (config ??= planServerConfig(planBase));
if (sessionStorage.getItem('parcours-two-servers') === '1') planConfig().catch(() => undefined);

export const started: Promise<Started> = FHIR.oauth2.ready().then(async (client) => {
  performance.mark('parcours:smart-ready');
  const session = await sessionFromLaunch(client, relaunchUrl, planBase, planConfig);
  if (!session.patientId) {
    const caseload = import('./fhir/caseload.ts').then((m) => m.loadCaseload(session.api, session.fhirUser));
    caseload.catch(() => undefined); // handled where it is awaited (useCaseload)
    return { session, caseload };
  }
  const plan = loadPlan(session.api, session.patientId, session.fhirUser);
  plan.catch(() => undefined); // handled where it is awaited (usePlan); not an unhandled rejection meanwhile
  paintWhenFirst(plan);
  const ehr = session.ehr ? loadEhr(session.ehr.api, session.ehr.patientId) : undefined;
  ehr?.catch(() => undefined); // shown by the EHR panel
  return { session, plan, ...(ehr ? { ehr } : {}) };
});
started.catch(() => undefined);
