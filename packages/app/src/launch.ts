// launch.html: starts the SMART launch (EHR launch with iss+launch, or standalone). fhirclient redirects to the
// authorization server; on failure we say so in words instead of leaving a blank page.
import FHIR from 'fhirclient/lib/entry/browser';
import { authorizeOptions, isEhrOnly, planServerUrl } from './smart/config.ts';

const url = new URL(window.location.href);
// The benchmark's baseline page (see boot.ts); per tab, like fhirclient's own state.
if (url.searchParams.get('bare') === '1') sessionStorage.setItem('parcours-bare', '1');
else sessionStorage.removeItem('parcours-bare');
// The plan server, for the redirect page (index.html has no launch parameters); per tab too.
sessionStorage.setItem('parcours-plan', planServerUrl(url));
const iss = url.searchParams.get('iss');
sessionStorage.setItem('parcours-two-servers', iss && url.searchParams.has('launch') && isEhrOnly(iss, planServerUrl(url)) ? '1' : '0');

// The redirect page's first chunks are prefetched on a slow link by a script the build puts in launch.html
// (vite-plugins.ts, preloadAppChunks).

FHIR.oauth2.authorize(authorizeOptions(url)).catch((error: unknown) => {
  const main = document.getElementById('launch');
  if (main) {
    main.textContent = '';
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `Le lancement a échoué / Launch failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    main.append(p);
  }
});
