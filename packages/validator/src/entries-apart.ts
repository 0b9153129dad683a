/**
 * A Bundle's entries are validated one by one against their own profiles (bundle.ts). Medplum, validating the
 * Bundle, would also crawl every entry resource against its base type: the same checks a second time, which
 * doubled the cost of a Bundle. This module derives, from a Bundle schema (base or profile), a variant whose
 * `entry.resource` values are opaque to Medplum's crawler: the Bundle's own elements, slices and invariants
 * (which read entry resources through FHIRPath, unaffected) are still checked, the entries' content is not.
 */
import type { InternalTypeSchema } from '@medplum/core';
import { getAllDataTypes } from '@medplum/core';
import type { Registry } from './definitions.ts';

/**
 * Elements of an opaque resource: no own key, so the crawler visits nothing, and every key is "in" it, so no
 * "Invalid additional property" is reported for what the entry's own validation checks.
 */
const ANY_ELEMENT = Object.create(new Proxy({}, { has: () => true })) as InternalTypeSchema['elements'];

function opaque(type: string): InternalTypeSchema {
  return { name: type, type, path: type, elements: ANY_ELEMENT, constraints: [], innerTypes: [] };
}

const opaqueResources = new WeakMap<readonly string[], InternalTypeSchema[]>();
const variants = new WeakMap<InternalTypeSchema, string>();

/**
 * The registered type name of the variant of `bundle` (a Bundle schema) that leaves entry resources to their
 * own validation. Medplum's crawler looks a nested value's type up in the enclosing schema's innerTypes before
 * the global registry: BundleEntry's innerTypes get an opaque schema per resource type.
 */
export function entriesApartType(defs: Registry, bundle: InternalTypeSchema): string {
  let key = variants.get(bundle);
  if (key) return key;
  // Not the abstract types: Medplum types an entry resource without resourceType as `Resource`, and that entry
  // is not validated on its own.
  const names = defs.resourceTypeNames();
  let opaques = opaqueResources.get(names);
  if (!opaques) {
    opaques = names.filter((t) => t !== 'Resource' && t !== 'DomainResource').map(opaque);
    opaqueResources.set(names, opaques);
  }
  const innerTypes = bundle.innerTypes.map((t) => (t.name === 'BundleEntry' ? { ...t, innerTypes: [...opaques, ...t.innerTypes] } : t));
  key = `parcours-entries-apart:${bundle.url ?? bundle.name}`;
  getAllDataTypes()[key] = { ...bundle, innerTypes };
  variants.set(bundle, key);
  return key;
}
