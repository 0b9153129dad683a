// What the plan shows of the team's work (issue 15): planned and held contacts with their mode and domains,
// workshops (the person's participation and its session, read through _include:iterate=Encounter:part-of), partner
// orientations with their follow-through, and the plan's intensity. Pure functions over PlanData.
import type { Appointment, CodeableConcept, Encounter, Reference, ServiceRequest, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, EncounterTypeCode, ExtensionUrl } from '@parcours/profiles/constants';
import type { Lang } from '../i18n/dict.ts';
import { codeWord, conceptLabel } from '../i18n/terms.ts';
import type { PlanData } from './load-plan.ts';
import { refKey } from './load-plan.ts';
import { humanName } from './plan-model.ts';

const codeIn = (c: CodeableConcept | undefined, system: string): string | undefined => c?.coding?.find((x) => x.system === system)?.code;
const words = (system: string, code: string | undefined, lang: Lang): string => (code ? codeWord(system, code, lang) ?? code : '');

/** Who a reference names, in words (the plan's included practitioners, roles and organisations). */
export function whoName(data: PlanData, ref: Reference | undefined): string {
  const r = data.refs.get(refKey(ref) ?? '');
  if (r?.resourceType === 'Practitioner') return humanName(r.name);
  if (r?.resourceType === 'Organization') return r.name ?? '';
  if (r?.resourceType === 'PractitionerRole') {
    const p = data.refs.get(refKey(r.practitioner) ?? '');
    return p?.resourceType === 'Practitioner' ? humanName(p.name) : (ref?.display ?? '');
  }
  return ref?.display ?? '';
}

export type ModeWord = 'AMB' | 'VR' | 'visio' | 'HH' | 'FLD' | 'IMP' | 'EMER';

/** Mode of a held contact: its class, video when it also carries the type `visio`. */
export function modeOf(e: Encounter): ModeWord | undefined {
  const video = (e.type ?? []).some((t) => codeIn(t, CodeSystemUrl.EncounterType) === EncounterTypeCode.Video);
  return video ? 'visio' : (e.class?.code as ModeWord | undefined);
}

export interface ContactRow {
  id: string;
  date: string;
  kind: string;
  mode: ModeWord | undefined;
  professional: string;
  minutes: number | undefined;
  domains: string[];
  note: string | undefined;
  psychotherapy: boolean;
}

const isWorkshop = (e: Encounter): boolean => (e.type ?? []).some((t) => codeIn(t, CodeSystemUrl.EncounterType) === EncounterTypeCode.GroupWorkshop);
const isMeeting = (e: Encounter): boolean => (e.type ?? []).some((t) => ['reunion-synthese', 'revue-synthese', 'sejour-hospitalier'].includes(codeIn(t, CodeSystemUrl.EncounterType) ?? ''));

