/**
 * What the validator needs of a StructureDefinition: its snapshot's element paths, cardinalities, types,
 * slicing, fixed and pattern values, bindings and constraints; no narrative, no mappings, no descriptions.
 * Shared by the R4 tables (generate-r4.ts) and the browser set (generate-browser.ts).
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';

/**
 * Constraints @medplum/core 5 never evaluates (its validator skips them by key): ele-1 alone, on every element,
 * was a third of the Parcours snapshots' size. Dropped here; the FHIRPath ones Medplum does run are kept.
 */
const SKIPPED_BY_MEDPLUM = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);
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
      const kept = e.constraint.filter((c) => !SKIPPED_BY_MEDPLUM.has(c.key));
      if (kept.length) out.constraint = kept.map((c) => ({ key: c.key, severity: c.severity, human: c.human, expression: c.expression }));
    }
  }
  // What @medplum/core 5 reads of these: `id` only to tell slices (a ':' in it) and `base` only for content
  // references and the base's max; when they repeat the element's own path and max they add nothing.
  if (e.id === e.path) delete out.id;
  if (e.base && !e.contentReference && e.base.max === e.max && e.base.path === e.path) delete out.base;
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
