// Evaluates a Measure for a structure and a period over a FhirSource and returns a summary MeasureReport.
// https://hl7.org/fhir/R4/measure-operation-evaluate-measure.html · https://hl7.org/fhir/R4/measurereport.html
import { toTypedValue } from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import type { Measure, MeasureReport, MeasureReportGroup, MeasureReportGroupPopulation, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl } from '@parcours/profiles';
import type { Atom, CompiledGroup, CompiledPopulation, CompiledRelated } from './definitions.ts';
import { compileMeasure } from './definitions.ts';
import { evalValues } from './fast-path.ts';
import type { Period } from './period.ts';
import { fillQuery, periodVariables } from './period.ts';
import type { FhirSource } from './source.ts';
import { cachedSource } from './source.ts';
import { scopedSource } from './scoped.ts';
import type { StructureScope } from './structure.ts';
import { inScope, structureScope } from './structure.ts';

export const MEASURE_POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
/** Stratum value of a resource the stratifier finds nothing for. */
export const NOT_RECORDED = 'non-renseigne';
/** `patient=` list length when the source does not say (a URL of a few KiB: any server takes it). */
const DEFAULT_LIST_CHARS = 2000;

export interface EvaluateOptions {
  period: Period;
  /** Organization id of the structure. */
  structure: string;
  /** Told about each search as it goes (the CLI's progress bar). */
  progress?: (event: { query: string; fetched: number; done: number; total: number }) => void;
  /** Real time of the report (MeasureReport.date); default now. */
  now?: () => Date;
}

type Vars = Record<string, TypedValue>;

function truthy(atom: Atom, input: TypedValue[], variables: Vars): boolean {
  const result = evalValues(atom, input, variables);
  return result.length === 1 && result[0] === true;
}

function strings(atom: Atom, input: TypedValue[], variables: Vars): string[] {
  return evalValues(atom, input, variables).flatMap((v) => (v === undefined || v === null ? [] : [typeof v === 'object' ? String((v as { reference?: string; code?: string }).reference ?? (v as { code?: string }).code ?? '') : String(v as string | number | boolean)]));
}

function dayMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** For each basis resource, the related resources with the same key (dated after its anchor, within the window). */
function joiner(related: CompiledRelated, others: Resource[], base: Vars): (input: TypedValue[]) => TypedValue {
  const byKey = new Map<string, { at: number; value: Resource }[]>();
  const window = related.window;
  for (const other of others) {
    const typed = [toTypedValue(other)];
    const at = window ? dayMs(strings(window.date, typed, base)[0]) : 0;
    if (at === undefined) continue;
    for (const key of strings(related.key, typed, base)) {
      const list = byKey.get(key) ?? [];
      list.push({ at, value: other });
      byKey.set(key, list);
    }
  }
  // %related is one value (Medplum's FHIRPath takes a variable as a single item): a collection Bundle.
  const bundle = (resources: Resource[]): TypedValue => toTypedValue({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });
  return (input) => {
    const keys = strings(related.on, input, base);
    if (!window) return bundle(keys.flatMap((key) => (byKey.get(key) ?? []).map((o) => o.value)));
    const anchor = dayMs(strings(window.anchor, input, base)[0]);
    if (anchor === undefined) return bundle([]);
    const limit = anchor + window.withinDays * 86_400_000;
    return bundle(keys.flatMap((key) => (byKey.get(key) ?? []).filter((o) => o.at > anchor && o.at <= limit).map((o) => o.value)));
  };
}

/** Practitioner or PractitionerRole reference → profession code (PractitionerRole.code in parcours-care-team-role). */
async function professions(source: FhirSource): Promise<Map<string, string>> {
  const roles = (await source.search('PractitionerRole')) as PractitionerRole[];
  const map = new Map<string, string>();
  for (const role of roles) {
    const code = role.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === CodeSystemUrl.CareTeamRole)?.code;
    if (!code) continue;
    map.set(`PractitionerRole/${role.id}`, code);
    const practitioner = role.practitioner?.reference;
    if (practitioner && !map.has(practitioner)) map.set(practitioner, code);
  }
  return map;
}

function populationCount(population: CompiledPopulation, matches: readonly boolean[], inputs: readonly TypedValue[][], variables: readonly Vars[], members?: readonly number[]): number {
  const indexes = members ?? matches.map((_, i) => i);
  if (population.distinct) {
    const keys = new Set<string>();
    for (const i of indexes) if (matches[i]) for (const key of strings(population.distinct, inputs[i] ?? [], variables[i] ?? {})) keys.add(key);
    return keys.size;
  }
  let total = 0;
  for (const i of indexes) {
    if (!matches[i]) continue;
    total += population.sum ? Number(evalValues(population.sum, inputs[i] ?? [], variables[i] ?? {})[0] ?? 0) : 1;
  }
  return total;
}

function reportPopulations(group: CompiledGroup, matches: boolean[][], inputs: TypedValue[][], variables: Vars[], members?: number[]): MeasureReportGroupPopulation[] {
  return group.populations.map((p, i) => ({
    code: { coding: [{ system: MEASURE_POPULATION_SYSTEM, code: p.code }], ...(p.description ? { text: p.description } : {}) },
    count: populationCount(p, matches[i] ?? [], inputs, variables, members),
  }));
}

