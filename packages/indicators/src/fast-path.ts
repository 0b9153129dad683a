// The Measures' FHIRPath, compiled once into closures over plain JSON values instead of interpreted per resource:
// Medplum's evaluator looks each property up in the type schema, which cost about 20 µs per expression and resource
// (the populations and breakdowns of a year of a structure: 2 s of the operation's time). Only the subset the
// Measures use is compiled (paths, where/exists/empty/startsWith, = != < <= > >= +, and/or, |, literals,
// variables), each operator with Medplum's own semantics (fhirpath/atoms.ts, utils.ts of @medplum/core 5): an
// expression outside it, or a value the subset does not model (a primitive's extension `_x`, an object compared or
// de-duplicated, a collection where one item is expected), is evaluated by Medplum instead, whole. fast-path.test.ts
// compares both on every expression of the Measures and every resource of the generated cohort.
import {
  AndAtom, ArithmeticOperatorAtom, DotAtom, EqualsAtom, FhirPathAtom, FunctionAtom, LiteralAtom, NotEqualsAtom, OrAtom, SymbolAtom, UnionAtom,
} from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import type { Atom } from './definitions.ts';

type Vars = Record<string, TypedValue>;
/** Any node of a parsed expression (Medplum's Atom). */
type Node = FhirPathAtom['child'];
type Fn = (input: unknown[], vars: Vars) => unknown[];

/** Thrown while compiling: the expression is outside the subset. */
class Unsupported extends Error {}
/** Thrown while evaluating: this value is outside the subset; Medplum evaluates the expression instead. */
class Fallback extends Error {}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'object') return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
  return false;
}

function primitive(v: unknown): unknown {
  if (v !== null && typeof v === 'object') throw new Fallback();
  return v;
}

function equal(x: unknown, y: unknown): boolean {
  const a = primitive(x);
  const b = primitive(y);
  return typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-8 : a === b;
}

function single(values: unknown[]): unknown {
  if (values.length > 1) throw new Fallback();
  return values[0];
}

function bool(values: unknown[]): boolean | undefined {
  const v = single(values);
  if (v !== undefined && typeof v !== 'boolean') throw new Fallback();
  return v;
}

/** True when the object has a key `name` followed by an upper-case letter (a choice element: `valueString` for `value`). */
function hasChoiceOf(record: Record<string, unknown>, name: string): boolean {
  for (const key in record) {
    const next = key.length > name.length ? key.charCodeAt(name.length) : 0;
    if (next >= 65 && next <= 90 && key.startsWith(name)) return true;
  }
  return false;
}

/** A property of each object of the input (arrays flattened, empty values left out), as Medplum's SymbolAtom. */
function member(name: string): Fn {
  if (/^[A-Z]/.test(name)) throw new Unsupported(); // a type name: Medplum reads it as the resource itself
  const extension = `_${name}`;
  return (input) => {
    const out: unknown[] = [];
    for (const item of input) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
      const record = item as Record<string, unknown>;
      if (record[extension] !== undefined) throw new Fallback();
      const value = record[name];
      // A choice element (`subject` read as `subjectCodeableConcept`): Medplum resolves it with the type schema.
      if (value === undefined && hasChoiceOf(record, name)) throw new Fallback();
      if (isEmpty(value)) continue;
      if (Array.isArray(value)) {
        for (const v of value) if (v !== undefined) out.push(v);
      } else out.push(value);
    }
    return out;
  };
}

function call(atom: FunctionAtom): Fn {
  const args = atom.args.map(compileAtom);
  const [arg] = args;
  switch (atom.name) {
    case 'where':
      if (!arg || args.length !== 1) throw new Unsupported();
      return (input, vars) => input.filter((e) => {
        const r = arg([e], vars);
        return r.length > 0 && !!r[0];
      });
    case 'exists':
      if (args.length > 1) throw new Unsupported();
      return arg ? (input, vars) => [input.some((e) => {
        const r = arg([e], vars);
        return r.length > 0 && !!r[0];
      })] : (input) => [input.length > 0 && input.every((e) => !isEmpty(e))];
    case 'empty':
      if (args.length) throw new Unsupported();
      return (input) => [input.every(isEmpty)];
    case 'startsWith':
      if (!arg || args.length !== 1) throw new Unsupported();
      return (input, vars) => {
        if (input.length === 0) return [];
        const value = single(input);
        const prefix = arg(input, vars)[0];
        if (typeof value !== 'string' || typeof prefix !== 'string') throw new Fallback();
        return [value.startsWith(prefix)];
      };
    default:
      throw new Unsupported();
  }
}

