/**
 * Required and extensible bindings: the code must (error) or should (warning) be in the ValueSet; a code from a
 * system that cannot be enumerated offline is reported as information, never as valid.
 * See https://hl7.org/fhir/R4/terminologies.html#strength
 */
import type { InternalSchemaElement } from '@medplum/core';
import type { Terminology } from './terminology.ts';
import { issue } from './issues.ts';
import type { WalkContext } from './walker.ts';

type Json = Record<string, unknown>;

function bindingMessage(terms: Terminology, kind: 'invalid' | 'missing', strength: string, url: string, shown: string): string {
  const vs = terms.describeValueSet(url);
  if (kind === 'missing') return `No code provided, and a code ${strength === 'required' ? 'is required' : 'should be provided'} from the value set ${vs}`;
  return strength === 'required'
    ? `The code ${shown} is not in the value set required here: ${vs}`
    : `The code ${shown} is not in the value set ${vs}; the binding is extensible, so use one of its codes when one fits`;
}

function notChecked(url: string, shown: string, path: string, ctx: WalkContext): void {
  const systems = ctx.defs.terminology.uncheckableSystems(url).join(', ');
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

/** Checks a bound value (code, Coding, CodeableConcept, Quantity, string, uri) against its ValueSet. */
export function checkBinding(value: unknown, type: string, el: Pick<InternalSchemaElement, 'binding'>, path: string, ctx: WalkContext): void {
  const strength = el.binding?.strength;
  const url = el.binding?.valueSet;
  if (!url || (strength !== 'required' && strength !== 'extensible')) return;
  if (type === 'Quantity' && (!value || typeof value !== 'object' || typeof (value as Json).code !== 'string')) return;
  if (typeof value === 'string' && ctx.defs.terminology.checkCode(url, undefined, value) === 'valid') return; // the common case, without allocations
  const codings = codingsOf(value, type).filter((c) => typeof c.code === 'string');
  const severity = strength === 'required' ? 'error' : 'warning';
  if (codings.length === 0) {
    if (type === 'CodeableConcept' && strength === 'required') ctx.issues.push(issue(severity, 'code-invalid', path, bindingMessage(ctx.defs.terminology, 'missing', strength, url, '')));
    return;
  }
  let unchecked: string | undefined;
  let unknownVs = false;
  const invalid: string[] = [];
  for (const c of codings) {
    const verdict = ctx.defs.terminology.checkCode(url, c.system, c.code as string);
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
  ctx.issues.push(issue(severity, 'code-invalid', path, bindingMessage(ctx.defs.terminology, 'invalid', strength, url, invalid.join(', '))));
}
