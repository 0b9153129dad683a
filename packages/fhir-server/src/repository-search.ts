// Search: one SQL query for the page (ids ordered and paged first, then their content), the total counted only
// when the page does not already tell it; `next` links page by keyset (search-cursor.ts).
// See https://hl7.org/fhir/R4/search.html
import type { SearchRequest, WithId } from '@medplum/core';
import { formatSearchQuery } from '@medplum/core';
import type { SearchOptions } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { invalid } from '@parcours/outcomes';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, checkType, parse } from './repository-rows.ts';
import type { SqlPart } from './search-sql.ts';
import { compileFilter, sortExpression } from './search-sql.ts';
import type { CompiledFilter } from './search-sql.ts';
import type { SortColumn } from './search-cursor.ts';
import { afterCondition, openCursor, sealCursor } from './search-cursor.ts';
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
  const leader = pickLeader(store, compiled);
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

/** Index rows read at most to estimate a candidate leader's size. */
const ESTIMATE_CAP = 20_000;

/**
 * The filter that leads the query: by rank (an `_id` first, chains and `_has` last), and among plain index filters by
 * their size, counted up to ESTIMATE_CAP rows (a few milliseconds at most). Static ranks alone let
 * `status=finished` (most of 57,000 encounters) lead instead of `date=ge` (the last 120 days' few thousand).
 */
function pickLeader(store: Store, compiled: CompiledFilter[]): CompiledFilter | undefined {
  const candidates = compiled.filter((c) => c.drive).sort((x, y) => x.rank - y.rank);
  const plain = candidates.filter((c) => c.rank > 0 && c.rank < 6);
  if (candidates[0]?.rank === 0 || plain.length < 2) return candidates[0];
  let best: { filter: CompiledFilter; size: number } | undefined;
  for (const filter of plain) {
    const drive = filter.drive as SqlPart;
    const size = (store.stmt(`SELECT COUNT(*) AS n FROM (${drive.sql} LIMIT ${ESTIMATE_CAP})`).get(...drive.params) as { n: number }).n;
    if (!best || size < best.size) best = { filter, size };
  }
  return best?.filter;
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
  const columns: SortColumn[] = (searchRequest.sortRules ?? []).map((rule) => ({ ...sortExpression(type, rule), descending: !!rule.descending }));
  const orderBy = [...columns.map((c) => `${c.sql} ${c.descending ? 'DESC' : 'ASC'}`), 'r.rid ASC'].join(', ');
  const sortParams = columns.flatMap((c) => c.params);
  const binding = `${type}?${(searchRequest.sortRules ?? []).map((r) => `${r.descending ? '-' : ''}${r.code}`).join(',')}`;
  const position = searchRequest.cursor ? openCursor(store.cursorKey, binding, searchRequest.cursor, columns.length) : undefined;
  const after = position ? afterCondition(columns, position) : undefined;

  // One row more than the page says whether there is a next page, without counting the whole set.
  let rows: PageRow[] = [];
  if (count > 0) {
    const keys = columns.map((c, i) => `, ${c.sql} AS k${i}`).join('');
    const filter = after ? `${where.sql} AND ${after.sql}` : where.sql;
    const sql = `SELECT r.rid, r.content${keys} FROM resource r WHERE r.rid IN (SELECT r.rid FROM resource r WHERE ${filter} ORDER BY ${orderBy} LIMIT ? OFFSET ?) ORDER BY ${orderBy}`;
    rows = store.stmt(sql).all(...sortParams, ...where.params, ...(after?.params ?? []), ...sortParams, count + 1, offset, ...sortParams) as unknown as PageRow[];
  }
  const more = rows.length > count;
  if (more) rows = rows.slice(0, count);
  const resources = rows.map((r) => parse<WithId<T>>(r.content));
  let total: number | undefined;
  // The total on the first page (later pages of a keyset walk omit it unless asked: it is one more scan each).
  const wantTotal = !options?.resourceOnly && searchRequest.total !== 'none' && (!position || searchRequest.total === 'accurate');
  if (wantTotal) {
    total = !position && count > 0 && !more && (offset === 0 || rows.length > 0)
      ? offset + rows.length
      : (store.stmt(`SELECT COUNT(*) AS n FROM resource r WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
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
    const last = rows[rows.length - 1];
    const next = more && last ? sealCursor(store.cursorKey, binding, { rid: last.rid, keys: columns.map((_, i) => last[`k${i}`] ?? null) }) : undefined;
    bundle.link = pageLinks(store, searchRequest, count, next);
  }
  return bundle;
}

interface PageRow { rid: number; content: string; [key: `k${number}`]: string | number | null }

/** self, first, and next (a sealed cursor after this page's last row; no `previous`: keyset pages go forward). */
function pageLinks(store: Store, searchRequest: SearchRequest, count: number, next: string | undefined): BundleLink[] {
  const url = (page: Partial<SearchRequest>): string =>
    `${store.baseUrl}/${searchRequest.resourceType}${formatSearchQuery({ ...searchRequest, count, offset: undefined, cursor: undefined, ...page })}`;
  const links: BundleLink[] = [{ relation: 'self', url: url({ offset: searchRequest.offset, cursor: searchRequest.cursor }) }, { relation: 'first', url: url({}) }];
  if (next) links.push({ relation: 'next', url: url({ cursor: next }) });
  return links;
}
