/**
 * What a canonical URL or a code system URL points to, when the validator holds that definition: a
 * `canonical(Questionnaire)` that names a known ValueSet is an error, and so is a Coding whose system is relative,
 * a ValueSet, or a CodeSystem supplement (a supplement adds designations and properties to another code system; its URL is not
 * a code system of its own). See https://hl7.org/fhir/R4/references.html#canonical and
 * https://hl7.org/fhir/R4/codesystem.html#supplements
 */
import type { InternalSchemaElement } from '@medplum/core';
import { CORE_SD, withoutVersion } from './definitions.ts';
import { issue } from './issues.ts';
import type { WalkContext } from './walker.ts';

type Json = Record<string, unknown>;

/** The resource type of the definition known under `url`, or undefined when none is known offline. */
function knownType(url: string, ctx: WalkContext): string | undefined {
  const bare = withoutVersion(url);
  const data = ctx.defs.profiles();
  if (data.valueSets.has(bare)) return 'ValueSet';
  if (data.codeSystems.has(bare)) return 'CodeSystem';
  if (data.byUrl.has(bare) || (bare.startsWith(CORE_SD) && ctx.defs.findStructure(bare))) return 'StructureDefinition';
  if (!bare.startsWith('http://hl7.org/fhir/') && !bare.startsWith('http://terminology.hl7.org/')) return undefined;
  return ctx.defs.r4Terminology<{ resourceType?: string }>(bare)?.resourceType;
}

const targetsByElement = new WeakMap<InternalSchemaElement, string[] | null>();

/** The resource types a canonical element may name (from its targetProfile), null when any. */
function canonicalTargets(el: InternalSchemaElement): string[] | null {
  let targets = targetsByElement.get(el);
  if (targets === undefined) {
    const profiles = el.type.filter((t) => t.code === 'canonical').flatMap((t) => t.targetProfile ?? []);
    const types = profiles.map((p) => withoutVersion(p)).filter((p) => p.startsWith(CORE_SD)).map((p) => p.slice(CORE_SD.length));
    targets = types.length === 0 || types.length !== profiles.length || types.includes('Resource') ? null : types;
    targetsByElement.set(el, targets);
  }
  return targets;
}

/** A canonical that names a known definition of a type its element does not allow. */
export function checkCanonical(value: string, el: InternalSchemaElement, path: string, ctx: WalkContext): void {
  if (value.startsWith('#')) return;
  const targets = canonicalTargets(el);
  if (!targets) return;
  const found = knownType(value, ctx);
  if (found && !targets.includes(found)) {
    ctx.issues.push(issue('error', 'structure', path, `The canonical URL ${value} names a ${found}, but this element expects ${targets.length > 1 ? 'one of ' : 'a '}${targets.join(', ')}`));
  }
}

/**
 * A Coding whose system is not a code system: a relative URL (a system is an absolute URI), a known ValueSet's
 * URL, or a CodeSystem supplement the validator knows.
 */
export function checkCodingSystem(coding: Json, path: string, ctx: WalkContext): void {
  if (typeof coding.system !== 'string') return;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(coding.system)) {
    ctx.issues.push(issue('error', 'value', `${path}.system`, `Coding.system must be an absolute URI, not a local reference (${coding.system})`));
    return;
  }
  if (coding.system.startsWith('http://hl7.org/fhir/ValueSet/') && knownType(coding.system, ctx) === 'ValueSet') {
    ctx.issues.push(issue('error', 'value', `${path}.system`, `The Coding names a value set, not a code system (${coding.system}): use the system of the code`));
    return;
  }
  const cs = ctx.defs.profiles().codeSystems.get(withoutVersion(coding.system));
  if (cs?.supplements) {
    ctx.issues.push(issue('error', 'value', `${path}.system`, `The CodeSystem ${coding.system} is a supplement of ${cs.supplements}: a Coding names the code system it supplements, not the supplement`));
  }
}
