/**
 * Offline ValueSet membership for required and extensible bindings: the profiles' ValueSets and CodeSystems
 * first, then the R4 ones of the validator's DefinitionSource. Expansions are computed from `compose` on first use and
 * memoised. Systems we have no content for (LOINC, SNOMED CT, UCUM...) are reported as "not checked offline",
 * never as valid. See https://hl7.org/fhir/R4/valueset.html#compositions
 */
import type { CodeSystem, CodeSystemConcept, ValueSet, ValueSetComposeInclude, ValueSetExpansionContains } from '@medplum/fhirtypes';
import type { Registry } from './definitions.ts';
import { withoutVersion as bare } from './definitions.ts';

export interface Expansion {
  url: string;
  name: string;
  /** system → codes; one code set per system ('' for codes given without system). */
  codes: Map<string, Set<string>>;
  /** Systems the value set draws from that we cannot enumerate offline. */
  uncheckable: Set<string>;
}

export type CodeVerdict = 'valid' | 'invalid' | 'not-checkable' | 'unknown-valueset';

const FORMAT_SYSTEMS: Record<string, RegExp> = {
  // MIME types and language tags have a grammar, not a list: check the form.
  'urn:ietf:bcp:13': /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*(\s*;.*)?$/,
  'urn:ietf:bcp:47': /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/,
};

// CapabilityStatement.format and friends also allow these short forms (https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.format).
const FORMAT_SHORTHANDS = new Set(['xml', 'json', 'ttl']);



function addAll(set: Set<string>, concepts: CodeSystemConcept[] | undefined): void {
  for (const c of concepts ?? []) {
    set.add(c.code);
    addAll(set, c.concept);
  }
}

function findConcept(concepts: CodeSystemConcept[] | undefined, code: string): CodeSystemConcept | undefined {
  for (const c of concepts ?? []) {
    if (c.code === code) return c;
    const found = findConcept(c.concept, code);
    if (found) return found;
  }
  return undefined;
}

function codesOf(exp: Expansion, system: string): Set<string> {
  let set = exp.codes.get(system);
  if (!set) {
    set = new Set();
    exp.codes.set(system, set);
  }
  return set;
}

function includeSystem(exp: Expansion, inc: ValueSetComposeInclude, findCodeSystem: (url: string) => CodeSystem | undefined): void {
  const system = inc.system;
  if (!system) return;
  if (inc.concept?.length) {
    const set = codesOf(exp, system);
    for (const c of inc.concept) set.add(c.code);
    return;
  }
  const cs = findCodeSystem(system);
  if (!cs?.concept?.length || (cs.content && cs.content !== 'complete')) {
    if (FORMAT_SYSTEMS[system]) codesOf(exp, system);
    else exp.uncheckable.add(system);
    return;
  }
  if (!inc.filter?.length) {
    addAll(codesOf(exp, system), cs.concept);
    return;
  }
  for (const f of inc.filter) {
    const root = f.value ? findConcept(cs.concept, f.value) : undefined;
    if ((f.op === 'is-a' || f.op === 'descendent-of') && f.property === 'concept' && root) {
      const set = codesOf(exp, system);
      if (f.op === 'is-a') set.add(root.code);
      addAll(set, root.concept);
    } else if (f.op === 'is-not-a' && f.property === 'concept' && root) {
      const excluded = new Set<string>([root.code]);
      addAll(excluded, root.concept);
      const all = new Set<string>();
      addAll(all, cs.concept);
      const set = codesOf(exp, system);
      for (const c of all) if (!excluded.has(c)) set.add(c);
    } else {
      exp.uncheckable.add(system);
    }
  }
}

function addContains(exp: Expansion, contains: ValueSetExpansionContains[] | undefined): void {
  for (const c of contains ?? []) {
    if (c.code) codesOf(exp, c.system ?? '').add(c.code);
    addContains(exp, c.contains);
  }
}

export interface Terminology {
  /** The expansion of a ValueSet by canonical URL, or undefined when the ValueSet is not available offline. */
  expand(url: string): Expansion | undefined;
  /** Is `code` (from `system`, or any system when undefined) in the value set? */
  checkCode(valueSetUrl: string, system: string | undefined, code: string): CodeVerdict;
  /** A short human description of a value set: its name and, when small, the codes it allows. */
  describeValueSet(valueSetUrl: string): string;
  /** Systems of the value set that cannot be checked offline, for messages. */
  uncheckableSystems(valueSetUrl: string): string[];
  /** Drops the memoised expansions (definitions were registered). */
  clear(): void;
}