/** Held contacts of the person, latest first (workshops, meetings and hospital stays have their own sections). */
export function contactRows(data: PlanData, lang: Lang): ContactRow[] {
  return data.encounters
    .filter((e) => e.status === 'finished' && e.subject && !isWorkshop(e) && !isMeeting(e))
    .map((e): ContactRow => {
      const kind = (e.type ?? []).map((t) => codeIn(t, CodeSystemUrl.EncounterType)).find((c) => c && c !== EncounterTypeCode.Video);
      return {
        id: e.id ?? '',
        date: e.period?.start ?? '',
        kind: kind ? words(CodeSystemUrl.EncounterType, kind, lang) : conceptLabel(e.type?.[0], lang),
        mode: modeOf(e),
        professional: whoName(data, e.participant?.[0]?.individual),
        minutes: e.length?.value,
        domains: (e.reasonCode ?? []).map((c) => codeIn(c, CodeSystemUrl.Domain)).filter((c): c is string => !!c).map((c) => words(CodeSystemUrl.Domain, c, lang)),
        note: e.extension?.find((x) => x.url === ExtensionUrl.EncounterNote)?.valueAnnotation?.text,
        psychotherapy: (e.meta?.security ?? []).some((s) => s.code === 'PSY'),
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
}

export interface AppointmentRow {
  appointment: Appointment;
  date: string;
  mode: string | undefined;
  activity: string;
  professional: string;
  status: Appointment['status'];
}

/** Appointments, the coming ones first then the past ones latest first. */
export function appointmentRows(data: PlanData, lang: Lang): AppointmentRow[] {
  return data.appointments
    .filter((a) => a.status !== 'entered-in-error')
    .map((a): AppointmentRow => ({
      appointment: a,
      date: a.start ?? '',
      mode: a.appointmentType?.coding?.[0]?.code,
      activity: conceptLabel(a.serviceType?.[0], lang),
      professional: whoName(data, a.participant.find((p) => !p.actor?.reference?.startsWith('Patient/'))?.actor),
      status: a.status,
    }))
    .sort((a, b) => (a.status === 'booked' ? 0 : 1) - (b.status === 'booked' ? 0 : 1) || b.date.localeCompare(a.date));
}

/** Sessions read by the workshop form (a person just added to one shows its theme before the plan reloads). */
const seenSessions = new Map<string, Encounter>();
export function rememberSessions(sessions: readonly Encounter[]): void {
  for (const e of sessions) if (e.id) seenSessions.set(`Encounter/${e.id}`, e);
}

export interface WorkshopRow {
  id: string;
  date: string;
  theme: string;
  outside: number | undefined;
  facilitators: string[];
  site: string;
}

/** The person's workshop participations, with their session's theme, facilitators and outside count. */
export function workshopRows(data: PlanData): WorkshopRow[] {
  return data.encounters
    .filter((e) => isWorkshop(e) && e.subject)
    .map((e): WorkshopRow => {
      const key = refKey(e.partOf) ?? '';
      // Included with the plan (refs), or just written (the encounters of the write, before the next load).
      const session = (data.refs.get(key) ?? data.encounters.find((x) => `Encounter/${x.id ?? ''}` === key) ?? seenSessions.get(key)) as Encounter | undefined;
      const ext = (url: string): Encounter['extension'] => session?.extension?.filter((x) => x.url === url);
      return {
        id: e.id ?? '',
        date: e.period?.start ?? session?.period?.start ?? '',
        theme: ext(ExtensionUrl.WorkshopTheme)?.[0]?.valueString ?? '',
        outside: ext(ExtensionUrl.OutsideParticipants)?.[0]?.valueUnsignedInt,
        facilitators: (session?.participant ?? []).map((p) => whoName(data, p.individual)).filter(Boolean),
        site: whoName(data, e.serviceProvider ?? session?.serviceProvider),
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
}

export interface OrientationRow {
  request: ServiceRequest;
  task: Task | undefined;
  date: string;
  partnerType: string;
  partner: string;
  requester: string;
  outcome: string | undefined;
  outcomeWord: string;
  appointmentOn: string | undefined;
}

/** Orientations to partners by type, with the outcome of their follow-through Task. */
export function orientationRows(data: PlanData, lang: Lang): OrientationRow[] {
  return data.serviceRequests
    .map((r): OrientationRow => {
      const task = data.tasks.find((t) => refKey(t.focus) === `ServiceRequest/${r.id ?? ''}`);
      const outcome = codeIn(task?.businessStatus, CodeSystemUrl.OrientationOutcome);
      return {
        request: r,
        task,
        date: r.authoredOn ?? '',
        partnerType: words(CodeSystemUrl.PartnerType, codeIn(r.performerType, CodeSystemUrl.PartnerType), lang) || conceptLabel(r.performerType, lang),
        partner: whoName(data, r.performer?.[0]),
        requester: whoName(data, r.requester),
        outcome,
        outcomeWord: words(CodeSystemUrl.OrientationOutcome, outcome, lang),
        appointmentOn: r.occurrenceDateTime,
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
}

/** The plan's follow-up intensity: code and words. */
export function intensityOf(data: PlanData, lang: Lang): { code: string; label: string } | undefined {
  const code = data.carePlan?.extension?.find((x) => x.url === ExtensionUrl.FollowUpIntensity)?.valueCoding?.code;
  return code ? { code, label: words(CodeSystemUrl.FollowUpIntensity, code, lang) } : undefined;
}
