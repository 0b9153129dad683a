/**
 * Reference targets: a reference to a type the element does not allow is an error (literal, absolute,
 * `#contained`, `urn:uuid:` resolved in the Bundle, and `Reference.type`), and so is a `#id` with no contained
 * resource. See https://hl7.org/fhir/R4/references.html
 */
import type { InternalSchemaElement } from '@medplum/core';
import type { Registry } from './definitions.ts';
import { CORE_SD } from './definitions.ts';
import { issue } from './issues.ts';
import type { WalkContext } from './walker.ts';

type Json = Record<string, unknown>;

const REF_PATTERN = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The resource type a reference points to, when it can be told from the reference alone or the bundle. */
export function referencedType(reference: string, ctx: Pick<WalkContext, 'resource' | 'resolve' | 'defs'>): string | undefined {
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
  return type && ctx.defs.isKnownResourceType(type) ? type : undefined;
}

const allowedByElement = new WeakMap<InternalSchemaElement, string[] | null>();

/** Resource types a Reference element may point to, undefined when any (or one we cannot judge); memoised. */
function allowedTypes(el: InternalSchemaElement, defs: Registry): string[] | undefined {
  let allowed = allowedByElement.get(el);
  if (allowed === undefined) {
    allowed = targetTypes(el, defs) ?? null;
    allowedByElement.set(el, allowed);
  }
  return allowed ?? undefined;
}

function targetTypes(el: InternalSchemaElement, defs: Registry): string[] | undefined {
  const targets = el.type.filter((t) => t.code === 'Reference').flatMap((t) => t.targetProfile ?? []);
  if (targets.length === 0) return undefined;
  const types: string[] = [];
  for (const tp of targets) {
    const url = tp.split('|')[0] ?? tp;
    if (url === CORE_SD + 'Resource') return undefined;
    if (url.startsWith(CORE_SD) && !url.slice(CORE_SD.length).includes('/')) {
      const sd = defs.findStructure(url);
      types.push(sd?.type ?? url.slice(CORE_SD.length));
      continue;
    }
    const sd = defs.findStructure(url);
    if (!sd?.type) return undefined; // a profile we do not know: cannot judge
    types.push(sd.type);
  }
  return types;
}

/** Checks one Reference value against the target types its element allows. */
export function checkReference(ref: Json, el: InternalSchemaElement, path: string, ctx: WalkContext): void {
  const allowed = allowedTypes(el, ctx.defs);
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
