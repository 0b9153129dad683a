// `_include` / `_revinclude` (with `:iterate`). See http://hl7.org/fhir/R4/search.html#include
// The same entries, in the same order, as Medplum's getSearchIncludeEntries / getSearchRevIncludeEntries, read with
// a few queries: an `_include`'s references come from the search index (sp_reference, in the order the parameter's
// expression yields them), and its targets of each type are read in one query through the caller's access filter
// (Medplum read them one by one: ~180 reads for a person's plan); a `_revinclude` is one search, as in Medplum.
import type { IncludeTarget, SearchRequest, WithId } from '@medplum/core';
import { DEFAULT_MAX_SEARCH_COUNT, Operator, OperationOutcomeError, SearchParameterType, badRequest, getSearchParameter, getSearchParameterDetails } from '@medplum/core';
import type { FhirRepository } from '@medplum/fhir-router';
import { getSearchIncludeEntries } from '@medplum/fhir-router';
import type { BundleEntry, Resource, SearchParameter } from '@medplum/fhirtypes';
import type { AccessFilter } from './access-sql.ts';
import { parse } from './repository-rows.ts';
import type { StoredSearchOptions } from './repository-search.ts';
import { searchPage } from './repository-search.ts';
import { isKnownResourceType } from './search-params.ts';
import { storedOwnerOf, storedResource } from './stored-json.ts';
import type { SqlTime, Store } from './store.ts';
import { timedSql } from './store.ts';

const MAX_DEPTH = 5;

export interface IncludeContext {
  repo: FhirRepository;
  store: Store;
  access: AccessFilter | undefined;
  /** Answer included resources as stored text (stored-json.ts), as the matches are. */
  stored: StoredSearchOptions['stored'];
  /** The matches were cut (`_elements`, `_summary`): their own elements, not the index, say what they reference. */
  shaped: boolean;
  /** The time spent in SQL statements is added here. */
  sqlTime: SqlTime | undefined;
  /** No people from the index for the included resources (StoredSearchOptions.withoutOwners). */
  withoutOwners: boolean;
}

/**
 * Appends the included resources to `entries`, as Medplum's `getExtraEntries` does, with one difference that
 * changes no result: an `_include=Type:param` only looks at the resources of that Type. Medplum evaluates the
 * parameter's FHIRPath on every resource found so far (a person's plan: ~300 resources × 7 includes), where it
 * can only yield something on resources of the named type.
 */
export async function addIncludes(ctx: IncludeContext, searchRequest: SearchRequest, resources: Resource[], entries: BundleEntry[]): Promise<void> {
  const seen = new Set<string>(resources.map((r) => `${r.resourceType}/${r.id}`));
  let base: Resource[] = resources;
  let iterateOnly = false;
  let depth = 0;
  const wanted = (p: IncludeTarget): boolean => !iterateOnly || p.modifier === Operator.ITERATE;
  while (base.length > 0) {
    if (depth >= MAX_DEPTH || entries.length > DEFAULT_MAX_SEARCH_COUNT) {
      throw new Error(`Search with _(rev)include reached query scope limit: depth=${depth}, results=${entries.length}`);
    }
    const current = base;
    const includes = (searchRequest.include ?? []).filter(wanted).flatMap((p) => {
      const ofType = current.filter((r) => r.resourceType === p.resourceType);
      return ofType.length > 0 ? [includeEntries(ctx, p, ofType, depth > 0 || !ctx.shaped)] : [];
    });
    const revIncludes = (searchRequest.revInclude ?? []).filter(wanted).map((p) => revIncludeEntries(ctx, p, current));
    const included = (await Promise.all([...includes, ...revIncludes])).flat();
    base = [];
    for (const entry of included) {
      const resource = entry.resource as Resource;
      base.push(resource);
      const ref = `${resource.resourceType}/${resource.id}`;
      if (!seen.has(ref)) entries.push(entry);
      seen.add(ref);
    }
    iterateOnly = true;
    depth++;
  }
}

function includeEntry(store: Store, resource: WithId<Resource>): BundleEntry {
  return { fullUrl: `${store.baseUrl}/${resource.resourceType}/${resource.id}`, search: { mode: 'include' }, resource };
}

function searchParameter(type: string, code: string): SearchParameter {
  const param = getSearchParameter(type, code);
  if (!param) {
    throw new OperationOutcomeError(badRequest(`Invalid include parameter: ${type}:${code}`));
  }
  return param;
}

const simpleParams = new Map<string, boolean>();

/**
 * True when the parameter's expression, for `type`, is a plain path (`CareTeam.participant.member`): its FHIRPath
 * result is then, resource after resource, the references in document order, which is the order the index rows
 * were written in. Anything else (where(), resolve(), as, several paths for the type) goes through Medplum.
 */
function isSimple(type: string, code: string, param: SearchParameter): boolean {
  const key = `${type}:${code}`;
  let simple = simpleParams.get(key);
  if (simple === undefined) {
    const parts = (param.expression ?? '').split('|').map((p) => p.trim()).filter((p) => p.startsWith(`${type}.`));
    simple = parts.length === 1 && new RegExp(`^${type}(\\.[a-z][A-Za-z]*)+$`).test(parts[0] as string) && param.type === 'reference';
    simpleParams.set(key, simple);
  }
  return simple;
}

