// FHIR packages read from disk (.tgz, folder, id#version from the cache), as integrators load theirs with --ig.
import type { OperationOutcome } from '@medplum/fhirtypes';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadParcoursR4 } from './node.ts';
import { PackageError, loadPackages } from './packages.ts';
import { createValidator, hasErrors } from './validator.ts';

const PARCOURS_TGZ = fileURLToPath(new URL('../../profiles/generated/fr.parcours.fhir-0.1.0.tgz', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'parcours-packages-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A package folder in the cache layout: a differential-only Patient profile applied globally by its guide. */
function writeGuide(root: string, dependencies: Record<string, string> = {}): string {
  const dir = join(root, 'my.guide#1.0.0', 'package');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my.guide', version: '1.0.0', dependencies: { 'hl7.fhir.r4.core': '4.0.1', ...dependencies } }));
  const url = 'https://guide.test/StructureDefinition/named-patient';
  writeFileSync(
    join(dir, 'StructureDefinition-named-patient.json'),
    JSON.stringify({ resourceType: 'StructureDefinition', url, name: 'NamedPatient', status: 'active', kind: 'resource', abstract: false, type: 'Patient', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient', derivation: 'constraint', differential: { element: [{ id: 'Patient.name', path: 'Patient.name', min: 1 }] } }),
  );
  writeFileSync(join(dir, 'ImplementationGuide-my.json'), JSON.stringify({ resourceType: 'ImplementationGuide', url: 'https://guide.test/ImplementationGuide/my', name: 'My', status: 'active', packageId: 'my.guide', fhirVersion: ['4.0.1'], global: [{ type: 'Patient', profile: url }] }));
  return join(root, 'my.guide#1.0.0');
}

describe('loadPackages', () => {
  it('reads the Parcours package, which carries its ImplementationGuide, valid R4', () => {
    const [pkg] = loadPackages([PARCOURS_TGZ]);
    expect(pkg?.name).toBe('fr.parcours.fhir#0.1.0');
    expect(pkg?.definitions.structureDefinitions.length).toBeGreaterThan(20);
    const ig = pkg?.definitions.implementationGuides[0];
    expect(ig?.packageId).toBe('fr.parcours.fhir');
    const o = createValidator(loadParcoursR4()).validate(ig);
    expect(o.issue.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('applies a folder package: its differential-only profile, globally through its guide', () => {
    const validator = createValidator(loadParcoursR4());
    for (const pkg of loadPackages([writeGuide(join(temp, 'folder'))])) validator.register(pkg.definitions);
    const o: OperationOutcome = validator.validate({ resourceType: 'Patient', gender: 'male' });
    expect(o.issue.some((i) => i.severity === 'error' && i.expression?.[0] === 'Patient.name')).toBe(true);
    expect(hasErrors(validator.validate({ resourceType: 'Patient', name: [{ family: 'Martin' }] }))).toBe(false);
  });

  it('finds id#version in the package cache, says which dependency is missing, and why a package cannot be loaded', () => {
    const cache = join(temp, 'cache');
    writeGuide(cache, { 'other.guide': '2.0.0' });
    const before = process.env.FHIR_PACKAGE_CACHE;
    process.env.FHIR_PACKAGE_CACHE = cache;
    try {
      const loaded = loadPackages(['my.guide#1.0.0']);
      expect(loaded[0]?.definitions.structureDefinitions).toHaveLength(1);
      expect(loaded.flatMap((p) => p.warnings).join()).toMatch(/other\.guide#2\.0\.0, a dependency of my\.guide#1\.0\.0, is not in the package cache/);
      expect(loadPackages(['my.guide'])[0]?.name).toBe('my.guide#1.0.0'); // no version: the highest in the cache
      expect(() => loadPackages(['absent.guide#9.9.9'])).toThrow(PackageError);
      expect(() => loadPackages(['absent.guide#9.9.9'])).toThrow(/neither a file, a folder, nor in the package cache/);
      writeFileSync(join(temp, 'broken.tgz'), 'not gzip');
      expect(() => loadPackages([join(temp, 'broken.tgz')])).toThrow(/not a gzipped tar archive/);
    } finally {
      if (before === undefined) delete process.env.FHIR_PACKAGE_CACHE;
      else process.env.FHIR_PACKAGE_CACHE = before;
    }
  });

  it('is what the CLI loads with --ig, and prints an OperationOutcome with --format operationoutcome', () => {
    const guide = writeGuide(join(temp, 'cli'));
    const file = join(temp, 'patient.json');
    writeFileSync(file, '\uFEFF' + JSON.stringify({ resourceType: 'Patient', gender: 'male' })); // with a byte-order mark
    const r = spawnSync(process.execPath, [CLI, '--ig', guide, '--format', 'operationoutcome', file], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    const o = JSON.parse(r.stdout) as OperationOutcome;
    expect(o.resourceType).toBe('OperationOutcome');
    expect(o.issue.some((i) => i.severity === 'error' && i.expression?.[0] === 'Patient.name')).toBe(true);
    const missing = spawnSync(process.execPath, [CLI, '--ig', join(temp, 'nope.tgz'), file], { encoding: 'utf8', timeout: 30_000 });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Cannot load the package .*nope\.tgz: no such file/);
  });
});
