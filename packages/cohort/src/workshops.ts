// Collective workshops of the social housing (issue 15): one session every six weeks per site, facilitated by the
// site's psychologist and social worker, with a theme and residents from outside Parcours; the residents followed
// in Parcours who come get one Encounter each, partOf the session (R4 Encounter has one subject).
import type { Encounter } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExtensionUrl, ProfileUrl } from '@parcours/profiles';
import { dateTime, workingDay } from './dates.ts';
import { ENCOUNTER_CLASS, code, meta, ref } from './fhir.ts';
import { domain, minutes } from './contacts.ts';
import type { Pro, Site } from './network.ts';
import type { Window } from './person.ts';
import type { Rng } from './prng.ts';

export interface WorkshopSession {
  id: string;
  day: number;
  minutes: number;
  duration: number;
  facilitators: readonly Pro[];
  theme: string;
}

const THEMES = [
  'Prendre soin de soi', 'Tabac : en parler, diminuer, arrêter', 'Le sommeil', 'Alcool et vie quotidienne',
  'Gérer le stress', 'Cuisiner avec peu', 'Estime de soi', 'Accès aux droits santé',
] as const;

const EVERY = 42;

/** The sessions of every social-housing site over the window, with their Encounters (emitted before the people). */
export function workshopSessions(sites: readonly Site[], window: Window, rng: Rng): { bySite: Map<string, WorkshopSession[]>; resources: Encounter[] } {
  const bySite = new Map<string, WorkshopSession[]>();
  const resources: Encounter[] = [];
  for (const site of sites) {
    const psy = site.psychologists[0];
    if (site.programme !== 'residence-sociale' || !psy) continue;
    const sessions: WorkshopSession[] = [];
    const facilitators = [psy, ...site.socialWorkers.slice(0, 1)];
    for (let day = window.start + 20, n = 1; day < window.end; day += EVERY + rng.int(-3, 3), n++) {
      const session: WorkshopSession = { id: `cohort-workshop-${site.key}-${String(n).padStart(3, '0')}`, day: workingDay(day), minutes: 1020, duration: 90, facilitators, theme: THEMES[(n - 1) % THEMES.length] ?? 'Prendre soin de soi' };
      sessions.push(session);
      resources.push({
        resourceType: 'Encounter',
        id: session.id,
        meta: meta(ProfileUrl.Encounter),
        extension: [
          { url: ExtensionUrl.WorkshopTheme, valueString: session.theme },
          { url: ExtensionUrl.OutsideParticipants, valueUnsignedInt: rng.int(2, 7) },
        ],
        status: 'finished',
        class: ENCOUNTER_CLASS.AMB,
        type: [code(CodeSystemUrl.EncounterType, 'atelier-groupe')],
        participant: facilitators.map((p) => ({ individual: ref(p.ref) })),
        period: { start: dateTime(session.day, session.minutes), end: dateTime(session.day, session.minutes + session.duration) },
        length: minutes(session.duration),
        reasonCode: [domain(session.theme.startsWith('Tabac') || session.theme.startsWith('Alcool') ? 'addiction' : session.theme.startsWith('Accès') ? 'droits' : 'sante-mentale')],
        serviceProvider: ref(site.organization),
      });
    }
    bySite.set(site.key, sessions);
  }
  return { bySite, resources };
}
