// Entry, follow-up and end-of-care records (issue 15, MODEL.md « Entry / follow-up / end-of-care records»): which
// Parcours Questionnaire each role fills in, the QuestionnaireResponse that stores the answers, the required answers
// checked in words before anything is sent, and the end of care that closes the plan with its reason. The answers
// extracted to Observations and Conditions are in records-extract.ts; all go in one transaction with a Provenance.
import type { CarePlan, Coding, Practitioner, PractitionerRole, Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer, Reference } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExtensionUrl, QuestionnaireUrl } from '@parcours/profiles/constants';
import type { Lang } from '../i18n/dict.ts';
import type { Role } from '../roles.ts';
import { PSY_LABEL, SECURITY_SYSTEM, SUD_LABEL, profile } from './codes.ts';
import { refLabel } from './labels.ts';
import type { PlanData } from './load-plan.ts';

// The eager part of the records (the plan's list and reader): no Questionnaire, no renderer, no answer lists here;
// records-localize.ts and records-extract.ts go with the lazily loaded form.

/** Every item, depth first (groups included). */
export function allItems(items: QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((i) => [i, ...allItems(i.item)]);
}

/** Answers by linkId, anywhere in the response. */
export function answersByLink(items: QuestionnaireResponseItem[] | undefined, out = new Map<string, QuestionnaireResponseItemAnswer[]>()): Map<string, QuestionnaireResponseItemAnswer[]> {
  for (const i of items ?? []) {
    if (i.answer?.length) out.set(i.linkId, i.answer);
    answersByLink(i.item, out);
    for (const a of i.answer ?? []) answersByLink(a.item, out);
  }
  return out;
}

export type RecordKind = 'medical' | 'social' | 'psychological' | 'followUp' | 'endOfCare';

export interface RecordForm {
  kind: RecordKind;
  url: QuestionnaireUrl;
  /** Who fills it in: the medical record is the GP's, the social one the social side's, etc. */
  roles: readonly Role[];
  title: [fr: string, en: string];
}

export const RECORD_FORMS: readonly RecordForm[] = [
  { kind: 'medical', url: QuestionnaireUrl.MedicalEntry, roles: ['gp', 'nurse', 'hospital'], title: ['Fiche d’entrée médicale', 'Medical entry record'] },
  { kind: 'social', url: QuestionnaireUrl.SocialEntry, roles: ['social-worker', 'referent', 'harm-reduction-worker'], title: ['Fiche d’entrée sociale', 'Social entry record'] },
  { kind: 'psychological', url: QuestionnaireUrl.PsychologicalEntry, roles: ['psychologist'], title: ['Fiche d’entrée psychologique', 'Psychological entry record'] },
  { kind: 'followUp', url: QuestionnaireUrl.FollowUp, roles: ['gp', 'psychologist', 'social-worker', 'harm-reduction-worker', 'referent', 'nurse'], title: ['Fiche de suivi', 'Follow-up record'] },
  { kind: 'endOfCare', url: QuestionnaireUrl.EndOfCare, roles: ['gp', 'social-worker', 'harm-reduction-worker', 'referent'], title: ['Fiche de fin d’accompagnement', 'End-of-care record'] },
];

/**
 * A closed plan (completed: ended, by its end-of-care record or otherwise; revoked: stopped) keeps its records for
 * reading; none is filled in any more. The end-of-care record is the one written while the plan is still open: it
 * closes the plan in the same transaction.
 */
export function isPlanClosed(carePlan: CarePlan | undefined): boolean {
  return carePlan?.status === 'completed' || carePlan?.status === 'revoked';
}

/** The forms this role may fill in: none once the plan is closed; the end-of-care record only while it is active. */
export function formsFor(role: Role, carePlan: CarePlan | undefined): RecordForm[] {
  if (isPlanClosed(carePlan)) return [];
  return RECORD_FORMS.filter((f) => f.roles.includes(role) && (f.kind !== 'endOfCare' || (carePlan !== undefined && carePlan.status === 'active')));
}

export const formByUrl = (url: string | undefined): RecordForm | undefined => RECORD_FORMS.find((f) => url !== undefined && url.split('|')[0] === f.url);

export interface RecordRow {
  id: string;
  date: string;
  form: string;
  author: string;
  response: QuestionnaireResponse;
}

