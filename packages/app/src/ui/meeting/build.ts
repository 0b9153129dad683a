// One synthesis meeting for several people as one FHIR transaction (profiles/README « Case-review meetings »): the
// meeting Encounter (no subject, attendees, partners by organisation), then for each person reviewed their review
// Encounter (partOf the meeting), the note (PSY when a psychologist writes it), the decisions as Tasks (owner, due
// date, reasonReference the review), the plan change (stage, intensity, goals' progress) and its Provenance (entity the review), and
// one Provenance saying who recorded it all. Pure: no I/O, ids are urn:uuid until the server assigns them.
import type { Bundle, BundleEntry, CarePlan, Communication, Encounter, Extension, Goal, Provenance, Reference, Resource, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExtensionUrl } from '@parcours/profiles/constants';
import {
  CASE_REVIEW_CODE,
  COMMUNICATION_CATEGORY_SYSTEM,
  ENCOUNTER_TYPE_SYSTEM,
  MEETING_DECISION_CODE,
  MEETING_PARTNER_URL,
  PATHWAY_STAGE_SYSTEM,
  PATHWAY_STAGE_URL,
  PSY_LABEL,
  REVIEW_NOTE_CATEGORY,
  SECURITY_SYSTEM,
  SYNTHESIS_MEETING_CODE,
  TASK_CODE_SYSTEM,
  profile,
} from '../../fhir/codes.ts';
import { updateGoal } from '../../fhir/builders.ts';
import type { GoalAchievement } from '../../fhir/builders.ts';

/**
 * The follow-up intensity extension (MODEL.md « Intensity », written by the teamwork profiles). Read by name so that
 * the meeting screen offers the intensity once the profiles define it, and not before (the validator would refuse it).
 */
export const INTENSITY_URL: string | undefined = (ExtensionUrl as Record<string, string | undefined>)['FollowUpIntensity'];
export const INTENSITY_SYSTEM: string | undefined = (CodeSystemUrl as Record<string, string | undefined>)['FollowUpIntensity'];
export const INTENSITIES = ['intensif', 'orientation-telephonique', 'appui-conseil'] as const;
export type Intensity = (typeof INTENSITIES)[number];

/** The goal with the progress the meeting records (dated the meeting's day): achieved or not achieved complete it. */
export function progressedGoal(goal: Goal, achievement: GoalAchievement, date: string): Goal {
  const ended = achievement === 'achieved' || achievement === 'not-achieved';
  const lifecycle = ended ? 'completed' : goal.lifecycleStatus === 'proposed' || goal.lifecycleStatus === 'planned' ? 'active' : goal.lifecycleStatus;
  return { ...updateGoal(goal, lifecycle, achievement), statusDate: date.slice(0, 10) };
}

export interface DecisionInput {
  description: string;
  /** `PractitionerRole/…`, `Practitioner/…` or `Organization/…`. */
  owner: string;
  /** YYYY-MM-DD. */
  due: string;
}

export interface ReviewInput {
  patientId: string;
  carePlan?: CarePlan;
  careTeamId?: string;
  note: string;
  decisions: DecisionInput[];
  stage?: { code: string; display: string };
  intensity?: { code: Intensity; display: string };
  /** Goals whose progress the meeting records (goal-achievement codes). */
  goals?: { goal: Goal; achievement: GoalAchievement }[];
}

export interface MeetingInput {
  /** YYYY-MM-DD, or a dateTime. */
  date: string;
  attendees: string[];
  partners: { reference: string; display: string }[];
  serviceProvider?: string;
  /** Who records the meeting and signs its notes: their PractitionerRole when they have one. */
  recorder: string;
  /** Their profession requires their notes to be labelled psychotherapy (PSY). */
  recorderIsPsychologist: boolean;
  organization?: string;
  reviews: ReviewInput[];
}

// Typed loosely, as the cohort's builders: the profiles, not TypeScript, say which targets each element takes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref = (reference: string, display?: string): Reference<any> => ({ reference, ...(display ? { display } : {}) });
const coding = (system: string, code: string, display?: string): { coding: { system: string; code: string; display?: string }[] } => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });

/** The plan with the new stage and intensity, or undefined when nothing changes. */
export function changedPlan(plan: CarePlan | undefined, review: ReviewInput): CarePlan | undefined {
  if (!plan || (!review.stage && !review.intensity)) return undefined;
  const replaced = new Set([...(review.stage ? [PATHWAY_STAGE_URL] : []), ...(review.intensity && INTENSITY_URL ? [INTENSITY_URL] : [])]);
  const extension: Extension[] = (plan.extension ?? []).filter((e) => !replaced.has(e.url));
  if (review.stage) extension.push({ url: PATHWAY_STAGE_URL, valueCodeableConcept: coding(PATHWAY_STAGE_SYSTEM, review.stage.code, review.stage.display) });
  if (review.intensity && INTENSITY_URL && INTENSITY_SYSTEM) extension.push({ url: INTENSITY_URL, valueCoding: { system: INTENSITY_SYSTEM, code: review.intensity.code, display: review.intensity.display } });
  return { ...plan, extension };
}

