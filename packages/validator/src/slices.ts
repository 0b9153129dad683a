/**
 * Slices: values matched to slices (value/pattern/type discriminators, `$this`, bindings), slice counts, closed
 * slicing, and the rules inside a matched slice (cardinality, types, fixed/pattern values, bindings,
 * references). See https://hl7.org/fhir/R4/profiling.html#slicing
 */
import type { SliceDefinition, SlicingRules, TypedValue } from '@medplum/core';
import { deepEquals, deepIncludes, getTypedPropertyValue } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { checkBinding } from './bindings.ts';
import { checkExtension } from './extensions.ts';
import { issue } from './issues.ts';
import { checkReference } from './references.ts';
import type { WalkContext } from './walker.ts';
import { BINDABLE } from './walker.ts';

type Json = Record<string, unknown>;

function typedChildren(parent: TypedValue, key: string): TypedValue[] {
  const v = getTypedPropertyValue(parent, key);
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x.value !== undefined);
}

/** Values reached by a dotted path from a typed value (`coding.system`). */
function valuesAt(root: TypedValue, dotted: string): TypedValue[] {
  if (dotted === '$this') return [root];
  let current = [root];
  for (const part of dotted.split('.')) {
    current = current.flatMap((v) => typedChildren(v, part.replace(/\.?ofType\(.*\)$/, '')));
  }
  return current;
}

function matchesSlice(tv: TypedValue, rules: SlicingRules, slice: SliceDefinition, ctx: WalkContext): boolean {
  for (const d of rules.discriminator) {
    if (d.type === 'type') {
      if (!slice.type.some((t) => t.code === tv.type)) return false;
      continue;
    }
    if (d.type !== 'value' && d.type !== 'pattern') return false;
    const extUrl = slice.type[0]?.profile?.[0];
    if (d.path === 'url' && tv.type === 'Extension' && extUrl) {
      if ((tv.value as Json).url !== extUrl) return false;
      continue;
    }
    const sliceEl = d.path === '$this' ? slice : slice.elements[d.path];
    if (!sliceEl) return false;
    const candidates = valuesAt(tv, d.path);
    const ok = candidates.some((c) => {
      if (sliceEl.pattern) return deepIncludes(c, sliceEl.pattern);
      if (sliceEl.fixed) return deepEquals(c, sliceEl.fixed);
      if (sliceEl.binding?.valueSet && sliceEl.binding.strength === 'required') {
        const probe: OperationOutcomeIssue[] = [];
        checkBinding(c.value, c.type, sliceEl, '', { ...ctx, issues: probe });
        return probe.every((i) => i.severity === 'information');
      }
      return false;
    });
    if (!ok) return false;
  }
  return true;
}

/** `min..max`, `*` for unbounded. */
export function cardinality(min: number, max: number): string {
  return `${min}..${Number.isFinite(max) ? max : '*'}`;
}

/** Assigns values to slices, checks slice counts, closed slicing and the content of each matched slice. */
export function checkSlicing(values: unknown[], rules: SlicingRules, type: string, path: string, ctx: WalkContext): (SliceDefinition | undefined)[] {
  const assigned: (SliceDefinition | undefined)[] = [];
  const counts = new Map<string, number>();
  values.forEach((value, i) => {
    if (!value || typeof value !== 'object') {
      assigned.push(undefined);
      return;
    }
    const tv: TypedValue = { type, value };
    const slice = rules.slices.find((s) => matchesSlice(tv, rules, s, ctx));
    assigned.push(slice);
    if (!slice) {
      if (rules.rule === 'closed') ctx.issues.push(issue('error', 'structure', `${path}[${i}]`, `This value matches none of the slices defined for ${path.replace(/\[\d+\]/g, '')}, and the slicing is closed`));
      return;
    }
    counts.set(slice.name, (counts.get(slice.name) ?? 0) + 1);
    checkSliceContent(tv, slice, `${path}[${i}]`, ctx);
  });
  for (const s of rules.slices) {
    const n = counts.get(s.name) ?? 0;
    if (n < s.min || n > s.max) {
      ctx.issues.push(issue('error', 'structure', path, `Slice '${s.name}' requires ${cardinality(s.min, s.max)} value(s), found ${n}`));
    }
  }
  return assigned;
}

function checkSliceContent(tv: TypedValue, slice: SliceDefinition, path: string, ctx: WalkContext): void {
  const profile = slice.type[0]?.profile?.[0];
  if (tv.type === 'Extension' && profile) {
    checkExtension(tv.value as Json, path, ctx, profile);
    return;
  }
  const name = `slice '${slice.name}'`;
  if (slice.pattern && !deepIncludes(tv, slice.pattern)) ctx.issues.push(issue('error', 'value', path, `This value does not match the pattern required by ${name}: ${JSON.stringify(slice.pattern.value)}`));
  if (slice.fixed && !deepEquals(tv, slice.fixed)) ctx.issues.push(issue('error', 'value', path, `This value does not equal the fixed value required by ${name}: ${JSON.stringify(slice.fixed.value)}`));
  if (slice.binding) checkBinding(tv.value, tv.type, slice, path, ctx);
  for (const [sub, el] of Object.entries(slice.elements)) {
    const dot = sub.lastIndexOf('.');
    const parents = dot < 0 ? [tv] : valuesAt(tv, sub.slice(0, dot));
    const leaf = dot < 0 ? sub : sub.slice(dot + 1);
    const subPath = `${path}.${sub.replace('[x]', '')}`;
    for (const parent of parents) {
      const children = typedChildren(parent, leaf);
      if (children.length < el.min || children.length > el.max) {
        ctx.issues.push(issue('error', 'structure', subPath, `${children.length === 0 ? 'Missing element required' : 'Wrong number of values'} in ${name}: ${sub} expects ${cardinality(el.min, el.max)}, found ${children.length}`));
      }
      for (const child of children) {
        const codes = el.type.map((t) => t.code);
        if (codes.length && !codes.includes(child.type) && !(codes.includes('Resource') || codes.some((c) => c === 'BackboneElement' || c === 'Element' || c.length === 0))) {
          ctx.issues.push(issue('error', 'structure', subPath, `Wrong type in ${name}: ${sub} must be ${codes.join(' or ')}, found ${child.type}`));
        }
        if (el.pattern && !deepIncludes(child, el.pattern)) ctx.issues.push(issue('error', 'value', subPath, `Wrong value in ${name}: ${sub} must match ${JSON.stringify(el.pattern.value)}`));
        if (el.fixed && !deepEquals(child, el.fixed)) ctx.issues.push(issue('error', 'value', subPath, `Wrong value in ${name}: ${sub} must be ${JSON.stringify(el.fixed.value)}`));
        if (el.binding?.valueSet && BINDABLE.has(child.type)) checkBinding(child.value, child.type, el, subPath, ctx);
        if (child.type === 'Reference' && child.value && typeof child.value === 'object') checkReference(child.value as Json, el, subPath, ctx);
      }
    }
  }
}
