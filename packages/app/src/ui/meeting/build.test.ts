// The meeting transaction the screen sends must pass the Parcours profiles (the real validator, as the app runs it),
// and carry the model of profiles/README « Case-review meetings ».
import type { CarePlan, Communication, Encounter, Goal, OperationOutcome, Provenance, Resource, Task } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { validate } from '@parcours/validator';
import { describe, expect, it } from 'vitest';
import { outcomeWords } from '../../i18n/outcome-words.ts';
import { outcomeText } from '../../fhir/writes.ts';
import { meetingBundle } from './build.ts';
import type { MeetingInput } from './build.ts';

const errors = (o: OperationOutcome): string[] => (o.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
const plan = structuredClone((examples as Resource[]).find((r) => r.id === 'CarePlanRdrAlcoolExample')) as CarePlan;
const hepatitisGoal = structuredClone((examples as Resource[]).find((r) => r.id === 'GoalMicrostructureHepatitisCExample')) as Goal;

function input(over: Partial<MeetingInput> = {}): MeetingInput {
  return {
    date: '2024-06-03',
    attendees: ['PractitionerRole/PractitionerRoleMicrostructureGpExample', 'Practitioner/PractitionerMicrostructurePsychologistExample'],
    partners: [{ reference: 'Organization/OrganizationMicrostructureCsapaExample', display: 'CSAPA du Vieux-Port' }],
    serviceProvider: 'Organization/OrganizationMicrostructureOfficeExample',
    recorder: 'Practitioner/PractitionerMicrostructurePsychologistExample',
    recorderIsPsychologist: true,
    reviews: [
      { patientId: 'PatientRdrAlcoolExample', carePlan: plan, careTeamId: 'CareTeamRdrAlcoolExample', note: 'Angoisses le soir.', decisions: [{ description: 'Rappeler Martine', owner: 'Practitioner/PractitionerRdrAlcoolWorkerExample', due: '2024-06-10' }], stage: { code: 'engagement', display: 'S’engager' } },
      { patientId: 'PatientMicrostructureExample', note: '', decisions: [{ description: 'Bilan VHC', owner: 'PractitionerRole/PractitionerRoleMicrostructureGpExample', due: '2024-06-17' }], goals: [{ goal: hepatitisGoal, achievement: 'achieved' }] },
      { patientId: 'PatientReferentExample', note: 'Autonome.', decisions: [] },
    ],
    ...over,
  };
}

let n = 0;
const counter = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('meetingBundle', () => {
  const bundle = meetingBundle(input(), new Date('2024-06-03T12:00:00Z'), counter);
  const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
  const byProfile = <T extends Resource>(id: string): T[] => resources.filter((r): r is T => !!r.meta?.profile?.[0]?.endsWith(id));

  it('writes valid Parcours resources only', () => {
    for (const r of resources) expect(errors(validate(r)), `${r.resourceType} ${r.meta?.profile?.[0] ?? ''}`).toEqual([]);
  });

  it('a goal reached in the meeting is completed, dated, and its Provenance names the review', () => {
    const goal = resources.find((r): r is Goal => r.resourceType === 'Goal');
    expect(goal).toMatchObject({ id: 'GoalMicrostructureHepatitisCExample', lifecycleStatus: 'completed', statusDate: '2024-06-03' });
    expect(goal?.achievementStatus?.coding?.[0]?.code).toBe('achieved');
    const review = (bundle.entry ?? []).find((e) => (e.resource as Encounter | undefined)?.subject?.reference === 'Patient/PatientMicrostructureExample' && e.resource?.resourceType === 'Encounter')?.fullUrl;
    const source = resources.find((r): r is Provenance => r.resourceType === 'Provenance' && !!r.target?.some((t) => t.reference === 'Goal/GoalMicrostructureHepatitisCExample'));
    expect(source?.entity?.[0]?.what?.reference).toBe(review);
  });

  it('one meeting with no subject, one review per person part of it, with the meeting’s date, attendees and partners', () => {
    const [meeting] = byProfile<Encounter>('synthesis-meeting');
    expect(meeting?.subject).toBeUndefined();
    const meetingUrl = bundle.entry?.[0]?.fullUrl;
    const reviews = byProfile<Encounter>('case-review');
    expect(reviews.map((r) => r.subject?.reference)).toEqual(['Patient/PatientRdrAlcoolExample', 'Patient/PatientMicrostructureExample', 'Patient/PatientReferentExample']);
    expect(reviews.every((r) => r.partOf?.reference === meetingUrl && r.participant?.length === 2 && r.extension?.[0]?.valueReference?.display === 'CSAPA du Vieux-Port')).toBe(true);
  });

  it('labels a psychologist’s notes PSY, ties notes and decisions to the review, traces the plan change', () => {
    const notes = byProfile<Communication>('review-note');
    expect(notes).toHaveLength(2); // the empty note is not written
    expect(notes.every((c) => c.meta?.security?.[0]?.code === 'PSY')).toBe(true);
    const reviewUrls = (bundle.entry ?? []).filter((e) => e.resource?.meta?.profile?.[0]?.endsWith('case-review')).map((e) => e.fullUrl);
    const tasks = byProfile<Task>('meeting-decision');
    expect(tasks.map((t) => [t.reasonReference?.reference, t.owner?.reference, t.restriction?.period?.end])).toEqual([
      [reviewUrls[0], 'Practitioner/PractitionerRdrAlcoolWorkerExample', '2024-06-10'],
      [reviewUrls[1], 'PractitionerRole/PractitionerRoleMicrostructureGpExample', '2024-06-17'],
    ]);
    const changed = resources.find((r): r is CarePlan => r.resourceType === 'CarePlan');
    expect(JSON.stringify(changed?.extension)).toContain('engagement');
    const provenances = resources.filter((r): r is Provenance => r.resourceType === 'Provenance');
    const planChange = provenances.find((p) => p.entity);
    expect(planChange?.target.map((t) => t.reference)).toEqual(['CarePlan/CarePlanRdrAlcoolExample']);
    expect(planChange?.entity?.[0]?.what.reference).toBe(reviewUrls[0]);
    // The recording Provenance never targets the meeting (nobody's record: a patient-level token could not reach it).
    expect(provenances.every((p) => p.target.every((t) => t.reference !== bundle.entry?.[0]?.fullUrl))).toBe(true);
  });

  it('a non-psychologist’s notes carry no label', () => {
    const other = meetingBundle(input({ recorderIsPsychologist: false, recorder: 'PractitionerRole/PractitionerRoleMicrostructureGpExample' }), new Date(), counter);
    const notes = (other.entry ?? []).map((e) => e.resource).filter((r): r is Communication => r?.resourceType === 'Communication');
    expect(notes.every((c) => !c.meta?.security)).toBe(true);
  });

  it('a decision without its due date is refused by the validator, in words without FHIRPath', () => {
    const bad = meetingBundle(input({ reviews: [{ patientId: 'PatientRdrAlcoolExample', note: '', decisions: [{ description: 'Rappeler', owner: 'Practitioner/x', due: '' }] }] }), new Date(), counter);
    const task = (bad.entry ?? []).map((e) => e.resource).find((r) => r?.resourceType === 'Task') as Task;
    const outcome = validate(task);
    expect(errors(outcome).length).toBeGreaterThan(0);
    const words = outcomeWords(outcomeText(outcome), 'fr');
    expect(words).not.toMatch(/Task\.|restriction|\(/);
  });
});
