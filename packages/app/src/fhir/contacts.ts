// Resources the team's-work forms write (issue 15), built to the Parcours profiles (profiles/README.md: contacts,
// workshops, orientations, intensity). Pure functions, tested in contacts.test.ts.
import type { Appointment, CarePlan, CodeableConcept, Encounter, Extension, ServiceRequest, Task } from '@medplum/fhirtypes';
import { CancellationReason, CodeSystemUrl, EncounterTypeCode, ExtensionUrl, ExternalSystem, ProfileUrl, ReferralCategory, SecurityLabel } from '@parcours/profiles/constants';
import { codeWord } from '../i18n/terms.ts';
import type { Ref } from './builders.ts';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Modes a person chooses; `visio` is written as class VR plus the type `visio`. */
export const MODES = ['AMB', 'VR', 'visio', 'HH', 'FLD'] as const;
export type Mode = (typeof MODES)[number];
/** Planned modes (Appointment.appointmentType, ValueSet parcours-appointment-mode). */
export const PLANNED_MODES = ['AMB', 'VR', 'HH', 'FLD'] as const;
export type PlannedMode = (typeof PLANNED_MODES)[number];
export const CONTACT_TYPES = ['consultation-individuelle', 'entretien', 'appel-telephonique', 'visite-domicile', 'aller-vers', 'accompagnement'] as const;
export const DOMAINS = ['sante', 'addiction', 'sante-mentale', 'droits', 'logement', 'emploi-formation', 'justice', 'famille'] as const;
export const PARTNER_TYPES = ['medecin-generaliste', 'specialiste', 'dentiste', 'urgences', 'csapa', 'caarud', 'aides-trod', 'mission-locale', 'cmp-psychiatrie', 'services-sociaux', 'autre'] as const;
export const OUTCOMES = ['envoyee', 'acceptee', 'rdv-pris', 'vue', 'refusee', 'sans-suite'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const INTENSITIES = ['intensif', 'orientation-telephonique', 'appui-conseil'] as const;
export const ACTIVITIES = ['consultation-psychologue', 'consultation-medecin', 'consultation-travailleur-social', 'entretien-rdr', 'accompagnement-rdv', 'ouverture-droits', 'consultation-infirmier'] as const;

const CLASS_DISPLAY: Record<PlannedMode, string> = { AMB: 'ambulatory', VR: 'virtual', HH: 'home health', FLD: 'field' };
const actCode = (mode: PlannedMode): { system: string; code: string; display: string } => ({ system: ACT_CODE, code: mode, display: CLASS_DISPLAY[mode] });
/** A Parcours coding with its French display (the CodeSystem's). */
const parcoursCode = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code, display: codeWord(system, code, 'fr') ?? code }] });
const minutes = (value: number): Encounter['length'] => ({ value, unit: 'min', system: ExternalSystem.UCUM, code: 'min' });
const end = (start: string, duration: number): string => new Date(new Date(start).getTime() + duration * 60_000).toISOString();

export interface AppointmentInput {
  start: string;
  duration: number;
  mode: PlannedMode;
  professional: Ref;
  activity: string;
}

