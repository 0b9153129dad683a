// Search: one SQL query for the page (ids ordered and paged first, then their content), the first page's total
// counted by the same statement; `next` links page by keyset (search-cursor.ts).
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
import type { SqlTime, Store } from './store.ts';
import { timedSql } from './store.ts';
import { SUBSETTED, elements, elementsKeeper, elementsSql, markSubsetted, summarise, summaryCuts } from './summary.ts';
import { cutStored, storedOwnerOf, storedResource } from './stored-json.ts';

/**
 * Search options of our repository: `stored` answers each whole match as a stand-in for its stored text
 * (stored-json.ts), `stored.owners` with the person its owner elements name (the audit trail of user-level reads).
 * Only for an answer that goes straight to the client (a search interaction of the HTTP API).
 */
export interface StoredSearchOptions extends SearchOptions {
  stored?: { owners: boolean };
  /** The time spent in SQL statements is added here (the page, its count, its includes). */
  sqlTime?: SqlTime;
  /**
   * The caller needs no matches' people from the index (ownersOf): a patient-level token's audit names its one
   * person. Everyone else gets them (a user-level read's audit names each match's people).
   */
  withoutOwners?: boolean;
}

/**
 * The WHERE clause shared by the page and the count queries. The most selective positive filter leads
 * (`r.rid IN (...)`, with `+r.type` so SQLite does not scan the type instead); the others probe by rid.
 */
export function whereClause(store: Store, searchRequest: SearchRequest, access?: AccessFilter, sqlTime?: SqlTime): SqlPart {
  const type = searchRequest.resourceType;
  const compiled = (searchRequest.filters ?? []).map((f) => compileFilter(type, f, store.baseUrl, access));
  const leader = timedSql(sqlTime, () => pickLeader(store, compiled));
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
  // Each count stops at the smallest size seen so far: only the narrowest filter is counted in full.
  for (const filter of [...plain].reverse()) {
    const drive = filter.drive as SqlPart;
    const cap = Math.min(ESTIMATE_CAP, (best?.size ?? ESTIMATE_CAP) + 1);
    const size = (store.stmt(`SELECT COUNT(*) AS n FROM (${drive.sql} LIMIT ?)`).get(...drive.params, cap) as { n: number }).n;
    // Equal sizes (an empty store, both over the cap): the static rank decides.
    if (!best || size < best.size || (size === best.size && filter.rank <= best.filter.rank)) best = { filter, size };
  }
  return best?.filter;
}

