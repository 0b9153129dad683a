// Active content in narratives and texts. FHIR's XHTML rules (https://hl7.org/fhir/R4/narrative.html#xhtml): a
// narrative "SHALL NOT contain scripts, forms, base/link/xlink, frames, iframes and objects" nor event attributes.
// Other strings (names, notes, descriptions) are plain text: markup in them is refused, as a page that shows them
// unescaped would run it. Free of the validator's definitions, so the FHIR server checks every write with it.
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
/** A tag, comment, doctype or processing instruction in plain text. */
const MARKUP = /<\s*[A-Za-z!/?]/;

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
    for (const attribute of (tag[3] ?? '').matchAll(ATTRIBUTE)) {
      const attr = (attribute[1] ?? '').toLowerCase();
      const value = decodeEntities((attribute[2] ?? '').replace(/^["']|["']$/g, '')).replace(/[\s\u0000-\u001f]/g, '');
      if (attr.startsWith('on') || attr === 'srcdoc' || attr === 'formaction') {
        issues.push(problem(expression, `Attribut « ${attr} » interdit (contenu actif)`, `Attribute "${attr}" is not allowed (active content)`));
      } else if ((URL_ATTRIBUTES.has(attr) && ACTIVE_URL.test(value)) || (attr === 'style' && /javascript:|expression\(|url\(\s*['"]?\s*javascript/i.test(value))) {
        issues.push(problem(expression, `Adresse active interdite dans « ${attr} »`, `Active URL not allowed in "${attr}"`));
      }
    }
  }
  if (/<!ENTITY|<!\[CDATA\[/i.test(div)) issues.push(problem(expression, 'Déclaration interdite dans un texte narratif', 'Declarations are not allowed in a narrative'));
  return issues;
}

function walk(value: unknown, path: string, issues: OperationOutcomeIssue[], inNarrative: boolean): void {
  if (typeof value === 'string') {
    if (inNarrative) issues.push(...narrativeIssues(value, path));
    else if (MARKUP.test(value) || /^\s*(?:javascript|vbscript):/i.test(value)) {
      issues.push(problem(path, 'Balisage HTML interdit dans un texte (texte brut attendu)', 'HTML markup is not allowed in a text (plain text expected)'));
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, issues, false));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key === 'data' && typeof child === 'string') continue; // Attachment.data is base64
    const childPath = `${path}.${key}`;
    const narrative = key === 'div' && path.endsWith('.text');
    const contained = key === 'contained' && Array.isArray(child);
    if (contained) {
      child.forEach((r, i) => walk(r, `${path}.contained[${i}]`, issues, false));
      continue;
    }
    walk(child, childPath, issues, narrative);
  }
}

/**
 * Every active content in a resource: scripts, event attributes, `javascript:` URLs, frames, objects, forms or base
 * in its narratives (contained resources included), and any markup in its other strings. Empty when there is none.
 */
export function activeContentIssues(resource: unknown): OperationOutcomeIssue[] {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return [];
  const type = (resource as { resourceType?: unknown }).resourceType;
  const issues: OperationOutcomeIssue[] = [];
  walk(resource, typeof type === 'string' ? type : 'Resource', issues, false);
  return issues;
}
