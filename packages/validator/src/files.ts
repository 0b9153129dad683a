/**
 * Node only: files to results, in this thread. A file holds one resource (JSON) or one per line (NDJSON, and
 * standard input when it is not one JSON value); malformed JSON is a result of its own, an unreadable file an
 * I/O error. The CLI and the worker threads (threads.ts) share this one reading of files.
 * See https://hl7.org/fhir/R4/nd-json.html
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { readFileSync } from 'node:fs';
import type { Result } from './cli-report.ts';
import { parseJsonText } from './json-rules.ts';

export type { Result } from './cli-report.ts';

/** What files gave: one result per resource (in file order, then line order), and the files that could not be read. */
export interface FileResults {
  results: Result[];
  ioErrors: string[];
}

function failure(text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'structure', details: { text } }] };
}

function resourceTypeOf(value: unknown): string | undefined {
  const type = value && typeof value === 'object' ? (value as { resourceType?: unknown }).resourceType : undefined;
  return typeof type === 'string' ? type : undefined;
}

/** The results of one file (`-`: standard input), each resource judged by `validate`. */
export function checkFile(file: string, validate: (value: unknown) => OperationOutcome): FileResults {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    return { results: [], ioErrors: [`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}.`] };
  }
  const results: Result[] = [];
  const check = (source: string, value: unknown): void => {
    results.push({ source, resourceType: resourceTypeOf(value), outcome: validate(value) });
  };
  const ndjson = /\.ndjson$/i.test(file);
  let whole: unknown;
  let wholeError: string | undefined;
  if (!ndjson) {
    try {
      whole = parseJsonText(text);
    } catch (err) {
      wholeError = err instanceof Error ? err.message : String(err);
    }
  }
  const lines = ndjson || (file === '-' && wholeError !== undefined) ? text.split(/\r?\n/) : [];
  const looksNdjson = ndjson || lines.filter((l) => l.trim()).length > 1;
  if (!looksNdjson) {
    if (wholeError) results.push({ source: file, outcome: failure(`Malformed JSON: ${wholeError}. Fix the syntax; nothing in this file was validated.`) });
    else check(file, whole);
  } else {
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const source = `${file}:${i + 1}`;
      try {
        check(source, JSON.parse(line));
      } catch (err) {
        results.push({ source, outcome: failure(`Malformed JSON on line ${i + 1}: ${err instanceof Error ? err.message : String(err)}. In NDJSON each line must be one complete resource.`) });
      }
    });
  }
  return { results, ioErrors: [] };
}

/** Files' results joined in the order given (a file missing from the list gave nothing). */
export function joinResults(perFile: readonly (FileResults | undefined)[]): FileResults {
  const all: FileResults = { results: [], ioErrors: [] };
  for (const one of perFile) {
    if (!one) continue;
    all.results.push(...one.results);
    all.ioErrors.push(...one.ioErrors);
  }
  return all;
}

/** The results of files in order, in this thread; `onFile` after each (for a progress bar). */
export function checkFiles(files: readonly string[], validate: (value: unknown) => OperationOutcome, onFile?: (done: number, total: number) => void): FileResults {
  return joinResults(files.map((file, i) => {
    const one = checkFile(file, validate);
    onFile?.(i + 1, files.length);
    return one;
  }));
}
