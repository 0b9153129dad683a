/**
 * The checks Medplum's validateResource does not make, in one pass over the values actually present:
 * required and extensible bindings (also inside extensions and slices), extensions against their own
 * definitions, the rules inside matched slices, closed slicing, and reference target types as errors.
 * This module walks the values and finds their element definitions; the checks themselves are in bindings.ts,
 * references.ts, extensions.ts and slices.ts.
 * See https://hl7.org/fhir/R4/profiling.html#slicing and https://hl7.org/fhir/R4/terminologies.html#strength
 */
import type { InternalSchemaElement, InternalTypeSchema } from '@medplum/core';
import { getDataType, tryGetDataType } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { checkBinding } from './bindings.ts';
import { checkBounds } from './bounds.ts';
import { checkCanonical, checkCodingSystem } from './canonicals.ts';
import type { Registry } from './definitions.ts';
import { checkExtension } from './extensions.ts';
import { issue } from './issues.ts';
import { memoPerOwner } from './memo.ts';
import { checkPeriod } from './periods.ts';
import { checkReference } from './references.ts';
import { cardinality, checkSlicing } from './slices.ts';

type Json = Record<string, unknown>;

export interface WalkContext {
  /** The definitions of the validator doing the walk. */
  defs: Registry;
  issues: OperationOutcomeIssue[];
  /** Root schema, whose inner (backbone) types shadow the base ones. */
  root: InternalTypeSchema;
  profileUrl?: string;
  /** The resource being validated, for `#id` references to contained resources. */
  resource: Json;
  /** Resolves a `urn:uuid:`/absolute reference to a resource type inside the enclosing Bundle. */
  resolve?: (reference: string) => string | undefined;
  /** Bundle entries are validated on their own (see bundle.ts), not as part of the Bundle. */
  skipEntryResources?: boolean;
  /** Extensions already checked as a profiled slice. */
  handled: WeakSet<object>;
  /** Extensions walked against their own definition: the walk against base Extension would only repeat it. */
  walked: WeakSet<object>;
  /** Severity of an unknown extension outside HL7's space (the HL7 validator's: error). */
  unknownExtensions?: 'error' | 'information';
  /** HTML markup in a markdown value is an error (default: allowed). */
  htmlInMarkdown?: 'allow' | 'error';
}

const WRONG_CHOICE = '\u0000';
export const BINDABLE = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri']);
const overlays = new WeakMap<object, Map<string, Record<string, InternalSchemaElement> | null>>();

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type Found = [InternalSchemaElement, string];

/** Element definition and concrete type for a JSON key (`valueQuantity` → `value[x]`, `Quantity`), memoised per schema. */
const elementFor = memoPerOwner((elements: Record<string, InternalSchemaElement>, key: string): Found | null => findElement(key, elements) ?? null);

function findElement(key: string, elements: Record<string, InternalSchemaElement>): Found | undefined {
  const direct = elements[key];
  if (direct) return [direct, direct.type[0]?.code ?? ''];
  for (let i = key.length - 1; i > 0; i--) {
    const c = key.charCodeAt(i);
    if (c < 65 || c > 90) continue;
    const choice = elements[key.slice(0, i) + '[x]'];
    if (choice) {
      const suffix = key.slice(i);
      const t = choice.type.find((x) => capitalize(x.code) === suffix);
      return t ? [choice, t.code] : [choice, WRONG_CHOICE + suffix];
    }
  }
  return undefined;
}

/** Profile constraints on the children of a complex-typed element (`code.coding` under `code`). */
function overlayFor(elements: Record<string, InternalSchemaElement>, key: string): Record<string, InternalSchemaElement> | undefined {
  let perSchema = overlays.get(elements);
  if (!perSchema) {
    perSchema = new Map();
    overlays.set(elements, perSchema);
  }
  const cached = perSchema.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const prefix = key + '.';
  let result: Record<string, InternalSchemaElement> | null = null;
  for (const [k, el] of Object.entries(elements)) {
    if (k.startsWith(prefix)) {
      result ??= Object.create(null) as Record<string, InternalSchemaElement>;
      result[k.slice(prefix.length)] = el;
    }
  }
  perSchema.set(key, result);
  return result ?? undefined;
}

const mergedCache = new WeakMap<object, WeakMap<object, Record<string, InternalSchemaElement>>>();

function merged(elements: Record<string, InternalSchemaElement>, overlay: Record<string, InternalSchemaElement>): Record<string, InternalSchemaElement> {
  let byOverlay = mergedCache.get(elements);
  if (!byOverlay) {
    byOverlay = new WeakMap();
    mergedCache.set(elements, byOverlay);
  }
  let result = byOverlay.get(overlay);
  if (!result) {
    result = { ...elements, ...overlay };
    byOverlay.set(overlay, result);
  }
  return result;
}

const schemasByRoot = new WeakMap<InternalTypeSchema, Map<string, InternalTypeSchema>>();

function schemaFor(type: string, ctx: WalkContext): InternalTypeSchema | undefined {
  let byType = schemasByRoot.get(ctx.root);
  if (!byType) {
    byType = new Map();
    schemasByRoot.set(ctx.root, byType);
  }
  const cached = byType.get(type);
  if (cached) return cached;
  // Not tryGetDataType(type, profileUrl): for a profile on Extension (or Bundle) that would apply the profile
  // again to every nested Extension (or Bundle). The profile's own backbone types are its innerTypes.
  const schema = ctx.root.innerTypes.find((t) => t.name === type) ?? tryGetDataType(type);
  if (schema) byType.set(type, schema); // a type not loaded yet may be loaded later: only hits are kept
  return schema;
}

