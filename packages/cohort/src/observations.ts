// The consumption observations of the cohort: drinks per day, AUDIT-C, tobacco status, other substances (the
// builders the person's records and the heavy person share).
import type { Observation } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExternalSystem, LoincCode, ProfileUrl } from '@parcours/profiles';
import { DRINKS_CODE, TOBACCO, code, drinksQuantity, meta } from './fhir.ts';
import type { Person } from './person.ts';
import type { Rng } from './prng.ts';
import { auditC, level, useFrequency } from './trends.ts';


export type ObsBase = Pick<Observation, 'status' | 'category' | 'subject' | 'effectiveDateTime' | 'performer' | 'encounter'> & { status: 'final' };

export function drinks(id: string, base: ObsBase, value: number): Observation {
  return { resourceType: 'Observation', id, meta: meta(ProfileUrl.ObservationAlcoholUse, ['SUD']), ...base, code: DRINKS_CODE, valueQuantity: drinksQuantity(value) };
}

export function audit(id: string, base: ObsBase, drinksLevel: number): Observation {
  const items = auditC(drinksLevel);
  const [frequency, typical, six] = items;
  return {
    resourceType: 'Observation', id, meta: meta(ProfileUrl.ObservationAuditC, ['SUD']), ...base,
    code: code(ExternalSystem.LOINC, LoincCode.AuditCTotal, 'Total score [AUDIT-C]'),
    valueInteger: frequency + typical + six,
    component: [
      { code: code(ExternalSystem.LOINC, LoincCode.AuditCFrequency), valueInteger: frequency },
      { code: code(ExternalSystem.LOINC, LoincCode.AuditCTypicalDay), valueInteger: typical },
      { code: code(ExternalSystem.LOINC, LoincCode.AuditCSixOrMore), valueInteger: six },
    ],
  };
}

export function tobacco(id: string, base: ObsBase, status: keyof typeof TOBACCO): Observation {
  const [value, display] = TOBACCO[status];
  return { resourceType: 'Observation', id, meta: meta(ProfileUrl.ObservationTobaccoUse, ['SUD']), ...base, code: code(ExternalSystem.LOINC, LoincCode.TobaccoSmokingStatus, 'Tobacco smoking status'), valueCodeableConcept: code(ExternalSystem.SNOMED, value, display) };
}

export function substance(id: string, base: ObsBase, s: Person['substances'][number], intensity: number): Observation {
  const frequency = useFrequency(intensity);
  return {
    resourceType: 'Observation', id, meta: meta(ProfileUrl.ObservationSubstanceUse, ['SUD']), ...base,
    code: code(ExternalSystem.LOINC, '11343-1', 'History of Other nonmedical drug use'),
    valueCodeableConcept: code(CodeSystemUrl.Substance, s.code),
    component: [
      { code: code(CodeSystemUrl.ObservationCode, 'frequence'), valueCodeableConcept: code(CodeSystemUrl.UseFrequency, frequency) },
      ...(frequency === 'pas-d-usage-recent' ? [] : [
        { code: code(CodeSystemUrl.ObservationCode, 'voie'), valueCodeableConcept: code(CodeSystemUrl.UseRoute, s.route) },
        { code: code(CodeSystemUrl.ObservationCode, 'contexte'), valueCodeableConcept: code(CodeSystemUrl.UseContext, s.context) },
      ]),
    ],
  };
}

/** Other substances follow the same events as alcohol, on a 0-1 intensity. */
export function substanceIntensity(person: Person, initial: number, day: number, rng: Rng): number {
  const shape = level({ ...person.trend, baseline: 1, goal: 0.3 }, day);
  return Math.max(0, Math.min(1, initial * shape + 0.08 * rng.normal()));
}
