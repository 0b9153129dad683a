// Pure functions from the loaded resources to what the plan view shows. No React, no I/O.
import type { Appointment, CarePlan, CodeableConcept, Encounter, Goal, Observation, Reference } from '@medplum/fhirtypes';
import type { Lang } from '../i18n/dict.ts';
import { codeWord, conceptLabel, unitLabel } from '../i18n/terms.ts';
import { LoincCode, PATHWAY_STAGE_URL } from './codes.ts';
import { planMeetings } from './meetings-model.ts';
import { isDischargeTask } from './discharge.ts';
import { cigarettesPerDay, observationWords } from './products.ts';
import { conceptText, humanName, refLabel } from './labels.ts';
import type { PlanData } from './load-plan.ts';
import { refKey } from './load-plan.ts';
import { compareIso } from './dates.ts';
import { perPlan } from './per-plan.ts';

export { conceptText, humanName, refLabel } from './labels.ts';
export { dischargeFollowUps, isDischargeTask } from './discharge.ts';
export type { DischargeFollowUp } from './discharge.ts';

/** The pathway stage in words: the Parcours stage in the chosen language, else the text or display sent. */
export function pathwayStage(plan: CarePlan | undefined, lang: Lang = 'fr'): { code: string; label: string } | undefined {
  const ext = plan?.extension?.find((e) => e.url === PATHWAY_STAGE_URL);
  const coding = ext?.valueCodeableConcept?.coding?.[0] ?? ext?.valueCoding;
  if (!coding?.code) return undefined;
  const label = codeWord(coding.system, coding.code, lang) ?? (ext?.valueCodeableConcept?.text || coding.display || coding.code);
  return { code: coding.code, label };
}

export function obsDate(o: Observation): string {
  return o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued ?? '';
}

/** The number an Observation measures: its value, or the cigarettes per day of a tobacco-use status (products.ts). */
export function obsValue(o: Observation): number | undefined {
  return o.valueQuantity?.value ?? o.valueInteger ?? cigarettesPerDay(o);
}

function hasCode(concept: CodeableConcept | undefined, code: string): boolean {
  return (concept?.coding ?? []).some((c) => c.code === code);
}

/** The value of `code` an Observation carries: as its own code, or as one of its components. */
function measured(o: Observation, code: string): number | undefined {
  if (hasCode(o.code, code)) return obsValue(o);
  const c = o.component?.find((x) => hasCode(x.code, code));
  return c?.valueQuantity?.value ?? c?.valueInteger;
}

export interface GoalProgress {
  goal: Goal;
  label: string;
  target?: { value: number; comparator: string; unit: string; code: string; due?: string };
  latest?: { value: number; date: string };
  achieved?: boolean;
  /** How far the latest value is towards the target, 0 to 1 (1 when achieved), for the progress bar. */
  ratio?: number;
}

export function goalProgress(goal: Goal, observations: Observation[], lang: Lang = 'fr'): GoalProgress {
  const t = goal.target?.find((x) => x.detailQuantity?.value !== undefined);
  const label = conceptLabel(goal.description, lang);
  if (!t?.detailQuantity?.value) return { goal, label };
  const code = t.measure?.coding?.[0]?.code ?? '';
  const target = { value: t.detailQuantity.value, comparator: t.detailQuantity.comparator ?? '<=', unit: unitLabel(t.detailQuantity, lang), code, due: t.dueDate };
  // The latest measure, in one pass (sorting every measure of a heavy record, per goal, was a visible part of the
  // plan's first render); of two on the same date, the later in the list, as a stable sort would give.
  let last: Observation | undefined;
  for (const o of observations) if (measured(o, code) !== undefined && (!last || obsDate(o) >= obsDate(last))) last = o;
  if (!last) return { goal, label, target };
  const value = measured(last, code) as number;
  const achieved = target.comparator.startsWith('<') ? value <= target.value : target.comparator.startsWith('>') ? value >= target.value : value === target.value;
  const ratio = achieved ? 1 : target.comparator.startsWith('<') ? (value > 0 ? target.value / value : 1) : target.value > 0 ? Math.min(1, value / target.value) : 0;
  return { goal, label, target, latest: { value, date: obsDate(last) }, achieved, ratio };
}

export interface ActivityRow {
  key: string;
  source: 'task' | 'careplan';
  id: string | undefined;
  index?: number;
  description: string;
  status: string;
  owner: string;
  ownerRef?: Reference;
  due: string;
  /** A follow-up asked by a hospital at discharge. */
  discharge?: boolean;
  /** A recurring care-plan activity (scheduledTiming.repeat): ongoing by nature, never "completed" in one click. */
  recurring?: { frequency: number; period: number; unit: string };
}

