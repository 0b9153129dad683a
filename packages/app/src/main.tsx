// index.html (the SMART redirect page): fhirclient completes the launch, then the app renders. Any failure is
// shown in words with a relaunch link, never a blank page.
import FHIR from 'fhirclient/lib/entry/browser';
import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { sessionFromClient } from './smart/session.ts';
import type { Session } from './smart/session.ts';
import { App, LanguageSwitch, SessionProblem } from './ui/App.tsx';
import './ui/styles.css';

const relaunchUrl = new URL('launch.html', window.location.href).href;

function Shell({ children }: { children: ReactNode }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <header className="top">
        <h1>{t('appTitle')}</h1>
        <LanguageSwitch />
      </header>
      <main>{children}</main>
    </>
  );
}

const root = createRoot(document.getElementById('root') as HTMLElement);
const render = (node: ReactNode): void =>
  root.render(
    <StrictMode>
      <I18nProvider initial={localStorage.getItem('parcours-lang') === 'en' ? 'en' : 'fr'}>
        <Shell>{node}</Shell>
      </I18nProvider>
    </StrictMode>,
  );

FHIR.oauth2
  .ready()
  .then((client) => {
    const session: Session = sessionFromClient(client, relaunchUrl);
    render(<App session={session} />);
  })
  .catch((error: unknown) => render(<SessionProblem error={error} relaunchUrl={relaunchUrl} />));
