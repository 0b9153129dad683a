/**
 * Extensions against their own definitions wherever they appear: cardinality of `value[x]` and `extension`,
 * allowed value types, fixed values, nested slices and bindings. An unknown Parcours extension is an error,
 * another unknown extension information. See https://hl7.org/fhir/R4/extensibility.html
 */
import type { InternalSchemaElement, InternalTypeSchema, TypedValue } from '@medplum/core';
import { deepEquals, deepIncludes } from '@medplum/core';
import type { OperationOutcomeIssue, StructureDefinition } from '@medplum/fhirtypes';
import { issue } from './issues.ts';
import { cardinality } from './slices.ts';
import type { WalkContext } from './walker.ts';
import { walk } from './walker.ts';

type Json = Record<string, unknown>;

/** Checks an extension against its StructureDefinition (cardinality, types, values, nested extensions, bindings). */
export function checkExtension(ext: Json, path: string, ctx: WalkContext, url = ext.url): void {
  if (typeof url !== 'string' || ctx.handled.has(ext)) return;
  ctx.handled.add(ext);
  const sd: StructureDefinition | undefined = ctx.defs.findStructure(url);
  const schema = sd ? ctx.defs.profileSchema(url) : undefined;
  if (!sd || !schema) {
    const found = unknownExtension(url, path, ctx);
    if (found) ctx.issues.push(found);
    return;
  }
  if (ext.url !== url) {
    ctx.issues.push(issue('error', 'value', `${path}.url`, `This extension must have url ${url}, found ${String(ext.url)}`));
  }
  const misplaced = modifierMismatch(sd, path);
  if (misplaced) ctx.issues.push(issue('error', 'structure', path, misplaced));
  // Medplum has already checked the extension as a base Extension (formats, ext-1); what its definition adds
  // is cardinality, value types (walk: choice types), fixed values, nested slices and bindings.
  checkCardinality(ext, schema, path, ctx);
  walk(ext, schema, path, { ...ctx, root: schema, profileUrl: url });
  ctx.walked.add(ext);
}

/**
 * A modifier extension (root `isModifier` true in its definition) only goes in `modifierExtension`, any other
 * only in `extension` (https://hl7.org/fhir/R4/extensibility.html#modifierExtension). Sub-extensions (relative
 * urls) are left out: their place is set by their parent.
 */
function modifierMismatch(sd: StructureDefinition, path: string): string | undefined {
  const m = /\.(modifierExtension|extension)\[\d+\]$/.exec(path);
  if (!m || sd.type !== 'Extension') return undefined;
  const root = sd.snapshot?.element?.[0] ?? sd.differential?.element?.[0];
  const isModifier = root?.path === 'Extension' && root.isModifier === true;
  if (m[1] === 'modifierExtension' && !isModifier) return `The extension ${sd.url ?? ''} is not a modifier extension (isModifier is not true in its definition): it goes in extension, not in modifierExtension`;
  if (m[1] === 'extension' && isModifier) return `The extension ${sd.url ?? ''} is a modifier extension (isModifier true in its definition): it goes in modifierExtension, not in extension`;
  return undefined;
}

/** Where unknown extensions are only information: HL7's own (packages we may lack) and the spec's example domains. */
const TOLERATED = /^https?:\/\/(?:[\w-]+\.)*(?:hl7\.org|example\.org|example\.com|acme\.com|acme\.org|nema\.org)(?:[/:#]|$)/;

/** The issue for an extension with no definition at hand, by where its URL points. */
function unknownExtension(url: string, path: string, ctx: WalkContext): OperationOutcomeIssue | undefined {
  if (url.startsWith('https://fhir.parcours.fr/')) return issue('error', 'structure', path, `Unknown Parcours extension ${url}: check the URL against the Parcours implementation guide`);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    // A relative url names a sub-extension of a complex extension: defined by its parent, or by nothing.
    // Inside an extension we know, it is not one of its slices; inside one we do not, it cannot be checked.
    if (ctx.root.type === 'Extension') return issue('error', 'structure', path, `The sub-extension "${url}" is not defined by its parent extension ${ctx.root.url ?? ''}`);
    if (/extension\[\d+\]\.(?:modifierE|e)xtension\[\d+\]$/i.test(path)) return undefined;
    return issue('error', 'structure', path, `The extension url "${url}" must be absolute (only the sub-extensions of a complex extension have relative urls)`);
  }
  // An unknown modifier extension changes the meaning of what holds it: nobody may accept it unread (extensibility.html#modifierExtension).
  if (/modifierExtension\[\d+\]$/.test(path) && !TOLERATED.test(url)) return issue('error', 'structure', path, `The modifier extension ${url} is unknown: a resource cannot be accepted when a modifier it carries is not understood; load the package that defines it (--ig)`);
  if (TOLERATED.test(url) || ctx.unknownExtensions === 'information') return issue('information', 'informational', path, `The extension ${url} is not known offline: its content was not checked`);
  return issue('error', 'structure', path, `The extension ${url} is unknown, and not allowed here: load the package that defines it (--ig), or allow unknown extensions`);
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
