// The EHR simulator's routes: its page at `/` and the launch form's answer at /ehr/launch (a new tab or an iframe).
import { formOf, rawBodies } from '@parcours/http';
import type { FastifyInstance, FastifyReply } from '@parcours/http';
import type { PatientSummary, SmartServer } from '@parcours/smart';
import { ehrPage, iframePage } from './ehr-page.ts';
import { SANDBOX_USERS } from './team.ts';

export interface EhrRouteContext {
  fhirBaseUrl: string;
  appUrl: string;
  smart: SmartServer;
  listPatients(): Promise<PatientSummary[]>;
}

/** The launch form is a few fields: anything larger is refused (413). */
export const EHR_BODY_LIMIT = 16 * 1024;

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).headers({ 'Cache-Control': 'no-store' }).type('text/html; charset=utf-8').send(page);
}

export function ehrRoutes(ctx: EhrRouteContext): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    rawBodies(app, 'string');
    app.get('/', async (_request, reply) => html(reply, 200, ehrPage(await ctx.listPatients(), ctx.fhirBaseUrl)));
    app.post('/ehr/launch', { bodyLimit: EHR_BODY_LIMIT }, async (request, reply) => {
      const form = formOf(request) ?? new URLSearchParams();
      const user = SANDBOX_USERS.find((u) => u.id === form.get('user'));
      const patient = form.get('patient') ?? '';
      if (!user || !(await ctx.listPatients()).some((p) => p.id === patient)) {
        return reply.code(400).type('text/plain; charset=utf-8').send('Utilisateur ou personne inconnu(e). / Unknown user or person.');
      }
      const launch = ctx.smart.createLaunch({ user: user.id, patient, needPatientBanner: form.get('target') !== 'iframe' });
      const launchUrl = `${ctx.appUrl}/launch.html?iss=${encodeURIComponent(ctx.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`;
      if (form.get('target') === 'iframe') return html(reply, 200, iframePage(launchUrl));
      return reply.code(303).headers({ Location: launchUrl, 'Cache-Control': 'no-store' }).send();
    });
  };
}