/** The searchset page (matches only; `_include`/`_revinclude` are added by repository-include.ts). */
export function searchPage<T extends Resource>(store: Store, searchRequest: SearchRequest<T>, options?: StoredSearchOptions, access?: AccessFilter): Bundle<WithId<T>> {
  const type = searchRequest.resourceType;
  if (type === ('MultipleTypes' as string)) {
    return invalid('Searching several types at once is not supported; search each type');
  }
  checkType(type);
  const count = Math.min(Math.max(searchRequest.count ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
  const offset = Math.max(searchRequest.offset ?? 0, 0);
  const sqlTime = options?.sqlTime;
  const where = whereClause(store, searchRequest, access, sqlTime);
  const columns: SortColumn[] = (searchRequest.sortRules ?? []).map((rule) => ({ ...sortExpression(type, rule), descending: !!rule.descending }));
  const sortParams = columns.flatMap((c) => c.params);
  const binding = `${type}?${(searchRequest.sortRules ?? []).map((r) => `${r.descending ? '-' : ''}${r.code}`).join(',')}`;
  const position = searchRequest.cursor ? openCursor(store.cursorKey, binding, searchRequest.cursor, columns.length) : undefined;
  const after = position ? afterCondition(columns, position) : undefined;

  // `_elements` cut in SQL, unless includes need the whole matches (their references) or `_summary` applies too.
  const fields = searchRequest.fields;
  const summary = searchRequest.summary;
  const cutInSql = !!fields?.length && !summary && !searchRequest.include && !searchRequest.revInclude;
  // Whole matches with nothing to cut go out as stored (stored-json.ts); so do `_elements` subsets, cut from the
  // stored text (faster than SQLite's json_each, and the same bytes as the parsed subset serialised).
  const asStored = options?.stored && (cutInSql || (!fields?.length && summary === undefined)) ? options.stored : undefined;
  const projection = cutInSql && fields && !asStored ? elementsSql(type, fields) : undefined;
  const keep = cutInSql && fields && asStored ? elementsKeeper(type, fields) : undefined;
  // The total on the first page (later pages of a keyset walk omit it unless asked: it is one more scan each).
  const wantTotal = !options?.resourceOnly && searchRequest.total !== 'none' && (!position || searchRequest.total === 'accurate');
  // On a first page the total is counted in the page's own statement (a window over every match, before LIMIT):
  // the matches are enumerated once, to sort them, instead of once more by a COUNT query.
  const countInPage = wantTotal && !position;
  // One row more than the page says whether there is a next page, without counting the whole set.
  let rows: PageRow[] = [];
  if (count > 0) {
    const keys = columns.map((c, i) => `, ${c.sql} AS k${i}`).join('');
    const filter = after ? `${where.sql} AND ${after.sql}` : where.sql;
    const content = projection ? projection.sql : 'r.content';
    // The page's rids and sort keys first (each key computed once), then their content, owners, keys and count.
    const pageOrder = [...columns.map((c, i) => `k${i} ${c.descending ? 'DESC' : 'ASC'}`), 'rid ASC'].join(', ');
    const pageColumns = `${columns.map((_, i) => `, page.k${i}`).join('')}${countInPage ? ', page.n' : ''}`;
    const sql = `WITH page AS MATERIALIZED (SELECT r.rid AS rid${keys}${countInPage ? ', COUNT(*) OVER () AS n' : ''} FROM resource r WHERE ${filter} ORDER BY ${pageOrder} LIMIT ? OFFSET ?)
      SELECT r.rid, r.id, ${content} AS content, ${options?.withoutOwners ? 'NULL' : OWNERS_SQL} AS owners${pageColumns} FROM page CROSS JOIN resource r ON r.rid = page.rid ORDER BY ${pageOrder.replace(/\b(k\d+|rid) /g, 'page.$1 ')}`;
    rows = timedSql(sqlTime, () => store.stmt(sql).all(...sortParams, ...where.params, ...(after?.params ?? []), count + 1, offset, ...(projection?.params ?? []))) as unknown as PageRow[];
  }
  const more = rows.length > count;
  const counted = rows[0]?.n;
  if (more) rows = rows.slice(0, count);
  const resources = rows.map((r): WithId<T> => {
    if (!asStored) return parse<WithId<T>>(r.content);
    if (!keep) return storedResource<WithId<T>>(r.content, type, r.id, asStored.owners ? storedOwnerOf(r.content) : undefined);
    // The owner the audit trail reads is the subset's (ownerOf reads the answered resource).
    const cut = cutStored(r.content, keep, SUBSETTED);
    return storedResource<WithId<T>>(cut.text, type, r.id, asStored.owners ? cut.owner : undefined);
  });
  const owners = rows.map((r) => (r.owners === null ? undefined : (JSON.parse(r.owners) as string[])));
  let total: number | undefined;
  if (wantTotal) {
    // No row to carry the count: an empty first page is 0, an offset past the end is counted.
    total = counted ?? (countInPage && count > 0 && offset === 0
      ? 0
      : (timedSql(sqlTime, () => store.stmt(`SELECT COUNT(*) AS n FROM resource r WHERE ${where.sql}`).get(...where.params)) as { n: number }).n);
  }
  const shape = (resource: WithId<T>): WithId<T> => {
    if (keep) return resource;
    if (projection) return markSubsetted(resource);
    if (fields?.length) return elements(resource, fields);
    return summaryCuts(summary) ? summarise(resource, summary) : resource;
  };
  const entry = resources.map((resource, i): BundleEntry<WithId<T>> => ({
    fullUrl: `${store.baseUrl}/${type}/${resource.id}`,
    search: { mode: 'match' },
    resource: owners[i] ? withOwners(shape(resource), owners[i]) : shape(resource),
  }));
  const bundle: Bundle<WithId<T>> = { resourceType: 'Bundle', type: 'searchset', ...(total !== undefined ? { total } : undefined), entry };
  if (!options?.resourceOnly) {
    const last = rows[rows.length - 1];
    const next = more && last ? sealCursor(store.cursorKey, binding, { rid: last.rid, keys: columns.map((_, i) => last[`k${i}`] ?? null) }) : undefined;
    bundle.link = pageLinks(store, searchRequest, count, next);
  }
  return bundle;
}

interface PageRow { rid: number; id: string; content: string; owners: string | null; n?: number; [key: `k${number}`]: string | number | null }

/** The people a row is the record of (its `patient` parameter), read with the row: `_elements` may leave them out. */
const OWNERS_SQL = `(SELECT json_group_array(o.tid) FROM sp_reference o WHERE o.rid = r.rid AND o.code = 'patient' AND o.ttype = 'Patient')`;

const recordOwners = new WeakMap<object, readonly string[]>();

/** Notes whose record an answered resource is (for the audit trail), whatever elements the answer keeps. */
export function withOwners<T extends object>(resource: T, owners: readonly string[]): T {
  recordOwners.set(resource, owners);
  return resource;
}

/**
 * The people a resource answered by a search is the record of, as the index says (undefined for a resource that
 * did not come from searchPage): the audit trail names them even when `_elements` dropped the element that says so
 * (an Appointment's patient is in `participant.actor`, a subset may keep neither).
 */
export function ownersOf(resource: object): readonly string[] | undefined {
  return recordOwners.get(resource);
}

/** self, first, and next (a sealed cursor after this page's last row; no `previous`: keyset pages go forward). */
function pageLinks(store: Store, searchRequest: SearchRequest, count: number, next: string | undefined): BundleLink[] {
  const url = (page: Partial<SearchRequest>): string =>
    `${store.baseUrl}/${searchRequest.resourceType}${formatSearchQuery({ ...searchRequest, count, offset: undefined, cursor: undefined, ...page })}`;
  const links: BundleLink[] = [{ relation: 'self', url: url({ offset: searchRequest.offset, cursor: searchRequest.cursor }) }, { relation: 'first', url: url({}) }];
  if (next) links.push({ relation: 'next', url: url({ cursor: next }) });
  return links;
}
