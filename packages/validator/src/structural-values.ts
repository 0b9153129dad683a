/**
 * Where Medplum's structural pass finds a value (src/structural.ts): for each element, the JSON names its value may
 * sit under (`value[x]`: `valueString`, `valueQuantity`… and their `_` twins), matched against the few keys a
 * value holds instead of looked up one by one, then the value read and typed as Medplum's
 * getTypedPropertyValueWithSchema and the crawler's withPath do. Every lookup is cached per schema.
 */
import type { InternalSchemaElement, InternalTypeSchema, TypedValueWithPath } from '@medplum/core';
import { getElementDefinition, getTypedPropertyValue, isEmpty, isResource, tryGetDataType } from '@medplum/core';
import { memoPerOwner } from './memo.ts';

type Json = Record<string, unknown>;

/**
 * Where Medplum's getTypedPropertyValueWithSchema looks for an element's value: the JSON property names
 * (`value[x]`: `valueString`, `valueQuantity`…; otherwise the element's name), each with its `_` twin, two per
 * type in the element's order. A choice element's names (up to a hundred, for Extension.value[x]) are also
 * indexed by name, to be tested against the few keys of the value.
 */
export interface ValueNames {
  element: InternalSchemaElement;
  names: string[];
  choice: Map<string, number> | undefined;
}

function valueNames(element: InternalSchemaElement): ValueNames {
  const last = element.path.slice(element.path.lastIndexOf('.') + 1);
  const isChoice = last.endsWith('[x]');
  const base = isChoice ? last.slice(0, -3) : last;
  const names: string[] = [];
  for (const t of element.type ?? []) {
    const name = isChoice ? base + t.code.charAt(0).toUpperCase() + t.code.slice(1) : base;
    names.push(name, `_${name}`);
  }
  // A name repeated (two types of one code) keeps its first type, as Medplum's loop stops at the first.
  const choice = names.length > 2 ? new Map<string, number>() : undefined;
  names.forEach((n, i) => {
    if (choice && !choice.has(n)) choice.set(n, i >> 1);
  });
  return { element, names, choice };
}

/**
 * Per type schema of Medplum's registry (the one getTypedPropertyValue reads for a value of that type), the names
 * of each element key; null for a key only Medplum's own lookup judges (a dotted key, one the type lacks).
 */
const namesBySchema = new WeakMap<InternalTypeSchema, Map<string, ValueNames | null>>();

function namesOf(registered: InternalTypeSchema, type: string, key: string): ValueNames | null {
  let byKey = namesBySchema.get(registered);
  if (!byKey) {
    byKey = new Map();
    namesBySchema.set(registered, byKey);
  }
  let names = byKey.get(key);
  if (names === undefined) {
    const element = key.includes('.') ? undefined : getElementDefinition(type, key);
    names = element ? valueNames(element) : null;
    byKey.set(key, names);
  }
  return names;
}

/** One element of a crawl: its key in the crawled schema, where its value is (null: ask Medplum), whether required. */
interface Step {
  key: string;
  names: ValueNames | null;
  required: boolean;
}

/** The steps of crawling a value of a registered type against a schema (they differ for a profile), built once. */
const plans = new WeakMap<InternalTypeSchema, WeakMap<InternalTypeSchema, { steps: Step[]; choice: boolean }>>();

export function planFor(schema: InternalTypeSchema, type: string): { steps: Step[]; choice: boolean } | undefined {
  const registered = tryGetDataType(type);
  if (!registered) return undefined;
  let byRegistered = plans.get(schema);
  if (!byRegistered) {
    byRegistered = new WeakMap();
    plans.set(schema, byRegistered);
  }
  let plan = byRegistered.get(registered);
  if (!plan) {
    const steps = Object.keys(schema.elements).map((key): Step => ({ key, names: namesOf(registered, type, key), required: (schema.elements[key]?.min ?? 0) > 0 }));
    plan = { steps, choice: steps.some((s) => s.names?.choice) };
    byRegistered.set(registered, plan);
  }
  return plan;
}

/** The index of the first of the element's types whose name `value` (a plain JSON object, `keys` its keys) sets; -1 when none. */
export function typeIndex(value: Json, names: ValueNames, keys: string[]): number {
  if (names.choice) {
    let first = -1;
    for (const k of keys) {
      const i = names.choice.get(k);
      if (i !== undefined && value[k] !== undefined && (first < 0 || i < first)) first = i;
    }
    return first;
  }
  for (let i = 0; i < names.names.length; i += 2) {
    if (value[names.names[i] as string] !== undefined || value[names.names[i + 1] as string] !== undefined) return i >> 1;
  }
  return -1;
}

/**
 * Medplum's getTypedPropertyValueWithSchema once the type is found (`index`, from typeIndex): the value or values,
 * primitive extensions merged in, typed; then the crawler's withPath.
 */
