// The caseload's state, shared by the workspace's screens: loading, error, ready; a reload keeps the rows on screen
// until the fresh ones arrive (coming back from a plan, the « Actualiser » button).
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadCaseload } from '../../fhir/caseload.ts';
import type { CaseloadData } from '../../fhir/caseload.ts';
import type { UserSession } from '../../smart/session.ts';

export type CaseloadState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: CaseloadData; refreshing: boolean };

export function useCaseload(session: UserSession, initial?: Promise<CaseloadData>): { state: CaseloadState; reload(): void } {
  const [state, setState] = useState<CaseloadState>({ status: 'loading' });
  const pending = useRef(initial);
  const generation = useRef(0);
  const load = useCallback(
    (fresh: boolean) => {
      const request = (!fresh && pending.current) || loadCaseload(session.api, session.fhirUser);
      pending.current = request;
      const mine = ++generation.current;
      setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }));
      request.then(
        (data) => mine === generation.current && setState({ status: 'ready', data, refreshing: false }),
        (error: unknown) => mine === generation.current && setState({ status: 'error', error }),
      );
    },
    [session],
  );
  useEffect(() => {
    load(false);
    // Unmounted: an answer still on its way is dropped.
    return () => {
      generation.current++;
    };
  }, [load]);
  return { state, reload: useCallback(() => load(true), [load]) };
}
