// Active content in narratives and texts. FHIR's XHTML rules (https://hl7.org/fhir/R4/narrative.html#xhtml): a
// narrative "SHALL NOT contain scripts, forms, base/link/xlink, frames, iframes and objects" nor event attributes.
// Other strings are plain text: in the resource types Parcours profiles (names, notes, descriptions of a person's
// records) any markup is refused, as a page showing them unescaped would run it; in other types (R4 code systems
// hold codes such as `<integer>`) only active content is. Free of the validator's definitions, so the FHIR server
// checks every write with it and reports exactly what the validator reports.
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

/** Elements a narrative may not contain. */
const FORBIDDEN_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea',
  'base', 'link', 'meta', 'head', 'body', 'html', 'style', 'svg', 'math', 'template', 'portal',
]);
/** Attributes whose value is a URL (or HTML: srcdoc) and so may carry a script. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'background', 'poster', 'cite', 'longdesc', 'usemap']);
const ACTIVE_URL = /^(?:javascript|vbscript|data:text\/html|data:image\/svg)/i;
const TAG = /<\s*(\/?)\s*([A-Za-z][\w:.-]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
/**
 * A tag's attribute text that may hold an issue: an attribute name starting with `on` (names start after
 * whitespace, `=`, `/` or a quote), srcdoc, or an attribute whose value is judged (URL attributes, style).
 * A tag without any of these (most <td>, <p>, <span class>) is not parsed attribute by attribute.
 */