/** The person's records for the plan, newest first. */
export function recordRows(data: PlanData, lang: Lang): RecordRow[] {
  return data.questionnaireResponses
    .map((r) => {
      const form = formByUrl(r.questionnaire);
      return { id: r.id ?? '', date: r.authored ?? '', form: form ? form.title[lang === 'fr' ? 0 : 1] : (r.questionnaire ?? ''), author: refLabel(r.author, data.refs), response: r };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
}

function answered(item: QuestionnaireResponseItem | undefined): boolean {
  return (item?.answer ?? []).some((a) => Object.keys(a).some((k) => k.startsWith('value')));
}

const sameCoding = (a: Coding | undefined, b: Coding | undefined): boolean => !!a && !!b && a.code === b.code && (!a.system || !b.system || a.system === b.system);

/** Whether an item is shown (enableWhen with = and != on codings and booleans, the operators the records use). */
export function isEnabled(item: QuestionnaireItem, answers: Map<string, QuestionnaireResponseItemAnswer[]>): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((c) => {
    const given = answers.get(c.question) ?? [];
    const match = given.some((a) => (c.answerCoding ? sameCoding(a.valueCoding, c.answerCoding) : c.answerBoolean !== undefined ? a.valueBoolean === c.answerBoolean : false));
    if (c.operator === '=') return match;
    if (c.operator === '!=') return given.length > 0 && !match;
    if (c.operator === 'exists') return given.length > 0 === (c.answerBoolean ?? true);
    return false;
  });
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** The texts of the required questions left without an answer (only those shown), in the Questionnaire's words. */
export function missingAnswers(q: Questionnaire, response: QuestionnaireResponse): string[] {
  const answers = answersByLink(response.item);
  const walk = (items: QuestionnaireItem[] | undefined): string[] =>
    (items ?? []).flatMap((i) => {
      if (!isEnabled(i, answers)) return [];
      const here = i.required && i.type !== 'group' && i.type !== 'display' && !answered({ linkId: i.linkId, answer: answers.get(i.linkId) ?? [] }) ? [i.text ?? i.linkId] : [];
      return [...here, ...walk(i.item)];
    });
  return walk(q.item);
}

/** Drops what the renderer adds that the record does not keep: unanswered items, empty groups. */
function prune(items: QuestionnaireResponseItem[] | undefined, texts: Map<string, string>): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((i) => {
    const children = prune(i.item, texts);
    const text = texts.get(i.linkId) ?? i.text;
    const answer = (i.answer ?? []).filter((a) => Object.keys(a).some((k) => k.startsWith('value')));
    if (children.length === 0 && answer.length === 0) return [];
    return [{ linkId: i.linkId, ...(text ? { text } : {}), ...(answer.length ? { answer } : {}), ...(children.length ? { item: children } : {}) }];
  });
}

export interface RecordContext {
  patientId: string;
  author: Reference<PractitionerRole | Practitioner>;
  carePlan: CarePlan | undefined;
  now: string;
}

/**
 * The stored record: profile, labels (SUD; PSY for the psychologist's record), person, author, plan, and each
 * question's text as the author read it (the plan shows a record without loading its Questionnaire).
 */
export function recordResponse(form: RecordForm, q: Questionnaire, filled: QuestionnaireResponse, ctx: RecordContext): QuestionnaireResponse {
  const texts = new Map(allItems(q.item).flatMap((i) => (i.text ? [[i.linkId, i.text] as [string, string]] : [])));
  const security = [{ system: SECURITY_SYSTEM, code: SUD_LABEL }, ...(form.kind === 'psychological' ? [{ system: SECURITY_SYSTEM, code: PSY_LABEL }] : [])];
  return {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [profile('parcours-questionnaireresponse')], security },
    questionnaire: form.url,
    status: 'completed',
    subject: { reference: `Patient/${ctx.patientId}` },
    author: ctx.author,
    authored: ctx.now,
    ...(ctx.carePlan?.id ? { basedOn: [{ reference: `CarePlan/${ctx.carePlan.id}` }] } : {}),
    item: prune(filled.item, texts),
  };
}

/** The plan closed by an end-of-care record: completed, ended on `end`, with its reason (MODEL.md). */
export function closePlan(plan: CarePlan, reason: Coding, end: string): CarePlan {
  const others = (plan.extension ?? []).filter((e) => e.url !== ExtensionUrl.EndOfCareReason);
  const valueCoding: Coding = { system: CodeSystemUrl.EndOfCareReason, code: reason.code ?? 'autre', ...(reason.display ? { display: reason.display } : {}) };
  return { ...plan, status: 'completed', period: { ...plan.period, end }, extension: [...others, { url: ExtensionUrl.EndOfCareReason, valueCoding }] };
}

/** The end-of-care reason and date of a response (undefined when absent). */
export function endOfCare(response: QuestionnaireResponse): { reason: Coding; end: string } | undefined {
  const answers = answersByLink(response.item);
  const reason = answers.get('motif')?.[0]?.valueCoding;
  const end = answers.get('date-fin')?.[0]?.valueDate;
  return reason && end ? { reason, end } : undefined;
}

/** Items shown when reading a record: question text (from the Questionnaire when the response has none) and answers. */
export function readableItems(q: Questionnaire | undefined, response: QuestionnaireResponse): { linkId: string; text: string; depth: number; answers: QuestionnaireResponseItemAnswer[] }[] {
  const texts = new Map(allItems(q?.item).map((i) => [i.linkId, i.text ?? i.linkId]));
  const walk = (items: QuestionnaireResponseItem[] | undefined, depth: number): ReturnType<typeof readableItems> =>
    (items ?? []).flatMap((i) => [{ linkId: i.linkId, text: texts.get(i.linkId) ?? i.text ?? i.linkId, depth, answers: i.answer ?? [] }, ...walk(i.item, depth + 1)]);
  return walk(response.item, 0);
}
