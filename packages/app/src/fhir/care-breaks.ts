// Care breaks as the team and the watch record them (MODEL.md « Care break »): the care-break watch's Flags
// (ParcoursFlagCareBreak: one per person and rule, active while the rule is crossed, inactive with period.end once it
// clears) and the coordinators' own messages (Communication category rupture-de-soins). Pure functions, no I/O.
import type { Communication, Flag } from '@medplum/fhirtypes';
import type { Lang } from '../i18n/dict.ts';
import { codeWord } from '../i18n/terms.ts';
import { CARE_BREAK_CATEGORY, CARE_BREAK_RULE_SYSTEM, COMMUNICATION_CATEGORY_SYSTEM } from './codes.ts';
import { refLabel } from './labels.ts';
import type { PlanData } from './load-plan.ts';

export interface CareBreakFlag {
  key: string;
  /** The rule crossed, in words (« Rendez-vous manqués à la suite »). */
  rule: string;
  code: string;
  active: boolean;
  since: string;
  end?: string;
}

export interface CareBreakMessage {
  key: string;
  date: string;
  sender: string;
  text: string;
}

const DAY = 86_400_000;
const dayOf = (value: string | undefined): number => Date.parse(`${(value ?? '').slice(0, 10)}T00:00:00Z`);

// The rule « sans contact » in words with its number of days (the CodeSystem's display, « Aucun contact depuis N
// jours », names the rule, not the person's break).
const NO_CONTACT = {
  active: ['Aucun contact depuis {n} jours', 'No contact for {n} days'],
  cleared: ['Aucun contact pendant {n} jours', 'No contact for {n} days'],
  unknown: ['Aucun contact tenu', 'No contact held'],
} as const;

/**
 * Days without a held contact behind a « sans contact » Flag, counted as the watch counts them: from the last
 * finished Encounter of the person on or before the day the Flag was raised (else the plan's start) to its end, or
 * to today while it lasts. Undefined when the plan holds neither.
 */
function daysWithoutContact(data: PlanData, flag: Flag, now: string): number | undefined {
  const raised = dayOf(flag.period?.start);
  const contacts = data.encounters
    .filter((e) => e.status === 'finished')
    .map((e) => dayOf(e.period?.start ?? e.period?.end))
    .filter((d) => Number.isFinite(d) && (!Number.isFinite(raised) || d <= raised));
  const from = contacts.length ? Math.max(...contacts) : dayOf(data.carePlan?.period?.start);
  const to = dayOf(flag.period?.end ?? now);
  return Number.isFinite(from) && Number.isFinite(to) && to >= from ? Math.round((to - from) / DAY) : undefined;
}

function noContactWords(data: PlanData, flag: Flag, lang: Lang, now: string): string {
  const i = lang === 'fr' ? 0 : 1;
  const days = daysWithoutContact(data, flag, now);
  if (days !== undefined) return NO_CONTACT[flag.period?.end ? 'cleared' : 'active'][i].replace('{n}', String(days));
  // The watch's own text says since when, in French then English (« … / … »).
  return flag.code.text?.split(' / ')[i] ?? NO_CONTACT.unknown[i];
}

function isCareBreakFlag(f: Flag): boolean {
  return (f.code.coding ?? []).some((c) => c.system === CARE_BREAK_RULE_SYSTEM);
}

/** The watch's Flags, active first, then the most recent; `now` counts the days of a break still going on. */
export function careBreakFlags(data: PlanData, lang: Lang = 'fr', now: string = new Date().toISOString()): CareBreakFlag[] {
  return data.flags
    .filter(isCareBreakFlag)
    .map((f): CareBreakFlag => {
      const coding = (f.code.coding ?? []).find((c) => c.system === CARE_BREAK_RULE_SYSTEM);
      const code = coding?.code ?? '';
      return {
        key: `f-${f.id}`,
        rule: code === 'sans-contact' ? noContactWords(data, f, lang, now) : codeWord(CARE_BREAK_RULE_SYSTEM, code, lang) ?? f.code.text ?? coding?.display ?? code,
        code,
        // A Flag set inactive or entered-in-error, or whose period has ended, no longer says a break is going on.
        active: f.status === 'active' && !f.period?.end,
        since: f.period?.start ?? '',
        ...(f.period?.end ? { end: f.period.end } : {}),
      };
    })
    .sort((a, b) => Number(b.active) - Number(a.active) || b.since.localeCompare(a.since));
}

export function isCareBreakMessage(c: Communication): boolean {
  return (c.category ?? []).some((cat) => (cat.coding ?? []).some((x) => x.system === COMMUNICATION_CATEGORY_SYSTEM && x.code === CARE_BREAK_CATEGORY));
}

/** The team's messages about a break, newest first. */
export function careBreakMessages(data: PlanData): CareBreakMessage[] {
  return data.communications
    .filter(isCareBreakMessage)
    .map((c) => ({
      key: `c-${c.id}`,
      date: c.sent ?? c.meta?.lastUpdated ?? '',
      sender: refLabel(c.sender, data.refs),
      text: (c.payload ?? []).map((p) => p.contentString ?? '').filter(Boolean).join(' '),
    }))
    .sort((a, b) => b.date.localeCompare(a.date));
}
