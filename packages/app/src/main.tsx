// index.html (the SMART redirect page): fhirclient completes the launch, then the app renders. Any failure is
// shown in words with a relaunch link, never a blank page.
import { lazy, StrictMode, Suspense } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { page, relaunchUrl, started } from './early.ts';
import type { Started } from './early.ts';
import type { Session } from './smart/session.ts';
import { App, LanguageSwitch, SessionProblem } from './ui/App.tsx';
import './ui/styles.css';

// Launched without a person: the workspace (caseload…), its own chunk, so the plan's initial bundle does not grow.
const Workspace = lazy(() => import('./ui/workspace/Workspace.tsx'));

function Shell({ children }: { children: ReactNode }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <a className="skip" href="#status">{t('skipToPlan')}</a>
      <header className="top">
        <h1>{t('appTitle')}</h1>
        <LanguageSwitch />
      </header>
      <main>{children}</main>
    </>
  );
}

performance.mark('parcours:ui-evaluated');
// React takes the page from here: the first paint (first-paint.ts) stays out.
page.reactRendered = true;
const root = createRoot(document.getElementById('root') as HTMLElement);
const render = (node: ReactNode): void =>
  root.render(
    <StrictMode>
      <I18nProvider initial={localStorage.getItem('parcours-lang') === 'en' ? 'en' : 'fr'}>
        <Shell>{node}</Shell>
      </I18nProvider>
    </StrictMode>,
  );

function Launched({ session, plan, caseload, ehr }: Started): ReactNode {
  const { t } = useI18n();
  // The data may already be here (a slow link, its first paint on screen): the plan is then drawn at once.
  if (session.patientId) return <App session={session as Session} {...(plan ? { initialPlan: plan } : {})} {...(page.planData ? { initialData: page.planData } : {})} {...(ehr ? { ehrRecords: ehr } : {})} />;
  return (
    <Suspense fallback={<p role="status">{t('loading')}</p>}>
      <Workspace session={session} {...(caseload ? { initial: caseload } : {})} />
    </Suspense>
  );
}

started.then(
  (launched) => render(<Launched {...launched} />),
  (error: unknown) => render(<SessionProblem error={error} relaunchUrl={relaunchUrl} />),
);
