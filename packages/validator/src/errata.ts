/**
 * Published R4 4.0.1 invariants that are wrong as written and that the HL7 validator evaluates corrected, so
 * that both give the same verdict.
 * See https://hl7.org/fhir/R4/questionnaire.html#invs (que-12)
 */
import type { StructureDefinition } from '@medplum/fhirtypes';

/** Corrected expressions by invariant key. */
const CORRECTED: Record<string, string> = {
  // "If there are more than one enableWhen, enableBehavior must be specified": 4.0.1 writes `count() > 2`, so two
  // enableWhen without enableBehavior passed; the HL7 validator reports them (its q-enablewhen-me-wrong test case).
  'que-12': 'enableWhen.count() > 1 implies enableBehavior.exists()',
};

/** The definition with its known-wrong invariants corrected (in place: the definition is parsed for this use only). */
export function withErrata(sd: StructureDefinition): StructureDefinition {
  for (const element of sd.snapshot?.element ?? []) {
    for (const constraint of element.constraint ?? []) {
      const fixed = constraint.key ? CORRECTED[constraint.key] : undefined;
      if (fixed) constraint.expression = fixed;
    }
  }
  return sd;
}