function provenance(targets: string[], recorder: string, organization: string | undefined, recorded: string, extra: Partial<Provenance> = {}): Provenance {
  return {
    resourceType: 'Provenance',
    meta: { profile: [profile('parcours-provenance')] },
    target: targets.map((t) => ref(t)),
    recorded,
    activity: coding('http://terminology.hl7.org/CodeSystem/v3-DataOperation', extra.entity ? 'UPDATE' : 'CREATE'),
    agent: [{ type: coding('http://terminology.hl7.org/CodeSystem/provenance-participant-type', 'author', 'Author'), who: ref(recorder), ...(organization ? { onBehalfOf: ref(organization) } : {}) }],
    ...extra,
  };
}

/** The whole meeting as one transaction Bundle; `uuid` makes the temporary ids (tests pass a counter). */
export function meetingBundle(input: MeetingInput, now: Date, uuid: () => string = () => crypto.randomUUID()): Bundle {
  const entries: BundleEntry[] = [];
  const add = (resource: Resource): string => {
    if (resource.id) {
      const url = `${resource.resourceType}/${resource.id}`;
      entries.push({ fullUrl: url, resource, request: { method: 'PUT', url } });
      return url;
    }
    const fullUrl = `urn:uuid:${uuid()}`;
    entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
    return fullUrl;
  };
  const recorded = now.toISOString();
  const period = { start: input.date, end: input.date };
  const partners: Extension[] = input.partners.map((p) => ({ url: MEETING_PARTNER_URL, valueReference: ref(p.reference, p.display) }));
  const shared = {
    status: 'finished' as const,
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    participant: input.attendees.map((a) => ({ individual: ref(a) })),
    period,
    ...(partners.length > 0 ? { extension: partners } : {}),
    ...(input.serviceProvider ? { serviceProvider: ref(input.serviceProvider) } : {}),
  };
  const meeting: Encounter = { resourceType: 'Encounter', meta: { profile: [profile('parcours-encounter-synthesis-meeting')] }, type: [coding(ENCOUNTER_TYPE_SYSTEM, SYNTHESIS_MEETING_CODE, 'Réunion de synthèse')], ...shared };
  const meetingUrl = add(meeting);
  const created: string[] = [];
  for (const r of input.reviews) {
    const subject = ref(`Patient/${r.patientId}`);
    const review: Encounter = { resourceType: 'Encounter', meta: { profile: [profile('parcours-encounter-case-review')] }, type: [coding(ENCOUNTER_TYPE_SYSTEM, CASE_REVIEW_CODE, 'Revue en réunion de synthèse')], subject, partOf: ref(meetingUrl), ...shared };
    const reviewUrl = add(review);
    created.push(reviewUrl);
    if (r.note.trim()) {
      const note: Communication = {
        resourceType: 'Communication',
        meta: { profile: [profile('parcours-communication-review-note')], ...(input.recorderIsPsychologist ? { security: [{ system: SECURITY_SYSTEM, code: PSY_LABEL }] } : {}) },
        status: 'completed',
        category: [coding(COMMUNICATION_CATEGORY_SYSTEM, REVIEW_NOTE_CATEGORY, 'Note de réunion de synthèse')],
        subject,
        encounter: ref(reviewUrl),
        sent: recorded,
        recipient: [ref(r.careTeamId ? `CareTeam/${r.careTeamId}` : input.recorder)],
        sender: ref(input.recorder),
        payload: [{ contentString: r.note.trim() }],
      };
      created.push(add(note));
    }
    for (const d of r.decisions) {
      const task: Task = {
        resourceType: 'Task',
        meta: { profile: [profile('parcours-task-meeting-decision')] },
        status: 'requested',
        intent: 'order',
        code: coding(TASK_CODE_SYSTEM, MEETING_DECISION_CODE, 'Décision de réunion de synthèse'),
        description: d.description.trim(),
        for: subject,
        encounter: ref(reviewUrl),
        reasonReference: ref(reviewUrl),
        authoredOn: recorded,
        requester: ref(input.recorder),
        owner: ref(d.owner),
        restriction: { period: { end: d.due } },
        ...(r.carePlan?.id ? { basedOn: [ref(`CarePlan/${r.carePlan.id}`)] } : {}),
      };
      created.push(add(task));
    }
    const plan = changedPlan(r.carePlan, r);
    const changed = [...(plan ? [add(plan)] : []), ...(r.goals ?? []).map((g) => add(progressedGoal(g.goal, g.achievement, input.date)))];
    if (changed.length > 0) {
      // The plan change says where it comes from: this person's review.
      add(provenance(changed, input.recorder, input.organization, recorded, { entity: [{ role: 'source', what: ref(reviewUrl) }], reason: [{ text: `Réunion de synthèse du ${input.date.slice(0, 10).split('-').reverse().join('/')}` }] }));
    }
  }
  // Who recorded it (as every write of the app); the meeting itself is nobody's record, so not a target here.
  if (created.length > 0) add(provenance(created, input.recorder, input.organization, recorded));
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}
