// The Parcours Questionnaires (issue 15): one per QuestionnaireUrl, French text with an English translation on every
// item and answer, unique linkIds, enableWhen pointing at an earlier question, answer lists the app can resolve.
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { CodeSystemUrl, codeSystems, EndOfCareReasonCode, examples, QuestionnaireUrl, ValueSetUrl, valueSets } from './index.ts';

const questionnaires = examples.filter((r): r is Questionnaire => r.resourceType === 'Questionnaire');
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const english = (owner: object | undefined, key: string): string | undefined =>
  ((owner as Record<string, { extension?: { url: string; extension?: { url: string; valueCode?: string; valueString?: string }[] }[] }> | undefined)?.[key]?.extension ?? [])
    .find((e) => e.url === TRANSLATION && e.extension?.some((x) => x.url === 'lang' && x.valueCode === 'en'))
    ?.extension?.find((x) => x.url === 'content')?.valueString;
const flat = (items: QuestionnaireItem[] | undefined): QuestionnaireItem[] => (items ?? []).flatMap((i) => [i, ...flat(i.item)]);

describe('Parcours Questionnaires', () => {
  it('one per QuestionnaireUrl, active, with an English title', () => {
    expect(questionnaires.map((q) => q.url).sort()).toEqual(Object.values(QuestionnaireUrl).sort());
    for (const q of questionnaires) {
      expect(q.status, q.id).toBe('active');
      expect(english(q, '_title'), q.id).toBeTruthy();
    }
  });

  it.each(questionnaires.map((q) => [q.id, q] as const))('%s: French text and English translation on every item and answer, unique linkIds, enableWhen on an earlier item', (_id, q) => {
    const items = flat(q.item);
    expect(new Set(items.map((i) => i.linkId)).size).toBe(items.length);
    const seen = new Set<string>();
    for (const item of items) {
      expect(item.text, item.linkId).toBeTruthy();
      expect(english(item, '_text'), item.linkId).toBeTruthy();
      for (const o of item.answerOption ?? []) expect(english(o.valueCoding, '_display'), `${item.linkId} ${o.valueCoding?.code}`).toBeTruthy();
      for (const w of item.enableWhen ?? []) expect(seen.has(w.question), `${item.linkId} → ${w.question}`).toBe(true);
      if (item.answerValueSet) expect(valueSets.some((v) => v.url === item.answerValueSet), item.answerValueSet).toBe(true);
      seen.add(item.linkId);
    }
  });

  it('answer codes of the record answers exist in their CodeSystem', () => {
    const cs = codeSystems.find((c) => c.url === CodeSystemUrl.RecordAnswer);
    const codes = new Set((cs?.concept ?? []).map((c) => c.code));
    for (const q of questionnaires) {
      for (const c of q.code ?? []) expect(codes.has(c.code ?? ''), c.code).toBe(true);
      for (const o of flat(q.item).flatMap((i) => i.answerOption ?? [])) if (o.valueCoding?.system === CodeSystemUrl.RecordAnswer) expect(codes.has(o.valueCoding.code ?? ''), o.valueCoding.code).toBe(true);
    }
  });

  it('end-of-care reasons: the constants match the CodeSystem, and its ValueSet is expanded', () => {
    const cs = codeSystems.find((c) => c.url === CodeSystemUrl.EndOfCareReason);
    expect((cs?.concept ?? []).map((c) => c.code).sort()).toEqual(Object.values(EndOfCareReasonCode).sort());
    expect(valueSets.find((v) => v.url === ValueSetUrl.EndOfCareReason)?.expansion?.contains?.length).toBe(7);
  });
});
