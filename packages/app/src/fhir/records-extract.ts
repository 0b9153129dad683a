// Key answers of a record extracted to the plan's own resources (SDC observation-based extraction,
// http://hl7.org/fhir/uv/sdc/extraction.html#observation-based-extraction): an item flagged
// `sdc-questionnaire-observationExtract` with a LOINC code becomes the Parcours consumption Observation for that code,
// built by the same builders as the plan's consumption forms (so the chart, the status line and the goals read it).
// The AUDIT-C total is scored from its three items' ordinalValue. Hepatitis C and HIV answered « infection active »
// become Conditions (SNOMED CT code of the item): SDC has no observation-style flag for Conditions, so this mapping is
// the app's, done here rather than by a template engine the renderer does not ship.
import type { Condition, Observation, Practitioner, PractitionerRole, Questionnaire, QuestionnaireResponse, Reference } from '@medplum/fhirtypes';
import { auditC, consumptionObservation } from './builders.ts';
import type { Ref } from './builders.ts';
import { LOINC, LoincCode, SECURITY_SYSTEM, SNOMED, SUD_LABEL, profile } from './codes.ts';
import { allItems, answersByLink, closePlan, endOfCare, recordResponse } from './records.ts';
import type { RecordContext, RecordForm } from './records.ts';
import type { Change } from './writes.ts';

const OBSERVATION_EXTRACT = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const ACTIVE = 'infection-active';

interface ExtractContext {
  patientId: string;
  author: Reference<PractitionerRole | Practitioner>;
  now: string;
}

function tobaccoStatus(patientId: string, coding: { system?: string; code?: string; display?: string }, date: string, performer: Ref): Observation {
  return {
    resourceType: 'Observation',
    meta: { profile: [profile('parcours-observation-tobacco-use')], security: [{ system: SECURITY_SYSTEM, code: SUD_LABEL }] },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history', display: 'Social History' }] }],
    code: { coding: [{ system: LOINC, code: LoincCode.tobaccoUse, display: 'Tobacco smoking status' }], text: 'Tabac' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    performer: [performer],
    valueCodeableConcept: { coding: [{ system: coding.system ?? SNOMED, code: coding.code ?? '', ...(coding.display ? { display: coding.display } : {}) }] },
  };
}

function condition(patientId: string, code: { system?: string; code?: string; display?: string }, text: string, date: string, recorder: Reference<PractitionerRole | Practitioner>): Condition {
  return {
    resourceType: 'Condition',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
    code: { coding: [{ system: code.system ?? SNOMED, code: code.code ?? '', ...(code.display ? { display: code.display } : {}) }], text },
    subject: { reference: `Patient/${patientId}` },
    recordedDate: date,
    recorder,
  };
}

/** The Observations and Conditions a record's answers give (none for a record without extractable answers). */
export function extractRecord(q: Questionnaire, response: QuestionnaireResponse, ctx: ExtractContext): (Observation | Condition)[] {
  const answers = answersByLink(response.item);
  const items = allItems(q.item);
  const performer: Ref = { reference: ctx.author.reference ?? '' };
  const out: (Observation | Condition)[] = [];

  // AUDIT-C: the three items scored from their answer's ordinalValue; only when all three are answered.
  const scores = ['auditc-1', 'auditc-2', 'auditc-3'].map((linkId) => {
    const coding = answers.get(linkId)?.[0]?.valueCoding;
    const option = items.find((i) => i.linkId === linkId)?.answerOption?.find((o) => o.valueCoding?.code === coding?.code);
    return option?.valueCoding?.extension?.find((e) => e.url === ORDINAL)?.valueDecimal;
  });
  if (scores.every((s) => typeof s === 'number')) out.push(auditC(ctx.patientId, scores as [number, number, number], ctx.now, performer));

  for (const item of items) {
    if (!item.extension?.some((e) => e.url === OBSERVATION_EXTRACT && e.valueBoolean)) continue;
    const code = item.code?.find((c) => c.system === LOINC)?.code;
    const answer = answers.get(item.linkId)?.[0];
    if (!answer) continue;
    if (code === LoincCode.drinksPerDay && typeof answer.valueDecimal === 'number') out.push(consumptionObservation(ctx.patientId, 'drinksPerDay', answer.valueDecimal, ctx.now, performer));
    if (code === LoincCode.tobaccoUse && answer.valueCoding) out.push(tobaccoStatus(ctx.patientId, answer.valueCoding, ctx.now, performer));
  }

  for (const linkId of ['vhc', 'vih']) {
    if (answers.get(linkId)?.[0]?.valueCoding?.code !== ACTIVE) continue;
    const item = items.find((i) => i.linkId === linkId);
    const code = item?.code?.find((c) => c.system === SNOMED);
    if (code) out.push(condition(ctx.patientId, code, item?.text ?? linkId, ctx.now, ctx.author));
  }
  return out;
}

/** Everything one record writes: the response, what it extracts, and the closed plan for an end of care. */
export function recordChanges(form: RecordForm, q: Questionnaire, filled: QuestionnaireResponse, ctx: RecordContext): Change[] {
  const response = recordResponse(form, q, filled, ctx);
  const changes: Change[] = [{ resource: response }, ...extractRecord(q, response, ctx).map((resource) => ({ resource }))];
  const ended = form.kind === 'endOfCare' ? endOfCare(response) : undefined;
  if (ended && ctx.carePlan) changes.push({ resource: closePlan(ctx.carePlan, ended.reason, ended.end) });
  return changes;
}
