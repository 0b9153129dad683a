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