export function typedProperty(parent: TypedValueWithPath, key: string, names: ValueNames, index: number): TypedValueWithPath | TypedValueWithPath[] {
  const value = parent.value as Json;
  const types = names.element.type;
  const name = names.names[2 * index] as string;
  let resultValue: unknown = value[name];
  const primitiveExtension = value[`_${name}`] as unknown;
  let resultType = types[index]?.code ?? 'undefined';
  if (primitiveExtension) {
    if (Array.isArray(resultValue)) {
      const merged: unknown[] = resultValue.slice();
      const extensions = primitiveExtension as unknown[];
      for (let i = 0; i < Math.max(merged.length, extensions.length); i++) merged[i] = assignPrimitiveExtension(merged[i], extensions[i]);
      resultValue = merged;
    } else if (!resultValue && Array.isArray(primitiveExtension)) {
      resultValue = primitiveExtension.map((e: unknown) => assignPrimitiveExtension(undefined, e));
    } else {
      resultValue = assignPrimitiveExtension(resultValue, primitiveExtension);
    }
  }
  const prefix = parent.path ? parent.path + '.' : '';
  if (isEmpty(resultValue)) return { type: 'undefined', value: undefined, path: `${prefix}${key}` };
  if (resultType === 'Element' || resultType === 'BackboneElement') resultType = types[0]?.code ?? resultType;
  if (!Array.isArray(resultValue)) return typedAt(resultValue, resultType, `${prefix}${key}`);
  return resultValue.map((v: unknown, i) => typedAt(v, resultType, `${prefix}${key}[${i}]`));
}

/** Medplum's toTypedValueWithType, with the crawler's path. */
function typedAt(value: unknown, type: string, path: string): TypedValueWithPath {
  return { type: type === 'Resource' && isResource(value) ? value.resourceType : type, value, path };
}

/** Medplum's assignPrimitiveExtension: the extension's properties copied onto the value (a String object for a string). */
function assignPrimitiveExtension(target: unknown, primitiveExtension: unknown): unknown {
  if (!primitiveExtension) return target;
  if (typeof primitiveExtension !== 'object') throw new Error('Primitive extension must be an object');
  Reflect.deleteProperty(primitiveExtension, '__proto__');
  Reflect.deleteProperty(primitiveExtension, 'constructor');
  return Object.assign((target ?? {}) as object, primitiveExtension);
}

export function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const innerTypesByName = new WeakMap<InternalTypeSchema[], Map<string, InternalTypeSchema>>();

/** `schema.innerTypes.find((t) => t.name === type)`, indexed once per list. */
export function innerType(schema: InternalTypeSchema, type: string): InternalTypeSchema | undefined {
  const list = schema.innerTypes;
  if (!list) return undefined;
  let byName = innerTypesByName.get(list);
  if (!byName || byName.size === 0) {
    byName = new Map();
    for (const t of list) if (!byName.has(t.name)) byName.set(t.name, t);
    innerTypesByName.set(list, byName);
  }
  return byName.get(type);
}

/** For a JSON key, the first `[x]` element its capitalised prefixes name (`valueQuantity`: `value`), per elements. */
const choicePrefix = memoPerOwner((properties: Record<string, InternalSchemaElement>, key: string): string | null => {
  let testProperty = '';
  for (const part of key.split(/(?=[A-Z])/g)) {
    testProperty += part;
    if (properties[testProperty + '[x]']) return testProperty;
  }
  return null;
});

/**
 * Whether Medplum's getTypedPropertyValue finds a value for `property` in `parent` (`keys`: its keys): through the
 * names matched, as the crawl reads values, for a plain object of a registered type.
 */
function holdsValue(parent: TypedValueWithPath, property: string, keys: string[]): boolean {
  const registered = isPlainObject(parent.value) ? tryGetDataType(parent.type) : undefined;
  const names = registered && namesOf(registered, parent.type, property);
  if (!names) return Boolean(getTypedPropertyValue(parent, property));
  const index = typeIndex(parent.value as Json, names, keys);
  if (index < 0) return false;
  const found = typedProperty(parent, property, names, index);
  return Array.isArray(found) || found.value !== undefined;
}

/** Medplum's isChoiceOfType: the `[x]` element name a JSON key fills (`_` kept), when its value is there. */
export function isChoiceOfType(parent: TypedValueWithPath, key: string, properties: Record<string, InternalSchemaElement>, keys: string[]): string | undefined {
  const underscore = key.startsWith('_');
  const testProperty = choicePrefix(properties, underscore ? key.slice(1) : key);
  if (testProperty === null) return undefined;
  return holdsValue(parent, testProperty, keys) ? `${underscore ? '_' : ''}${testProperty}[x]` : undefined;
}

