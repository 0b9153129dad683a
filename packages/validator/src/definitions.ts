/**
 * The StructureDefinitions one validator knows, from the DefinitionSource it was given, loaded lazily into
 * Medplum's schema registry: the R4 data types on first use, each R4 resource type when a resource of that
 * type is first met, the profiles and extensions on top of R4 when first named.
 * Medplum's registry is process-wide: validators fed different R4 sets share it, which is harmless as every
 * set holds the same R4 4.0.1 definitions (a compact set only holds fewer of them).
 */
import type { InternalTypeSchema } from '@medplum/core';
import { loadDataType, tryGetProfile } from '@medplum/core';
import { nativeInvariants, nativeInvariantsForAll } from './native-invariants.ts';
import { recordBounds } from './bounds.ts';
import type { CodeSystem, ImplementationGuide, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { withErrata } from './errata.ts';
import type { LoadedProfile } from './profile-load.ts';
import { prepareProfile } from './profile-load.ts';
import type { DefinitionSource } from './table.ts';
import { DefinitionTable } from './table.ts';
import type { Terminology } from './terminology.ts';
import { createTerminology } from './terminology.ts';

export const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * Data types no extension value and no common element uses (ElementDefinition alone costs a fifth of loading
 * all the types): loaded when a definition that names them is, e.g. StructureDefinition for ElementDefinition.
 */
const DEFERRED_TYPES: Record<string, string[]> = {
  ElementDefinition: ['ElementDefinition', `${CORE_SD}elementdefinition-de`],
  MarketingStatus: ['MarketingStatus'],
  Population: ['Population'],
  ProdCharacteristic: ['ProdCharacteristic'],
  ProductShelfLife: ['ProductShelfLife'],
  SubstanceAmount: ['SubstanceAmount'],
};
const DEFERRED_KEYS = new Set(Object.values(DEFERRED_TYPES).flat());

/** The profiles, ValueSets and CodeSystems on top of R4 (the source's and those registered later). */
export interface ProfileData {
  byUrl: Map<string, StructureDefinition>;
  byAlias: Map<string, string>;
  valueSets: Map<string, ValueSet>;
  codeSystems: Map<string, CodeSystem>;
  /** Profiles an ImplementationGuide applies to every resource of a type (`ImplementationGuide.global`). */
  globals: Map<string, string[]>;
}

export interface ExtraDefinitions {
  structureDefinitions?: StructureDefinition[];
  valueSets?: ValueSet[];
  codeSystems?: CodeSystem[];
  /** Guides whose `global` profiles apply to every resource of their type. */
  implementationGuides?: ImplementationGuide[];
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
  /** Why a known profile or extension could not be loaded (a clause), and whether the profile itself is in error. */
  loadFailure(url: string): { reason: string; inError: boolean } | undefined;
  /** What of a loaded profile is not checked (slicings set aside), as sentences. */
  profileNotes(url: string): string[];
  /** True for the canonical URL of an R4 base resource or type definition (not a constraint profile). */
  isBaseDefinitionUrl(url: string): boolean;
  terminology: Terminology;
}

/** `url` without its `|version` suffix. */
export function withoutVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

function globalProfiles(guides: readonly ImplementationGuide[]): Map<string, string[]> {
  const globals = new Map<string, string[]>();
  for (const ig of guides) {
    for (const g of ig.global ?? []) {
      if (!g.type || !g.profile) continue;
      const list = globals.get(g.type) ?? [];
      if (!list.includes(g.profile)) list.push(g.profile);
      globals.set(g.type, list);
    }
  }
  return globals;
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
    globals: globalProfiles([...(source.implementationGuides ?? []), ...extra.implementationGuides]),
  };
}

