/**
 * The R4 invariants Medplum evaluates most often (on every extension, narrative, resource root and Bundle entry),
 * evaluated in JavaScript instead of through its FHIRPath interpreter, which walks each property through the type
 * schemas and costs a fifth of a validation. Each one gives exactly Medplum's result for the shapes it handles
 * (its FHIRPath semantics: `htmlChecks()` is true, `descendants()` is empty, empty strings and objects are empty)
 * and hands anything else (primitive extensions, unexpected JSON types) to the FHIRPath expression it replaces.
 * A constraint whose key carries another expression (a profile's own) is left alone.
 * See https://hl7.org/fhir/R4/extensibility.html#ext-1, https://hl7.org/fhir/R4/domainresource.html#invs
 */
import type { AtomContext, InternalTypeSchema, TypedValue } from '@medplum/core';
import { getAllDataTypes, getDataType, parseFhirPath } from '@medplum/core';

type Json = Record<string, unknown>;
/** What Medplum's evaluator needs of an expression: `eval` (the parsed FHIRPath atom's interface). */
interface NativeAtom {
  eval(context: AtomContext, input: TypedValue[]): TypedValue[];
  toString(): string;
  /** Medplum writes the expression into a failed invariant's diagnostics: the original FHIRPath text. */
  toJSON(): string;
}
/**
 * The verdict for the value (`variables`: the evaluation's, `%resource`…), or undefined when its shape is one the
 * fallback expression must judge.
 */
type Native = (value: unknown, variables: Record<string, TypedValue>) => boolean | undefined;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property that is absent, or present in a shape whose emptiness is plain; undefined otherwise. */
function present(owner: Json, key: string): boolean | undefined {
  if (`_${key}` in owner) return undefined;
  const v = owner[key];
  if (v === undefined) return false;
  if (typeof v === 'string') return v.length > 0 ? true : undefined;
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => isObject(x) && Object.keys(x).length > 0) ? true : undefined;
  if (isObject(v)) return Object.keys(v).length > 0 ? true : undefined;
  return undefined;
}

/** The contained resources, when each is an object without a `contained…` key; undefined otherwise. */
function containedOf(value: unknown): Json[] | undefined {
  if (!isObject(value) || '_contained' in value) return undefined;
  const contained = value.contained;
  if (contained === undefined) return [];
  if (!Array.isArray(contained) || !contained.every(isObject)) return undefined;
  return contained;
}

/** ext-1's `value`: the Extension's value[x] keys Medplum looks for (the base Extension's types). */
let valueKeys: Set<string> | undefined;
function extensionValueKeys(): Set<string> {
  valueKeys ??= new Set((getDataType('Extension').elements['value[x]']?.type ?? []).map((t) => `value${t.code.charAt(0).toUpperCase()}${t.code.slice(1)}`));
  return valueKeys;
}

const NATIVE: Record<string, { expression: string; native: Native }> = {
  // Medplum's htmlChecks() is true (the narrative's content is judged by narrative.ts).
  'txt-1': { expression: 'htmlChecks()', native: () => true },
  'txt-2': { expression: 'htmlChecks()', native: () => true },
  'ext-1': {
    expression: 'extension.exists() != value.exists()',
    native: (v) => {
      if (!isObject(v)) return undefined;
      const ext = present(v, 'extension');
      if (ext === undefined) return undefined;
      let value = false;
      for (const key in v) {
        if (!key.startsWith('value') && !key.startsWith('_value')) continue;
        if (key.startsWith('_') || !extensionValueKeys().has(key)) return undefined;
        const x = v[key];
        if (typeof x === 'number' || typeof x === 'boolean' || (typeof x === 'string' && x.length > 0) || (isObject(x) && Object.keys(x).length > 0)) value = true;
        else return undefined;
      }
      return ext !== value;
    },
  },
  'dom-2': {
    expression: 'contained.contained.empty()',
    native: (v) => {
      const contained = containedOf(v);
      if (!contained) return undefined;
      return contained.every((r) => !Object.keys(r).some((k) => k.startsWith('contained') || k.startsWith('_contained'))) ? true : undefined;
    },
  },
  'dom-4': {
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    native: (v) => metaFree(v, ['versionId', 'lastUpdated']),
  },
  'dom-5': {
    expression: 'contained.meta.security.empty()',
    native: (v) => metaFree(v, ['security']),
  },
  'bdl-5': {
    expression: 'resource.exists() or request.exists() or response.exists()',
    native: (v) => {
      if (!isObject(v)) return undefined;
      const found = ['resource', 'request', 'response'].map((k) => present(v, k));
      return found.includes(undefined) ? undefined : found.includes(true);
    },
  },
  'bdl-8': {
    expression: "fullUrl.exists() implies fullUrl.contains('/_history/').not()",
    native: (v) => {
      if (!isObject(v) || '_fullUrl' in v) return undefined;
      if (v.fullUrl === undefined) return true;
      return typeof v.fullUrl === 'string' && v.fullUrl.length > 0 ? !v.fullUrl.includes('/_history/') : undefined;
    },
  },
  // R4's descendants() is a stub in Medplum (empty): the rule is that the top-level codes are distinct.
  'csd-1': {
    expression: 'concept.code.combine($this.descendants().concept.code).isDistinct()',
    native: (v) => {
      if (!isObject(v) || '_concept' in v) return undefined;
      const concept = v.concept;
      if (concept === undefined) return true;
      if (!Array.isArray(concept)) return undefined;
      const codes = new Set<string>();
      for (const c of concept) {
        if (!isObject(c) || '_code' in c || typeof c.code !== 'string' || c.code.length === 0) return undefined;
        if (codes.has(c.code)) return false;
        codes.add(c.code);
      }
      return true;
    },
  },
};

