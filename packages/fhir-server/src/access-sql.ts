// The access grant compiled into SQL: one condition on a resource row (alias given) that search, count, paging,
// _include/_revinclude, chains, _has, reads and history all apply, so nothing is counted, linked or answered for a
// resource the caller cannot see. The rules (whose record a resource is, labels, revealing resources) are the ones
// of access-policy.ts; this module only writes them as SQL over the index tables.
import type { Filter } from '@medplum/core';
import type { SqlPart } from './search-sql.ts';
import { getIndexedParam, isKnownResourceType } from './search-params.ts';
import { compartmentTypes } from './access-policy.ts';

/** What a caller may read, resolved for one request (patients already computed from the care teams). */
export interface ReadScope {
  /** Resource types the token may read; '*' for every type. */
  types: '*' | readonly string[];
  /** People whose records may be read; undefined: anyone's (backend clients with system scopes). */
  patients?: readonly string[];
  /** Resources outside any patient compartment (Practitioner, Organization...) may be read. */
  shared: boolean;
  /** Security label codes (meta.security) the caller may not see. */
  deniedLabels: readonly string[];
  /** The user's references (Practitioner, PractitionerRoles, Organization): the group sessions they ran are theirs to read. */
  runBy?: readonly string[];
}

/** A condition restricting what a repository view answers (see SqliteRepository.withAccess). */
export interface AccessFilter {
  /**
   * SQL condition on the resource row `alias` (columns rid, type, id); `type` when the query has one type.
   * `filters`: the search's own filters, when they already restrict the rows to one reachable person.
   */
  condition(type: string | undefined, alias: string, filters?: readonly Filter[]): SqlPart;
  /** The scope it was compiled from: plain data, so a read worker can compile the same filter (read-worker.ts). */
  readonly scope?: ReadScope;
}

/** Reference parameters through which a resource reveals the one it points at (its subject matter). */
const REVEALING: Record<string, readonly string[]> = {
  Provenance: ['target'],
  Task: ['focus'],
  Communication: ['based-on', 'part-of'],
  AuditEvent: ['entity'],
};

const OWNER_CODE = 'patient';

/** The owner condition: the element saying whose record a resource is (`patient` parameter) names one of `inSet`. */
function ownerSql(alias: string, inSet: string): string {
  return `EXISTS (SELECT 1 FROM sp_reference o WHERE o.rid = ${alias}.rid AND o.code = '${OWNER_CODE}' AND o.ttype = 'Patient' AND o.tid ${inSet})`;
}

/** True when a type's records say whose they are through the `patient` search parameter. */
export function hasOwnerParam(type: string): boolean {
  return getIndexedParam(type, OWNER_CODE)?.kind === 'reference';
}

const implied = new Map<string, boolean>();

/**
 * True when a search filter `code=Patient/X` on `type` means the row is X's record: the `patient` parameter itself,
 * or the parameter it is built on (`subject` for Observation.subject.where(resolve() is Patient), `for` on Task...).
 */
function impliesOwner(type: string, code: string): boolean {
  const key = `${type}.${code}`;
  let result = implied.get(key);
  if (result === undefined) {
    const branch = (expression: string | undefined): string[] => (expression ?? '').split('|').map((b) => b.trim()).filter((b) => b.startsWith(`${type}.`));
    const owner = branch(getIndexedParam(type, OWNER_CODE)?.definition.expression);
    const param = branch(getIndexedParam(type, code)?.definition.expression);
    result = code === OWNER_CODE || (owner.length === 1 && param.length === 1 && owner[0] === `${param[0]}.where(resolve() is Patient)`);
    implied.set(key, result);
  }
  return result;
}

/** The person a search is already limited to by one of its own filters (a single `Patient/<id>` value), if any. */
function filteredPerson(type: string, filters: readonly Filter[] | undefined): string | undefined {
  for (const f of filters ?? []) {
    if (f.operator !== 'eq' || f.value.includes(',')) continue;
    const m = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(f.value);
    if (m?.[1] && impliesOwner(type, f.code)) return m[1];
  }
  return undefined;
}

