/**
 * Rules of FHIR's JSON format and of every resource that the StructureDefinitions do not carry, checked in one
 * pass over the raw JSON: resource ids (contained and nested resources included), no extensions on
 * `Resource.id`, a code system supplement's `content` and `supplements` together, no empty arrays, no `null`
 * except to align a primitive array with its `_` extensions, an attachment's `size` and `hash` matching its
 * `data`, and a narrative's internal links resolving and its entities defined in XML.
 * See https://hl7.org/fhir/R4/json.html, https://hl7.org/fhir/R4/datatypes.html#id and #Attachment,
 * https://hl7.org/fhir/R4/codesystem.html#supplements, https://hl7.org/fhir/R4/narrative.html
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from './issues.ts';
import { base64Bytes, sha1Base64 } from './sha1.ts';

type Json = Record<string, unknown>;

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Resource types whose `url` is their canonical identity, an absolute URI (https://hl7.org/fhir/R4/resource.html#canonical). */
const CANONICAL = new Set([
  'ActivityDefinition', 'CapabilityStatement', 'ChargeItemDefinition', 'CodeSystem', 'CompartmentDefinition', 'ConceptMap', 'EffectEvidenceSynthesis',
  'EventDefinition', 'Evidence', 'EvidenceVariable', 'ExampleScenario', 'GraphDefinition', 'ImplementationGuide', 'Library', 'Measure', 'MessageDefinition',
  'NamingSystem', 'OperationDefinition', 'PlanDefinition', 'Questionnaire', 'ResearchDefinition', 'ResearchElementDefinition', 'RiskEvidenceSynthesis',
  'SearchParameter', 'StructureDefinition', 'StructureMap', 'TerminologyCapabilities', 'TestScript', 'ValueSet',
]);

function checkResource(obj: Json, path: string, out: OperationOutcomeIssue[]): void {
  const id = obj.id;
  if (id !== undefined && (typeof id !== 'string' || !ID.test(id))) {
    out.push(issue('error', 'value', `${path}.id`, `Invalid resource id ${JSON.stringify(id)}: an id has 1 to 64 characters among A-Z, a-z, 0-9, '-' and '.'`));
  }
  if (typeof obj.url === 'string' && CANONICAL.has(obj.resourceType as string) && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(obj.url)) {
    out.push(issue('error', 'value', `${path}.url`, `The canonical URL ${obj.url} is not absolute: a ${String(obj.resourceType)} is identified by an absolute URI`));
  }
  if (obj._id !== undefined) out.push(issue('error', 'structure', `${path}.id`, 'Resource.id cannot have extensions (no "_id"): it is a plain string'));
  if (obj.resourceType === 'CodeSystem') checkSupplement(obj, path, out);
}

/**
 * A code system supplement is a CodeSystem with `content` = supplement and `supplements` = the canonical of the
 * code system it adds to; one without the other is not a supplement nor a code system
 * (https://hl7.org/fhir/R4/codesystem.html#supplements, codesystem-content-mode).
 */
function checkSupplement(obj: Json, path: string, out: OperationOutcomeIssue[]): void {
  const supplements = obj.supplements !== undefined;
  if (supplements && obj.content !== 'supplement') {
    out.push(issue('error', 'business-rule', `${path}.content`, `This CodeSystem supplements ${String(obj.supplements)}: its content must be 'supplement', found ${JSON.stringify(obj.content)}`));
  } else if (!supplements && obj.content === 'supplement') {
    out.push(issue('error', 'business-rule', `${path}.supplements`, "A CodeSystem whose content is 'supplement' must say which code system it supplements (supplements)"));
  }
}

/** `null` at index i of `key` is allowed only when the twin array (`_key` or `key`) has a value there. */
function nullAllowed(obj: Json, key: string, i: number): boolean {
  const twin = obj[key.startsWith('_') ? key.slice(1) : `_${key}`];
  return Array.isArray(twin) && twin[i] !== null && twin[i] !== undefined;
}

function checkAttachment(obj: Json, path: string, out: OperationOutcomeIssue[]): void {
  const data = obj.data;
  if (typeof data !== 'string' || (obj.size === undefined && obj.hash === undefined)) return;
  const bytes = base64Bytes(data);
  if (!bytes) return; // an invalid base64 value is reported by the base64Binary format check
  if (typeof obj.size === 'number' && obj.size !== bytes.length) {
    out.push(issue('error', 'value', `${path}.size`, `Stated attachment size ${obj.size} does not match the actual size of its data, ${bytes.length} bytes`));
  }
  if (typeof obj.hash === 'string' && obj.hash !== sha1Base64(bytes)) {
    out.push(issue('error', 'value', `${path}.hash`, 'Stated attachment hash does not match the SHA-1 of its data (base64 of the SHA-1 digest of the decoded bytes)'));
  }
}

const HREF = /\bhref\s*=\s*["']#([^"']*)["']/gi;
const ANCHOR = /\b(?:id|name)\s*=\s*["']([^"']*)["']/gi;

function checkNarrativeLinks(div: string, path: string, out: OperationOutcomeIssue[]): void {
  if (!div.includes('#')) return;
  const targets = new Set([...div.matchAll(ANCHOR)].map((m) => m[1]));
  for (const m of div.matchAll(HREF)) {
    const target = m[1] ?? '';
    if (target !== '' && !targets.has(target)) {
      out.push(issue('error', 'value', path, `The narrative links to #${target}, but no element of it has id or name "${target}"`));
    }
  }
}

/** An `&` that does not start one of XML's five entities or a character reference. */
const UNDEFINED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)([A-Za-z][A-Za-z0-9]*;)?/g;

