/**
 * What the validator needs of a StructureDefinition: its snapshot's element paths, cardinalities, types,
 * slicing, fixed and pattern values, bindings and constraints; no narrative, no mappings, no descriptions.
 * Shared by the R4 tables (generate-r4.ts) and the browser set (generate-browser.ts).
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';

const ELEMENT_KEYS = new Set(['id', 'path', 'sliceName', 'min', 'max', 'base', 'type', 'contentReference', 'slicing']);
const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

export function slimElement(e: ElementDefinition): ElementDefinition {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (ELEMENT_KEYS.has(k) || k.startsWith('fixed') || k.startsWith('pattern')) {
      out[k] = v;
    } else if (k === 'binding' && e.binding) {
      out.binding = { strength: e.binding.strength, valueSet: e.binding.valueSet };
    } else if (k === 'constraint' && e.constraint) {
      out.constraint = e.constraint.map((c) => ({ key: c.key, severity: c.severity, human: c.human, expression: c.expression }));
    }
  }
  if (out.type) {
    // Keep the fhir-type extension Medplum reads for primitive value elements; drop every other extension.
    out.type = (e.type ?? []).map((t) => {
      const ext = t.extension?.filter((x) => x.url === FHIR_TYPE_EXTENSION);
      return { ...t, extension: ext?.length ? ext : undefined };
    });
  }
  return out as unknown as ElementDefinition;
}

/** The slim form of a StructureDefinition; `names` keeps id, title and version (profiles are looked up by them). */
export function slimStructure(sd: StructureDefinition, names = false): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    ...(names ? { id: sd.id, version: sd.version, title: sd.title } : {}),
    url: sd.url,
    name: sd.name,
    type: sd.type,
    kind: sd.kind,
    abstract: sd.abstract,
    derivation: sd.derivation,
    baseDefinition: sd.baseDefinition,
    status: sd.status,
    snapshot: { element: (sd.snapshot?.element ?? []).map(slimElement) },
  } as StructureDefinition;
}
