// launch.html: starts the SMART launch (EHR launch with iss+launch, or standalone). fhirclient redirects to the
// authorization server; on failure we say so in words instead of leaving a blank page.
import FHIR from 'fhirclient/lib/entry/browser';
import { authorizeOptions } from './smart/config.ts';

FHIR.oauth2.authorize(authorizeOptions(new URL(window.location.href))).catch((error: unknown) => {
  const main = document.getElementById('launch');
  if (main) {
    main.textContent = '';
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `Le lancement a échoué / Launch failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    main.append(p);
  }
});