/** The plan's activities (care-plan activities and Tasks); shared, read only (perPlan). */
export const activities: (data: PlanData, lang?: Lang) => ActivityRow[] = perPlan((data, lang) => {
  const rows: ActivityRow[] = [];
  data.carePlan?.activity?.forEach((a, index) => {
    const d = a.detail;
    if (!d) return;
    rows.push({
      key: `cp-${index}`,
      source: 'careplan',
      id: data.carePlan?.id,
      index,
      description: d.description ?? conceptLabel(d.code, lang),
      status: d.status,
      owner: d.performer?.map((p) => refLabel(p, data.refs)).join(', ') ?? '',
      ownerRef: d.performer?.[0],
      due: d.scheduledPeriod?.end ?? d.scheduledPeriod?.start ?? d.scheduledString ?? '',
      ...(d.scheduledTiming?.repeat ? { recurring: { frequency: d.scheduledTiming.repeat.frequency ?? 1, period: d.scheduledTiming.repeat.period ?? 1, unit: d.scheduledTiming.repeat.periodUnit ?? 'wk' } } : {}),
    });
  });
  for (const t of data.tasks) {
    rows.push({
      key: `task-${t.id}`,
      source: 'task',
      id: t.id,
      description: t.description ?? conceptLabel(t.code, lang),
      status: t.status,
      owner: refLabel(t.owner, data.refs),
      ownerRef: t.owner,
      due: t.restriction?.period?.end ?? t.executionPeriod?.end ?? '',
      ...(isDischargeTask(t, data) ? { discharge: true } : {}),
    });
  }
  const order = ['in-progress', 'requested', 'ready', 'accepted', 'scheduled', 'received', 'draft', 'on-hold', 'not-started', 'completed', 'cancelled'];
  return rows.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || compareIso(a.due, b.due));
});

export interface TeamRow {
  key: string;
  teamId: string | undefined;
  index: number;
  name: string;
  role: string;
  contact: string;
  start?: string;
  end?: string;
  active: boolean;
}

export function team(data: PlanData, today = new Date().toISOString(), lang: Lang = 'fr'): TeamRow[] {
  return data.careTeams.flatMap((t) =>
    (t.participant ?? []).map((p, index) => {
      const k = refKey(p.member);
      const member = k ? data.refs.get(k) ?? (k === `Patient/${data.patient.id}` ? data.patient : undefined) : undefined;
      const telecom = (member as { telecom?: { value?: string }[] } | undefined)?.telecom;
      return {
        key: `${t.id}-${index}`,
        teamId: t.id,
        index,
        name: member?.resourceType === 'Patient' ? humanName(data.patient.name) : refLabel(p.member, data.refs),
        role: (p.role ?? []).map((r) => conceptLabel(r, lang)).join(', '),
        contact: telecom?.map((x) => x.value).filter(Boolean).join(', ') ?? '',
        start: p.period?.start,
        end: p.period?.end,
        active: !p.period?.end || p.period.end >= today.slice(0, 10),
      };
    }),
  );
}

export type Attendance = 'scheduled' | 'held' | 'noShow' | 'cancelled';
export type Mode = 'phone' | 'inPerson' | 'hospital';

export interface EncounterRow {
  key: string;
  date: string;
  label: string;
  attendance: Attendance;
  mode: Mode;
  who: string;
}

export function isSynthesisMeeting(e: Encounter): boolean {
  return (e.type ?? []).some((t) => (t.coding ?? []).some((c) => /synth/i.test(`${c.code} ${c.display ?? ''}`)) || /synth/i.test(t.text ?? ''));
}

function mode(e: Encounter): Mode {
  const code = e.class?.code ?? '';
  if (['IMP', 'ACUTE', 'NONAC', 'SS', 'EMER'].includes(code)) return 'hospital';
  const words = (e.type ?? []).map(conceptText).join(' ');
  if (code === 'VR' || /t[ée]l[ée]phon|phone/i.test(words)) return 'phone';
  return 'inPerson';
}

function appointmentAttendance(a: Appointment): Attendance {
  if (a.status === 'noshow') return 'noShow';
  if (a.status === 'cancelled' || a.status === 'entered-in-error') return 'cancelled';
  if (a.status === 'fulfilled' || a.status === 'checked-in' || a.status === 'arrived') return 'held';
  return 'scheduled';
}

/** Appointments and encounters, newest first; shared, read only (perPlan). */
export const encounterRows: (data: PlanData, lang?: Lang) => EncounterRow[] = perPlan((data, lang) => {
  const linked = new Set(data.encounters.flatMap((e) => (e.appointment ?? []).map((r) => refKey(r))));
  const rows: EncounterRow[] = [];
  for (const a of data.appointments) {
    if (linked.has(`Appointment/${a.id}`) && a.status === 'fulfilled') continue; // shown once, as its encounter
    const who = (a.participant ?? []).filter((p) => !p.actor?.reference?.includes('Patient/')).map((p) => refLabel(p.actor, data.refs));
    const types = [...(a.serviceType ?? []), ...(a.appointmentType ? [a.appointmentType] : [])];
    const words = types.map(conceptText).join(' ');
    const label = types.map((c) => conceptLabel(c, lang)).filter(Boolean).join(', ');
    rows.push({ key: `a-${a.id}`, date: a.start ?? '', label: a.description ?? (label || (lang === 'fr' ? 'Rendez-vous' : 'Appointment')), attendance: appointmentAttendance(a), mode: /t[ée]l[ée]phon|phone/i.test(words) ? 'phone' : 'inPerson', who: who.join(', ') });
  }
  for (const e of data.encounters) {
    if (isSynthesisMeeting(e)) continue;
    const attendance: Attendance = e.status === 'cancelled' ? 'cancelled' : e.status === 'planned' ? 'scheduled' : 'held';
    rows.push({ key: `e-${e.id}`, date: e.period?.start ?? '', label: (e.type ?? []).map((c) => conceptLabel(c, lang)).filter(Boolean).join(', ') || 'Consultation', attendance, mode: mode(e), who: (e.participant ?? []).map((p) => refLabel(p.individual, data.refs)).join(', ') });
  }
  return rows.sort((a, b) => compareIso(b.date, a.date));
});