/** The definitions of one validator, over its DefinitionSource plus what was registered later. */
class DefinitionRegistry implements Registry {
  readonly terminology: Terminology;
  private readonly source: DefinitionSource;
  private readonly structuresTable: DefinitionTable;
  private terminologyTable: DefinitionTable | undefined;
  private readonly resourceTypeList: readonly string[];
  private readonly resourceTypes: Set<string>;
  private readonly extra: Required<ExtraDefinitions> = { structureDefinitions: [], valueSets: [], codeSystems: [], implementationGuides: [] };
  private readonly loadedResources = new Set<string>();
  private readonly structures = new Map<string, StructureDefinition | null>();
  private typesLoaded = false;
  private readonly deferredLoaded = new Set<string>();
  private profileData: ProfileData | undefined;
  private readonly prepared = new Map<string, LoadedProfile>();

  constructor(source: DefinitionSource) {
    this.source = source;
    this.structuresTable = new DefinitionTable(source.structures);
    this.resourceTypeList = Object.freeze([...(source.resourceTypes ?? this.structuresTable.keys('resource').filter((k) => !k.includes('/')))]);
    this.resourceTypes = new Set(this.resourceTypeList);
    this.terminology = createTerminology(this);
  }

  r4Terminology<T>(url: string): T | undefined {
    // Built on first use: a resource without bindings to R4 value sets never reads the 1.8 MB table.
    this.terminologyTable ??= new DefinitionTable(this.source.terminology);
    return this.terminologyTable.get<T>(url);
  }

  profiles(): ProfileData {
    this.profileData ??= indexProfiles(this.source, this.extra);
    return this.profileData;
  }

  register(defs: ExtraDefinitions): void {
    this.extra.structureDefinitions.push(...(defs.structureDefinitions ?? []));
    this.extra.valueSets.push(...(defs.valueSets ?? []));
    this.extra.codeSystems.push(...(defs.codeSystems ?? []));
    this.extra.implementationGuides.push(...(defs.implementationGuides ?? []));
    this.profileData = undefined;
    this.structures.clear();
    this.prepared.clear();
    this.terminology.clear();
  }

  isKnownResourceType(type: string): boolean {
    return this.resourceTypes.has(type);
  }

  resourceTypeNames(): readonly string[] {
    return this.resourceTypeList;
  }

  /** The R4 data types, loaded into Medplum's registry once. */
  private ensureTypes(): void {
    if (this.typesLoaded) return;
    this.typesLoaded = true;
    for (const kind of ['primitive-type', 'complex-type']) {
      for (const key of this.structuresTable.keys(kind)) {
        if (DEFERRED_KEYS.has(key)) continue;
        const sd = this.structuresTable.get<StructureDefinition>(key);
        if (sd) loadDataType(sd);
      }
    }
    nativeInvariantsForAll();
  }

  /** Loads the deferred data types that a definition (its JSON text) names. */
  private ensureDeferredTypes(json: string): void {
    for (const [type, keys] of Object.entries(DEFERRED_TYPES)) {
      if (this.deferredLoaded.has(type) || !json.includes(`"code":"${type}"`)) continue;
      this.deferredLoaded.add(type);
      for (const key of keys) {
        const sd = this.structuresTable.get<StructureDefinition>(key);
        if (sd) loadDataType(sd);
      }
    }
    nativeInvariantsForAll();
  }

  ensureResourceType(type: string): boolean {
    this.ensureTypes();
    if (this.loadedResources.has(type)) return true;
    if (!this.resourceTypes.has(type)) return false;
    const sd = this.structuresTable.get<StructureDefinition>(type);
    if (!sd) return false;
    this.ensureDeferredTypes(this.structuresTable.raw(type) ?? '');
    loadDataType(withErrata(sd));
    nativeInvariantsForAll();
    this.loadedResources.add(type);
    return true;
  }

  ensureNestedResourceTypes(value: unknown, depth = 0): void {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    // Resources nest only in contained, Bundle entries and Parameters (the R4 elements of type Resource): any
    // other resource has none, and is not crawled on every validation.
    if (depth === 0 && !Array.isArray(value)) {
      const top = value as Record<string, unknown>;
      if (top.contained === undefined && top.resourceType !== 'Bundle' && top.resourceType !== 'Parameters') return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.ensureNestedResourceTypes(item, depth + 1);
      return;
    }
    const obj = value as Record<string, unknown>;
    for (const key in obj) {
      const child = obj[key];
      if (typeof child === 'object') this.ensureNestedResourceTypes(child, depth + 1);
      else if (key === 'resourceType' && typeof child === 'string' && !this.loadedResources.has(child)) this.ensureResourceType(child);
    }
  }

