// Entry and end-of-care records of the cohort (issue 15): every person has a medical entry record on their first day,
// every ended plan an end-of-care record whose reason the CarePlan carries, and the records are deterministic.
import type { CarePlan, QuestionnaireResponse } from '@medplum/fhirtypes';
import { ExtensionUrl, QuestionnaireUrl } from '@parcours/profiles';
import { describe, expect, it } from 'vitest';
import { generateCohort } from './index.ts';

const cohort = generateCohort({ people: 40 });
const plans = cohort.filter((r): r is CarePlan => r.resourceType === 'CarePlan');
const records = cohort.filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse');
const of = (plan: CarePlan, url: string): QuestionnaireResponse | undefined => records.find((r) => r.subject?.reference === plan.subject?.reference && r.questionnaire === url);

describe('cohort records', () => {
  it('a medical entry record on the first day of care for everyone, social entry records where the team has a social side', () => {
    for (const plan of plans) expect(of(plan, QuestionnaireUrl.MedicalEntry)?.authored?.slice(0, 10), plan.id).toBe(plan.period?.start);
    expect(records.filter((r) => r.questionnaire === QuestionnaireUrl.SocialEntry).length).toBeGreaterThan(5);
  });

  it('an end-of-care record for each ended plan, its reason copied onto the completed plan', () => {
    const ended = plans.filter((p) => p.status === 'completed');
    expect(ended.length).toBeGreaterThan(0);
    for (const plan of ended) {
      const record = of(plan, QuestionnaireUrl.EndOfCare);
      const reason = record?.item?.find((i) => i.linkId === 'motif')?.answer?.[0]?.valueCoding?.code;
      expect(reason, plan.id).toBeTruthy();
      expect(plan.extension?.find((e) => e.url === ExtensionUrl.EndOfCareReason)?.valueCoding?.code, plan.id).toBe(reason);
      expect(record?.item?.find((i) => i.linkId === 'date-fin')?.answer?.[0]?.valueDate).toBe(plan.period?.end);
    }
    for (const plan of plans.filter((p) => p.status === 'active')) expect(of(plan, QuestionnaireUrl.EndOfCare), plan.id).toBeUndefined();
  });

  it('is deterministic', () => {
    const again = generateCohort({ people: 40 }).filter((r) => r.resourceType === 'QuestionnaireResponse');
    expect(JSON.stringify(again)).toBe(JSON.stringify(records));
  });
});
