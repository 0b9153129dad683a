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

function isCareBreakFlag(f: Flag): boolean {
  return (f.code.coding ?? []).some((c) => c.system === CARE_BREAK_RULE_SYSTEM);
}

/** The watch's Flags, active first, then the most recent. */
export function careBreakFlags(data: PlanData, lang: Lang = 'fr'): CareBreakFlag[] {
  return data.flags
    .filter(isCareBreakFlag)
    .map((f): CareBreakFlag => {
      const coding = (f.code.coding ?? []).find((c) => c.system === CARE_BREAK_RULE_SYSTEM);
      const code = coding?.code ?? '';
      return {
        key: `f-${f.id}`,
        rule: codeWord(CARE_BREAK_RULE_SYSTEM, code, lang) ?? f.code.text ?? coding?.display ?? code,
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
