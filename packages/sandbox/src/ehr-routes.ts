// The EHR simulator's routes: its page at `/` and the launch form's answer at /ehr/launch (a new tab or an iframe).
import { formOf, rawBodies } from '@parcours/http';
import type { FastifyInstance, FastifyReply } from '@parcours/http';
import type { PatientSummary, SmartServer } from '@parcours/smart';
import { checkCsrf, csrfCookie, newCsrfToken } from './csrf.ts';
import { ehrPage, ehrPageHeaders, iframePage } from './ehr-page.ts';
import { SANDBOX_USERS } from './team.ts';

export interface EhrRouteContext {
  fhirBaseUrl: string;
  appUrl: string;
  smart: SmartServer;
  listPatients(): Promise<PatientSummary[]>;
}

/** The launch form is a few fields: anything larger is refused (413). */
export const EHR_BODY_LIMIT = 16 * 1024;

/** A simulator page with its own CSP, no framing by anyone, no referrer (ehr-page.ts). */
function html(reply: FastifyReply, status: number, page: string, kind: 'ehr' | 'frame', extra: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers({ ...ehrPageHeaders(kind), ...extra }).send(page);
}

export function ehrRoutes(ctx: EhrRouteContext): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    rawBodies(app, 'string');
    app.get('/', async (_request, reply) => {
      const csrf = newCsrfToken();
      return html(reply, 200, ehrPage(await ctx.listPatients(), ctx.fhirBaseUrl, csrf), 'ehr', { 'Set-Cookie': csrfCookie(csrf) });
    });
    app.post('/ehr/launch', { bodyLimit: EHR_BODY_LIMIT }, async (request, reply) => {
      const form = formOf(request) ?? new URLSearchParams();
      if (!checkCsrf(request.raw, form)) {
        return reply.code(403).headers({ 'Cache-Control': 'no-store' }).type('text/plain; charset=utf-8')
          .send('Lancement refusé : rechargez la page du simulateur et recommencez. / Launch refused: reload the simulator page and try again.');
      }
      const user = SANDBOX_USERS.find((u) => u.id === form.get('user'));
      const patient = form.get('patient') ?? '';
      // No person chosen: a launch without patient context, the app opens the user's caseload.
      const person = patient ? (await ctx.listPatients()).find((p) => p.id === patient) : undefined;
      if (!user || (patient && !person)) {
        return reply.code(400).type('text/plain; charset=utf-8').send('Utilisateur ou personne inconnu(e). / Unknown user or person.');
      }
      const launch = ctx.smart.createLaunch({ user: user.id, ...(patient ? { patient } : {}), needPatientBanner: form.get('target') !== 'iframe' });
      const launchUrl = `${ctx.appUrl}/launch.html?iss=${encodeURIComponent(ctx.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`;
      if (form.get('target') === 'iframe') return html(reply, 200, iframePage(launchUrl, person), 'frame');
      return reply.code(303).headers({ Location: launchUrl, 'Cache-Control': 'no-store' }).send();
    });
  };
}
