/**
 * Snapshot generation from differentials (src/snapshot.ts) over the R4 definitions the validator is fed: one
 * differential-only profile, and the whole Parcours package with its snapshots stripped (22 profiles and
 * extensions, each generated from its differential, the bases first when they have a differential only).
 * Then the CLI cold start with --ig: the Parcours package, and the Parcours package plus one more package.
 * Prints figures; asserts nothing. Run: node packages/validator/bench/snapshots.ts
 */
import type { StructureDefinition } from '@medplum/fhirtypes';
import { structureDefinitions } from '@parcours/profiles/data';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadParcoursR4 } from '../src/node.ts';
import { generateSnapshot } from '../src/snapshot.ts';
import { DefinitionTable } from '../src/table.ts';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const r4 = new DefinitionTable(loadParcoursR4().structures);
const differentialOnly = structureDefinitions.map(({ snapshot: _, ...rest }) => rest as StructureDefinition);

/** A fresh lookup each run, so that no generated snapshot is reused between runs. */
function finder(): (url: string) => StructureDefinition | undefined {
  const byUrl = new Map(differentialOnly.map((sd) => [sd.url, sd]));
  const generated = new Map<string, StructureDefinition>();
  const find = (url: string): StructureDefinition | undefined => {
    const bare = url.split('|')[0] ?? url;
    const own = byUrl.get(bare);
    if (own) {
      let done = generated.get(bare);
      if (!done) {
        done = generateSnapshot(own, find).sd;
        generated.set(bare, done);
      }
      return done;
    }
    return r4.get<StructureDefinition>(bare) ?? r4.get<StructureDefinition>(bare.slice(CORE.length));
  };
  return find;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(fn: () => void, runs: number): number[] {
  fn(); // parses the R4 base definitions once, out of the timings
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const patient = differentialOnly.find((sd) => sd.id === 'parcours-patient') as StructureDefinition;
const one = time(() => void generateSnapshot(patient, finder()), 21);
console.log(`Snapshot of one differential profile (parcours-patient, ${patient.differential?.element?.length} differential elements): median ${median(one).toFixed(1)} ms`);
const all = time(() => {
  const find = finder();
  for (const sd of differentialOnly) find(sd.url);
}, 11);
console.log(`Snapshots of the whole Parcours package (${differentialOnly.length} StructureDefinitions): median ${median(all).toFixed(1)} ms`);

// CLI cold start with packages loaded by --ig.
const dir = mkdtempSync(join(tmpdir(), 'parcours-bench-ig-'));
const file = join(dir, 'patient.json');
writeFileSync(file, JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Martin' }], gender: 'female' }));
const extra = join(dir, 'extra.guide', 'package');
mkdirSync(extra, { recursive: true });
writeFileSync(join(extra, 'package.json'), JSON.stringify({ name: 'extra.guide', version: '1.0.0', dependencies: { 'hl7.fhir.r4.core': '4.0.1' } }));
writeFileSync(
  join(extra, 'StructureDefinition-named-patient.json'),
  JSON.stringify({ resourceType: 'StructureDefinition', url: 'https://extra.test/StructureDefinition/named-patient', name: 'NamedPatient', status: 'active', kind: 'resource', abstract: false, type: 'Patient', baseDefinition: `${CORE}Patient`, derivation: 'constraint', differential: { element: [{ id: 'Patient.name', path: 'Patient.name', min: 1 }] } }),
);
const tgz = fileURLToPath(new URL('../../profiles/generated/fr.parcours.fhir-0.1.0.tgz', import.meta.url));
// The bin (generated/cli/cli.js, compiled JavaScript) and, for comparison, the TypeScript source run by Node.
const bin = fileURLToPath(new URL('../generated/cli/cli.js', import.meta.url));
const source = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// The child's CPU time (user + system, from /usr/bin/time when present) moves less with the load than its wall time.
const TIME = '/usr/bin/time';
const spawnMedian = (args: string[], cli = bin): string => {
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = existsSync(TIME)
      ? spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, cli, ...args, file], { encoding: 'utf8', timeout: 20_000 })
      : spawnSync(process.execPath, [cli, ...args, file], { encoding: 'utf8', timeout: 20_000 });
    times.push(performance.now() - t0);
    const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (cpu) cpus.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
    if (r.status !== 0) console.log(`  CLI exited ${r.status}: ${r.stdout}${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return `median ${Math.round(times[3] ?? 0)} ms (min ${Math.round(times[0] ?? 0)}, max ${Math.round(times[6] ?? 0)})${cpus.length ? `, CPU time median ${Math.round(median(cpus))} ms` : ''}`;
};
const both = ['--ig', tgz, '--ig', join(dir, 'extra.guide'), '--profile', 'https://extra.test/StructureDefinition/named-patient'];
console.log(`CLI cold start (bin), no --ig (Parcours built in): ${spawnMedian([])}`);
console.log(`CLI cold start (bin), --ig the Parcours package (.tgz): ${spawnMedian(['--ig', tgz])}`);
console.log(`CLI cold start (bin), --ig the Parcours package and one more package: ${spawnMedian(both)}`);
console.log(`CLI cold start (src/cli.ts run by Node's type stripping), same two packages: ${spawnMedian(both, source)}`);
rmSync(dir, { recursive: true, force: true });
