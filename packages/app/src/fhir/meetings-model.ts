// The synthesis meetings a person was reviewed in, from their own records (profiles/README « Case-review meetings »):
// each review Encounter (revue-synthese, partOf the meeting) carries the meeting's date, attendees and partners; notes
// are Communications (note-synthese, encounter = the review) and decisions Tasks (reasonReference = the review).
// Pure functions, no React, no I/O. Meetings recorded before the review model (one Encounter with the person as
// subject) are shown too, with what they hold.
import type { Communication, Encounter, Task } from '@medplum/fhirtypes';
import type { Lang } from '../i18n/dict.ts';
import { conceptLabel } from '../i18n/terms.ts';
import { CASE_REVIEW_CODE, COMMUNICATION_CATEGORY_SYSTEM, ENCOUNTER_TYPE_SYSTEM, MEETING_PARTNER_URL, PSY_LABEL, REVIEW_NOTE_CATEGORY, SECURITY_SYSTEM, SYNTHESIS_MEETING_CODE } from './codes.ts';
import { refLabel } from './labels.ts';
import type { PlanData } from './load-plan.ts';
import { refKey } from './load-plan.ts';
import { compareIso } from './dates.ts';
import { perPlan } from './per-plan.ts';

export interface MeetingNote {
  key: string;
  author: string;
  text: string;
  /** A psychotherapy note (PSY label): shown to the roles allowed to read it, and said so. */
  psy: boolean;
}

export interface MeetingDecision {
  key: string;
  taskId: string | undefined;
  description: string;
  owner: string;
  due: string;
  status: Task['status'];
}

export interface MeetingRow {
  key: string;
  /** The review Encounter (or the old meeting Encounter). */
  id: string | undefined;
  date: string;
  attendees: string[];
  /** Partner organisations attending without a named professional. */
  partners: string[];
  notes: MeetingNote[];
  decisions: MeetingDecision[];
  /** Words of reasons coded on the encounter (old meetings). */
  reasons: string[];
}

const hasType = (e: Encounter, code: string): boolean => (e.type ?? []).some((t) => (t.coding ?? []).some((c) => c.system === ENCOUNTER_TYPE_SYSTEM && c.code === code));

/** A person's review in a synthesis meeting, or an old-style meeting Encounter that names the person as subject. */
export function isMeetingRecord(e: Encounter): boolean {
  return hasType(e, CASE_REVIEW_CODE) || (hasType(e, SYNTHESIS_MEETING_CODE) && !!e.subject);
}

export function isReviewNote(c: Communication): boolean {
  return (c.category ?? []).some((cat) => (cat.coding ?? []).some((x) => x.system === COMMUNICATION_CATEGORY_SYSTEM && x.code === REVIEW_NOTE_CATEGORY));
}

/** Each meeting the person was reviewed in, newest first, with the notes this user may see and the decisions; shared, read only (perPlan). */
export const planMeetings: (data: PlanData, lang?: Lang) => MeetingRow[] = perPlan((data, lang) => {
  const notes = data.communications.filter(isReviewNote);
  return data.encounters
    .filter(isMeetingRecord)
    .map((e): MeetingRow => {
      const self = `Encounter/${e.id ?? ''}`;
      return {
        key: `m-${e.id}`,
        id: e.id,
        date: e.period?.start ?? '',
        attendees: (e.participant ?? []).map((p) => refLabel(p.individual, data.refs)).filter(Boolean),
        partners: (e.extension ?? []).filter((x) => x.url === MEETING_PARTNER_URL).map((x) => refLabel(x.valueReference, data.refs)),
        notes: notes
          .filter((c) => refKey(c.encounter) === self)
          .map((c) => ({
            key: `n-${c.id}`,
            author: refLabel(c.sender, data.refs),
            text: (c.payload ?? []).map((p) => p.contentString ?? '').filter(Boolean).join(' '),
            psy: (c.meta?.security ?? []).some((s) => s.system === SECURITY_SYSTEM && s.code === PSY_LABEL),
          })),
        decisions: data.tasks
          .filter((t) => refKey(t.reasonReference) === self)
          .map((t) => ({ key: `d-${t.id}`, taskId: t.id, description: t.description ?? conceptLabel(t.code, lang), owner: refLabel(t.owner, data.refs), due: t.restriction?.period?.end ?? t.executionPeriod?.end ?? '', status: t.status })),
        reasons: (e.reasonCode ?? []).map((c) => conceptLabel(c, lang)),
      };
    })
    .sort((a, b) => compareIso(b.date, a.date));
});