/** A booked appointment with the person and the professional, its planned mode in appointmentType. */
export function newAppointment(patientId: string, input: AppointmentInput): Appointment {
  return {
    resourceType: 'Appointment',
    meta: { profile: [ProfileUrl.Appointment] },
    status: 'booked',
    appointmentType: { coding: [actCode(input.mode)] },
    serviceType: [parcoursCode(CodeSystemUrl.Activity, input.activity)],
    start: new Date(input.start).toISOString(),
    end: end(input.start, input.duration),
    // R4 Appointment.basedOn names ServiceRequests only: the plan is reached through the person.
    participant: [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted' }, { actor: input.professional, status: 'accepted' }],
  };
}

/**
 * Whether the appointment's start has passed: only then can it be marked held or missed (a future one can only be
 * cancelled or rescheduled). Without a start (R4 allows none only for proposed or cancelled ones) it has not happened.
 */
export function appointmentHasHappened(appointment: Appointment, now: number = Date.now()): boolean {
  const start = Date.parse(appointment.start ?? '');
  return Number.isFinite(start) && start <= now;
}

/** The same appointment at another time (still booked, same mode, people and activity). */
export function rescheduleAppointment(appointment: Appointment, start: string, duration: number): Appointment {
  return { ...appointment, start: new Date(start).toISOString(), end: end(start, duration) };
}

/** Missed or cancelled (with why). Who marked it is the write's Provenance. */
export function markAppointment(appointment: Appointment, status: 'noshow' | 'cancelled', reason?: { by: 'pat' | 'prov' | 'other'; text?: string }): Appointment {
  const display = { pat: 'Patient', prov: 'Provider', other: 'Other' } as const;
  return {
    ...appointment,
    status,
    ...(status === 'cancelled' && reason ? { cancelationReason: { coding: [{ system: CancellationReason.System, code: reason.by, display: display[reason.by] }], ...(reason.text ? { text: reason.text } : {}) } } : {}),
  };
}

export interface ContactInput {
  type: string;
  mode: Mode;
  professional: Ref;
  start: string;
  duration: number;
  domains: readonly string[];
  note?: string;
  /** Psychotherapy content: labelled PSY (hidden from roles that may not read it). */
  psychotherapy?: boolean;
  appointment?: Appointment;
}

/** A contact that happened: kind (type), mode (class; video adds the type `visio`), length, domains, note. */
export function heldContact(patientId: string, input: ContactInput): Encounter {
  const cls: PlannedMode = input.mode === 'visio' ? 'VR' : input.mode;
  const types = [parcoursCode(CodeSystemUrl.EncounterType, input.type), ...(input.mode === 'visio' ? [parcoursCode(CodeSystemUrl.EncounterType, EncounterTypeCode.Video)] : [])];
  // Annotation.author may name a Practitioner, not a PractitionerRole (R4): a role chosen as the professional (a
  // caseload user's role) is the note's author by name; the encounter's participant keeps the role itself.
  const byRole = input.professional.reference?.startsWith('PractitionerRole/');
  const author = byRole ? (input.professional.display ? { authorString: input.professional.display } : {}) : { authorReference: input.professional };
  const note: Extension[] = input.note ? [{ url: ExtensionUrl.EncounterNote, valueAnnotation: { text: input.note, time: new Date().toISOString(), ...author } }] : [];
  return {
    resourceType: 'Encounter',
    meta: {
      profile: [ProfileUrl.Encounter],
      ...(input.psychotherapy ? { security: [{ system: SecurityLabel.System, code: SecurityLabel.Psychotherapy, display: 'psychotherapy note information sensitivity' }] } : {}),
    },
    ...(note.length ? { extension: note } : {}),
    status: 'finished',
    class: actCode(cls),
    type: types,
    subject: { reference: `Patient/${patientId}` },
    participant: [{ individual: input.professional }],
    ...(input.appointment?.id ? { appointment: [{ reference: `Appointment/${input.appointment.id}` }] } : {}),
    period: { start: new Date(input.start).toISOString(), end: end(input.start, input.duration) },
    length: minutes(input.duration),
    ...(input.domains.length ? { reasonCode: input.domains.map((d) => parcoursCode(CodeSystemUrl.Domain, d)) } : {}),
  };
}

/** The appointment honoured: `fulfilled`, and the held Encounter pointing at it (same transaction). */
export function holdAppointment(appointment: Appointment, patientId: string, input: Omit<ContactInput, 'appointment' | 'start' | 'duration'>): [Appointment, Encounter] {
  const start = appointment.start ?? new Date().toISOString();
  const duration = appointment.end ? Math.max(1, Math.round((new Date(appointment.end).getTime() - new Date(start).getTime()) / 60_000)) : 30;
  return [{ ...appointment, status: 'fulfilled' }, heldContact(patientId, { ...input, start, duration, appointment })];
}

export interface WorkshopInput {
  theme: string;
  start: string;
  duration: number;
  site?: Ref;
  facilitators: readonly Ref[];
  participants: readonly string[];
  outside: number;
  domains: readonly string[];
}

/**
 * A workshop: the session (no subject: theme, facilitators, site, outside count) and one Encounter per participant
 * partOf it. `sessionUrl` is the session's fullUrl in the transaction the participations point at.
 */
export function workshop(input: WorkshopInput, sessionUrl: string): { session: Encounter; participations: Encounter[] } {
  const period = { start: new Date(input.start).toISOString(), end: end(input.start, input.duration) };
  const base = { resourceType: 'Encounter' as const, meta: { profile: [ProfileUrl.Encounter] }, status: 'finished' as const, class: actCode('AMB'), type: [parcoursCode(CodeSystemUrl.EncounterType, EncounterTypeCode.GroupWorkshop)], period, ...(input.site ? { serviceProvider: input.site } : {}) };
  const session: Encounter = {
    ...base,
    extension: [
      { url: ExtensionUrl.WorkshopTheme, valueString: input.theme },
      { url: ExtensionUrl.OutsideParticipants, valueUnsignedInt: input.outside },
    ],
    participant: input.facilitators.map((f) => ({ individual: f })),
    length: minutes(input.duration),
    ...(input.domains.length ? { reasonCode: input.domains.map((d) => parcoursCode(CodeSystemUrl.Domain, d)) } : {}),
  };
  const participations = input.participants.map((p): Encounter => ({ ...base, subject: { reference: `Patient/${p}` }, partOf: { reference: sessionUrl } }));
  return { session, participations };
}

const TASK_STATUS: Record<Outcome, Task['status']> = { envoyee: 'requested', acceptee: 'accepted', 'rdv-pris': 'in-progress', vue: 'completed', refusee: 'rejected', 'sans-suite': 'cancelled' };
const REQUEST_STATUS: Record<Outcome, ServiceRequest['status']> = { envoyee: 'active', acceptee: 'active', 'rdv-pris': 'active', vue: 'completed', refusee: 'revoked', 'sans-suite': 'revoked' };

export interface OrientationInput {
  partnerType: string;
  requester: Ref;
  date: string;
  partner?: Ref;
  domains: readonly string[];
  note?: string;
}

/** An orientation to a partner by type and its follow-through Task (`sent`); the Task's focus is the request. */
export function orientation(patientId: string, input: OrientationInput, requestUrl: string, carePlanId?: string): { request: ServiceRequest; task: Task } {
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    meta: { profile: [ProfileUrl.ServiceRequestOrientation] },
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: ReferralCategory.system, code: ReferralCategory.code, display: 'Patient referral' }] }],
    subject: { reference: `Patient/${patientId}` },
    authoredOn: input.date,
    requester: input.requester,
    performerType: parcoursCode(CodeSystemUrl.PartnerType, input.partnerType),
    ...(input.partner ? { performer: [input.partner] } : {}),
    ...(input.domains.length ? { reasonCode: input.domains.map((d) => parcoursCode(CodeSystemUrl.Domain, d)) } : {}),
    ...(carePlanId ? { basedOn: [{ reference: `CarePlan/${carePlanId}` }] } : {}),
    ...(input.note ? { note: [{ text: input.note }] } : {}),
  };
  const task: Task = {
    resourceType: 'Task',
    meta: { profile: [ProfileUrl.Task] },
    status: TASK_STATUS.envoyee,
    businessStatus: parcoursCode(CodeSystemUrl.OrientationOutcome, 'envoyee'),
    intent: 'order',
    code: parcoursCode(CodeSystemUrl.TaskCode, 'orientation'),
    focus: { reference: requestUrl },
    for: { reference: `Patient/${patientId}` },
    authoredOn: input.date,
    requester: input.requester,
    owner: input.requester,
    ...(carePlanId ? { basedOn: [{ reference: `CarePlan/${carePlanId}` }] } : {}),
  };
  return { request, task };
}

