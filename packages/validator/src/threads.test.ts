// Validation over worker threads gives what one thread gives, in the same order: official R4 examples, malformed
// JSON, NDJSON lines, an unreadable file, and a profile that reaches the workers through `definitions`.
import type { StructureDefinition } from '@medplum/fhirtypes';
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from './files.ts';
import { register, validate } from './index.ts';
import { validateFilesInThreads } from './threads.ts';

const examples = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
const PROFILE = 'https://test.parcours.fr/StructureDefinition/threads-patient';
const profile = {
  resourceType: 'StructureDefinition',
  url: PROFILE,
  name: 'ThreadsPatient',
  status: 'draft',
  kind: 'resource',
  abstract: false,
  type: 'Patient',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
  derivation: 'constraint',
  differential: { element: [{ id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }] },
} as StructureDefinition;

let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-threads-'));
  const official = readdirSync(examples)
    .filter((f) => f.endsWith('.json') && f !== 'package.json' && statSync(join(examples, f)).size < 20_000)
    .slice(0, 120);
  for (const f of official) symlinkSync(join(examples, f), join(dir, f));
  writeFileSync(join(dir, 'broken.json'), '{"resourceType": "Patient",');
  writeFileSync(join(dir, 'lines.ndjson'), [JSON.stringify({ resourceType: 'Patient' }), '', JSON.stringify({ resourceType: 'Patient', gender: 'x' }), '{oops'].join('\n'));
  writeFileSync(join(dir, 'no-birth-date.json'), JSON.stringify({ resourceType: 'Patient', meta: { profile: [PROFILE] } }));
  files = [...official, 'broken.json', 'lines.ndjson', 'no-birth-date.json'].map((f) => join(dir, f));
  files.splice(60, 0, join(dir, 'missing.json'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validateFilesInThreads', () => {
  it('gives the results of one thread, in the order of the files, with profiles registered in every worker', { timeout: 120_000 }, async () => {
    register({ structureDefinitions: [profile] });
    const alone = checkFiles(files, (value) => validate(value));
    const progress: number[] = [];
    const threaded = await validateFilesInThreads(files, { threads: 2, definitions: [{ structureDefinitions: [profile] }], onProgress: (done) => progress.push(done) });
    expect(threaded).toEqual(alone);
    expect(alone.ioErrors).toEqual([expect.stringMatching(/^Cannot read .*missing\.json/)]);
    const required = alone.results.find((r) => r.source.endsWith('no-birth-date.json'));
    expect(required?.outcome.issue.some((i) => i.severity === 'error' && i.expression?.[0] === 'Patient.birthDate')).toBe(true);
    expect(progress.at(-1)).toBe(files.length);
  });

  it('passes the validation options to the workers', { timeout: 60_000 }, async () => {
    const photo = join(dir, 'example-url.json');
    writeFileSync(photo, JSON.stringify({ resourceType: 'Patient', photo: [{ url: 'http://example.org/photo.png' }] }));
    const some = [...files.slice(0, 6), photo];
    const strict = await validateFilesInThreads(some, { threads: 2, exampleUrls: 'error' });
    expect(strict).toEqual(checkFiles(some, (value) => validate(value, { exampleUrls: 'error' })));
    expect(strict.results.at(-1)?.outcome.issue.some((i) => i.severity === 'error')).toBe(true);
  });
});
