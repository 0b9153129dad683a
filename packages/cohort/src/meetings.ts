// Synthesis meetings: the microstructure team every month, the social housing's psychologist and social workers
// every month, the health-pathway referents' case selection every ten days. One Encounter per meeting (no subject:
// it reviews several people), a synthesisReview extension per person with the decision and the plan it changed,
// and a Provenance per plan change pointing at the meeting.
import type { Encounter, Extension, Provenance, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExtensionUrl, ProfileUrl } from '@parcours/profiles';
import { dateTime, fromDay, weekday } from './dates.ts';
import { ENCOUNTER_CLASS, code, meta, ref } from './fhir.ts';
import type { Pro, Site } from './network.ts';
import type { Window } from './person.ts';
import type { Rng } from './prng.ts';

export interface Reviewable {
  patientId: string;
  carePlanId: string;
  site: Site;
  start: number;
  end: number;
  firstName: string;
  heavy: boolean;
}

const DECISIONS: Record<string, readonly string[]> = {
  microstructure: [
    'Proposer un entretien psychologue tous les quinze jours.',
    'Démarrer le bilan hépatite C ; prise de sang au laboratoire du quartier.',
    'Baisser la dose de substitution par paliers, à la demande de la personne.',
    'Orientation vers le CSAPA pour un avis addictologique.',
    'Le travailleur social reprend le dossier de logement.',
    'Maintenir le rythme actuel ; la personne va mieux.',
    'Rappeler après deux rendez-vous manqués, proposer un créneau le matin.',
  ],
  'residence-sociale': [
    'Proposer l\'atelier collectif du jeudi.',
    'Orientation vers le CMP pour un avis psychiatrique.',
    'Accompagner au rendez-vous de la CPAM.',
    'Rythme des entretiens maintenu tous les quinze jours.',
    'Prévenir le médecin traitant de la reprise des consommations.',
  ],
  referent: [
    'Passage en accompagnement renforcé : aller ensemble au rendez-vous d\'addictologie.',
    'Orientation téléphonique suffisante ; point dans un mois.',
    'Relancer la CPAM pour la complémentaire santé solidaire.',
    'Chercher un médecin traitant dans le quartier.',
    'Fin d\'accompagnement envisagée : la personne est autonome dans ses démarches.',
  ],
};

interface Series {
  site: Site;
  every: 'month' | 10;
  /** Weekday (0 = Monday) and start time in minutes of each meeting. */
  weekday: number;
  minutes: number;
  duration: number;
  participants: readonly Pro[];
  reviewed: number;
}

function meetingDays(series: Series, window: Window): number[] {
  const days: number[] = [];
  if (series.every === 10) {
    for (let d = window.start; d <= window.end; d += 10) days.push(d + ((7 + series.weekday - weekday(d)) % 7));
    return days.filter((d) => d <= window.end);
  }
  let year = Number(fromDay(window.start).slice(0, 4));
  let month = Number(fromDay(window.start).slice(5, 7));
  for (;;) {
    const first = Date.UTC(year, month - 1, 1) / 86_400_000;
    const day = first + ((7 + series.weekday - weekday(first)) % 7);
    if (day > window.end) break;
    if (day >= window.start) days.push(day);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return days;
}

export function meetings(sites: readonly Site[], people: readonly Reviewable[], window: Window, rng: Rng): Resource[] {
  const out: Resource[] = [];
  for (const site of sites) {
    const series: Series | undefined =
      site.programme === 'microstructure' ? { site, every: 'month', weekday: 0, minutes: 750, duration: 90, participants: [site.gps[0], site.psychologists[0], site.socialWorkers[0]].filter((p): p is Pro => !!p), reviewed: 5 }
      : site.programme === 'residence-sociale' ? { site, every: 'month', weekday: 1, minutes: 840, duration: 90, participants: [site.psychologists[0], site.socialWorkers[0]].filter((p): p is Pro => !!p), reviewed: 4 }
      : site.programme === 'referent' ? { site, every: 10, weekday: 3, minutes: 540, duration: 60, participants: site.referents, reviewed: 3 }
      : undefined;
    if (!series) continue;
    const decisions = DECISIONS[site.programme] ?? [];
    let n = 0;
    for (const day of meetingDays(series, window)) {
      const present = people.filter((p) => p.site === site && p.start <= day - 14 && p.end >= day);
      if (present.length === 0) continue;
      const reviewed = present.filter((p) => p.heavy || rng.chance(series.reviewed / present.length)).slice(0, series.reviewed + 1);
      if (reviewed.length === 0) continue;
      const id = `cohort-meeting-${site.key}-${String(++n).padStart(3, '0')}`;
      const end = dateTime(day, series.minutes + series.duration);
      const reviews: Extension[] = reviewed.map((p) => ({
        url: ExtensionUrl.SynthesisReview,
        extension: [
          { url: 'patient', valueReference: ref(`Patient/${p.patientId}`) },
          { url: 'decision', valueString: rng.pick(decisions) },
          { url: 'carePlan', valueReference: ref(`CarePlan/${p.carePlanId}`) },
        ],
      }));
      const encounter: Encounter = {
        resourceType: 'Encounter',
        id,
        meta: meta(ProfileUrl.Encounter),
        extension: reviews,
        status: 'finished',
        class: ENCOUNTER_CLASS.AMB,
        type: [code(CodeSystemUrl.EncounterType, 'reunion-synthese')],
        participant: series.participants.map((p) => ({ individual: ref(p.ref) })),
        period: { start: dateTime(day, series.minutes), end },
        serviceProvider: ref(site.organization),
      };
      out.push(encounter);
      const author = series.participants[0];
      if (!author) continue;
      reviewed.forEach((p, i) => {
        const provenance: Provenance = {
          resourceType: 'Provenance',
          id: `${id}-prov-${i + 1}`,
          meta: meta(ProfileUrl.Provenance),
          target: [ref(`CarePlan/${p.carePlanId}`)],
          recorded: dateTime(day, series.minutes + series.duration + 10),
          activity: code('http://terminology.hl7.org/CodeSystem/v3-DataOperation', 'UPDATE', 'revise'),
          agent: [{ type: code('http://terminology.hl7.org/CodeSystem/provenance-participant-type', 'author', 'Author'), who: ref(author.ref) }],
          entity: [{ role: 'source', what: ref(`Encounter/${id}`) }],
          reason: [{ text: `Décision de la réunion de synthèse du ${fromDay(day).split('-').reverse().join('/')} pour ${p.firstName}` }],
        };
        out.push(provenance);
      });
    }
  }
  return out;
}
