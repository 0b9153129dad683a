// The plan's state: loading, errors, and optimistic writes that roll back when the server (or the validator)
// refuses them.
import type { Resource } from '@medplum/fhirtypes';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadMoreObservations, loadPlan } from '../fhir/load-plan.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { commit, loadValidator, WriteError } from '../fhir/writes.ts';
import type { Change } from '../fhir/writes.ts';
import type { Session } from '../smart/session.ts';

export type PlanState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: PlanData };

export interface WriteResult {
  ok: boolean;
  error?: WriteError;
}

/** Sends changes optimistically (see usePlan). */
export type PlanWrite = (changes: Change[]) => Promise<WriteResult>;

/** Puts resources into the plan data (replacing by id, else appending to their list). */
export function mergeResources(data: PlanData, resources: Resource[], replaced: Resource[] = []): PlanData {
  const next: PlanData = { ...data, goals: [...data.goals], tasks: [...data.tasks], encounters: [...data.encounters], appointments: [...data.appointments], observations: [...data.observations], careTeams: [...data.careTeams], serviceRequests: [...data.serviceRequests], questionnaireResponses: [...data.questionnaireResponses] };
  const lists: Partial<Record<string, Resource[]>> = { Goal: next.goals, Task: next.tasks, Encounter: next.encounters, Appointment: next.appointments, Observation: next.observations, CareTeam: next.careTeams, ServiceRequest: next.serviceRequests, QuestionnaireResponse: next.questionnaireResponses };
  resources.forEach((r, i) => {
    if (r.resourceType === 'CarePlan') {
      next.carePlan = r;
      return;
    }
    const list = lists[r.resourceType];
    if (!list) return;
    const old = replaced[i];
    const at = list.findIndex((x) => x === old || (r.id !== undefined && x.id === r.id));
    if (at >= 0) list[at] = r;
    else list.push(r);
  });
  return next;
}

/**
 * Once the plan and its history are on screen the validator is fetched while the person reads: the first save
 * then waits for the server only (on a slow link the validator and its definitions take seconds to arrive).
 */
function prefetchValidator(): void {
  setTimeout(() => void loadValidator().catch(() => undefined), 1000);
}

/**
 * The plan's state. `initialData` is what `initialPlan` already resolved to, when it did before the first render
 * (the plan is then drawn at once, with no loading message in between).
 */
export function usePlan(session: Session, initialPlan?: Promise<PlanData>, initialData?: PlanData): { state: PlanState; reload(): void; write: PlanWrite } {
  const [state, setState] = useState<PlanState>(() => (initialPlan && initialData ? { status: 'ready', data: initialData } : { status: 'loading' }));
  const current = useRef<PlanState>(state);
  current.current = state;

  // The first load may already be under way (early.ts); a retry asks again. The effect may run twice for one mount
  // (React StrictMode in development): the same request is then followed once, not sent twice.
  const pending = useRef(initialPlan);
  const followed = useRef<Promise<PlanData>>(undefined);
  const load = useCallback(
    (fresh: boolean) => {
      const request = (!fresh && pending.current) || loadPlan(session.api, session.patientId, session.fhirUser);
      pending.current = request;
      if (followed.current === request) return;
      followed.current = request;
      const shown = current.current.status === 'ready' ? current.current.data : undefined;
      if (!shown || fresh) setState({ status: 'loading' });
      request.then(
        (data) => {
          if (followed.current !== request) return; // a newer load took over
          performance.mark('parcours:data');
          if (data !== shown) setState({ status: 'ready', data });
          if (!data.observationsNext) return prefetchValidator();
          // History beyond the first page streams in once the plan is on screen (not competing with its first render).
          const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1000));
          later().then(() => loadMoreObservations(session.api, data)).then(
            (older) => {
              setState((s) => (s.status === 'ready' ? { status: 'ready', data: { ...mergeResources(s.data, older), observationsNext: undefined } } : s));
              prefetchValidator();
            },
            () => prefetchValidator(),
          );
        },
        (error: unknown) => {
          if (followed.current === request) setState({ status: 'error', error });
        },
      );
    },
    [session],
  );
  const reload = useCallback(() => load(true), [load]);

  useEffect(() => load(false), [load]);

  const write = useCallback(
    async (changes: Change[]): Promise<WriteResult> => {
      const before = current.current;
      if (before.status !== 'ready') return { ok: false };
      const optimistic = changes.map((c) => c.resource);
      setState({ status: 'ready', data: mergeResources(before.data, optimistic) });
      try {
        const stored = await commit(session.api, changes, { fhirUser: session.fhirUser, organization: before.data.user.organization });
        setState((s) => (s.status === 'ready' ? { status: 'ready', data: mergeResources(s.data, stored, optimistic) } : s));
        return { ok: true };
      } catch (error) {
        setState(before); // roll back
        return { ok: false, error: error instanceof WriteError ? error : new WriteError('rejected', (error as Error).message) };
      }
    },
    [session],
  );

  return { state, reload, write };
}