/** Walks a resource (or element) against a schema, appending issues to ctx. */
export function walk(obj: Json, schema: InternalTypeSchema, path: string, ctx: WalkContext, overlay?: Record<string, InternalSchemaElement>, depth = 0): void {
  if (depth > 48) return;
  const elements = overlay ? merged(schema.elements, overlay) : schema.elements;
  checkAbsentSlices(obj, elements, path, ctx);
  for (const key of Object.keys(obj)) {
    if (key === 'resourceType') continue;
    const raw = obj[key];
    if (raw === null || raw === undefined) continue;
    if (key.charCodeAt(0) === 95 /* '_' */) {
      walkPrimitiveExtensions(raw, `${path}.${key.slice(1)}`, ctx, depth);
      continue;
    }
    const found = elementFor(elements, key) ?? undefined;
    if (!found) continue; // Medplum reports unknown properties
    const [el, declared] = found;
    const keyPath = `${path}.${key}`;
    if (declared.startsWith(WRONG_CHOICE)) {
      const name = el.path.slice(el.path.lastIndexOf('.') + 1);
      ctx.issues.push(issue('error', 'structure', keyPath, `${key} is not allowed here: ${name} must be of type ${el.type.map((t) => t.code).join(' or ')}`));
      continue;
    }
    const site: Site = { key, el, declared, elements, parentPath: path };
    if (!Array.isArray(raw)) {
      visit(raw, keyPath, site, false, ctx, depth);
      continue;
    }
    const matched = el.slicing ? checkSlicing(raw, el.slicing, declared, keyPath, ctx) : undefined;
    const bound = el.binding?.valueSet !== undefined;
    for (let i = 0; i < raw.length; i++) {
      const value: unknown = raw[i];
      // Primitives only matter for a binding: do not even build their path otherwise.
      if (value === null || value === undefined || (typeof value !== 'object' && !bound && declared !== 'canonical')) continue;
      visit(value, `${keyPath}[${i}]`, site, matched?.[i] !== undefined, ctx, depth);
    }
  }
}

/** Where a value sits: its element, declared type, and the elements of its parent (for profile overlays). */
interface Site {
  key: string;
  el: InternalSchemaElement;
  declared: string;
  elements: Record<string, InternalSchemaElement>;
  parentPath: string;
}

/** The checks on one value of an element, then the walk below it. */
function visit(value: unknown, p: string, site: Site, inMatchedSlice: boolean, ctx: WalkContext, depth: number): void {
  const { key, el, declared } = site;
  let type = declared;
  if (type === 'Resource' && typeof value === 'object' && typeof (value as Json).resourceType === 'string') type = (value as Json).resourceType as string;
  if (el.binding?.valueSet && BINDABLE.has(type)) checkBinding(value, type, el, p, ctx);
  checkBounds(value, el, p, ctx);
  if (typeof value !== 'object' || value === null) {
    if (type === 'canonical' && typeof value === 'string') checkCanonical(value, el, p, ctx);
    else if (type === 'markdown' && ctx.htmlInMarkdown === 'error' && typeof value === 'string' && /<[A-Za-z!/?]/.test(value)) {
      ctx.issues.push(issue('error', 'value', p, 'HTML markup is not allowed in this markdown (htmlInMarkdown: error): write it as markdown, or escape "<"'));
    }
    return;
  }
  if (type === 'Reference') checkReference(value as Json, el, p, ctx);
  else if (type === 'Period') checkPeriod(value as Json, p, ctx);
  else if (type === 'Coding') checkCodingSystem(value as Json, p, ctx);
  if ((key === 'extension' || key === 'modifierExtension') && !inMatchedSlice) checkExtension(value as Json, p, ctx);
  if (ctx.walked.has(value)) return;
  if (declared === 'Resource') {
    if (ctx.skipEntryResources && key === 'resource' && site.parentPath.startsWith('Bundle.entry')) return;
    const rs = tryGetDataType(type);
    // A resource nested in a Parameters or a Bundle has its own contained resources for its `#id` references;
    // a contained one refers to its siblings through its container (https://hl7.org/fhir/R4/references.html#contained).
    const resource = key === 'contained' ? ctx.resource : (value as Json);
    if (rs) walk(value as Json, rs, p, { ...ctx, root: rs, profileUrl: undefined, resource }, undefined, depth + 1);
    return;
  }
  const child = schemaFor(type, ctx);
  if (child) walk(value as Json, child, p, ctx, overlayFor(site.elements, key), depth + 1);
}

const slicedElements = new WeakMap<object, [string, InternalSchemaElement][]>();

/** Slices with a minimum on an element that is absent altogether (present ones are counted in checkSlicing). */
function checkAbsentSlices(obj: Json, elements: Record<string, InternalSchemaElement>, path: string, ctx: WalkContext): void {
  let sliced = slicedElements.get(elements);
  if (!sliced) {
    sliced = Object.entries(elements).filter(([k, e]) => !k.includes('.') && e.slicing?.slices.some((s) => s.min > 0));
    slicedElements.set(elements, sliced);
  }
  for (const [key, el] of sliced) {
    const json = key.endsWith('[x]') ? undefined : obj[key];
    if (json !== undefined && json !== null) continue;
    for (const s of el.slicing?.slices ?? []) {
      if (s.min > 0) ctx.issues.push(issue('error', 'required', `${path}.${key}`, `Slice '${s.name}' requires ${cardinality(s.min, s.max)} value(s), found 0`));
    }
  }
}

function walkPrimitiveExtensions(raw: unknown, path: string, ctx: WalkContext, depth: number): void {
  const items = Array.isArray(raw) ? raw : [raw];
  items.forEach((item, i) => {
    if (!item || typeof item !== 'object') return;
    const p = Array.isArray(raw) ? `${path}[${i}]` : path;
    walk(item as Json, getDataType('Element'), p, ctx, undefined, depth + 1);
  });
}
