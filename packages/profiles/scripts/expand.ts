/** Expands the Parcours ValueSets offline: whole local CodeSystems and enumerated concepts (no filters are used). */
import type { CodeSystem, CodeSystemConcept, ValueSet, ValueSetExpansionContains } from '@medplum/fhirtypes';

/** Fixed so the generated files are deterministic. */
const EXPANSION_TIMESTAMP = '2025-01-01T00:00:00Z';

function flatten(concepts: CodeSystemConcept[] | undefined): CodeSystemConcept[] {
  return (concepts ?? []).flatMap((c) => [c, ...flatten(c.concept)]);
}

/** Returns a copy of the ValueSet with an expansion; throws when it uses a rule this expander does not support. */
export function expandValueSet(valueSet: ValueSet, codeSystems: CodeSystem[]): ValueSet {
  const contains: ValueSetExpansionContains[] = [];
  for (const include of valueSet.compose?.include ?? []) {
    if (include.filter?.length || include.valueSet?.length) throw new Error(`${valueSet.url}: filters and valueSet imports are not supported`);
    if (include.concept?.length) {
      for (const c of include.concept) {
        contains.push({ system: include.system, code: c.code, display: c.display, ...(c.designation ? { designation: c.designation } : {}) });
      }
      continue;
    }
    const codeSystem = codeSystems.find((cs) => cs.url === include.system);
    if (!codeSystem) throw new Error(`${valueSet.url}: CodeSystem ${include.system} is not a Parcours CodeSystem`);
    for (const c of flatten(codeSystem.concept)) {
      contains.push({ system: include.system, code: c.code, display: c.display, ...(c.designation ? { designation: c.designation } : {}) });
    }
  }
  return {
    ...valueSet,
    expansion: { identifier: `${valueSet.url}/expansion/${valueSet.version ?? '0'}`, timestamp: EXPANSION_TIMESTAMP, total: contains.length, contains },
  };
}
