/**
 * Which StructureDefinitions the validator knows, loaded lazily into Medplum's schema registry: the R4 data types
 * on first use, each R4 resource type when a resource of that type is first met, the Parcours profiles and
 * extensions from `@parcours/profiles` on first use.
 */
import type { InternalTypeSchema } from '@medplum/core';
import { loadDataType, tryGetProfile } from '@medplum/core';
import type { CodeSystem, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import * as profiles from '@parcours/profiles';
import { r4Structure, r4StructureKeys } from './store.ts';

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';

let typesLoaded = false;
const loadedResources = new Set<string>();
let resourceTypes: Set<string> | undefined;

interface ParcoursData {
  byUrl: Map<string, StructureDefinition>;
  byAlias: Map<string, string>;
  valueSets: ValueSet[];
  codeSystems: CodeSystem[];
}
let parcours: ParcoursData | undefined;
const extra: { structureDefinitions: StructureDefinition[]; valueSets: ValueSet[]; codeSystems: CodeSystem[] } = {
  structureDefinitions: [],
  valueSets: [],
  codeSystems: [],
};
const listeners: (() => void)[] = [];

/** Called when definitions are registered, so that caches derived from them are dropped. */
export function onRegister(listener: () => void): void {
  listeners.push(listener);
}

/**
 * Adds StructureDefinitions (with snapshots), ValueSets and CodeSystems to those the validator knows, e.g. an
 * integrator's own profiles on top of Parcours. A URL already known is replaced.
 */
export function register(defs: { structureDefinitions?: StructureDefinition[]; valueSets?: ValueSet[]; codeSystems?: CodeSystem[] }): void {
  extra.structureDefinitions.push(...(defs.structureDefinitions ?? []));
  extra.valueSets.unshift(...(defs.valueSets ?? []));
  extra.codeSystems.unshift(...(defs.codeSystems ?? []));
  parcours = undefined;
  structures.clear();
  for (const l of listeners) l();
}

/** The Parcours artefacts, read defensively: the profiles package may not export every array yet. */
export function parcoursData(): ParcoursData {
  if (parcours) return parcours;
  const mod = profiles as Record<string, unknown>;
  const sds = [...(Array.isArray(mod.structureDefinitions) ? (mod.structureDefinitions as StructureDefinition[]) : []), ...extra.structureDefinitions];
  const byUrl = new Map<string, StructureDefinition>();
  const byAlias = new Map<string, string>();
  for (const sd of sds) {
    if (!sd?.url) continue;
    byUrl.set(sd.url, sd);
    for (const alias of [sd.name, sd.id, sd.title]) if (alias) byAlias.set(alias.toLowerCase(), sd.url);
  }
  parcours = {
    byUrl,
    byAlias,
    valueSets: [...extra.valueSets, ...(Array.isArray(mod.valueSets) ? (mod.valueSets as ValueSet[]) : [])],
    codeSystems: [...extra.codeSystems, ...(Array.isArray(mod.codeSystems) ? (mod.codeSystems as CodeSystem[]) : [])],
  };
  return parcours;
}

function ensureTypes(): void {
  if (typesLoaded) return;
  typesLoaded = true;
  for (const kind of ['primitive-type', 'complex-type']) {
    for (const key of r4StructureKeys(kind)) {
      const sd = r4Structure<StructureDefinition>(key);
      if (sd) loadDataType(sd);
    }
  }
}

/** True when `type` names an R4 resource type. */
export function isKnownResourceType(type: string): boolean {
  resourceTypes ??= new Set(r4StructureKeys('resource').filter((k) => !k.includes('/')));
  return resourceTypes.has(type);
}

/** Names of the R4 resource types. */
export function resourceTypeNames(): string[] {
  isKnownResourceType('Patient');
  return [...(resourceTypes ?? [])];
}

/** Loads the R4 definition of a resource type (and the data types); false when the type is unknown. */
export function ensureResourceType(type: string): boolean {
  ensureTypes();
  if (loadedResources.has(type)) return true;
  if (!isKnownResourceType(type)) return false;
  const sd = r4Structure<StructureDefinition>(type);
  if (!sd) return false;
  loadDataType(sd);
  loadedResources.add(type);
  return true;
}

/** Loads every resource type named anywhere inside `value` (contained resources, bundle entries, parameters). */
export function ensureNestedResourceTypes(value: unknown, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) ensureNestedResourceTypes(item, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const child = obj[key];
    if (typeof child === 'object') ensureNestedResourceTypes(child, depth + 1);
    else if (key === 'resourceType' && typeof child === 'string' && !loadedResources.has(child)) ensureResourceType(child);
  }
}

/** Finds a StructureDefinition (Parcours, or R4 core profile/extension) by canonical URL, with or without `|version`. */
export function findStructure(url: string): StructureDefinition | undefined {
  let found = structures.get(url);
  if (found === undefined) {
    found = lookUpStructure(withoutVersion(url)) ?? null;
    structures.set(url, found);
  }
  return found ?? undefined;
}

/** `url` without its `|version` suffix. */
export function withoutVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

const structures = new Map<string, StructureDefinition | null>();

function lookUpStructure(bare: string): StructureDefinition | undefined {
  const p = parcoursData().byUrl.get(bare);
  if (p) return p;
  if (bare.startsWith(CORE_SD)) {
    const name = bare.slice(CORE_SD.length);
    return r4Structure<StructureDefinition>(bare) ?? (isKnownResourceType(name) ? r4Structure<StructureDefinition>(name) : undefined);
  }
  return undefined;
}

/**
 * Resolves what a user typed for `--profile`: a canonical URL, a Parcours name (`ParcoursCarePlan`), id
 * (`parcours-careplan`) or an R4 resource type (`Patient`). Returns the canonical URL or undefined.
 */
export function resolveProfileName(nameOrUrl: string): string | undefined {
  const trimmed = nameOrUrl.trim();
  if (findStructure(trimmed)) return trimmed.split('|')[0];
  const alias = parcoursData().byAlias.get(trimmed.toLowerCase());
  if (alias) return alias;
  if (isKnownResourceType(trimmed)) return CORE_SD + trimmed;
  return undefined;
}

/** Medplum's parsed schema of a profile or extension, loading its StructureDefinition on first use. */
export function profileSchema(url: string): InternalTypeSchema | undefined {
  const bare = withoutVersion(url);
  const cached = tryGetProfile(bare);
  if (cached) return cached;
  const sd = findStructure(bare);
  if (!sd?.snapshot?.element?.length) return undefined;
  ensureTypes();
  if (sd.kind === 'resource' && sd.type) ensureResourceType(sd.type);
  try {
    loadDataType(sd);
  } catch {
    return undefined;
  }
  return tryGetProfile(bare);
}

/** True for the canonical URL of an R4 base resource or type definition (not a constraint profile). */
export function isBaseDefinitionUrl(url: string): boolean {
  if (!url.startsWith(CORE_SD)) return false;
  const name = url.slice(CORE_SD.length);
  return isKnownResourceType(name) || r4Structure(name) !== undefined;
}

export { CORE_SD };