/** Where the orientation stands: the Task's businessStatus and status, and the request's status, move together. */
export function orientationOutcome(task: Task, request: ServiceRequest | undefined, outcome: Outcome, date: string, appointmentOn?: string): (Task | ServiceRequest)[] {
  const done = outcome === 'vue' || outcome === 'refusee' || outcome === 'sans-suite';
  const nextTask: Task = { ...task, status: TASK_STATUS[outcome], businessStatus: parcoursCode(CodeSystemUrl.OrientationOutcome, outcome), ...(done ? { executionPeriod: { ...task.executionPeriod, end: date } } : {}) };
  if (!request) return [nextTask];
  const nextRequest: ServiceRequest = { ...request, status: REQUEST_STATUS[outcome], ...(appointmentOn ? { occurrenceDateTime: new Date(appointmentOn).toISOString() } : {}) };
  return [nextTask, nextRequest];
}

/** The plan with its follow-up intensity (one extension, replaced). */
export function setIntensity(plan: CarePlan, code: string): CarePlan {
  const others = (plan.extension ?? []).filter((e) => e.url !== ExtensionUrl.FollowUpIntensity);
  const display = codeWord(CodeSystemUrl.FollowUpIntensity, code, 'fr') ?? code;
  return { ...plan, extension: [...others, { url: ExtensionUrl.FollowUpIntensity, valueCoding: { system: CodeSystemUrl.FollowUpIntensity, code, display } }] };
}