/** A Bundle's `type` when it is a plain non-empty string (what `type = '…'` compares); undefined otherwise. */
function bundleType(v: Json): string | undefined {
  return !('_type' in v) && typeof v.type === 'string' && v.type.length > 0 ? v.type : undefined;
}

/** A Bundle's entries when each is an object; undefined for another shape. */
function entriesOf(v: Json): Json[] | undefined {
  if ('_entry' in v) return undefined;
  if (v.entry === undefined) return [];
  return Array.isArray(v.entry) && v.entry.every(isObject) ? v.entry : undefined;
}

/** `type = '<t>' implies …`: true when the Bundle's type is another one; the other side is FHIRPath's to judge. */
function unlessType(t: string): Native {
  return (v) => {
    const type = isObject(v) ? bundleType(v) : undefined;
    return type !== undefined && type !== t ? true : undefined;
  };
}

/** bdl-3 and bdl-4: every entry has `key` exactly when `%resource` (a Bundle) is of one of `types`. */
function entriesHaveWhen(key: string, types: string[]): Native {
  return (v, variables) => {
    const resource = variables['%resource']?.value as unknown;
    if (!isObject(v) || !isObject(resource) || resource.resourceType !== 'Bundle') return undefined;
    const type = bundleType(resource);
    const entries = entriesOf(v);
    if (type === undefined || !entries) return undefined;
    const expected = types.includes(type);
    let verdict = true;
    for (const e of entries) {
      const has = present(e, key);
      if (has === undefined) return undefined;
      if (has !== expected) verdict = false;
    }
    return verdict;
  };
}

/** bdl-7's `fullUrl & resource.meta.versionId` per entry with a fullUrl; undefined for a shape FHIRPath must judge. */
function versionedUrls(entries: Json[]): string[] | undefined {
  const urls: string[] = [];
  for (const e of entries) {
    if ('_fullUrl' in e || '_resource' in e) return undefined;
    if (e.fullUrl === undefined) continue;
    if (typeof e.fullUrl !== 'string' || e.fullUrl.length === 0) return undefined;
    const resource = e.resource;
    let version = '';
    if (resource !== undefined) {
      if (!isObject(resource) || '_meta' in resource) return undefined;
      const meta = resource.meta;
      if (meta !== undefined) {
        if (!isObject(meta) || '_versionId' in meta || (meta.versionId !== undefined && typeof meta.versionId !== 'string')) return undefined;
        version = meta.versionId ?? '';
      }
    }
    urls.push(e.fullUrl + version);
  }
  return urls;
}

/**
 * The Bundle invariants: FHIRPath walks every entry for them (a sixth of validating the sample's Bundles).
 * FHIRPath's `or` evaluates both sides (an error on the right fails even `true or …`), so each native judges the
 * whole expression's shapes before it answers.
 */
