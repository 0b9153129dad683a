/** Output formats of parcours-validate: text (like the HL7 validator), json and junit. */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export interface Result {
  /** File name, `file:line` for NDJSON, `-` for stdin. */
  source: string;
  resourceType?: string;
  outcome: OperationOutcome;
}

export interface Totals {
  resources: number;
  files: number;
  failed: number;
  errors: number;
  warnings: number;
  notes: number;
}

function isOk(i: OperationOutcomeIssue): boolean {
  return i.severity === 'information' && i.code === 'informational' && !i.expression?.length && /^Validation successful/.test(i.details?.text ?? '');
}

export function count(results: Result[], files: number): Totals {
  const t: Totals = { resources: results.length, files, failed: 0, errors: 0, warnings: 0, notes: 0 };
  for (const r of results) {
    let failed = false;
    for (const i of r.outcome.issue) {
      if (i.severity === 'error' || i.severity === 'fatal') {
        t.errors++;
        failed = true;
      } else if (i.severity === 'warning') t.warnings++;
      else if (!isOk(i)) t.notes++;
    }
    if (failed) t.failed++;
  }
  return t;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const LABEL: Record<string, string> = { fatal: 'Fatal', error: 'Error', warning: 'Warning', information: 'Information' };

export function formatText(results: Result[], totals: Totals, seconds: number): string {
  const lines: string[] = [];
  for (const r of results) {
    const t = count([r], 1);
    const status = t.errors > 0 ? '*FAILURE*' : 'Success';
    lines.push(`-- ${r.source}${r.resourceType ? ` (${r.resourceType})` : ''}: ${status}: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notes, 'note')}`);
    for (const i of r.outcome.issue) {
      if (isOk(i)) continue;
      lines.push(`  ${LABEL[i.severity] ?? i.severity} @ ${i.expression?.[0] || r.resourceType || '(resource)'} : ${i.details?.text ?? i.diagnostics ?? ''}`);
    }
  }
  lines.push(
    `${totals.errors > 0 ? 'FAILED' : 'PASSED'}: ${plural(totals.resources, 'resource')} in ${plural(totals.files, 'file')}, ${totals.failed} with errors; ${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.notes, 'note')} (${seconds.toFixed(2)} s)`,
  );
  return lines.join('\n') + '\n';
}

export function formatJson(results: Result[], totals: Totals): string {
  return JSON.stringify({ summary: totals, results }, null, 2) + '\n';
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function formatJunit(results: Result[], totals: Totals, seconds: number): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="parcours-validate" tests="${totals.resources}" failures="${totals.failed}" time="${seconds.toFixed(3)}">`,
    `  <testsuite name="parcours-validate" tests="${totals.resources}" failures="${totals.failed}" time="${seconds.toFixed(3)}">`,
  ];
  for (const r of results) {
    const errors = r.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    out.push(`    <testcase classname="${xml(r.resourceType ?? 'unknown')}" name="${xml(r.source)}">`);
    if (errors.length > 0) {
      const body = errors.map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`).join('\n');
      out.push(`      <failure message="${xml(plural(errors.length, 'error'))}" type="validation">${xml(body)}</failure>`);
    }
    const other = r.outcome.issue.filter((i) => (i.severity === 'warning' || i.severity === 'information') && !isOk(i));
    if (other.length > 0) out.push(`      <system-out>${xml(other.map((i) => `${i.severity} ${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`).join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** The extension the HL7 validator puts on each OperationOutcome to name the file it is about. */
const FILE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-file';

/** One resource: its OperationOutcome; several: a collection Bundle of them, each naming its source. */
export function formatOperationOutcome(results: Result[]): string {
  const named = results.map((r) => ({ ...r.outcome, extension: [{ url: FILE_EXTENSION, valueString: r.source }] }));
  if (named.length === 1) return JSON.stringify(named[0], null, 2) + '\n';
  return JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: named.map((resource) => ({ resource })) }, null, 2) + '\n';
}
