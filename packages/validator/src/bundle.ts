/**
 * Bundle rules: every entry against its own profiles, unique fullUrls, references that resolve inside
 * transaction, document and message bundles. See https://hl7.org/fhir/R4/bundle.html#references
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Registry } from './definitions.ts';
import type { ResourceContext } from './engine.ts';
import { validateOne } from './engine.ts';
import { issue, rebase } from './issues.ts';

type Json = Record<string, unknown>;

const RESOLVING_TYPES = new Set(['transaction', 'document', 'message']);

function entriesOf(bundle: Json): Json[] {
  return Array.isArray(bundle.entry) ? (bundle.entry as unknown[]).map((e) => (e && typeof e === 'object' ? (e as Json) : {})) : [];
}

/** Index of the entries' resources by fullUrl and by `Type/id`, for reference resolution. */
function indexEntries(entries: Json[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const e of entries) {
    const r = e.resource as Json | undefined;
    const type = r && typeof r.resourceType === 'string' ? r.resourceType : undefined;
    if (!type) continue;
    if (typeof e.fullUrl === 'string') {
      index.set(e.fullUrl, type);
      const m = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(e.fullUrl);
      if (m?.[1]) index.set(m[1], type);
    }
    if (typeof r?.id === 'string') index.set(`${type}/${r.id}`, type);
  }
  return index;
}

function collectReferences(value: unknown, path: string, out: [string, string][], depth = 0): void {
  if (depth > 48 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectReferences(v, `${path}[${i}]`, out, depth + 1));
    return;
  }
  for (const [k, v] of Object.entries(value as Json)) {
    if (k === 'reference' && typeof v === 'string') out.push([v, `${path}.reference`]);
    else if (k !== 'contained' && typeof v === 'object') collectReferences(v, `${path}.${k}`, out, depth + 1);
  }
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** fullUrl must be absolute (a URL or urn:uuid/urn:oid); each link relation occurs once. */
function linkAndFullUrlIssues(bundle: Json, entries: Json[], root: string): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  entries.forEach((e, i) => {
    if (typeof e.fullUrl === 'string' && e.fullUrl !== '' && !ABSOLUTE.test(e.fullUrl)) {
      issues.push(issue('error', 'value', `${root}.entry[${i}].fullUrl`, `The fullUrl ${e.fullUrl} is not absolute: use the resource's absolute URL, or urn:uuid: for a resource with no server yet`));
    }
  });
  const relations = new Map<string, number>();
  (Array.isArray(bundle.link) ? (bundle.link as unknown[]) : []).forEach((l, i) => {
    const relation = l && typeof l === 'object' ? (l as Json).relation : undefined;
    if (typeof relation !== 'string') return;
    const first = relations.get(relation);
    if (first !== undefined) issues.push(issue('error', 'invariant', `${root}.link[${i}]`, `The link relation "${relation}" occurs more than once (link ${first} has it already): each relation may occur once`));
    else relations.set(relation, i);
  });
  return issues;
}

/** The resource types a search asked for, from the self link (`Patient?name=x`, `?_type=A,B`); undefined when unknown. */
function searchedTypes(bundle: Json, isType: (t: string) => boolean): Set<string> | undefined {
  const links = Array.isArray(bundle.link) ? (bundle.link as Json[]) : [];
  const self = links.find((l) => l && l.relation === 'self' && typeof l.url === 'string')?.url as string | undefined;
  if (!self) return undefined;
  const [path = '', query = ''] = self.split('?');
  const last = path.split('/').filter(Boolean).at(-1) ?? '';
  if (isType(last)) return new Set([last]);
  const types = new URLSearchParams(query).get('_type');
  return types ? new Set(types.split(',').filter(isType)) : undefined;
}

/** Search results: a match has an id and the searched type; an outcome entry is an OperationOutcome. */
function searchSetIssues(bundle: Json, entries: Json[], root: string, isType: (t: string) => boolean = (t) => /^[A-Z][A-Za-z]+$/.test(t)): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  const types = searchedTypes(bundle, isType);
  entries.forEach((e, i) => {
    const r = e.resource as Json | undefined;
    if (!r || typeof r.resourceType !== 'string') return;
    const mode = (e.search as Json | undefined)?.mode;
    const at = `${root}.entry[${i}].resource`;
    if (mode === 'outcome' && r.resourceType !== 'OperationOutcome') issues.push(issue('error', 'invalid', at, `This entry's search mode is "outcome", but it holds a ${r.resourceType}, not an OperationOutcome`));
    if (mode === 'outcome' || (mode === undefined && r.resourceType === 'OperationOutcome')) return;
    if (typeof r.id !== 'string') issues.push(issue('error', 'required', at, 'Search results must have ids: a resource returned by a search has the id the server gave it'));
    if (mode === 'match' && types && !types.has(r.resourceType)) issues.push(issue('error', 'invalid', at, `This ${r.resourceType} does not match the search (its self link asks for ${[...types].join(', ')})`));
  });
  return issues;
}

