// Search: one SQL query for the page (ids ordered and paged first, then their content) and one for the total.
// See https://hl7.org/fhir/R4/search.html
import type { SearchRequest, WithId } from '@medplum/core';
import { formatSearchQuery } from '@medplum/core';
import type { SearchOptions } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { invalid } from '@parcours/outcomes';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, checkType, parse } from './repository-rows.ts';
import type { SqlPart } from './search-sql.ts';
import { compileFilter, sortExpression } from './search-sql.ts';
import type { AccessFilter } from './access-sql.ts';
import type { Store } from './store.ts';
import { elements, summarise } from './summary.ts';

/**
 * The WHERE clause shared by the page and the count queries. The most selective positive filter leads
 * (`r.rid IN (...)`, with `+r.type` so SQLite does not scan the type instead); the others probe by rid.
 */
export function whereClause(store: Store, searchRequest: SearchRequest, access?: AccessFilter): SqlPart {
  const type = searchRequest.resourceType;
  const compiled = (searchRequest.filters ?? []).map((f) => compileFilter(type, f, store.baseUrl, access));
  const leader = compiled.filter((c) => c.drive).sort((x, y) => x.rank - y.rank)[0];
  const parts: SqlPart[] = leader?.drive
    ? [{ sql: `r.rid IN (${leader.drive.sql}) AND +r.type = ? AND r.deleted = 0`, params: [...leader.drive.params, type] }]
    : [{ sql: 'r.type = ? AND r.deleted = 0', params: [type] }];
  for (const c of compiled) {
    if (c !== leader) parts.push(c.check);
  }
  // The grant, compiled: count, page and links see only what the caller may see.
  if (access) parts.push(access.condition(type, 'r', searchRequest.filters));
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** The searchset page (matches only; `_include`/`_revinclude` are added by repository-include.ts). */
export function searchPage<T extends Resource>(store: Store, searchRequest: SearchRequest<T>, options?: SearchOptions, access?: AccessFilter): Bundle<WithId<T>> {
  const type = searchRequest.resourceType;
  if (type === ('MultipleTypes' as string)) {
    return invalid('Searching several types at once is not supported; search each type');
  }
  checkType(type);
  const count = Math.min(Math.max(searchRequest.count ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
  const offset = Math.max(searchRequest.offset ?? 0, 0);
  const where = whereClause(store, searchRequest, access);
  const sorts = (searchRequest.sortRules ?? []).map((rule) => ({ rule, expr: sortExpression(type, rule) }));
  const orderBy = [...sorts.map((s) => `${s.expr.sql} ${s.rule.descending ? 'DESC' : 'ASC'}`), 'r.rid ASC'].join(', ');
  const sortParams = sorts.flatMap((s) => s.expr.params);

  let resources: WithId<T>[] = [];
  if (count > 0) {
    const sql = `SELECT r.content FROM resource r WHERE r.rid IN (SELECT r.rid FROM resource r WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?) ORDER BY ${orderBy}`;
    const rows = store.stmt(sql).all(...where.params, ...sortParams, count, offset, ...sortParams) as { content: string }[];
    resources = rows.map((r) => parse<WithId<T>>(r.content));
  }
  let total: number | undefined;
  if (!options?.resourceOnly && searchRequest.total !== 'none') {
    total = (store.stmt(`SELECT COUNT(*) AS n FROM resource r WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  }
  const fields = searchRequest.fields;
  const summary = searchRequest.summary;
  const shape = (resource: WithId<T>): WithId<T> => {
    if (fields?.length) return elements(resource, fields);
    return summary === 'true' || summary === 'text' || summary === 'data' ? summarise(resource, summary) : resource;
  };
  const entry = resources.map((resource): BundleEntry<WithId<T>> => ({
    fullUrl: `${store.baseUrl}/${type}/${resource.id}`,
    search: { mode: 'match' },
    resource: shape(resource),
  }));
  const bundle: Bundle<WithId<T>> = { resourceType: 'Bundle', type: 'searchset', ...(total !== undefined ? { total } : undefined), entry };
  if (!options?.resourceOnly) {
    bundle.link = pageLinks(store, searchRequest, count, offset, resources.length, total);
  }
  return bundle;
}

function pageLinks(store: Store, searchRequest: SearchRequest, count: number, offset: number, returned: number, total: number | undefined): BundleLink[] {
  const url = (o: number): string =>
    `${store.baseUrl}/${searchRequest.resourceType}${formatSearchQuery({ ...searchRequest, count, offset: o })}`;
  const links: BundleLink[] = [{ relation: 'self', url: url(offset) }, { relation: 'first', url: url(0) }];
  const hasNext = count > 0 && (total !== undefined ? offset + count < total : returned === count);
  if (hasNext) links.push({ relation: 'next', url: url(offset + count) });
  if (offset > 0 && count > 0) links.push({ relation: 'previous', url: url(Math.max(0, offset - count)) });
  return links;
}