/**
 * A narrative is XML without a DTD: HTML's named entities (`&nbsp;`, `&reg;`) are not defined there, and a bare
 * `&` is not well-formed.
 */
function checkNarrativeEntities(div: string, path: string, out: OperationOutcomeIssue[]): void {
  if (!div.includes('&')) return;
  for (const m of div.matchAll(UNDEFINED_ENTITY)) {
    const what = m[1] ? `the entity &${m[1]} is not defined in XHTML without a DTD` : "a bare '&' is not well-formed XML";
    out.push(issue('error', 'value', path, `The narrative is not well-formed XHTML: ${what} (write the character itself, a character reference such as &#174;, or &amp;)`));
  }
}

/** Properties whose value is a URI (uri, url, canonical, Reference.reference) where a urn must be well formed. */
const URI_KEYS = new Set(['url', 'system', 'fullUrl', 'reference', 'valueUri', 'valueUrl', 'valueCanonical', 'valueUuid', 'valueOid']);
const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OID = /^urn:oid:[0-2](?:\.(?:0|[1-9][0-9]*))+$/;

function checkUrn(value: string, path: string, out: OperationOutcomeIssue[]): void {
  if (value.startsWith('urn:uuid:') && !UUID.test(value)) {
    out.push(issue('error', 'value', path, `${value} is not a valid UUID URN: urn:uuid: is followed by 8-4-4-4-12 hexadecimal digits`));
  } else if (value.startsWith('urn:oid:') && !OID.test(value)) {
    out.push(issue('error', 'value', path, `${value} is not a valid OID URN: urn:oid: is followed by numbers separated by dots, starting with 0, 1 or 2`));
  }
}

function walk(value: unknown, path: string, out: OperationOutcomeIssue[], depth: number): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  const obj = value as Json;
  if (typeof obj.resourceType === 'string') checkResource(obj, path, out);
  checkAttachment(obj, path, out);
  for (const key in obj) {
    const child = obj[key];
    const at = `${path}.${key.charCodeAt(0) === 95 ? key.slice(1) : key}`;
    if (child === null) {
      out.push(issue('error', 'structure', at, `"${key}" is null: FHIR JSON has no null values, leave the property out`));
    } else if (Array.isArray(child)) {
      if (child.length === 0) out.push(issue('error', 'structure', at, `"${key}" is an empty array: FHIR JSON has no empty arrays, leave the property out`));
      for (let i = 0; i < child.length; i++) {
        const item: unknown = child[i];
        if (item === null) {
          if (!nullAllowed(obj, key, i)) out.push(issue('error', 'structure', `${at}[${i}]`, `"${key}" holds null at index ${i}: null is only allowed to align a primitive array with its "_${key.replace(/^_/, '')}" extensions, which have a value there`));
        } else if (typeof item === 'object') walk(item, `${at}[${i}]`, out, depth + 1);
      }
    } else if (typeof child === 'object') {
      walk(child, at, out, depth + 1);
    } else if (key === 'div' && typeof child === 'string' && path.endsWith('.text')) {
      checkNarrativeLinks(child, at, out);
      checkNarrativeEntities(child, at, out);
    } else if (typeof child === 'string' && child.startsWith('urn:') && URI_KEYS.has(key)) {
      checkUrn(child, at, out);
    }
  }
}

/** The JSON-level issues of a resource (expressions from its type: `Patient.name[0]`). */
export function jsonRuleIssues(resource: Json): OperationOutcomeIssue[] {
  const out: OperationOutcomeIssue[] = [];
  walk(resource, resource.resourceType as string, out, 0);
  return out;
}

const EXAMPLE_URL = /^https?:\/\/(?:[\w-]+\.)*example\.(?:org|com|net)(?:[/:#?]|$)/i;

function collectExampleUrls(value: unknown, path: string, out: OperationOutcomeIssue[], depth: number): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  const entries = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v] as const) : Object.entries(value as Json).map(([k, v]) => [`${path}.${k.replace(/^_/, '')}`, v] as const);
  for (const [at, child] of entries) {
    if (typeof child === 'string') {
      if (EXAMPLE_URL.test(child)) out.push(issue('error', 'value', at, `Example URLs are not allowed in this context (${child}): use the real URL`));
    } else collectExampleUrls(child, at, out, depth + 1);
  }
}

/**
 * URLs in the specification's example domains (example.org, example.com, example.net), which real data must not
 * use: errors when example URLs are not allowed (`exampleUrls: 'error'`, the HL7 validator's default).
 */
export function exampleUrlIssues(resource: Json): OperationOutcomeIssue[] {
  const out: OperationOutcomeIssue[] = [];
  collectExampleUrls(resource, resource.resourceType as string, out, 0);
  return out;
}

/** `//` and `/* *\/` comments outside strings replaced by spaces (line breaks kept, so positions do not move). */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const block = text[i + 1] === '*';
      const close = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i);
      const end = close === -1 ? text.length : block ? close + 2 : close;
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Parses FHIR JSON text: a UTF-8 byte-order mark before it is accepted (RFC 8259 lets a parser ignore it; the
 * HL7 validator does), which JSON.parse alone rejects. FHIR JSON has no comments: `allowComments` accepts `//`
 * and `/* *\/` ones, as the HL7 validator's -allow-comments switch (for hand-written test files).
 * @throws SyntaxError when the text is not JSON.
 */
export function parseJsonText(text: string, options: { allowComments?: boolean } = {}): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return JSON.parse(options.allowComments ? withoutComments(body) : body);
}