interface RefRow { ttype: string; tid: string; plain: number }

/** `whole`: the resources are as stored (not cut by `_elements` or `_summary`), so the index tells their references. */
async function includeEntries(ctx: IncludeContext, include: IncludeTarget, resources: Resource[], whole: boolean): Promise<BundleEntry[]> {
  const { resourceType: type, searchParam: code, targetType } = include;
  const param = searchParameter(type, code);
  const fromIndex = whole && isSimple(type, code, param) ? timedSql(ctx.sqlTime, () => indexedReferences(ctx.store, type, code, resources)) : undefined;
  if (!fromIndex) {
    return getSearchIncludeEntries(ctx.repo, include, resources, { fullUrl: (t: string, id: string): string => `${ctx.store.baseUrl}/${t}/${id}` });
  }
  const references = targetType ? fromIndex.filter((r) => r.ttype === targetType) : fromIndex;
  return readTargets(ctx, references).map((resource) => includeEntry(ctx.store, resource));
}

/**
 * The references of the resources' parameter, in order (duplicates kept, as the FHIRPath result has them), or
 * undefined when one of them is not a plain `Type/id` in the resource's text (a versioned, absolute, contained or
 * canonical reference: Medplum's own handling then applies, whatever it makes of them).
 */
function indexedReferences(store: Store, type: string, code: string, resources: Resource[]): RefRow[] | undefined {
  const ids = JSON.stringify(resources.map((r) => r.id));
  const rows = store.stmt(`SELECT o.ttype, o.tid, instr(r.content, '"reference":"' || o.ttype || '/' || o.tid || '"') > 0 AS plain
    FROM json_each(?) b CROSS JOIN resource r ON r.type = ? AND r.id = b.value AND r.deleted = 0 CROSS JOIN sp_reference o ON o.rid = r.rid AND o.code = ?
    ORDER BY b.key, o.rowid`).all(ids, type, code) as unknown as RefRow[];
  return rows.every((r) => r.ttype !== '' && r.plain) ? rows : undefined;
}

interface TargetRow { id: string; content: string }

/**
 * The resources the references name that exist and the caller may see, in the references' order (as Medplum's
 * readReferences then filter): one query per target type, through the same access condition as a read.
 */
function readTargets(ctx: IncludeContext, references: RefRow[]): WithId<Resource>[] {
  const byType = new Map<string, Set<string>>();
  for (const r of references) {
    if (!isKnownResourceType(r.ttype)) continue;
    let ids = byType.get(r.ttype);
    if (!ids) byType.set(r.ttype, (ids = new Set()));
    ids.add(r.tid);
  }
  const found = new Map<string, WithId<Resource>>();
  for (const [type, ids] of byType) {
    const cond = ctx.access?.condition(type, 'r') ?? { sql: '1', params: [] };
    const rows = timedSql(ctx.sqlTime, () => ctx.store.stmt(`SELECT r.id, r.content FROM resource r WHERE r.type = ? AND r.id IN (SELECT value FROM json_each(?)) AND r.deleted = 0 AND ${cond.sql}`)
      .all(type, JSON.stringify([...ids]), ...cond.params)) as unknown as TargetRow[];
    for (const row of rows) {
      const resource = ctx.stored
        ? storedResource<WithId<Resource>>(row.content, type, row.id, ctx.stored.owners ? storedOwnerOf(row.content) : undefined)
        : parse<WithId<Resource>>(row.content);
      found.set(`${type}/${row.id}`, resource);
    }
  }
  return references.flatMap((r) => {
    const resource = found.get(`${r.ttype}/${r.tid}`);
    return resource ? [resource] : [];
  });
}

const canonicalParams = new Map<string, boolean>();

/** Medplum's getSearchRevIncludeEntries, its parameter details cached, the search answered by searchPage. */
async function revIncludeEntries(ctx: IncludeContext, revInclude: IncludeTarget, resources: Resource[]): Promise<BundleEntry[]> {
  const { resourceType: type, searchParam: code, targetType } = revInclude;
  const param = searchParameter(type, code);
  const key = `${type}:${code}`;
  let isCanonical = canonicalParams.get(key);
  if (isCanonical === undefined) {
    isCanonical = getSearchParameterDetails(type, param).type === SearchParameterType.CANONICAL;
    canonicalParams.set(key, isCanonical);
  }
  const references: string[] = [];
  for (const resource of resources) {
    if (targetType && resource.resourceType !== targetType) continue;
    const reference = isCanonical ? ('url' in resource ? resource.url : undefined) : resource.id ? `${resource.resourceType}/${resource.id}` : undefined;
    if (reference) references.push(reference);
  }
  if (references.length === 0) return [];
  const request: SearchRequest = { resourceType: type as SearchRequest['resourceType'], filters: [{ code, operator: Operator.EQUALS, value: references.join(',') }], count: DEFAULT_MAX_SEARCH_COUNT, offset: 0 };
  const bundle = searchPage(ctx.store, request, { resourceOnly: true, ...(ctx.stored ? { stored: ctx.stored } : {}), ...(ctx.sqlTime ? { sqlTime: ctx.sqlTime } : {}), withoutOwners: ctx.withoutOwners }, ctx.access);
  return (bundle.entry ?? []).map((e) => includeEntry(ctx.store, e.resource as WithId<Resource>));
}
