// Synthesis meetings: the microstructure team every month, the social housing's psychologist and social workers
// every month, the health-pathway referents' case selection every ten days. One Encounter per meeting (no subject:
// it reviews several people; partners attending by organisation), then for each person reviewed: a review Encounter
// (revue-synthese, partOf the meeting), one or two notes (Communication; PSY when the psychologist wrote it), the
// decision as a Task (owner, due date, reasonReference the review) and a Provenance on the plan it changed.
// The review selection and the decision text draw from the series' generator as before (same people, same words);
// everything added per review draws from a generator forked by the review's id, so no other draw moves.
import type { Communication, Encounter, Extension, Provenance, Reference, Resource, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, CommunicationCategoryCode, EncounterTypeCode, ExtensionUrl, MeetingTaskCode, ProfileUrl } from '@parcours/profiles';
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

/** What each profession says of a person at the meeting (a psychologist's words are labelled PSY). */
const NOTES: Record<string, readonly string[]> = {
  'medecin-traitant': [
    'Traitement bien toléré ; pas de nouvelle prise de sang depuis trois mois.',
    'Consommations en baisse d\'après la personne ; à confirmer au prochain rendez-vous.',
    'Deux rendez-vous manqués ce mois-ci ; joignable au téléphone le matin.',
  ],
  psychologue: [
    'Anxiété en soirée, liée aux consommations ; souhaite garder le rythme des entretiens.',
    'Deuil récent évoqué en entretien ; vigilance sur l\'humeur.',
    'Alliance de travail solide ; la personne prend la parole plus facilement.',
  ],
  'travailleur-social': [
    'Dossier de complémentaire santé solidaire déposé, réponse attendue.',
    'Logement : demande de relogement en cours auprès du bailleur.',
    'Reprise de contact avec la mission locale envisagée.',
  ],
  'referent-parcours-sante': [
    'Rendez-vous d\'addictologie obtenu ; accompagnement physique prévu.',
    'Personne autonome pour ses démarches ; point téléphonique suffisant.',
    'Pas de médecin traitant déclaré : recherche en cours dans le quartier.',
  ],
};

interface Series {
  site: Site;
  rng: Rng;
  every: 'month' | 10;
  /** Weekday (0 = Monday) and start time in minutes of each meeting. */
  weekday: number;
  minutes: number;
  duration: number;
  participants: readonly Pro[];
  reviewed: number;
  /** Days between the meeting and a decision's due date. */
  dueIn: number;
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

interface Meeting {
  id: string;
  day: number;
  series: Series;
  encounter: Encounter;
  /** Partner organisations attending (by organisation), with their names as display. */
  partners: Extension[];
}

function meetingEncounter(id: string, day: number, series: Series, partners: Extension[]): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    meta: meta(ProfileUrl.EncounterSynthesisMeeting),
    ...(partners.length > 0 ? { extension: partners } : {}),
    status: 'finished',
    class: ENCOUNTER_CLASS.AMB,
    type: [code(CodeSystemUrl.EncounterType, EncounterTypeCode.SynthesisMeeting)],
    participant: series.participants.map((p) => ({ individual: ref(p.ref) })),
    period: { start: dateTime(day, series.minutes), end: dateTime(day, series.minutes + series.duration) },
    serviceProvider: ref(series.site.organization),
  };
}