function quoteList(types: Iterable<string>): string {
  return [...types].filter((t) => /^[A-Za-z]+$/.test(t)).map((t) => `'${t}'`).join(',');
}

let typeLists: { compartment: string; owned: string } | undefined;
function lists(): { compartment: string; owned: string } {
  typeLists ??= {
    compartment: quoteList(compartmentTypes()),
    owned: quoteList([...compartmentTypes()].filter((t) => t !== 'Provenance' && t !== 'Patient' && hasOwnerParam(t))),
  };
  return typeLists;
}

/** Placeholder marker: the user's references (ReadScope.runBy) instead of the patient set. */
const RUN_BY = 1;

/**
 * A group session (workshop, case-review meeting: an Encounter without subject) belongs to nobody's record. It is
 * readable through the people it gathered (an Encounter `partOf` it is itself reachable, one level) and by those
 * who ran it (one of its participants is the user), so a facilitator can add a person to it from that person's plan.
 */
function sessionSql(alias: string, inSet: string): string {
  const ranBy = `EXISTS (SELECT 1 FROM sp_reference f WHERE f.rid = ${alias}.rid AND f.code = 'participant' AND (f.ttype || '/' || f.tid) IN (SELECT value FROM json_each(?)))`;
  return `(NOT EXISTS (SELECT 1 FROM sp_reference o WHERE o.rid = ${alias}.rid AND o.code = '${OWNER_CODE}') AND (EXISTS (SELECT 1 FROM sp_reference x JOIN resource c ON c.rid = x.rid WHERE x.code = 'part-of' AND x.ttype = 'Encounter' AND x.tid = ${alias}.id AND c.type = 'Encounter' AND c.deleted = 0 AND ${ownerSql('c', inSet)}) OR ${ranBy}))`;
}

/**
 * The patient part: Patient by id, owned types by their `patient` element, Provenance when every target is
 * itself reachable (one level), a subject-less Encounter through a reachable Encounter `partOf` it (sessionSql),
 * directory types when `shared`. Any other compartment resource with no owner is never reachable at patient or user
 * level: membership is denied, never assumed.
 */
function patientCondition(type: string | undefined, alias: string, shared: boolean, inSet: string): SqlPart {
  const provenance = `(EXISTS (SELECT 1 FROM sp_reference x WHERE x.rid = ${alias}.rid AND x.code = 'target') AND NOT EXISTS (SELECT 1 FROM sp_reference x WHERE x.rid = ${alias}.rid AND x.code = 'target' AND NOT EXISTS (SELECT 1 FROM resource t WHERE t.type = x.ttype AND t.id = x.tid AND t.deleted = 0 AND ((t.type = 'Patient' AND t.id ${inSet}) OR ${ownerSql('t', inSet)}))))`;
  if (type !== undefined) {
    if (type === 'Patient') return { sql: `${alias}.id ${inSet}`, params: [0] };
    if (type === 'Provenance') return { sql: provenance, params: [0, 0] };
    if (type === 'Encounter') return { sql: `(${ownerSql(alias, inSet)} OR ${sessionSql(alias, inSet)})`, params: [0, 0, RUN_BY] };
    if (!compartmentTypes().has(type)) return { sql: shared ? '1' : '0', params: [] };
    return hasOwnerParam(type) ? { sql: ownerSql(alias, inSet), params: [0] } : { sql: '0', params: [] };
  }
  const { compartment, owned } = lists();
  return {
    sql: `(CASE WHEN ${alias}.type = 'Patient' THEN ${alias}.id ${inSet}
      WHEN ${alias}.type = 'Provenance' THEN ${provenance}
      WHEN ${alias}.type = 'Encounter' THEN (${ownerSql(alias, inSet)} OR ${sessionSql(alias, inSet)})
      WHEN ${alias}.type IN (${owned}) THEN ${ownerSql(alias, inSet)}
      WHEN ${alias}.type IN (${compartment}) THEN 0 ELSE ${shared ? 1 : 0} END)`,
    params: [0, 0, 0, 0, 0, RUN_BY, 0], // in the order of the placeholders above
  };
}

