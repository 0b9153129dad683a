/**
 * The checks Medplum's validateResource does not make, in one pass over the values actually present:
 * required and extensible bindings (also inside extensions and slices), extensions against their own
 * definitions, the rules inside matched slices, closed slicing, and reference target types as errors.
 * See https://hl7.org/fhir/R4/profiling.html#slicing and https://hl7.org/fhir/R4/terminologies.html#strength
 */
import type { InternalSchemaElement, InternalTypeSchema, SliceDefinition, SlicingRules, TypedValue } from '@medplum/core';
import { deepEquals, deepIncludes, getDataType, getTypedPropertyValue, tryGetDataType } from '@medplum/core';
import type { OperationOutcomeIssue, StructureDefinition } from '@medplum/fhirtypes';
import { CORE_SD, findStructure, isKnownResourceType, profileSchema } from './definitions.ts';
import { issue } from './issues.ts';
import { checkCode, describeValueSet, uncheckableSystems } from './terminology.ts';

type Json = Record<string, unknown>;

export interface WalkContext {
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
}

const WRONG_CHOICE = '\u0000';
const BINDABLE = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri']);
const overlays = new WeakMap<object, Map<string, Record<string, InternalSchemaElement> | null>>();

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type Found = [InternalSchemaElement, string];
const elementsByKey = new WeakMap<object, Map<string, Found | null>>();

