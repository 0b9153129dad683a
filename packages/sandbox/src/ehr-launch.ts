// The EHR simulator's second form: launch Parcours from the GP's own EHR (/dpi), as the GP's practice software
// would: `launch.html?iss=<the EHR's FHIR base>&launch=…`. The app then exchanges the EHR's id_token for a token of
// the plan server (/fhir). Same anti-forgery token as the simulator's first form (csrf.ts).
import { formOf, rawBodies } from '@parcours/http';
import type { FastifyInstance } from '@parcours/http';
import { checkCsrf } from './csrf.ts';
import { EHR_BODY_LIMIT } from './ehr-routes.ts';
import { ehrPageHeaders, iframePage } from './ehr-page.ts';
import { EHR_USERS } from './ehr-server.ts';
import type { Ehr } from './ehr-server.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The form's HTML, inserted in the simulator page (same CSP: no script, posts to this origin). */
export async function dpiLaunchForm(ehr: Ehr, csrf: string): Promise<string> {
  const users = EHR_USERS.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)}</option>`).join('');
  const people = (await ehr.listPatients()).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${p.birthDate ? ` (${escapeHtml(p.birthDate)})` : ''} — ${escapeHtml(p.id)}</option>`).join('');
  return `<h2>Depuis le DPI du médecin (deux serveurs) <small lang="en">/ From the GP's own EHR (two servers)</small></h2>
<p>Le DPI a son propre serveur FHIR (<code>${escapeHtml(ehr.fhirBaseUrl)}</code>) et ses propres identifiants ; le plan reste sur le serveur partagé.
<br><small lang="en">The EHR has its own FHIR server and ids; the plan stays on the shared server.</small></p>
<form method="post" action="/ehr/dpi-launch" id="dpi-launch-form"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="dpi-user">Utilisateur du DPI / EHR user</label><select id="dpi-user" name="user">${users}</select>
<label for="dpi-patient">Dossier du DPI / EHR file</label><select id="dpi-patient" name="patient">${people}</select>
<p><button type="submit" name="target" value="tab">Lancer Parcours depuis le DPI / Launch from the EHR</button>
<button type="submit" name="target" value="iframe">Dans un cadre / In an iframe</button></p></form>`;
}

export function dpiLaunchRoutes(ctx: { appUrl: string; ehr: Ehr }): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    rawBodies(app, 'string');
    app.post('/ehr/dpi-launch', { bodyLimit: EHR_BODY_LIMIT }, async (request, reply) => {
      const form = formOf(request) ?? new URLSearchParams();
      if (!checkCsrf(request.raw, form)) {
        return reply.code(403).headers({ 'Cache-Control': 'no-store' }).type('text/plain; charset=utf-8')
          .send('Lancement refusé : rechargez la page du simulateur et recommencez. / Launch refused: reload the simulator page and try again.');
      }
      const user = EHR_USERS.find((u) => u.id === form.get('user'));
      const person = (await ctx.ehr.listPatients()).find((p) => p.id === form.get('patient'));
      if (!user || !person) return reply.code(400).type('text/plain; charset=utf-8').send('Utilisateur ou dossier inconnu. / Unknown user or file.');
      const launch = ctx.ehr.smart.createLaunch({ user: user.id, patient: person.id, needPatientBanner: form.get('target') !== 'iframe' });
      const launchUrl = `${ctx.appUrl}/launch.html?iss=${encodeURIComponent(ctx.ehr.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`;
      if (form.get('target') === 'iframe') return reply.code(200).headers(ehrPageHeaders('frame')).send(iframePage(launchUrl, person));
      return reply.code(303).headers({ Location: launchUrl, 'Cache-Control': 'no-store' }).send();
    });
  };
}
