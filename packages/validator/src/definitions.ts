/**
 * The StructureDefinitions one validator knows, from the DefinitionSource it was given, loaded lazily into
 * Medplum's schema registry: the R4 data types on first use, each R4 resource type when a resource of that
 * type is first met, the profiles and extensions on top of R4 when first named.
 * Medplum's registry is process-wide: validators fed different R4 sets share it, which is harmless as every
 * set holds the same R4 4.0.1 definitions (a compact set only holds fewer of them).
 */
import type { InternalTypeSchema } from '@medplum/core';
import { loadDataType, tryGetProfile } from '@medplum/core';
import type { CodeSystem, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import type { DefinitionSource } from './table.ts';
import { DefinitionTable } from './table.ts';
import type { Terminology } from './terminology.ts';
import { createTerminology } from './terminology.ts';

export const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';

/** The profiles, ValueSets and CodeSystems on top of R4 (the source's and those registered later). */
export interface ProfileData {
  byUrl: Map<string, StructureDefinition>;
  byAlias: Map<string, string>;
  valueSets: Map<string, ValueSet>;
  codeSystems: Map<string, CodeSystem>;
}

export interface ExtraDefinitions {
  structureDefinitions?: StructureDefinition[];
  valueSets?: ValueSet[];
  codeSystems?: CodeSystem[];
}

export interface Registry {
  /** R4 core ValueSets and CodeSystems by URL. */
  r4Terminology<T>(url: string): T | undefined;
  profiles(): ProfileData;
  register(defs: ExtraDefinitions): void;
  /** True when `type` names an R4 resource type (its definition may still be missing from a compact set). */
  isKnownResourceType(type: string): boolean;
  resourceTypeNames(): readonly string[];
  /** Loads the R4 definition of a resource type (and the data types); false when the source does not hold it. */
  ensureResourceType(type: string): boolean;
  /** Loads every resource type named anywhere inside `value` (contained resources, bundle entries, parameters). */
  ensureNestedResourceTypes(value: unknown, depth?: number): void;
  /** A StructureDefinition (profile, or R4 core profile/extension/type) by canonical URL, with or without `|version`. */
  findStructure(url: string): StructureDefinition | undefined;
  /** A canonical URL for what a user typed: URL, profile name, id or title, or an R4 resource type. */
  resolveProfileName(nameOrUrl: string): string | undefined;
  /** Medplum's parsed schema of a profile or extension, loading its StructureDefinition on first use. */
  profileSchema(url: string): InternalTypeSchema | undefined;
  /** True for the canonical URL of an R4 base resource or type definition (not a constraint profile). */
  isBaseDefinitionUrl(url: string): boolean;
  terminology: Terminology;
}

/** `url` without its `|version` suffix. */
export function withoutVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

function indexProfiles(source: DefinitionSource, extra: Required<ExtraDefinitions>): ProfileData {
  const byUrl = new Map<string, StructureDefinition>();
  const byAlias = new Map<string, string>();
  for (const sd of [...(source.structureDefinitions ?? []), ...extra.structureDefinitions]) {
    if (!sd?.url) continue;
    byUrl.set(sd.url, sd);
    for (const alias of [sd.name, sd.id, sd.title]) if (alias) byAlias.set(alias.toLowerCase(), sd.url);
  }
  // Registered ones win over the source's: later entries replace earlier ones under the same URL.
  const byCanonical = <T extends { url?: string }>(...lists: readonly (readonly T[])[]): Map<string, T> => {
    const map = new Map<string, T>();
    for (const list of lists) for (const item of list) if (item.url) map.set(item.url, item);
    return map;
  };
  return {
    byUrl,
    byAlias,
    valueSets: byCanonical(source.valueSets ?? [], extra.valueSets),
    codeSystems: byCanonical(source.codeSystems ?? [], extra.codeSystems),
  };
}

export function createRegistry(source: DefinitionSource): Registry {
  const structuresTable = new DefinitionTable(source.structures);
  const terminologyTable = new DefinitionTable(source.terminology);
  const resourceTypeList: readonly string[] = Object.freeze([...(source.resourceTypes ?? structuresTable.keys('resource').filter((k) => !k.includes('/')))]);
  const resourceTypes = new Set(resourceTypeList);
  const extra: Required<ExtraDefinitions> = { structureDefinitions: [], valueSets: [], codeSystems: [] };
  const loadedResources = new Set<string>();
  const structures = new Map<string, StructureDefinition | null>();
  let typesLoaded = false;
  let profileData: ProfileData | undefined;

  const ensureTypes = (): void => {
    if (typesLoaded) return;
    typesLoaded = true;
    for (const kind of ['primitive-type', 'complex-type']) {
      for (const key of structuresTable.keys(kind)) {
        const sd = structuresTable.get<StructureDefinition>(key);
        if (sd) loadDataType(sd);
      }
    }
  };

  const lookUpStructure = (bare: string): StructureDefinition | undefined => {
    const p = registry.profiles().byUrl.get(bare);
    if (p) return p;
    if (!bare.startsWith(CORE_SD)) return undefined;
    const name = bare.slice(CORE_SD.length);
    return structuresTable.get<StructureDefinition>(bare) ?? (resourceTypes.has(name) ? structuresTable.get<StructureDefinition>(name) : undefined);
  };

  const registry: Registry = {
    r4Terminology: (url) => terminologyTable.get(url),
    profiles: () => (profileData ??= indexProfiles(source, extra)),
    register(defs) {
      extra.structureDefinitions.push(...(defs.structureDefinitions ?? []));
      extra.valueSets.push(...(defs.valueSets ?? []));
      extra.codeSystems.push(...(defs.codeSystems ?? []));
      profileData = undefined;
      structures.clear();
      registry.terminology.clear();
    },
    isKnownResourceType: (type) => resourceTypes.has(type),
    resourceTypeNames: () => resourceTypeList,
    ensureResourceType(type) {
      ensureTypes();
      if (loadedResources.has(type)) return true;
      if (!resourceTypes.has(type)) return false;
      const sd = structuresTable.get<StructureDefinition>(type);
      if (!sd) return false;
      loadDataType(sd);
      loadedResources.add(type);
      return true;
    },
    ensureNestedResourceTypes(value, depth = 0) {
      if (depth > 64 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const item of value) registry.ensureNestedResourceTypes(item, depth + 1);
        return;
      }
      const obj = value as Record<string, unknown>;
      for (const key in obj) {
        const child = obj[key];
        if (typeof child === 'object') registry.ensureNestedResourceTypes(child, depth + 1);
        else if (key === 'resourceType' && typeof child === 'string' && !loadedResources.has(child)) registry.ensureResourceType(child);
      }
    },
    findStructure(url) {
      let found = structures.get(url);
      if (found === undefined) {
        found = lookUpStructure(withoutVersion(url)) ?? null;
        structures.set(url, found);
      }
      return found ?? undefined;
    },
    resolveProfileName(nameOrUrl) {
      const trimmed = nameOrUrl.trim();
      if (registry.findStructure(trimmed)) return withoutVersion(trimmed);
      const alias = registry.profiles().byAlias.get(trimmed.toLowerCase());
      if (alias) return alias;
      if (resourceTypes.has(trimmed)) return CORE_SD + trimmed;
      return undefined;
    },
    profileSchema(url) {
      const bare = withoutVersion(url);
      const cached = tryGetProfile(bare);
      if (cached) return cached;
      const sd = registry.findStructure(bare);
      if (!sd?.snapshot?.element?.length) return undefined;
      ensureTypes();
      if (sd.kind === 'resource' && sd.type) registry.ensureResourceType(sd.type);
      try {
        loadDataType(sd);
      } catch {
        return undefined; // reported by the caller as a profile the validator could not load
      }
      return tryGetProfile(bare);
    },
    isBaseDefinitionUrl(url) {
      if (!url.startsWith(CORE_SD)) return false;
      const name = url.slice(CORE_SD.length);
      return resourceTypes.has(name) || structuresTable.get(name) !== undefined;
    },
    terminology: undefined as unknown as Terminology,
  };
  registry.terminology = createTerminology(registry);
  return registry;
}
