// The EHR simulator page: choose a user and a person, then launch a registered app as an EHR does
// (`launch.html?iss=…&launch=…`), in a new tab or embedded in an iframe. French first, English too.
import { createHash } from 'node:crypto';
import { HEAVY_PATIENT_ID, PROGRAMMES, programmeOf } from '@parcours/cohort';
import type { PatientSummary } from '@parcours/smart';
import { SANDBOX_USERS } from './team.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function option(p: PatientSummary, suffix = ''): string {
  return `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${p.birthDate ? ` (${escapeHtml(p.birthDate)})` : ''}${escapeHtml(suffix)}</option>`;
}

/**
 * The person list, grouped: the profiles' example scenarios first, then the heavy person (performance work), then
 * the synthetic cohort by field programme, each sorted by name.
 */
export function peopleOptions(patients: readonly PatientSummary[]): string {
  const byName = (a: PatientSummary, b: PatientSummary): number => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id);
  const group = (label: string, list: PatientSummary[], suffix = ''): string =>
    list.length ? `<optgroup label="${escapeHtml(label)} (${list.length})">${list.sort(byName).map((p) => option(p, suffix)).join('')}</optgroup>` : '';
  const examples = patients.filter((p) => !p.id.startsWith('cohort-'));
  const heavy = patients.filter((p) => p.id === HEAVY_PATIENT_ID);
  const cohort = patients.filter((p) => p.id.startsWith('cohort-') && p.id !== HEAVY_PATIENT_ID);
  return [
    // Launched without a person, the app opens the user's caseload (the people of their care teams).
    `<optgroup label="Sans personne / No person"><option value="">File active de l’utilisateur (sans personne) / The user's caseload (no person)</option></optgroup>`,
    group('Scénarios des exemples / Example scenarios', examples),
    group('Personne à fort volume (3 ans, 1 500 observations) / Heavy person', heavy, ' — fort volume / heavy'),
    ...PROGRAMMES.map((programme) => group(`Cohorte — ${programme.label}`, cohort.filter((p) => programmeOf(p.id) === programme.id))),
    group('Cohorte — autres / Cohort — other', cohort.filter((p) => programmeOf(p.id) === undefined)),
  ].join('');
}

const EHR_STYLE = `body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}select,button{font-size:1rem;padding:.4rem}
button{background:#0b5cad;color:#fff;border:0;border-radius:4px;margin-right:.5rem;cursor:pointer}
iframe{width:100%;height:80vh;border:1px solid #888;margin-top:1rem}small{color:#444}`;
const FRAME_STYLE = 'body{font-family:system-ui,sans-serif;margin:0}header{background:#263238;color:#fff;padding:.5rem 1rem}iframe{border:0;width:100%;height:calc(100vh - 2.5rem)}a{color:#fff}';
const hash = (css: string): string => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * Headers of the simulator's pages: no script at all, only their own style, forms posting to this origin, never
 * framed by another site (clickjacking a launch), the iframe page framing only this origin's app.
 */
export function ehrPageHeaders(kind: 'ehr' | 'frame'): Record<string, string> {
  const csp = kind === 'ehr'
    ? `default-src 'none'; style-src ${hash(EHR_STYLE)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`
    : `default-src 'none'; style-src ${hash(FRAME_STYLE)}; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'`;
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on the launch form's POST, which
    // the anti-forgery check must refuse (csrf.ts); other sites still get no referrer.
    'Referrer-Policy': 'same-origin',
  };
}

/** `csrf`: the anti-forgery token of the launch form, also set as a SameSite=Strict cookie (double submit). */
export function ehrPage(patients: readonly PatientSummary[], fhirBase: string, csrf: string): string {
  const users = SANDBOX_USERS.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)} — ${escapeHtml(u.role ?? '')}</option>`).join('');
  const people = peopleOptions(patients);
  const cohortCount = patients.filter((p) => p.id.startsWith('cohort-')).length;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulateur de DPI Parcours / Parcours EHR simulator</title>
<style>${EHR_STYLE}</style></head>
<body><h1>Simulateur de DPI <small lang="en">/ EHR simulator</small></h1>
<p>Choisissez un utilisateur et une personne, puis lancez l'application Parcours comme depuis un dossier patient informatisé.
<br><small lang="en">Choose a user and a person, then launch the Parcours app as an EHR does.</small></p>
<form method="post" action="/ehr/launch" id="launch-form"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="user">Utilisateur / User</label><select id="user" name="user">${users}</select>
<label for="patient">Personne suivie / Person</label><select id="patient" name="patient">${people}</select>
<p><button type="submit" name="target" value="tab">Lancer Parcours / Launch</button>
<button type="submit" name="target" value="iframe">Lancer dans un cadre / Launch in an iframe</button></p>
</form>
<p><small>${cohortCount} personnes de la cohorte synthétique, ${patients.length - cohortCount} des scénarios d'exemple. Tout est fictif.
<br><span lang="en">${cohortCount} people from the synthetic cohort, ${patients.length - cohortCount} from the example scenarios. Everything is synthetic.</span></small></p>
<p><small>Base FHIR : <code>${escapeHtml(fhirBase)}</code> — lancement autonome / standalone launch : <a href="/app/launch.html">/app/launch.html</a>
(une personne / one person), <a href="/app/launch.html?caseload=1">/app/launch.html?caseload=1</a> (file active / caseload)</small></p>
</body></html>`;
}

/** The EHR's frame around the app: it names the person, since the app hides its own banner there (need_patient_banner false). */
export function iframePage(launchUrl: string, person?: PatientSummary): string {
  const who = person ? ` — <strong>${escapeHtml(person.name)}</strong>${person.birthDate ? ` (${escapeHtml(person.birthDate)})` : ''}` : ' — file active / caseload';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>DPI — Parcours</title>
<style>${FRAME_STYLE}</style></head>
<body><header>Simulateur de DPI / EHR simulator${who} — <a href="/">retour / back</a></header>
<iframe title="Parcours" src="${escapeHtml(launchUrl)}"></iframe></body></html>`;
}
