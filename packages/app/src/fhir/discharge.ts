// Hospital discharges (issue 8): the follow-up Task a hospital asks of the GP at discharge, with the stay, the
// summary (Composition), the medications at discharge and the notification to the team it refers to. Shapes of the
// profiles' scenario-sortie-hospitaliere.fsh, as the discharge exchange writes them. Pure functions.
import type { CodeableConcept, Composition, Encounter, MedicationRequest, Reference, Task } from '@medplum/fhirtypes';
import { DISCHARGE_FOLLOW_UP_CODE } from './codes.ts';
import { conceptText, refLabel } from './labels.ts';
import type { PlanData } from './load-plan.ts';
import { refKey } from './load-plan.ts';

export interface DischargeFollowUp {
  key: string;
  task: Task;
  /** The follow-up happened, or will not (cancelled, rejected, entered in error). */
  done: boolean;
  /** The GP acknowledged the request (Task accepted or in progress) and the follow-up is still to do. */
  acknowledged: boolean;
  /** The follow-up did not happen (Task failed): kept in view, not folded with the done ones. */
  failed: boolean;
  hospital: string;
  stayStart?: string;
  stayEnd?: string;
  stayLabel: string;
  /** The stay's types, for words in the chosen language (`stayLabel` is the text or display sent). */
  stayTypes: CodeableConcept[];
  disposition: string;
  dispositionCode?: string;
  /** Who asked (the hospital physician). */
  requester: string;
  owner: string;
  summary?: { title: string; date?: string; author: string; sections: { key: string; title: string; html?: string }[] };
  medications: string[];
  /** The notifications to the team, one list of payload texts each (a bilingual sender sends French then English). */
  messages: string[][];
  due?: string;
  /** Days between the discharge and the due date ("à voir sous 7 jours"). */
  withinDays?: number;
  /** Days past the due date while still open (> 0), else undefined. */
  overdueDays?: number;
  acknowledgedAt?: string;
}

const DAY = 86_400_000;
const day = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

function encounterOf(ref: Reference | undefined, data: PlanData): Encounter | undefined {
  const k = refKey(ref);
  if (!k?.startsWith('Encounter/')) return undefined;
  return data.encounters.find((e) => `Encounter/${e.id}` === k) ?? (data.refs.get(k) as Encounter | undefined);
}

/** A Task asked by a hospital at discharge: the Parcours code, or a Task about a hospital stay. */
export function isDischargeTask(task: Task, data: PlanData): boolean {
  if ((task.code?.coding ?? []).some((c) => c.code === DISCHARGE_FOLLOW_UP_CODE)) return true;
  return encounterOf(task.encounter, data)?.hospitalization !== undefined;
}

function medicationLabel(m: MedicationRequest): string {
  const name = conceptText(m.medicationCodeableConcept) || m.medicationReference?.display || '';
  const dose = m.dosageInstruction?.map((d) => d.text).filter(Boolean).join(' ; ');
  return dose && !name.includes(dose) ? `${name} — ${dose}` : name;
}

/** The discharge follow-ups of the person: open ones first (soonest due first), then the acknowledged ones. */
export function dischargeFollowUps(data: PlanData, today: string = new Date().toISOString()): DischargeFollowUp[] {
  const out: DischargeFollowUp[] = [];
  for (const task of data.tasks.filter((t) => isDischargeTask(t, data))) {
    const taskKey = `Task/${task.id}`;
    const stay = encounterOf(task.encounter, data);
    const stayKey = stay ? `Encounter/${stay.id}` : undefined;
    const refersTo = (refs: (Reference | undefined)[]): boolean => refs.some((r) => { const k = refKey(r); return k !== undefined && (k === taskKey || k === stayKey); });
    const composition: Composition | undefined = data.compositions.find((c) => refersTo([c.encounter, ...(c.section ?? []).flatMap((s) => s.entry ?? [])]));
    const compositionKey = composition ? `Composition/${composition.id}` : undefined;
    const communications = data.communications.filter((c) => refersTo([c.encounter, ...(c.about ?? []), ...(c.basedOn ?? [])]) || (compositionKey !== undefined && (c.about ?? []).some((r) => refKey(r) === compositionKey)));
    const listed = new Set((composition?.section ?? []).flatMap((s) => (s.entry ?? []).map((e) => refKey(e))));
    const medications = data.medicationRequests.filter((m) => listed.has(`MedicationRequest/${m.id}`) || (stayKey !== undefined && refKey(m.encounter) === stayKey));
    const due = task.restriction?.period?.end;
    const from = task.restriction?.period?.start ?? stay?.period?.end ?? task.authoredOn;
    // Acknowledging (accepted) and doing the follow-up (completed) are two acts; a failed follow-up stays open.
    const done = task.status === 'completed' || task.status === 'cancelled' || task.status === 'rejected' || task.status === 'entered-in-error';
    const late = due && !done ? Math.round((day(today) - day(due)) / DAY) : 0;
    out.push({
      key: taskKey,
      task,
      done,
      acknowledged: task.status === 'accepted' || task.status === 'in-progress',
      failed: task.status === 'failed',
      hospital: refLabel(stay?.serviceProvider ?? composition?.custodian, data.refs) || refLabel(task.requester, data.refs),
      ...(stay?.period?.start ? { stayStart: stay.period.start } : {}),
      ...(stay?.period?.end ? { stayEnd: stay.period.end } : {}),
      // Words only: a bare code (e.g. sejour-hospitalier) says nothing the heading does not.
      stayLabel: (stay?.type ?? []).map((c) => c.text ?? c.coding?.find((x) => x.display)?.display ?? '').filter(Boolean).join(', '),
      stayTypes: stay?.type ?? [],
      disposition: conceptText(stay?.hospitalization?.dischargeDisposition),
      ...(stay?.hospitalization?.dischargeDisposition?.coding?.[0]?.code ? { dispositionCode: stay.hospitalization.dischargeDisposition.coding[0].code } : {}),
      requester: refLabel(task.requester ?? composition?.author?.[0], data.refs),
      owner: refLabel(task.owner, data.refs),
      ...(composition
        ? {
            summary: {
              title: composition.title,
              date: composition.date,
              author: (composition.author ?? []).map((a) => refLabel(a, data.refs)).join(', '),
              sections: (composition.section ?? []).map((s, i) => ({ key: `${i}`, title: s.title ?? conceptText(s.code), ...(s.text?.div ? { html: s.text.div } : {}) })),
            },
          }
        : {}),
      medications: medications.map(medicationLabel).filter(Boolean),
      messages: communications.map((c) => (c.payload ?? []).map((p) => p.contentString ?? '').filter(Boolean)).filter((m) => m.length > 0),
      ...(due ? { due } : {}),
      ...(due && from ? { withinDays: Math.round((day(due) - day(from)) / DAY) } : {}),
      ...(late > 0 ? { overdueDays: late } : {}),
      ...(done && task.executionPeriod?.end ? { acknowledgedAt: task.executionPeriod.end } : {}),
    });
  }
  return out.sort((a, b) => Number(a.done) - Number(b.done) || (a.due ?? '').localeCompare(b.due ?? ''));
}