function score(populations: MeasureReportGroupPopulation[]): MeasureReportGroup['measureScore'] {
  const count = (code: string): number | undefined => populations.find((p) => p.code?.coding?.[0]?.code === code)?.count;
  const numerator = count('numerator');
  const denominator = count('denominator');
  return numerator !== undefined && denominator ? { value: Math.round((numerator / denominator) * 1000) / 1000, unit: '1' } : undefined;
}

/**
 * What the groups of one Measure share: the structure's resources of a search, as FHIRPath inputs, and a criterion's
 * results on them (contacts, people seen and places are three groups over the same encounters and criterion).
 */
interface GroupMemo {
  inputs: Map<string, TypedValue[][]>;
  matches: Map<string, boolean[]>;
}

async function scopedInputs(query: string, source: FhirSource, scope: StructureScope, memo: GroupMemo): Promise<TypedValue[][]> {
  let inputs = memo.inputs.get(query);
  if (!inputs) {
    inputs = (await source.search(query)).filter((r) => inScope(r, scope)).map((r) => [toTypedValue(r)]);
    memo.inputs.set(query, inputs);
  }
  return inputs;
}

async function evaluateGroup(group: CompiledGroup, source: FhirSource, scope: StructureScope, base: Vars, text: Record<string, string>, roles: () => Promise<Map<string, string>>, memo: GroupMemo): Promise<MeasureReportGroup> {
  const query = fillQuery(group.source, text);
  const inputs = await scopedInputs(query, source, scope, memo);
  const join = group.related ? joiner(group.related, await source.search(fillQuery(group.related.source, text)), base) : undefined;
  const variables = inputs.map((input): Vars => ({ ...base, '%resource': input[0] as TypedValue, ...(join ? { '%related': join(input) } : {}) }));
  const matches = group.populations.map((p) => {
    // A criterion reads %related only in a joined group: without a join, its results depend on the resource alone.
    const key = join ? undefined : `${query}\u0000${p.expression}`;
    const known = key === undefined ? undefined : memo.matches.get(key);
    if (known) return known;
    const result = inputs.map((input, i) => truthy(p.criteria, input, variables[i] ?? base));
    if (key !== undefined) memo.matches.set(key, result);
    return result;
  });
  const population = reportPopulations(group, matches, inputs, variables);
  const stratifier: MeasureReportGroup['stratifier'] = [];
  for (const s of group.stratifiers) {
    const names = s.resolve === 'profession' ? await roles() : undefined;
    const strata = new Map<string, number[]>();
    inputs.forEach((input, i) => {
      // A resource in no population is in no stratum (a hospital stay read with the contacts is not a contact).
      if (!matches.some((m) => m[i])) return;
      const raw = strings(s.criteria, input, variables[i] ?? base);
      const values = [...new Set((names ? raw.map((r) => names.get(r) ?? NOT_RECORDED) : raw).filter(Boolean))];
      for (const value of values.length ? values : [NOT_RECORDED]) {
        const members = strata.get(value);
        if (members) members.push(i);
        else strata.set(value, [i]);
      }
    });
    const stratum = [...strata].map(([value, members]) => ({ value: { text: value }, population: reportPopulations(group, matches, inputs, variables, members) }));
    stratum.sort((a, b) => (b.population[0]?.count ?? 0) - (a.population[0]?.count ?? 0) || a.value.text.localeCompare(b.value.text));
    stratifier.push({ code: [{ text: s.text }], stratum });
  }
  const measureScore = score(population);
  return { id: group.id, code: { text: group.text }, population, ...(measureScore ? { measureScore } : {}), ...(stratifier.length ? { stratifier } : {}) };
}

/** The summary MeasureReport of `measure` for the structure's people over the period (aggregates only: no person named). */
export async function evaluateMeasure(measure: Measure, sourceIn: FhirSource, options: EvaluateOptions): Promise<MeasureReport> {
  const compiled = compileMeasure(measure);
  const text = periodVariables(options.period);
  const base: Vars = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, { type: 'date', value: v }]));
  const total = new Set([...compiled.groups.map((g) => g.source), ...compiled.groups.flatMap((g) => (g.related ? [g.related.source] : []))]).size + 1;
  let done = 0;
  const source: FhirSource = cachedSource({
    ...(sourceIn.maxListChars !== undefined ? { maxListChars: sourceIn.maxListChars } : {}),
    search: async (query) => {
      const result = await sourceIn.search(query, (fetched) => options.progress?.({ query, fetched, done, total }));
      done++;
      options.progress?.({ query, fetched: result.length, done, total });
      return result;
    },
  });
  const scope = await structureScope(source, options.structure);
  // The groups read the structure's records only (scoped.ts); the teams and roles above are read whole.
  const scoped = scopedSource(source, scope, { maxListChars: source.maxListChars ?? DEFAULT_LIST_CHARS });
  let roleMap: Promise<Map<string, string>> | undefined;
  const roles = (): Promise<Map<string, string>> => (roleMap ??= professions(source));
  const group: MeasureReportGroup[] = [];
  const memo: GroupMemo = { inputs: new Map(), matches: new Map() };
  for (const g of compiled.groups) group.push(await evaluateGroup(g, scoped, scope, base, text, roles, memo));
  return {
    resourceType: 'MeasureReport',
    status: 'complete',
    type: 'summary',
    measure: measure.url ?? `Measure/${measure.id}`,
    date: (options.now?.() ?? new Date()).toISOString(),
    reporter: { reference: scope.organization },
    period: { start: options.period.start, end: options.period.end },
    group,
  };
}