/** ValueSet membership over one validator's definitions; expansions are memoised until `clear`. */
class ValueSetIndex implements Terminology {
  private readonly defs: Pick<Registry, 'profiles' | 'r4Terminology'>;
  private readonly expansions = new Map<string, Expansion | null>();

  constructor(defs: Pick<Registry, 'profiles' | 'r4Terminology'>) {
    this.defs = defs;
  }

  private findValueSet(url: string): ValueSet | undefined {
    const p = this.defs.profiles().valueSets.get(url);
    if (p) return p;
    const r = this.defs.r4Terminology<ValueSet | CodeSystem>(url);
    return r?.resourceType === 'ValueSet' ? r : undefined;
  }

  private readonly findCodeSystem = (url: string): CodeSystem | undefined => {
    const p = this.defs.profiles().codeSystems.get(url);
    if (p) return p;
    const r = this.defs.r4Terminology<ValueSet | CodeSystem>(url);
    return r?.resourceType === 'CodeSystem' ? r : undefined;
  };

  expand(url: string, depth = 0): Expansion | undefined {
    const key = bare(url);
    const cached = this.expansions.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const vs = this.findValueSet(key);
    if (!vs || depth > 10) {
      this.expansions.set(key, null);
      return undefined;
    }
    const exp: Expansion = { url: key, name: vs.title ?? vs.name ?? key, codes: new Map(), uncheckable: new Set() };
    this.expansions.set(key, exp);
    if (vs.expansion?.contains?.length) addContains(exp, vs.expansion.contains);
    else this.compose(exp, vs, depth);
    return exp;
  }

  /** An expansion from `compose`: included systems and ValueSets, then exclusions. */
  private compose(exp: Expansion, vs: ValueSet, depth: number): void {
    for (const inc of vs.compose?.include ?? []) {
      if (!inc.valueSet?.length || inc.system) {
        includeSystem(exp, inc, this.findCodeSystem);
        continue;
      }
      for (const ref of inc.valueSet) {
        const sub = this.expand(ref, depth + 1);
        if (!sub) {
          exp.uncheckable.add(`ValueSet ${ref}`);
          continue;
        }
        for (const [s, codes] of sub.codes) for (const c of codes) codesOf(exp, s).add(c);
        for (const s of sub.uncheckable) exp.uncheckable.add(s);
      }
    }
    for (const exc of vs.compose?.exclude ?? []) {
      if (exc.system && exc.concept) for (const c of exc.concept) exp.codes.get(exc.system)?.delete(c.code);
    }
  }

  /**
   * `not-checkable` when the value set draws on a system we cannot enumerate offline and the code is not among
   * those we can.
   */
  checkCode(valueSetUrl: string, system: string | undefined, code: string): CodeVerdict {
    const exp = this.expand(valueSetUrl);
    if (!exp) return 'unknown-valueset';
    if (system !== undefined) {
      const format = FORMAT_SYSTEMS[system];
      if (format && exp.codes.has(system)) return format.test(code) || FORMAT_SHORTHANDS.has(code) ? 'valid' : 'invalid';
      if (exp.codes.get(system)?.has(code)) return 'valid';
      if (exp.uncheckable.has(system)) return 'not-checkable';
      if (exp.codes.has(system)) return 'invalid';
      // A system the value set does not draw on: invalid unless the value set has parts we cannot see.
      return [...exp.uncheckable].some((s) => s.startsWith('ValueSet ')) ? 'not-checkable' : 'invalid';
    }
    for (const [s, codes] of exp.codes) {
      if (codes.has(code)) return 'valid';
      const format = FORMAT_SYSTEMS[s];
      if (format && (format.test(code) || FORMAT_SHORTHANDS.has(code))) return 'valid';
    }
    return exp.uncheckable.size > 0 ? 'not-checkable' : 'invalid';
  }

  describeValueSet(valueSetUrl: string): string {
    const exp = this.expand(valueSetUrl);
    if (!exp) return bare(valueSetUrl);
    const all: string[] = [];
    for (const codes of exp.codes.values()) for (const c of codes) all.push(c);
    const label = exp.name === exp.url ? exp.url : `${exp.name} (${exp.url})`;
    if (all.length > 0 && all.length <= 12 && exp.uncheckable.size === 0) return `${label}, allowed codes: ${all.join(', ')}`;
    return label;
  }

  uncheckableSystems(valueSetUrl: string): string[] {
    return [...(this.expand(valueSetUrl)?.uncheckable ?? [])];
  }

  clear(): void {
    this.expansions.clear();
  }
}

/** ValueSet membership over one validator's definitions. */
export function createTerminology(defs: Pick<Registry, 'profiles' | 'r4Terminology'>): Terminology {
  return new ValueSetIndex(defs);
}