export { planMeetings as meetings } from './meetings-model.ts';
export type { MeetingDecision, MeetingNote, MeetingRow } from './meetings-model.ts';

export type SeriesName = 'drinksPerDay' | 'auditC' | 'tobacco' | 'otherSubstance' | 'ost';
export type Point = { t: number; v: number };

/** The consumption series (time in seconds, as the chart wants); shared, read only (perPlan). */
export const consumptionSeries: (data: PlanData) => Record<SeriesName, Point[]> = perPlan((data) => {
  const out: Record<SeriesName, Point[]> = { drinksPerDay: [], auditC: [], tobacco: [], otherSubstance: [], ost: [] };
  const secs = (d: string): number => Math.floor(new Date(d).getTime() / 1000);
  for (const o of data.observations) {
    const v = obsValue(o);
    const d = obsDate(o);
    if (v === undefined || !d) continue;
    const profiles = (o.meta?.profile ?? []).join(' ');
    let name: SeriesName;
    if (hasCode(o.code, LoincCode.drinksPerDay) || profiles.includes('alcohol-use')) name = 'drinksPerDay';
    else if (hasCode(o.code, LoincCode.auditCTotal) || hasCode(o.code, LoincCode.auditCPanel) || profiles.includes('auditc')) name = 'auditC';
    else if (hasCode(o.code, LoincCode.tobaccoUse) || hasCode(o.code, LoincCode.cigarettesPerDay) || profiles.includes('tobacco')) name = 'tobacco';
    else name = 'otherSubstance';
    out[name].push({ t: secs(d), v });
  }
  for (const m of data.medicationStatements) {
    const dose = m.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity?.value;
    const d = m.effectivePeriod?.start ?? m.effectiveDateTime ?? m.dateAsserted;
    if (dose !== undefined && d) out.ost.push({ t: secs(d), v: dose });
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.t - b.t);
  return out;
});

export interface PlanEvent {
  key: string;
  date: string;
  end?: string;
  kind: 'hospital' | 'meeting' | 'careBreak' | 'noShow' | 'encounter' | 'observation' | 'task' | 'goal';
  label: string;
}

/** Care breaks: more than 60 days without a held encounter while the plan is active. */
export function careBreaks(rows: EncounterRow[], days = 60, lang: Lang = 'fr'): PlanEvent[] {
  const held = rows.filter((r) => r.attendance === 'held' && r.date).map((r) => r.date).sort();
  const out: PlanEvent[] = [];
  for (let i = 1; i < held.length; i++) {
    const a = held[i - 1] as string;
    const b = held[i] as string;
    if (new Date(b).getTime() - new Date(a).getTime() > days * 86400000) out.push({ key: `break-${a}`, date: a, end: b, kind: 'careBreak', label: lang === 'fr' ? 'Rupture de suivi' : 'Care break' });
  }
  return out;
}

/** Everything dated, newest first. */
export function timeline(data: PlanData, lang: Lang = 'fr'): PlanEvent[] {
  const rows = encounterRows(data, lang);
  const events: PlanEvent[] = [
    ...rows.map((r): PlanEvent => ({ key: r.key, date: r.date, kind: r.mode === 'hospital' ? 'hospital' : r.attendance === 'noShow' ? 'noShow' : 'encounter', label: r.label })),
    ...planMeetings(data, lang).map((m): PlanEvent => ({ key: m.key, date: m.date, kind: 'meeting', label: [...m.decisions.map((d) => d.description), ...m.reasons].join(' ; ') || (lang === 'fr' ? 'Réunion de synthèse' : 'Synthesis meeting') })),
    ...careBreaks(rows, 60, lang),
    ...data.observations.map((o): PlanEvent => ({ key: `o-${o.id}`, date: obsDate(o), kind: 'observation', label: observationWords(o, lang) })),
    ...data.tasks.map((t): PlanEvent => ({ key: `t-${t.id}`, date: t.restriction?.period?.end ?? t.authoredOn ?? '', kind: 'task', label: t.description ?? conceptLabel(t.code, lang) })),
  ];
  return events.filter((e) => e.date).sort((a, b) => compareIso(b.date, a.date));
}
