/**
 * A profile's minValue[x] and maxValue[x] (Medplum's parser keeps neither): a number below its minimum or above
 * its maximum is an error, and so is a Quantity, compared in the bound's unit when both are UCUM units of the same
 * dimension that differ only by a metric prefix (`g` and `kg`) or are units of time (`s`, `min`, `h`, `d`).
 * Units that cannot be compared offline are not judged. A date, time or dateTime is compared only with a bound of
 * the same precision and form. Bounds on slices are not read.
 * See https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.minValue_x_
 */
import type { InternalSchemaElement, InternalTypeSchema } from '@medplum/core';
import type { ElementDefinition } from '@medplum/fhirtypes';
import { issue } from './issues.ts';
import type { WalkContext } from './walker.ts';

type Json = Record<string, unknown>;

interface Bound {
  kind: 'min' | 'max';
  /** The choice type of the bound (`Quantity`, `Integer`, `Date`…). */
  type: string;
  value: unknown;
}

const boundsByElement = new WeakMap<InternalSchemaElement, Bound[]>();

const UCUM = 'http://unitsofmeasure.org';
const PREFIXES: Record<string, number> = { G: 1e9, M: 1e6, k: 1e3, h: 1e2, da: 1e1, d: 1e-1, c: 1e-2, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15 };
const BASES = new Set(['g', 'L', 'l', 'm', 'mol', 'eq', 's', 'Pa']);
const TIME: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86400, wk: 604800 };

/** A UCUM code as a multiple of its base unit, for the simple units above; undefined otherwise. */
function ucum(code: string): [string, number] | undefined {
  if (TIME[code] !== undefined) return ['s', TIME[code]];
  if (BASES.has(code)) return [code === 'l' ? 'L' : code, 1];
  for (const [prefix, factor] of Object.entries(PREFIXES)) {
    const base = code.slice(prefix.length);
    if (code.startsWith(prefix) && BASES.has(base)) return [base === 'l' ? 'L' : base, factor];
  }
  return undefined;
}

/** Records the bounds of a profile's elements (its snapshot, slices left aside) on Medplum's parsed elements. */
export function recordBounds(schema: InternalTypeSchema, snapshot: ElementDefinition[]): void {
  for (const e of snapshot) {
    const bounds: Bound[] = [];
    for (const [k, v] of Object.entries(e)) {
      if (k.startsWith('minValue')) bounds.push({ kind: 'min', type: k.slice(8), value: v });
      else if (k.startsWith('maxValue')) bounds.push({ kind: 'max', type: k.slice(8), value: v });
    }
    if (bounds.length === 0 || (e.id ?? '').includes(':') || !e.path) continue;
    const el = schema.elements[e.path.slice(e.path.indexOf('.') + 1)];
    if (el) boundsByElement.set(el, bounds);
  }
}

/** The value and the bound as two numbers in the same unit, or undefined when they cannot be compared. */
function comparable(value: unknown, bound: Bound): [number, number] | undefined {
  if (bound.type === 'Quantity') {
    if (typeof value !== 'object' || value === null) return undefined;
    const q = value as Json;
    const b = bound.value as Json;
    if (typeof q.value !== 'number' || typeof b.value !== 'number') return undefined;
    if (b.code === undefined && b.unit === undefined) return [q.value, b.value];
    if (typeof q.code !== 'string' || typeof b.code !== 'string' || (q.system ?? '') !== (b.system ?? '')) return undefined;
    if (q.code === b.code) return [q.value, b.value];
    if (q.system !== UCUM) return undefined;
    const [qu, bu] = [ucum(q.code), ucum(b.code)];
    if (!qu || !bu || qu[0] !== bu[0]) return undefined;
    return [q.value * qu[1], b.value * bu[1]];
  }
  if (typeof value === 'number' && typeof bound.value === 'number') return [value, bound.value];
  return undefined;
}

/** Dates, times and dateTimes of the same precision and form compare as strings. */
function comparableText(value: unknown, bound: Bound): boolean {
  if (typeof value !== 'string' || typeof bound.value !== 'string' || value.length !== bound.value.length) return false;
  const shape = (s: string): string => s.replace(/[0-9]/g, '0');
  return ['Date', 'DateTime', 'Instant', 'Time'].includes(bound.type) && shape(value) === shape(bound.value) && !/[+Z-]\d*:?\d*$/.test(value.slice(10));
}

function show(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const q = value as Json;
  return `${String(q.value)}${typeof q.code === 'string' ? ` ${q.code}` : typeof q.unit === 'string' ? ` ${q.unit}` : ''}`;
}

/** A value below its element's minValue[x] or above its maxValue[x]. */
export function checkBounds(value: unknown, el: InternalSchemaElement, path: string, ctx: WalkContext): void {
  const bounds = boundsByElement.get(el);
  if (!bounds) return;
  for (const bound of bounds) {
    let below: boolean;
    let above: boolean;
    const pair = comparable(value, bound);
    if (pair) [below, above] = [pair[0] < pair[1], pair[0] > pair[1]];
    else if (comparableText(value, bound)) [below, above] = [(value as string) < (bound.value as string), (value as string) > (bound.value as string)];
    else continue;
    if (bound.kind === 'min' && below) {
      ctx.issues.push(issue('error', 'value', path, `The value ${show(value)} is below the minimum ${show(bound.value)} the profile allows (minValue${bound.type})`));
    } else if (bound.kind === 'max' && above) {
      ctx.issues.push(issue('error', 'value', path, `The value ${show(value)} is above the maximum ${show(bound.value)} the profile allows (maxValue${bound.type})`));
    }
  }
}