function compileAtom(atom: Node): Fn {
  // `object`, not Atom: Medplum's infix atoms are alike in shape, so narrowing an Atom by one excludes the others.
  const node: object = atom;
  if (node instanceof FhirPathAtom) {
    const child = compileAtom(node.child);
    // One item (a resource, most of the time): the child reads the input as it is (no expression changes its input).
    return (input, vars) => (input.length === 1 ? child(input, vars) : input.length ? input.flatMap((e) => child([e], vars)) : child([], vars));
  }
  if (node instanceof LiteralAtom) {
    const value = node.value.value as unknown;
    return () => [value];
  }
  if (node instanceof SymbolAtom) {
    const name = node.name;
    if (name === '$this') return (input) => input;
    const read = name.startsWith('%') ? undefined : member(name);
    return (input, vars) => {
      const variable = vars[name];
      if (variable !== undefined) return [variable.value];
      if (!read) throw new Fallback(); // undefined variable: Medplum says so
      return read(input, vars);
    };
  }
  if (node instanceof FunctionAtom) return call(node);
  if (node instanceof DotAtom) {
    const left = compileAtom(node.left);
    const right = compileAtom(node.right);
    return (input, vars) => right(left(input, vars), vars);
  }
  if (node instanceof EqualsAtom || node instanceof NotEqualsAtom) {
    const left = compileAtom(node.left);
    const right = compileAtom(node.right);
    const equals = node instanceof EqualsAtom;
    return (input, vars) => {
      const l = left(input, vars);
      const r = right(input, vars);
      if (!l.length || !r.length) return [];
      if (l.length !== r.length) return [!equals];
      return [equals ? l.every((v, i) => equal(v, r[i])) : l.some((v, i) => !equal(v, r[i]))];
    };
  }
  if (node instanceof AndAtom || node instanceof OrAtom) {
    const left = compileAtom(node.left);
    const right = compileAtom(node.right);
    const and = node instanceof AndAtom;
    return (input, vars) => {
      const l = bool(left(input, vars));
      const r = bool(right(input, vars));
      if (and) return l === true && r === true ? [true] : l === false || r === false ? [false] : [];
      return l === false && r === false ? [false] : l || r ? [true] : [];
    };
  }
  if (node instanceof UnionAtom) {
    const left = compileAtom(node.left);
    const right = compileAtom(node.right);
    return (input, vars) => {
      const out: unknown[] = [];
      for (const v of [...left(input, vars), ...right(input, vars)]) if (!out.some((o) => equal(o, v))) out.push(v);
      return out;
    };
  }
  if (node instanceof ArithmeticOperatorAtom && ['<', '<=', '>', '>=', '+'].includes(node.operator)) {
    const left = compileAtom(node.left);
    const right = compileAtom(node.right);
    const impl = node.impl as (x: unknown, y: unknown) => unknown;
    return (input, vars) => {
      const l = left(input, vars);
      const r = right(input, vars);
      if (!l.length || !r.length) return [];
      return [impl(primitive(single(l)), primitive(single(r)))];
    };
  }
  throw new Unsupported();
}

const compiled = new WeakMap<Atom, Fn | null>();

function compiledOf(atom: Atom): Fn | null {
  let fn = compiled.get(atom);
  if (fn === undefined) {
    try {
      fn = compileAtom(atom);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      fn = null;
    }
    compiled.set(atom, fn);
  }
  return fn;
}

/** The values of `atom` on the input (plain JSON values), compiled when it can be, else by Medplum. */
export function evalValues(atom: Atom, input: TypedValue[], variables: Vars): unknown[] {
  const fn = compiledOf(atom);
  if (fn) {
    try {
      return fn(input.map((v) => v.value as unknown), variables);
    } catch (error) {
      if (!(error instanceof Fallback)) throw error;
    }
  }
  return atom.eval({ variables }, input).map((v) => v.value as unknown);
}

/** True when `atom` compiles (tests). */
export function isCompiled(atom: Atom): boolean {
  return compiledOf(atom) !== null;
}