const BUNDLE: Record<string, { expression: string; native: Native }> = {
  'bdl-1': {
    expression: "total.empty() or (type = 'searchset') or (type = 'history')",
    native: (v) => {
      if (!isObject(v) || '_total' in v || (v.total !== undefined && typeof v.total !== 'number')) return undefined;
      const type = bundleType(v);
      if (type === undefined) return undefined;
      return v.total === undefined || type === 'searchset' || type === 'history';
    },
  },
  'bdl-2': {
    expression: "entry.search.empty() or (type = 'searchset')",
    native: (v) => {
      const entries = isObject(v) ? entriesOf(v) : undefined;
      const type = isObject(v) ? bundleType(v) : undefined;
      if (!entries || type === undefined) return undefined;
      let searched = false;
      for (const e of entries) {
        const has = present(e, 'search');
        if (has === undefined) return undefined;
        searched ||= has;
      }
      return !searched || type === 'searchset';
    },
  },
  'bdl-3': {
    expression: "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    native: entriesHaveWhen('request', ['batch', 'transaction', 'history']),
  },
  'bdl-4': {
    expression: "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    native: entriesHaveWhen('response', ['batch-response', 'transaction-response', 'history']),
  },
  'bdl-7': {
    expression: "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    native: (v) => {
      const entries = isObject(v) ? entriesOf(v) : undefined;
      const type = isObject(v) ? bundleType(v) : undefined;
      const urls = entries && versionedUrls(entries);
      if (!urls || type === undefined) return undefined;
      return type === 'history' || new Set(urls).size === urls.length;
    },
  },
  'bdl-9': { expression: "type = 'document' implies (identifier.system.exists() and identifier.value.exists())", native: unlessType('document') },
  'bdl-10': { expression: "type = 'document' implies (timestamp.hasValue())", native: unlessType('document') },
  'bdl-11': { expression: "type = 'document' implies entry.first().resource.is(Composition)", native: unlessType('document') },
  'bdl-12': { expression: "type = 'message' implies entry.first().resource.is(MessageHeader)", native: unlessType('message') },
};

/** dom-4 and dom-5: none of the contained resources' `meta` has the given properties. */
function metaFree(v: unknown, keys: string[]): boolean | undefined {
  const contained = containedOf(v);
  if (!contained) return undefined;
  for (const r of contained) {
    if ('_meta' in r) return undefined;
    const meta = r.meta;
    if (meta === undefined) continue;
    if (!isObject(meta)) return undefined;
    for (const key of keys) {
      const found = present(meta, key);
      if (found !== false) return found === true ? false : undefined;
    }
  }
  return true;
}

let enabled = true;

/**
 * Turns the native evaluations off (`false`: every invariant through Medplum's FHIRPath, as Medplum ships) or on.
 * For benchmarks that compare with raw Medplum in the same process, whose type schemas these replacements share.
 */
export function useNativeInvariants(on: boolean): void {
  enabled = on;
}

function atom(expression: string, native: Native): NativeAtom {
  let fallback: ReturnType<typeof parseFhirPath> | undefined;
  return {
    eval(context, input) {
      const verdict = enabled && input.length === 1 ? native(input[0]?.value, context.variables) : undefined;
      if (verdict !== undefined) return [{ type: 'boolean', value: verdict }];
      fallback ??= parseFhirPath(expression);
      return fallback.eval(context, input);
    },
    toString: () => expression,
    toJSON: () => expression,
  };
}

const ATOMS = new Map(Object.entries({ ...NATIVE, ...BUNDLE }).map(([key, n]) => [key, { expression: n.expression, atom: atom(n.expression, n.native) }]));
const done = new WeakSet<object>();

function replace(constraints: { key: string; expression: unknown }[] | undefined): void {
  for (const c of constraints ?? []) {
    const known = ATOMS.get(c.key);
    if (known && c.expression === known.expression) c.expression = known.atom;
  }
}

/** Replaces, in place, the constraints of a schema (its elements and inner types) that have a native evaluation. */
export function nativeInvariants(schema: InternalTypeSchema): void {
  if (done.has(schema)) return;
  done.add(schema);
  replace(schema.constraints as { key: string; expression: unknown }[] | undefined);
  for (const element of Object.values(schema.elements)) replace(element.constraints as { key: string; expression: unknown }[] | undefined);
  for (const inner of schema.innerTypes) nativeInvariants(inner);
}

/** The same for every schema in Medplum's registry of types (after loading definitions into it). */
export function nativeInvariantsForAll(): void {
  for (const schema of Object.values(getAllDataTypes())) nativeInvariants(schema);
}
