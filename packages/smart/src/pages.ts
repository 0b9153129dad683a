// HTML of the simulator's login/consent page and error page. French first, English second.
import { escapeHtml } from './http.ts';
import type { PatientSummary, SyntheticUser } from './types.ts';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}.en{color:#555;font-size:.9em}fieldset{margin:1rem 0;border:1px solid #ccc;border-radius:.4rem}
label{display:block;padding:.3rem 0}code{background:#f2f2f2;padding:0 .2rem}button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem}
.error{border-left:4px solid #c00;padding-left:1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** Shown instead of redirecting when the client or its redirect_uri cannot be trusted. */
export function errorPage(fr: string, en: string): string {
  return page(
    'Erreur d’autorisation / Authorization error',
    `<main class="error"><h1>Erreur d’autorisation <span class="en">/ Authorization error</span></h1>
<p>${escapeHtml(fr)}</p><p class="en" lang="en">${escapeHtml(en)}</p></main>`,
  );
}

export function consentPage(input: {
  requestId: string;
  action: string;
  clientName: string;
  scopes: string[];
  users: SyntheticUser[];
  patients?: PatientSummary[];
}): string {
  const users = input.users
    .map(
      (u, i) =>
        `<label><input type="radio" name="user" value="${escapeHtml(u.id)}"${i === 0 ? ' checked' : ''} required> ${escapeHtml(u.name)}${
          u.role ? ` <span class="en">(${escapeHtml(u.role)})</span>` : ''
        }</label>`,
    )
    .join('\n');
  const patients = input.patients
    ? `<fieldset><legend>Choisir la personne suivie <span class="en">/ Choose the patient</span></legend>
<select name="patient" required>${input.patients
        .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${p.birthDate ? ` (${escapeHtml(p.birthDate)})` : ''}</option>`)
        .join('')}</select></fieldset>`
    : '';
  const scopes = input.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  return page(
    'Connexion et autorisation / Sign in and authorize',
    `<main><h1>Simulateur SMART : connexion <span class="en">/ SMART simulator: sign in</span></h1>
<p>L’application <strong>${escapeHtml(input.clientName)}</strong> demande l’accès suivant.
<span class="en" lang="en">The application asks for the following access.</span></p><ul>${scopes}</ul>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">
<fieldset><legend>Se connecter en tant que <span class="en">/ Sign in as</span></legend>${users}</fieldset>
${patients}
<button type="submit" name="decision" value="approve">Autoriser <span class="en">/ Allow</span></button>
<button type="submit" name="decision" value="deny" formnovalidate>Refuser <span class="en">/ Deny</span></button>
</form><p class="en">Utilisateurs et personnes fictifs. <span lang="en">Synthetic users and patients.</span></p></main>`,
  );
}