  findStructure(url: string): StructureDefinition | undefined {
    let found = this.structures.get(url);
    if (found === undefined) {
      found = this.lookUpStructure(withoutVersion(url)) ?? null;
      this.structures.set(url, found);
    }
    return found ?? undefined;
  }

  private lookUpStructure(bare: string): StructureDefinition | undefined {
    const p = this.profiles().byUrl.get(bare);
    if (p) return p;
    if (!bare.startsWith(CORE_SD)) return undefined;
    const name = bare.slice(CORE_SD.length);
    // Resource types and datatypes are keyed by name, core profiles and extensions by URL.
    return this.structuresTable.get<StructureDefinition>(bare) ?? this.structuresTable.get<StructureDefinition>(name);
  }

  resolveProfileName(nameOrUrl: string): string | undefined {
    const trimmed = nameOrUrl.trim();
    if (this.findStructure(trimmed)) return withoutVersion(trimmed);
    const alias = this.profiles().byAlias.get(trimmed.toLowerCase());
    if (alias) return alias;
    if (this.resourceTypes.has(trimmed)) return CORE_SD + trimmed;
    return undefined;
  }

  /** The profile prepared for Medplum (snapshot generated, unparsed slicings set aside), once per URL. */
  private prepare(bare: string): LoadedProfile | undefined {
    let p = this.prepared.get(bare);
    if (!p) {
      const sd = this.findStructure(bare);
      if (!sd) return undefined;
      p = prepareProfile(sd, (u) => this.withSnapshot(u));
      this.prepared.set(bare, p);
    }
    return p;
  }

  /** A definition with its snapshot (generated when it has a differential only), for another one's snapshot. */
  private withSnapshot(url: string): StructureDefinition | undefined {
    const sd = this.findStructure(url);
    if (!sd || sd.snapshot?.element?.length) return sd;
    return this.prepare(withoutVersion(url))?.sd ?? sd;
  }

  profileSchema(url: string): InternalTypeSchema | undefined {
    const bare = withoutVersion(url);
    const cached = tryGetProfile(bare);
    if (cached) {
      nativeInvariants(cached);
      return cached;
    }
    const prepared = this.prepare(bare);
    if (!prepared?.sd) return undefined;
    const sd = prepared.sd;
    this.ensureTypes();
    if (sd.kind === 'resource' && sd.type) this.ensureResourceType(sd.type);
    if (sd.type && DEFERRED_TYPES[sd.type]) this.ensureDeferredTypes(`"code":"${sd.type}"`);
    this.ensureDeferredTypes(JSON.stringify(sd.snapshot?.element?.flatMap((e) => e.type ?? []) ?? []));
    try {
      loadDataType(sd);
    } catch (err) {
      // Reported by the caller as a profile the validator could not load, with this reason.
      prepared.failure = `Medplum could not parse its snapshot (${err instanceof Error ? err.message : String(err)})`;
      prepared.sd = undefined;
      return undefined;
    }
    const schema = tryGetProfile(bare);
    if (schema) {
      nativeInvariants(schema);
      recordBounds(schema, sd.snapshot?.element ?? []);
    }
    return schema;
  }

  loadFailure(url: string): { reason: string; inError: boolean } | undefined {
    const p = this.prepared.get(withoutVersion(url));
    return p?.failure ? { reason: p.failure, inError: p.inError === true } : undefined;
  }

  profileNotes(url: string): string[] {
    return this.prepared.get(withoutVersion(url))?.notes ?? [];
  }

  isBaseDefinitionUrl(url: string): boolean {
    if (!url.startsWith(CORE_SD)) return false;
    const name = url.slice(CORE_SD.length);
    return this.resourceTypes.has(name) || this.structuresTable.get(name) !== undefined;
  }
}

/** The definitions of a new validator. */
export function createRegistry(source: DefinitionSource): Registry {
  return new DefinitionRegistry(source);
}
