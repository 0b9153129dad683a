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

/** Step 1 of the standalone launch: sign in (a synthetic user) and approve the scopes. */
export function consentPage(input: {
  requestId: string;
  action: string;
  clientName: string;
  scopes: string[];
  users: SyntheticUser[];
  /** A patient is chosen next, among the people of the user's care teams. */
  needsPatient: boolean;
}): string {
  const users = input.users
    .map(
      (u, i) =>
        `<label><input type="radio" name="user" value="${escapeHtml(u.id)}"${i === 0 ? ' checked' : ''} required> ${escapeHtml(u.name)}${
          u.role ? ` <span class="en">(${escapeHtml(u.role)})</span>` : ''
        }</label>`,
    )
    .join('\n');
  const next = input.needsPatient
    ? `<p>Vous choisirez ensuite la personne suivie, parmi celles de vos équipes de soins.
<span class="en" lang="en">You will then choose the patient, among the people of your care teams.</span></p>`
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
${next}
<button type="submit" name="decision" value="approve">Autoriser <span class="en">/ Allow</span></button>
<button type="submit" name="decision" value="deny" formnovalidate>Refuser <span class="en">/ Deny</span></button>
</form><p class="en">Utilisateurs et personnes fictifs. <span lang="en">Synthetic users and patients.</span></p></main>`,
  );
}

function emergencyForm(requestId: string, action: string, minutes: number): string {
  return `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="request" value="${escapeHtml(requestId)}">
<details class="btg"><summary>Accès d’urgence (bris de glace) <span class="en">/ Emergency access (break the glass)</span></summary>
<p>Pour une personne hors de vos équipes, en cas d’urgence seulement : lecture seule, ${minutes} minutes, sans
renouvellement. Chaque consultation est enregistrée avec votre motif et visible de l’équipe de soins de la personne.
<span class="en" lang="en">For a person outside your teams, in an emergency only: read only, ${minutes} minutes, no renewal.
Every access is recorded with your reason and shown to the person's care team.</span></p>
<label>Identifiant de la personne <span class="en">/ Patient id</span>
<input name="patient" required maxlength="64" autocomplete="off"></label>
<label>Motif (obligatoire) <span class="en">/ Reason (required)</span>
<textarea name="reason" required minlength="10" maxlength="500" rows="3"></textarea></label>
<button type="submit" name="decision" value="emergency">Accéder en urgence <span class="en">/ Break the glass</span></button>
</details></form>`;
}

/** Step 2: the signed-in user chooses the person, among the people of their care teams only. */
export function patientPage(input: {
  requestId: string;
  action: string;
  user: SyntheticUser;
  patients: PatientSummary[];
  /** Minutes of an emergency access; absent: not offered. */
  emergencyMinutes?: number;
}): string {
  const options = input.patients
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${p.birthDate ? ` (${escapeHtml(p.birthDate)})` : ''}</option>`)
    .join('');
  const picker = input.patients.length
    ? `<fieldset><legend>Choisir la personne suivie <span class="en">/ Choose the patient</span></legend>
<select name="patient" required>${options}</select></fieldset>
<button type="submit" name="decision" value="approve">Ouvrir <span class="en">/ Open</span></button>`
    : `<p>Aucune personne dans vos équipes de soins. <span class="en" lang="en">Nobody in your care teams.</span></p>`;
  return page(
    'Choisir la personne / Choose the patient',
    `<main><h1>Choisir la personne suivie <span class="en">/ Choose the patient</span></h1>
<p>Connecté·e : <strong>${escapeHtml(input.user.name)}</strong>. Seules les personnes dont l’équipe de soins vous compte
sont proposées. <span class="en" lang="en">Only the people whose care team includes you are offered.</span></p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">
${picker}
<button type="submit" name="decision" value="deny" formnovalidate>Refuser <span class="en">/ Deny</span></button>
</form>
${input.emergencyMinutes !== undefined ? emergencyForm(input.requestId, input.action, input.emergencyMinutes) : ''}
<p class="en">Utilisateurs et personnes fictifs. <span lang="en">Synthetic users and patients.</span></p></main>`,
  );
}