const SUSPICIOUS_ATTRIBUTES = /(?:^|[\s"'/=])on|srcdoc|formaction|href|src|action|data|background|poster|cite|longdesc|usemap|style/i;
/** A tag, comment, doctype or processing instruction in plain text. */
const MARKUP = /<[A-Za-z!/?]/;
/** JavaScript's `\s` and the control characters (`\p{Cc}`): what the URL check strips before judging a scheme. */
function isGap(c: number): boolean {
  return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether `word` (lower case ASCII) is at `i`, in any case, with gaps allowed between its characters when `gaps`. */
function wordAt(text: string, i: number, word: string, gaps: boolean): boolean {
  let j = i;
  for (let k = 0; k < word.length; k++) {
    if (gaps && k > 0) while (j < text.length && isGap(text.charCodeAt(j))) j++;
    if (j >= text.length || (text.charCodeAt(j) | 0x20) !== word.charCodeAt(k)) return false;
    j++;
  }
  return true;
}

/** Characters of a name as the full check reads it (`[\w:.-]`). */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/**
 * Whether the tag opening at `lt` names a forbidden element, as the full check reads its name (lower case, first
 * prefix removed). Skips what it may around the slash (a superset of `\s`): a name it finds that the full check
 * would not only sends the narrative to that check.
 */
function forbiddenAt(text: string, lt: number): boolean {
  const n = text.length;
  let j = lt + 1;
  while (j < n && isGap(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 0x2f) j++;
  while (j < n && isGap(text.charCodeAt(j))) j++;
  const first = text.charCodeAt(j) | 0x20;
  if (first < 0x61 || first > 0x7a) return false;
  let start = j;
  let dot = false;
  let prefixed = false;
  let k = j;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (!isNameChar(c)) break;
    if (c === 0x2e) dot = true;
    else if (c === 0x3a && !prefixed) {
      prefixed = true;
      if (!dot) start = k + 1;
    }
  }
  const length = k - start;
  return length >= 3 && length <= 8 && FORBIDDEN_ELEMENTS.has(text.slice(start, k).toLowerCase());
}

/** ASCII characters the scan of a tag looks at: separators, quotes, `&`, `<`, and the first letters of j(avascript), v(bscript), d(ata:), e(xpression(). */
const INTEREST = new Uint8Array(128);
for (let c = 0; c <= 0x20; c++) INTEREST[c] = 1;
for (const ch of '&<"\'/=\x7fjJvVdDeE') INTEREST[ch.charCodeAt(0)] = 1;

/**
 * A superset of what `narrativeIssues` reports, scanned first (one pass, no allocation for ordinary markup) so that
 * the usual narrative (tables, classes, plain links) is not parsed tag by tag: a forbidden element, a declaration,
 * and inside a tag an entity, an attribute starting with `on` (or srcdoc, formaction), a script scheme or
 * `expression(` even split by what a browser ignores. Whatever it lets through is parsed.
 */
function mayHoldActiveContent(text: string): boolean {
  let lt = text.indexOf('<');
  while (lt !== -1) {
    if (text.charCodeAt(lt + 1) === 0x21) return true; // <!ENTITY, <![CDATA[ (and comments, parsed to be sure)
    if (forbiddenAt(text, lt)) return true;
    // Attributes run to the next '>' (a later '<' before it opens a tag whose attributes are a part of these).
    const gt = text.indexOf('>', lt + 1);
    const end = gt === -1 ? text.length : gt;
    for (let i = lt + 1; i < end; i++) {
      const raw = text.charCodeAt(i);
      if (raw < 128 ? INTEREST[raw] === 0 : !isGap(raw)) continue;
      if (raw === 0x26 /* & */) return true;
      if (raw === 0x3c /* < */ && (text.charCodeAt(i + 1) === 0x21 || forbiddenAt(text, i))) return true;
      if ((isGap(raw) || raw === 0x22 || raw === 0x27 || raw === 0x2f || raw === 0x3d) && (wordAt(text, i + 1, 'on', false) || wordAt(text, i + 1, 'srcdoc', false) || wordAt(text, i + 1, 'formaction', false))) return true;
      const c = raw | 0x20;
      if ((c === 0x6a && wordAt(text, i, 'javascript', true)) || (c === 0x76 && wordAt(text, i, 'vbscript', true)) || (c === 0x64 && wordAt(text, i, 'data:', true)) || (c === 0x65 && wordAt(text, i, 'expression(', true))) return true;
    }
    if (gt === -1) return false;
    lt = text.indexOf('<', gt + 1);
  }
  return false;
}

/** Resource types with a Parcours profile: their plain-text strings may hold no markup at all. */
const PLAIN_TEXT_TYPES = new Set([
  'Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'CarePlan', 'Goal', 'Encounter', 'Appointment',
  'Observation', 'MedicationStatement', 'Task', 'Provenance', 'Communication', 'Composition', 'Condition', 'MedicationRequest',
]);

/** Decodes character references, so `java&#115;cript:` is seen as what a browser would see. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':').replace(/&tab;|&newline;/gi, '').replace(/&amp;/gi, '&');
}

function problem(expression: string, fr: string, en: string): OperationOutcomeIssue {
  return { severity: 'error', code: 'security', details: { text: `${fr} / ${en}` }, expression: [expression] };
}

/** The active content of one XHTML narrative (`Resource.text.div`), as issues on `expression`. */
export function narrativeIssues(div: string, expression: string): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  if (!mayHoldActiveContent(div)) return issues;
  for (const tag of div.matchAll(TAG)) {
    const name = (tag[2] ?? '').toLowerCase().replace(/^[\w-]+:/, '');
    if (FORBIDDEN_ELEMENTS.has(name)) {
      issues.push(problem(expression, `Élément <${name}> interdit dans un texte narratif`, `Element <${name}> is not allowed in a narrative`));
      continue;
    }
    const attributes = tag[3] ?? '';
    if (!SUSPICIOUS_ATTRIBUTES.test(attributes)) continue;
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const attr = (attribute[1] ?? '').toLowerCase();
      if (attr.startsWith('on') || attr === 'srcdoc' || attr === 'formaction') {
        issues.push(problem(expression, `Attribut « ${attr} » interdit (contenu actif)`, `Attribute "${attr}" is not allowed (active content)`));
        continue;
      }
      // Only URL attributes and style can carry a script through their value: others are not decoded (the cost
      // of a narrative check is mostly here, on every class, title and id).
      const isUrl = URL_ATTRIBUTES.has(attr);
      if (!isUrl && attr !== 'style') continue;
      // Browsers ignore whitespace and control characters in a URL's scheme (`java\tscript:`).
      const value = decodeEntities((attribute[2] ?? '').replace(/^["']|["']$/g, '')).replace(/\s/g, '').replace(/\p{Cc}/gu, '');
      if ((isUrl && ACTIVE_URL.test(value)) || (attr === 'style' && /javascript:|expression\(|url\(\s*['"]?\s*javascript/i.test(value))) {
        issues.push(problem(expression, `Adresse active interdite dans « ${attr} »`, `Active URL not allowed in "${attr}"`));
      }
    }
  }
  if (/<!ENTITY|<!\[CDATA\[/i.test(div)) issues.push(problem(expression, 'Déclaration interdite dans un texte narratif', 'Declarations are not allowed in a narrative'));
  return issues;
}

type Mode = 'narrative' | 'plain' | 'active-only';

function modeOf(resource: unknown): Mode {
  const type = (resource as { resourceType?: unknown } | undefined)?.resourceType;
  return typeof type === 'string' && PLAIN_TEXT_TYPES.has(type) ? 'plain' : 'active-only';
}

function checkString(value: string, path: string, mode: Mode, issues: OperationOutcomeIssue[]): void {
  if (mode === 'narrative') {
    issues.push(...narrativeIssues(value, path));
  } else if (mode === 'plain' && (value.includes('<') || value.includes(':')) && (MARKUP.test(value) || /^\s*(?:javascript|vbscript):/i.test(value))) {
    issues.push(problem(path, 'Balisage HTML interdit dans un texte (texte brut attendu)', 'HTML markup is not allowed in a text (plain text expected)'));
  } else if (mode === 'active-only' && value.includes('<')) {
    issues.push(...narrativeIssues(value, path).filter((i) => !/^Élément <(?:html|body|head|style|svg|math|meta|link)>/.test(i.details?.text ?? '')));
  }
}

function walk(value: unknown, path: string, issues: OperationOutcomeIssue[], mode: Mode, textMode: Exclude<Mode, 'narrative'>): void {
  if (typeof value === 'string') {
    checkString(value, path, mode, issues);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, issues, textMode, textMode));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (key === 'data' && typeof child === 'string') continue; // Attachment.data is base64
    if (key === 'contained' && Array.isArray(child)) {
      child.forEach((r, i) => { const m = modeOf(r); walk(r, `${path}.contained[${i}]`, issues, m === 'plain' ? 'plain' : 'active-only', m === 'plain' ? 'plain' : 'active-only'); });
      continue;
    }
    if (key === 'resource' && child && typeof child === 'object' && !Array.isArray(child)) {
      const m = modeOf(child) === 'plain' ? 'plain' : 'active-only';
      walk(child, `${path}.resource`, issues, m, m); // a Bundle entry: the rule of the entry's own type
      continue;
    }
    walk(child, `${path}.${key}`, issues, key === 'div' && path.endsWith('.text') ? 'narrative' : textMode, textMode);
  }
}

/**
 * Every active content in a resource: scripts, event attributes, `javascript:` URLs, frames, objects, forms or base
 * in its narratives (contained resources and Bundle entries included) and in its strings, and any markup in the
 * strings of Parcours-profiled types. Empty when there is none.
 */
export function activeContentIssues(resource: unknown): OperationOutcomeIssue[] {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return [];
  const type = (resource as { resourceType?: unknown }).resourceType;
  const issues: OperationOutcomeIssue[] = [];
  const mode = modeOf(resource) === 'plain' ? 'plain' : 'active-only';
  walk(resource, typeof type === 'string' ? type : 'Resource', issues, mode, mode);
  return issues;
}
