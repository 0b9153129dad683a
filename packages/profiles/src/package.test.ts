import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCorePackage } from '../scripts/core-package.ts';
import { FHIR_PACKAGES_DIR, GENERATED_DIR, STUB_PACKAGES, SUSHI_BIN } from '../scripts/paths.ts';
import { PARCOURS_PACKAGE_ID, PARCOURS_PACKAGE_VERSION, ProfileUrl } from './index.ts';
import { readTgz } from './tgz.test-helper.ts';

// One real, offline SUSHI run: a scratch FSH project that depends on fr.parcours.fhir loaded from our tarball.
describe('fr.parcours.fhir as a SUSHI dependency', () => {
  const temp = mkdtempSync(join(tmpdir(), 'parcours-sushi-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('builds a scratch project deriving from and instantiating Parcours profiles, 0 errors', () => {
    ensureCorePackage();
    const packages = join(temp, 'home', '.fhir', 'packages');
    mkdirSync(packages, { recursive: true });
    for (const dep of ['hl7.fhir.r4.core#4.0.1', ...STUB_PACKAGES.map((s) => `${s.name}#${s.version}`)]) {
      symlinkSync(join(FHIR_PACKAGES_DIR, dep), join(packages, dep));
    }
    const tarball = readTgz(readFileSync(join(GENERATED_DIR, `${PARCOURS_PACKAGE_ID}-${PARCOURS_PACKAGE_VERSION}.tgz`)));
    for (const [name, content] of tarball) {
      const target = join(packages, `${PARCOURS_PACKAGE_ID}#${PARCOURS_PACKAGE_VERSION}`, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    const project = join(temp, 'project');
    mkdirSync(join(project, 'input', 'fsh'), { recursive: true });
    writeFileSync(
      join(project, 'sushi-config.yaml'),
      [
        'canonical: http://example.org/scratch',
        'status: draft',
        'version: 0.0.1',
        'fhirVersion: 4.0.1',
        'FSHOnly: true',
        'dependencies:',
        `  ${PARCOURS_PACKAGE_ID}: ${PARCOURS_PACKAGE_VERSION}`,
        ...STUB_PACKAGES.map((s) => `  ${s.name}: ${s.version}`),
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'input', 'fsh', 'scratch.fsh'),
      [
        'Profile: ScratchPatient',
        'Parent: ParcoursPatient',
        '* birthDate 1..1',
        '',
        'Instance: ScratchCarePlan',
        'InstanceOf: https://fhir.parcours.fr/StructureDefinition/parcours-careplan',
        '* status = #active',
        '* intent = #plan',
        '* category[parcours] = https://fhir.parcours.fr/CodeSystem/parcours-careplan-category#plan-partage',
        '* subject.reference = "Patient/example"',
        '* careTeam.reference = "CareTeam/example"',
        '* extension[pathwayStage].valueCodeableConcept = https://fhir.parcours.fr/CodeSystem/parcours-pathway-stage#alliance',
        '',
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [SUSHI_BIN, 'build', project, '--snapshot'], {
      env: { ...process.env, HOME: join(temp, 'home') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain(`Loaded ${PARCOURS_PACKAGE_ID}#${PARCOURS_PACKAGE_VERSION}`);
    expect(output).toMatch(/\b0 Errors\s+0 Warnings/);
    const resources = join(project, 'fsh-generated', 'resources');
    expect(readdirSync(resources).sort()).toEqual(['CarePlan-ScratchCarePlan.json', 'StructureDefinition-ScratchPatient.json']);
    const profile = JSON.parse(readFileSync(join(resources, 'StructureDefinition-ScratchPatient.json'), 'utf8'));
    expect(profile.baseDefinition).toBe(ProfileUrl.Patient);
    // The snapshot inherits the Parcours INS slice and invariants.
    expect(profile.snapshot.element.some((e: { id: string }) => e.id === 'Patient.identifier:INS')).toBe(true);
    const carePlan = JSON.parse(readFileSync(join(resources, 'CarePlan-ScratchCarePlan.json'), 'utf8'));
    expect(carePlan.meta.profile).toEqual([ProfileUrl.CarePlan]);
    expect(carePlan.extension[0].url).toBe('https://fhir.parcours.fr/StructureDefinition/parcours-pathway-stage');
  }, 120_000); // SUSHI runs inside: ~4 s on a quiet machine, 25 s on the shared one under load
});