/** Labels: the current version's meta.security governs; resources revealing a labelled one are hidden with it. */
function labelCondition(type: string | undefined, alias: string): SqlPart {
  const labels = `SELECT value FROM json_each(json(?))`;
  const parts = [`NOT EXISTS (SELECT 1 FROM sp_token l WHERE l.rid = ${alias}.rid AND l.code = '_security' AND l.value IN (${labels}))`];
  const revealing = Object.entries(REVEALING).filter(([t]) => type === undefined || t === type);
  for (const [t, codes] of revealing) {
    parts.push(`(${alias}.type <> '${t}' OR NOT EXISTS (SELECT 1 FROM sp_reference x JOIN resource lt ON lt.type = x.ttype AND lt.id = x.tid JOIN sp_token l ON l.rid = lt.rid WHERE x.rid = ${alias}.rid AND x.code IN (${codes.map((c) => `'${c}'`).join(',')}) AND l.code = '_security' AND l.value IN (${labels})))`);
  }
  if (type === undefined || type === 'Appointment') {
    // The appointment of a labelled encounter gives its practitioner and times away: hidden with it.
    parts.push(`(${alias}.type <> 'Appointment' OR NOT EXISTS (SELECT 1 FROM sp_reference x JOIN sp_token l ON l.rid = x.rid WHERE x.ttype = 'Appointment' AND x.tid = ${alias}.id AND x.type = 'Encounter' AND x.code = 'appointment' AND l.code = '_security' AND l.value IN (${labels})))`);
  }
  return { sql: parts.join(' AND '), params: parts.map(() => 0) };
}

/**
 * Compiles a read scope into an AccessFilter. Placeholders are filled with the patient id (one person: `= ?`, an
 * index probe) or the JSON of the patient set, and the label list (marked 0 above, replaced here), so the SQL text
 * stays the same for every caller of the same shape and its statement is reused.
 */
export function compileReadScope(scope: ReadScope): AccessFilter {
  const single = scope.patients?.length === 1 ? scope.patients[0] : undefined;
  const patients = single ?? (scope.patients ? JSON.stringify(scope.patients) : undefined);
  const inSet = single !== undefined ? '= ?' : 'IN (SELECT value FROM json_each(?))';
  const labels = JSON.stringify(scope.deniedLabels);
  const types = scope.types === '*' ? undefined : new Set(scope.types);
  return {
    scope,
    condition(type, alias, filters) {
      if (type !== undefined && !isKnownResourceType(type)) return { sql: '0', params: [] };
      if (type !== undefined && types && !types.has(type)) return { sql: '0', params: [] };
      const parts: SqlPart[] = [];
      if (type === undefined && types) parts.push({ sql: `${alias}.type IN (SELECT value FROM json_each(json(?)))`, params: [JSON.stringify([...types])] });
      // A search for one reachable person by their own element needs no per-row owner check (the filter is it).
      const person = type !== undefined ? filteredPerson(type, filters) : undefined;
      const ownerGuaranteed = person !== undefined && (scope.patients ?? []).includes(person);
      if (patients !== undefined && !ownerGuaranteed) {
        const p = patientCondition(type, alias, scope.shared, inSet);
        const runBy = JSON.stringify(scope.runBy ?? []);
        parts.push({ sql: p.sql, params: p.params.map((marker) => (marker === RUN_BY ? runBy : patients)) });
      }
      if (scope.deniedLabels.length > 0) {
        const l = labelCondition(type, alias);
        parts.push({ sql: l.sql, params: l.params.map(() => labels) });
      }
      if (parts.length === 0) return { sql: '1', params: [] };
      return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
    },
  };
}
