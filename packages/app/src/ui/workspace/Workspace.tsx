/**
 * The workspace (issue 14): what the app shows when launched without a person (standalone `launch.html?caseload=1`,
 * or an EHR launch without patient context). Screens across the people of the user's care teams, as tabs; opening
 * a person shows their plan (the plan App) in the same user-level session, with a way back.
 *
 * ADDING A SCREEN (meetings, indicators…): write a module whose default export is a component taking
 * `WorkspaceScreenProps`, and append one entry to `WORKSPACE_SCREENS` below:
 *
 *   { id: 'reunion', label: { fr: 'Préparer une réunion de synthèse', en: 'Prepare a case-review meeting' },
 *     load: () => import('./Meeting.tsx') },
 *
 * Each screen is its own chunk, loaded when its tab is first opened (the plan's initial bundle does not grow). The
 * props give the launched session (`session.api` for FHIR requests, bounded by the care-team policy), the caseload
 * already loaded (rows of caseload-rows.ts: flags, overdue tasks, discharges… to build an agenda from), a reload,
 * and `openPerson(patientId)` to show someone's plan. Words: the workspace dictionary (i18n/dict-workspace.ts) or
 * one of the screen's own, French first; `useI18n()` gives the language.
 */
import type { ComponentType, ReactNode } from 'react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { CaseloadData } from '../../fhir/caseload.ts';
import { ww } from '../../i18n/dict-workspace.ts';
import type { Lang } from '../../i18n/dict.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { sessionFor } from '../../smart/session.ts';
import type { UserSession } from '../../smart/session.ts';
import { App } from '../App.tsx';
import { isFunder } from '../report/funder.ts';
import { CaseloadScreen } from './Caseload.tsx';
import { useCaseload } from './useCaseload.ts';
import './workspace.css';
import type { CaseloadState } from './useCaseload.ts';

export interface WorkspaceScreenProps {
  session: UserSession;
  caseload: CaseloadState;
  reloadCaseload(): void;
  openPerson(patientId: string): void;
}

export interface WorkspaceScreen {
  id: string;
  label: Record<Lang, string>;
  /** The screen's module, loaded the first time its tab is opened. */
  load: () => Promise<{ default: ComponentType<WorkspaceScreenProps> }>;
}

/** The screens after the caseload (always first), in tab order. Register new screens here. */
export const WORKSPACE_SCREENS: WorkspaceScreen[] = [
  { id: 'reunion', label: { fr: 'Réunion de synthèse', en: 'Case-review meeting' }, load: () => import('../meeting/WorkspaceMeeting.tsx') },
  // Issue 16: the funders' indicators of a structure (coordinators and funders; the server decides who may see).
  { id: 'indicateurs', label: { fr: 'Indicateurs', en: 'Indicators' }, load: () => import('../report/Report.tsx') },
];

const lazyScreens = new Map<string, ComponentType<WorkspaceScreenProps>>();
function screenComponent(screen: WorkspaceScreen): ComponentType<WorkspaceScreenProps> {
  let component = lazyScreens.get(screen.id);
  if (!component) {
    component = lazy(screen.load);
    lazyScreens.set(screen.id, component);
  }
  return component;
}

export function Workspace({ session, initial, screens = WORKSPACE_SCREENS }: { session: UserSession; initial?: Promise<CaseloadData>; screens?: WorkspaceScreen[] }): ReactNode {
  const { lang } = useI18n();
  const { state, reload } = useCaseload(session, initial);
  const [tab, setTab] = useState('caseload');
  const [person, setPerson] = useState<string>();
  const opened = useRef<string>(undefined);
  // The browser's Back button closes the plan (the person's id never goes into the URL or the history's URL); coming
  // back reloads the rows, so what was recorded in the plan shows.
  useEffect(() => {
    const onPop = (): void => {
      if (opened.current === undefined) return;
      opened.current = undefined;
      setPerson(undefined);
      reload();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [reload]);
  const openPerson = useCallback((id: string) => {
    history.pushState({ parcours: 'plan' }, '');
    opened.current = id;
    setPerson(id);
    window.scrollTo(0, 0);
  }, []);
  const back = (): void => {
    if ((history.state as { parcours?: string } | null)?.parcours === 'plan') {
      history.back(); // popstate closes the plan and reloads
      return;
    }
    opened.current = undefined;
    setPerson(undefined);
    reload();
  };
  const props: WorkspaceScreenProps = { session, caseload: state, reloadCaseload: reload, openPerson };
  // A funder (issue 16) follows nobody: their sign-in opens the indicators report, and nothing else.
  const report = screens.find((s) => s.id === 'indicateurs');
  if (report && isFunder(state, session.fhirUser)) {
    const ReportScreen = screenComponent(report);
    return (
      <div className="workspace">
        <Suspense fallback={<p role="status">…</p>}><ReportScreen {...props} /></Suspense>
      </div>
    );
  }
  const current = screens.find((s) => s.id === tab);
  const Screen = current ? screenComponent(current) : undefined;
  return (
    <div className={person ? 'workspace with-plan' : 'workspace'}>
      {person && (
        <div data-testid="workspace-plan">
          <p><button type="button" className="back" onClick={back}>← {ww(lang, 'back')}</button></p>
          <App key={person} session={sessionFor(session, person)} />
        </div>
      )}
      {/* Hidden, not unmounted, while a plan is open: filters, sort and page are where the user left them. */}
      <div hidden={person !== undefined}>
        <nav className="tabs" aria-label={ww(lang, 'workspace')} role="tablist">
          {[{ id: 'caseload', label: ww(lang, 'tabCaseload') }, ...screens.map((s) => ({ id: s.id, label: s.label[lang] }))].map((s) => (
            <button key={s.id} type="button" role="tab" aria-selected={tab === s.id} onClick={() => setTab(s.id)}>{s.label}</button>
          ))}
        </nav>
        <div role="tabpanel" id="workspace-panel">
          {tab === 'caseload' && <CaseloadScreen {...props} />}
          {Screen && (
            <Suspense fallback={<p role="status">…</p>}>
              <Screen {...props} />
            </Suspense>
          )}
        </div>
      </div>
    </div>
  );
}

export default Workspace;
