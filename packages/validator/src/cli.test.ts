// The CLI as users run it: real files in a temp folder, real child processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
let dir: string;

function run(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parcours-validate-'));
  mkdirSync(join(dir, 'ok', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'ok', 'patient.json'), JSON.stringify({ resourceType: 'Patient', gender: 'female', birthDate: '1980-05-01' }));
  writeFileSync(join(dir, 'ok', 'nested', 'org.json'), JSON.stringify({ resourceType: 'Organization', name: 'CSAPA Lyon' }));
  writeFileSync(join(dir, 'ok', 'notes.txt'), 'not FHIR');
  writeFileSync(join(dir, 'mixed', 'bad-gender.json'), JSON.stringify({ resourceType: 'Patient', gender: 'homme' }));
  writeFileSync(join(dir, 'mixed', 'broken.json'), '{"resourceType": "Patient",');
  writeFileSync(join(dir, 'mixed', 'unknown.json'), JSON.stringify({ resourceType: 'Patiente' }));
  writeFileSync(join(dir, 'mixed', 'good.json'), JSON.stringify({ resourceType: 'Patient' }));
  writeFileSync(join(dir, 'lines.ndjson'), [JSON.stringify({ resourceType: 'Patient' }), '', JSON.stringify({ resourceType: 'Patient', gender: 'x' }), '{oops'].join('\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parcours-validate', () => {
  it('exits 0 on a folder of valid resources, searched recursively, and prints a summary', () => {
    const r = run(['ok']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/patient\.json \(Patient\): Success/);
    expect(r.stdout).toMatch(/org\.json \(Organization\): Success/);
    expect(r.stdout).not.toMatch(/notes\.txt/);
    expect(r.stdout).toMatch(/PASSED: 2 resources in 2 files/);
  });

  it('exits 1 and reports each file, continuing after malformed JSON and unknown types', () => {
    const r = run(['mixed']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad-gender\.json \(Patient\): \*FAILURE\*/);
    expect(r.stdout).toMatch(/Error @ Patient\.gender : The code "homme"/);
    expect(r.stdout).toMatch(/broken\.json: \*FAILURE\*[\s\S]*Malformed JSON/);
    expect(r.stdout).toMatch(/Unknown resourceType "Patiente"/);
    expect(r.stdout).toMatch(/good\.json \(Patient\): Success/);
    expect(r.stdout).toMatch(/FAILED: 4 resources in 4 files, 3 with errors/);
  });

  it('reports NDJSON issues by line', () => {
    const r = run(['lines.ndjson']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/lines\.ndjson:1 \(Patient\): Success/);
    expect(r.stdout).toMatch(/lines\.ndjson:3 \(Patient\): \*FAILURE\*/);
    expect(r.stdout).toMatch(/lines\.ndjson:4: \*FAILURE\*[\s\S]*Malformed JSON on line 4/);
  });

  it('reads standard input with -, as JSON or NDJSON', () => {
    expect(run(['-'], JSON.stringify({ resourceType: 'Patient' })).code).toBe(0);
    const r = run(['-'], `${JSON.stringify({ resourceType: 'Patient' })}\n${JSON.stringify({ resourceType: 'Patient', gender: 'x' })}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/-:2 \(Patient\): \*FAILURE\*/);
  });

  it('expands glob patterns', () => {
    const r = run(['ok/**/*.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASSED: 2 resources in 2 files/);
  });

  it('writes JSON and JUnit reports', () => {
    const json = JSON.parse(run(['--format', 'json', 'mixed/bad-gender.json']).stdout) as { summary: { errors: number }; results: { outcome: { issue: unknown[] } }[] };
    expect(json.summary.errors).toBe(1);
    expect(json.results[0]?.outcome.issue.length).toBe(1);
    const junit = run(['--format', 'junit', 'mixed']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/<testsuites name="parcours-validate" tests="4" failures="3"/);
    expect(junit.stdout).toMatch(/<failure message="1 error" type="validation">Patient.gender: The code &quot;homme&quot;/);
  });

  it('applies --profile, and rejects an unknown profile as a usage error', () => {
    expect(run(['--profile', 'Patient', 'ok/patient.json']).code).toBe(0);
    const r = run(['--profile', 'NoSuchProfile', 'ok/patient.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown profile "NoSuchProfile"/);
  });

  it('exits 2 with a plain sentence on usage and I/O errors', () => {
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Give at least one file/);
    expect(run(['--format', 'xml', 'ok']).stderr).toMatch(/Unknown format "xml": use text, json, junit or operationoutcome/);
    const missing = run(['does-not-exist.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read does-not-exist\.json: no such file or folder/);
    expect(run(['--bogus']).code).toBe(2);
  });

  it('gives the same report over worker threads, in the same order', () => {
    const args = ['ok', 'mixed', 'lines.ndjson', 'missing.json'];
    const withoutTime = (out: string): string => out.replace(/\([\d.]+ s\)\n$/, '');
    const one = run(['--threads', '1', ...args]);
    const two = run(['--threads', '2', ...args]);
    expect(two.code).toBe(2); // missing.json is an I/O error
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(withoutTime(two.stdout)).toBe(withoutTime(one.stdout));
    expect(two.stdout).toMatch(/FAILED: 9 resources in 7 files/);
    expect(run(['--threads', '0', 'ok']).stderr).toMatch(/Invalid --threads "0": give a number of threads \(1 or more\) or auto/);
  });

  it('prints help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: parcours-validate/);
  });
});