/** Element definition and concrete type for a JSON key (`valueQuantity` → `value[x]`, `Quantity`), memoised per schema. */
function elementFor(key: string, elements: Record<string, InternalSchemaElement>): Found | undefined {
  let byKey = elementsByKey.get(elements);
  if (!byKey) {
    byKey = new Map();
    elementsByKey.set(elements, byKey);
  }
  let found = byKey.get(key);
  if (found === undefined) {
    found = findElement(key, elements) ?? null;
    byKey.set(key, found);
  }
  return found ?? undefined;
}

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
    const found = elementFor(key, elements);
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
      if (value === null || value === undefined || (typeof value !== 'object' && !bound)) continue;
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
  if (typeof value !== 'object' || value === null) return;
  if (type === 'Reference') checkReference(value as Json, el, p, ctx);
  if ((key === 'extension' || key === 'modifierExtension') && !inMatchedSlice) checkExtension(value as Json, p, ctx);
  if (declared === 'Resource') {
    if (ctx.skipEntryResources && key === 'resource' && site.parentPath.startsWith('Bundle.entry')) return;
    const rs = tryGetDataType(type);
    if (rs) walk(value as Json, rs, p, { ...ctx, root: rs, profileUrl: undefined }, undefined, depth + 1);
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

// ---------------------------------------------------------------- bindings

function bindingMessage(kind: 'invalid' | 'missing', strength: string, url: string, shown: string): string {
  const vs = describeValueSet(url);
  if (kind === 'missing') return `No code provided, and a code ${strength === 'required' ? 'is required' : 'should be provided'} from the value set ${vs}`;
  return strength === 'required'
    ? `The code ${shown} is not in the value set required here: ${vs}`
    : `The code ${shown} is not in the value set ${vs}; the binding is extensible, so use one of its codes when one fits`;
}

function notChecked(url: string, shown: string, path: string, ctx: WalkContext): void {
  const systems = uncheckableSystems(url).join(', ');
  ctx.issues.push(
    issue('information', 'informational', path, `The code ${shown} was not checked offline against the value set ${url}${systems ? ` (it draws on ${systems}, which cannot be checked without a terminology server)` : ''}`),
  );
}

function codingsOf(value: unknown, type: string): { system?: string; code?: string }[] {
  if (typeof value === 'string') return [{ code: value }];
  if (!value || typeof value !== 'object') return [];
  const v = value as Json;
  if (type === 'CodeableConcept') return Array.isArray(v.coding) ? (v.coding as Json[]).filter((c) => c && typeof c === 'object').map((c) => ({ system: c.system as string | undefined, code: c.code as string | undefined })) : [];
  return [{ system: typeof v.system === 'string' ? v.system : undefined, code: typeof v.code === 'string' ? v.code : undefined }];
}

export function checkBinding(value: unknown, type: string, el: Pick<InternalSchemaElement, 'binding'>, path: string, ctx: WalkContext): void {
  const strength = el.binding?.strength;
  const url = el.binding?.valueSet;
  if (!url || (strength !== 'required' && strength !== 'extensible')) return;
  if (type === 'Quantity' && (!value || typeof value !== 'object' || typeof (value as Json).code !== 'string')) return;
  if (typeof value === 'string' && checkCode(url, undefined, value) === 'valid') return; // the common case, without allocations
  const codings = codingsOf(value, type).filter((c) => typeof c.code === 'string');
  const severity = strength === 'required' ? 'error' : 'warning';
  if (codings.length === 0) {
    if (type === 'CodeableConcept' && strength === 'required') ctx.issues.push(issue(severity, 'code-invalid', path, bindingMessage('missing', strength, url, '')));
    return;
  }
  let unchecked: string | undefined;
  let unknownVs = false;
  const invalid: string[] = [];
  for (const c of codings) {
    const verdict = checkCode(url, c.system, c.code as string);
    if (verdict === 'valid') return;
    const shown = c.system ? `"${c.system}|${c.code}"` : `"${c.code}"`;
    if (verdict === 'not-checkable') unchecked ??= shown;
    else if (verdict === 'unknown-valueset') {
      unknownVs = true;
      unchecked ??= shown;
    } else invalid.push(shown);
  }
  if (unknownVs && unchecked) {
    ctx.issues.push(issue('information', 'informational', path, `The value set ${url} is not available offline: the code ${unchecked} was not checked`));
    return;
  }
  if (unchecked) {
    notChecked(url, unchecked, path, ctx);
    return;
  }
  ctx.issues.push(issue(severity, 'code-invalid', path, bindingMessage('invalid', strength, url, invalid.join(', '))));
}

// ---------------------------------------------------------------- references

const REF_PATTERN = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The resource type a reference points to, when it can be told from the reference alone or the bundle. */
export function referencedType(reference: string, ctx: Pick<WalkContext, 'resource' | 'resolve'>): string | undefined {
  if (reference.startsWith('#')) {
    const contained = Array.isArray(ctx.resource.contained) ? (ctx.resource.contained as Json[]) : [];
    const found = contained.find((c) => c && c.id === reference.slice(1));
    return typeof found?.resourceType === 'string' ? found.resourceType : undefined;
  }
  const resolved = ctx.resolve?.(reference);
  if (resolved) return resolved;
  if (reference.startsWith('urn:')) return undefined;
  const q = reference.indexOf('?');
  if (q > 0 && /^[A-Z][A-Za-z]+$/.test(reference.slice(0, q))) return reference.slice(0, q);
  const type = REF_PATTERN.exec(reference)?.[1];
  // An absolute URL whose path merely looks like Type/id (e.g. .../Network/x) is not judged.
  return type && isKnownResourceType(type) ? type : undefined;
}

const allowedByElement = new WeakMap<InternalSchemaElement, string[] | null>();

/** Resource types a Reference element may point to, undefined when any (or one we cannot judge); memoised. */
function allowedTypes(el: InternalSchemaElement): string[] | undefined {
  let allowed = allowedByElement.get(el);
  if (allowed === undefined) {
    allowed = targetTypes(el) ?? null;
    allowedByElement.set(el, allowed);
  }
  return allowed ?? undefined;
}

function targetTypes(el: InternalSchemaElement): string[] | undefined {
  const targets = el.type.filter((t) => t.code === 'Reference').flatMap((t) => t.targetProfile ?? []);
  if (targets.length === 0) return undefined;
  const types: string[] = [];
  for (const tp of targets) {
    const url = tp.split('|')[0] ?? tp;
    if (url === CORE_SD + 'Resource') return undefined;
    if (url.startsWith(CORE_SD) && !url.slice(CORE_SD.length).includes('/')) {
      const sd = findStructure(url);
      types.push(sd?.type ?? url.slice(CORE_SD.length));
      continue;
    }
    const sd = findStructure(url);
    if (!sd?.type) return undefined; // a profile we do not know: cannot judge
    types.push(sd.type);
  }
  return types;
}

function checkReference(ref: Json, el: InternalSchemaElement, path: string, ctx: WalkContext): void {
  const allowed = allowedTypes(el);
  if (typeof ref.reference === 'string' && ref.reference.startsWith('#') && ref.reference.length > 1) {
    if (!referencedType(ref.reference, ctx)) {
      ctx.issues.push(issue('error', 'not-found', `${path}.reference`, `The reference ${ref.reference} points to no contained resource with that id`));
      return;
    }
  }
  if (!allowed) return;
  const declared = typeof ref.type === 'string' ? ref.type : undefined;
  const actual = typeof ref.reference === 'string' ? referencedType(ref.reference, ctx) : undefined;
  for (const [type, where] of [
    [actual, 'reference'],
    [declared, 'type'],
  ] as const) {
    if (type && !allowed.includes(type)) {
      ctx.issues.push(
        issue('error', 'structure', `${path}.${where}`, `A reference to a ${type} is not allowed here: it must point to ${allowed.length > 1 ? 'one of ' : ''}${[...new Set(allowed)].join(', ')}`),
      );
      return;
    }
  }
}

// ---------------------------------------------------------------- extensions

/** Checks an extension against its StructureDefinition (cardinality, types, values, nested extensions, bindings). */
export function checkExtension(ext: Json, path: string, ctx: WalkContext, url = ext.url): void {
  if (typeof url !== 'string' || ctx.handled.has(ext)) return;
  ctx.handled.add(ext);
  const sd: StructureDefinition | undefined = findStructure(url);
  const schema = sd ? profileSchema(url) : undefined;
  if (!sd || !schema) {
    if (url.startsWith('https://fhir.parcours.fr/')) {
      ctx.issues.push(issue('error', 'structure', path, `Unknown Parcours extension ${url}: check the URL against the Parcours implementation guide`));
    } else {
      ctx.issues.push(issue('information', 'informational', path, `The extension ${url} is not known offline: its content was not checked`));
    }
    return;
  }
  if (ext.url !== url) {
    ctx.issues.push(issue('error', 'value', `${path}.url`, `This extension must have url ${url}, found ${String(ext.url)}`));
  }
  // Medplum has already checked the extension as a base Extension (formats, ext-1); what its definition adds
  // is cardinality, value types (walk: choice types), fixed values, nested slices and bindings.
  checkCardinality(ext, schema, path, ctx);
  walk(ext, schema, path, { ...ctx, root: schema, profileUrl: url });
}

function countValues(obj: Json, key: string): number {
  const count = (v: unknown): number => (v === undefined || v === null ? 0 : Array.isArray(v) ? v.length : 1);
  // A primitive may be present only through its extensions (`_valueString`).
  const both = (k: string): number => Math.max(count(obj[k]), count(obj['_' + k]));
  if (!key.endsWith('[x]')) return both(key);
  const prefix = key.slice(0, -3);
  let n = 0;
  const seen = new Set<string>();
  for (const raw of Object.keys(obj)) {
    const k = raw.charCodeAt(0) === 95 ? raw.slice(1) : raw;
    if (seen.has(k) || !k.startsWith(prefix) || k.length === prefix.length || k.charCodeAt(prefix.length) > 90) continue;
    seen.add(k);
    n += both(k);
  }
  return n;
}

/** Top-level cardinalities and fixed values of an extension definition (`value[x]` 1..1, `extension` 0..0). */
const topLevelElements = new WeakMap<InternalTypeSchema, [string, InternalSchemaElement][]>();

function checkCardinality(obj: Json, schema: InternalTypeSchema, path: string, ctx: WalkContext): void {
  let top = topLevelElements.get(schema);
  if (!top) {
    top = Object.entries(schema.elements).filter(([key]) => !key.includes('.'));
    topLevelElements.set(schema, top);
  }
  for (const [key, el] of top) {
    const n = countValues(obj, key);
    if (n < el.min || n > el.max) {
      const name = key.replace('[x]', '');
      ctx.issues.push(
        issue('error', 'structure', `${path}.${name}`, n < el.min ? `Missing element required by the extension definition ${schema.url ?? ''}: ${name} expects ${cardinality(el.min, el.max)}` : `Too many values for ${name} in extension ${schema.url ?? ''}: expects ${cardinality(el.min, el.max)}, found ${n}`),
      );
    }
    if (n > 0 && key !== 'url' && (el.fixed || el.pattern)) {
      const raw = obj[key];
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        const tv: TypedValue = { type: el.type[0]?.code ?? '', value: v };
        if ((el.fixed && !deepEquals(tv, el.fixed)) || (el.pattern && !deepIncludes(tv, el.pattern))) {
          ctx.issues.push(issue('error', 'value', `${path}.${key}`, `This value does not match the value fixed by the extension definition ${schema.url ?? ''}`));
        }
      }
    }
  }
}

// ---------------------------------------------------------------- slices

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

function cardinality(min: number, max: number): string {
  return `${min}..${Number.isFinite(max) ? max : '*'}`;
}

/** Assigns values to slices, checks slice counts, closed slicing and the content of each matched slice. */
function checkSlicing(values: unknown[], rules: SlicingRules, type: string, path: string, ctx: WalkContext): (SliceDefinition | undefined)[] {
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