/** One person's review: the review Encounter, their notes, the decision Task and the plan change's Provenance. */
function review(meeting: Meeting, person: Reviewable, index: number, decision: string, windowEnd: number): Resource[] {
  const { id, day, series, encounter } = meeting;
  const reviewId = `${id}-revue-${index + 1}`;
  const rng = meeting.series.rng.fork(reviewId);
  const reviewRef = ref(`Encounter/${reviewId}`);
  const recorded = dateTime(day, series.minutes + series.duration);
  const reviewEncounter: Encounter = {
    ...encounter,
    id: reviewId,
    meta: meta(ProfileUrl.EncounterCaseReview),
    type: [code(CodeSystemUrl.EncounterType, EncounterTypeCode.CaseReview)],
    subject: ref(`Patient/${person.patientId}`),
    partOf: ref(`Encounter/${id}`),
  };
  const out: Resource[] = [reviewEncounter];
  // One or two of the attendees say something about the person; the psychologist's words are psychotherapy notes.
  const speakers = series.participants.filter((p) => NOTES[p.role]);
  const first = speakers.length > 0 ? rng.int(0, speakers.length - 1) : -1;
  const authors = first < 0 ? [] : rng.chance(0.5) && speakers.length > 1 ? [speakers[first], speakers[(first + 1) % speakers.length]] : [speakers[first]];
  authors.forEach((author, n) => {
    if (!author) return;
    const note: Communication = {
      resourceType: 'Communication',
      id: `${reviewId}-note-${n + 1}`,
      meta: meta(ProfileUrl.CommunicationReviewNote, author.role === 'psychologue' ? ['PSY'] : []),
      status: 'completed',
      category: [code(CodeSystemUrl.CommunicationCategory, CommunicationCategoryCode.ReviewNote)],
      subject: ref(`Patient/${person.patientId}`),
      encounter: reviewRef,
      sent: recorded,
      recipient: [ref(`CareTeam/${person.patientId}-team`)],
      sender: ref(author.ref),
      payload: [{ contentString: rng.pick(NOTES[author.role] ?? []) }],
    };
    out.push(note);
  });
  const owner = series.participants[rng.int(0, series.participants.length - 1)] as Pro;
  const due = day + series.dueIn;
  // Decisions the team had time to act on are done; the latest are still open (they are not overdue at the end).
  const done = due + 7 < windowEnd;
  const task: Task = {
    resourceType: 'Task',
    id: `${reviewId}-decision`,
    meta: meta(ProfileUrl.TaskMeetingDecision),
    status: done ? 'completed' : 'requested',
    intent: 'order',
    code: code(CodeSystemUrl.TaskCode, MeetingTaskCode.Decision),
    description: decision,
    for: ref(`Patient/${person.patientId}`),
    encounter: reviewRef,
    reasonReference: reviewRef,
    authoredOn: recorded,
    requester: ref((series.participants[0] as Pro).ref),
    owner: ref(owner.ref),
    restriction: { period: { end: fromDay(due) } },
    ...(done ? { executionPeriod: { end: fromDay(due - rng.int(0, Math.max(0, series.dueIn - 1))) } } : {}),
  };
  out.push(task);
  const provenance: Provenance = {
    resourceType: 'Provenance',
    id: `${id}-prov-${index + 1}`,
    meta: meta(ProfileUrl.Provenance),
    target: [ref(`CarePlan/${person.carePlanId}`)],
    recorded: dateTime(day, series.minutes + series.duration + 10),
    activity: code('http://terminology.hl7.org/CodeSystem/v3-DataOperation', 'UPDATE', 'revise'),
    agent: [{ type: code('http://terminology.hl7.org/CodeSystem/provenance-participant-type', 'author', 'Author'), who: ref((series.participants[0] as Pro).ref) }],
    entity: [{ role: 'source', what: reviewRef }],
    reason: [{ text: `Décision de la réunion de synthèse du ${fromDay(day).split('-').reverse().join('/')} pour ${person.firstName} : ${decision}` }],
  };
  out.push(provenance);
  return out;
}

function seriesOf(site: Site, rng: Rng): Series | undefined {
  const team = (list: readonly (Pro | undefined)[]): Pro[] => list.filter((p): p is Pro => !!p);
  if (site.programme === 'microstructure') return { site, rng, every: 'month', weekday: 0, minutes: 750, duration: 90, participants: team([site.gps[0], site.psychologists[0], site.socialWorkers[0]]), reviewed: 5, dueIn: 21 };
  if (site.programme === 'residence-sociale') return { site, rng, every: 'month', weekday: 1, minutes: 840, duration: 90, participants: team([site.psychologists[0], site.socialWorkers[0]]), reviewed: 4, dueIn: 21 };
  if (site.programme === 'referent') return { site, rng, every: 10, weekday: 3, minutes: 540, duration: 60, participants: [...site.referents], reviewed: 3, dueIn: 10 };
  return undefined;
}

/** The partners a site's meetings invite, by organisation (CMP, CSAPA, CAARUD), named as in the directory. */
function partnersOf(site: Site, names: ReadonlyMap<string, string>): Extension[] {
  return [site.cmp, site.csapa, site.caarud]
    .filter((o): o is string => !!o)
    .map((o) => {
      const reference: Reference = { reference: o, ...(names.get(o) ? { display: names.get(o) } : {}) };
      return { url: ExtensionUrl.MeetingPartner, valueReference: reference };
    });
}

export function meetings(sites: readonly Site[], people: readonly Reviewable[], window: Window, rng: Rng, names: ReadonlyMap<string, string> = new Map()): Resource[] {
  const out: Resource[] = [];
  for (const site of sites) {
    const series = seriesOf(site, rng);
    if (!series || series.participants.length === 0) continue;
    const decisions = DECISIONS[site.programme] ?? [];
    const invited = partnersOf(site, names);
    let n = 0;
    for (const day of meetingDays(series, window)) {
      const present = people.filter((p) => p.site === site && p.start <= day - 14 && p.end >= day);
      if (present.length === 0) continue;
      const reviewed = present.filter((p) => p.heavy || rng.chance(series.reviewed / present.length)).slice(0, series.reviewed + 1);
      if (reviewed.length === 0) continue;
      const id = `cohort-meeting-${site.key}-${String(++n).padStart(3, '0')}`;
      const words = reviewed.map(() => rng.pick(decisions));
      // Each partner comes to about one meeting in three (drawn from the meeting's id: no other draw moves).
      const partners = invited.filter((_, i) => rng.fork(`${id}-partner-${i}`).chance(1 / 3));
      const encounter = meetingEncounter(id, day, series, partners);
      out.push(encounter);
      const meeting: Meeting = { id, day, series, encounter, partners };
      reviewed.forEach((p, i) => out.push(...review(meeting, p, i, words[i] ?? '', window.end)));
    }
  }
  return out;
}