/** How many entries each `Type/id` and fullUrl designates: a relative reference may match several servers' resources. */
function entryCounts(entries: Json[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const e of entries) {
    const r = e.resource as Json | undefined;
    if (!r || typeof r.resourceType !== 'string') continue;
    const keys = new Set<string>();
    if (typeof e.fullUrl === 'string') {
      keys.add(e.fullUrl);
      const m = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(e.fullUrl);
      if (m?.[1]) keys.add(m[1]);
    }
    if (typeof r.id === 'string') keys.add(`${r.resourceType}/${r.id}`);
    keys.forEach(add);
  }
  return counts;
}

/** Bundle-level issues, with expressions from `Bundle`. */
export function validateBundleRules(defs: Registry, bundle: Json, options: Pick<ResourceContext, 'unknownExtensions' | 'htmlInMarkdown'> = {}, root = 'Bundle', depth = 0): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  const entries = entriesOf(bundle);
  const type = typeof bundle.type === 'string' ? bundle.type : undefined;
  const index = indexEntries(entries);
  const resolve = (ref: string): string | undefined => index.get(ref) ?? index.get(ref.split('/_history/')[0] ?? ref);

  issues.push(...linkAndFullUrlIssues(bundle, entries, root));
  if (type === 'searchset') issues.push(...searchSetIssues(bundle, entries, root));
  const counts = entryCounts(entries);

  // Unique fullUrl (bdl-7): the same fullUrl twice is only allowed for different versions, or in a history.
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    if (typeof e.fullUrl !== 'string' || type === 'history') return;
    const version = ((e.resource as Json | undefined)?.meta as Json | undefined)?.versionId;
    const key = `${e.fullUrl}|${typeof version === 'string' ? version : ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(issue('error', 'invariant', `${root}.entry[${i}].fullUrl`, `Duplicate fullUrl ${e.fullUrl}: entry ${first} already uses it; each entry needs its own fullUrl`));
    } else seen.set(key, i);
  });

  entries.forEach((e, i) => {
    const r = e.resource;
    if (!r || typeof r !== 'object' || Array.isArray(r)) return;
    const resource = r as Json;
    const rt = resource.resourceType;
    const at = `${root}.entry[${i}].resource`;
    if (typeof rt !== 'string' || !defs.isKnownResourceType(rt)) return; // Medplum reports it on the Bundle
    const meta = resource.meta as { profile?: unknown } | undefined;
    const profiles = Array.isArray(meta?.profile) ? meta.profile.filter((p): p is string => typeof p === 'string') : [];
    issues.push(...rebase(validateOne(defs, resource, profiles, { resolve, entriesApart: depth < 4, unknownExtensions: options.unknownExtensions, htmlInMarkdown: options.htmlInMarkdown }), rt, at));
    if (rt === 'Bundle' && depth < 4) issues.push(...validateBundleRules(defs, resource, options, at, depth + 1));

    if (!type || !RESOLVING_TYPES.has(type)) return;
    const refs: [string, string][] = [];
    collectReferences(resource, at, refs);
    for (const [ref, where] of refs) {
      // A relative reference resolves first against the server base of its own entry's fullUrl.
      const base = typeof e.fullUrl === 'string' ? /^(https?:\/\/.*\/)[A-Z][A-Za-z]+\/[^/]+$/.exec(e.fullUrl)?.[1] : undefined;
      const local = base !== undefined && !ABSOLUTE.test(ref) && counts.get(base + ref) === 1;
      if (type === 'document' && !local && (counts.get(ref) ?? 0) > 1) {
        issues.push(issue('error', 'invariant', where, `The reference ${ref} matches ${counts.get(ref)} entries of this document Bundle: it must identify one resource (use the entry's fullUrl)`));
        continue;
      }
      if (ref.startsWith('#') || resolve(ref)) continue;
      if (ref.startsWith('urn:uuid:') || ref.startsWith('urn:oid:')) {
        issues.push(issue('error', 'not-found', where, `The reference ${ref} does not resolve: no entry of this Bundle has fullUrl ${ref}`));
      } else if (type !== 'transaction') {
        // A document must carry what it references; a message may point to resources the receiver already has.
        const severity = type === 'document' ? 'error' : 'warning';
        issues.push(issue(severity, 'not-found', where, `The reference ${ref} does not resolve inside this ${type} Bundle: add the referenced resource as an entry`));
      }
    }
  });
  return issues;
}
