import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reproducibleTgz } from '../scripts/tarball.ts';
import {
  codeSystems,
  CodeSystemUrl,
  examples,
  ExtensionUrl,
  LoincCode,
  PARCOURS_CANONICAL,
  PARCOURS_PACKAGE_ID,
  PARCOURS_PACKAGE_VERSION,
  ProfileUrl,
  structureDefinitions,
  ValueSetUrl,
  valueSets,
} from './index.ts';
import { readTgz } from './tgz.test-helper.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tgzPath = join(packageDir, 'generated', `${PARCOURS_PACKAGE_ID}-${PARCOURS_PACKAGE_VERSION}.tgz`);

describe('generated data', () => {
  it('has every contract profile and extension, with a snapshot', () => {
    for (const url of [...Object.values(ProfileUrl), ExtensionUrl.PathwayStage, ExtensionUrl.MeetingPartner]) {
      const sd = structureDefinitions.find((s) => s.url === url);
      expect(sd, url).toBeDefined();
      expect(sd?.snapshot?.element?.length, url).toBeGreaterThan(1);
      expect(sd?.url.startsWith(PARCOURS_CANONICAL)).toBe(true);
    }
  });

  it('has every CodeSystem, French display and English designation on each concept', () => {
    for (const url of Object.values(CodeSystemUrl)) {
      const cs = codeSystems.find((c) => c.url === url);
      expect(cs, url).toBeDefined();
      for (const concept of cs?.concept ?? []) {
        expect(concept.display, concept.code).toBeTruthy();
        expect(concept.designation?.find((d) => d.language === 'en')?.value, concept.code).toBeTruthy();
      }
    }
  });

  it('expands every ValueSet', () => {
    expect(valueSets.length).toBe(Object.keys(ValueSetUrl).length);
    for (const url of Object.values(ValueSetUrl)) {
      const vs = valueSets.find((v) => v.url === url);
      expect(vs?.expansion?.contains?.length, url).toBeGreaterThan(0);
      expect(vs?.expansion?.total).toBe(vs?.expansion?.contains?.length);
    }
  });

  it('uses the LOINC codes of the constants in the profiles', () => {
    const text = JSON.stringify(structureDefinitions);
    // The AUDIT-C panel code (72109-2) identifies the questionnaire, not an Observation code: not in the profiles.
    const missing = Object.values(LoincCode).filter((code) => code !== LoincCode.AuditCPanel).filter((code) => !text.includes(`"code":"${code}"`));
    expect(missing).toEqual([]);
  });

  it('matches the readable JSON copies in generated/', () => {
    const dir = join(packageDir, 'generated', 'examples');
    expect(readdirSync(dir).length).toBe(examples.length);
    for (const r of examples) {
      expect(JSON.parse(readFileSync(join(dir, `${r.resourceType}-${r.id}.json`), 'utf8'))).toEqual(r);
    }
  });
});

describe('FHIR package tarball', () => {
  const files = readTgz(readFileSync(tgzPath));

  it('has package/package.json with fhirVersions and the core dependency only', () => {
    const manifest = JSON.parse(files.get('package/package.json')?.toString('utf8') ?? '{}');
    expect(manifest).toMatchObject({ name: PARCOURS_PACKAGE_ID, version: PARCOURS_PACKAGE_VERSION, fhirVersions: ['4.0.1'], canonical: PARCOURS_CANONICAL });
    expect(manifest.dependencies).toEqual({ 'hl7.fhir.r4.core': '4.0.1' });
  });

  it('indexes every resource it ships in package/.index.json', () => {
    const index = JSON.parse(files.get('package/.index.json')?.toString('utf8') ?? '{}') as { files: { filename: string; url: string }[] };
    // The conformance resources and the guide itself (ImplementationGuide-fr.parcours.fhir.json).
    expect(index.files.length).toBe(structureDefinitions.length + codeSystems.length + valueSets.length + 1);
    expect(index.files.some((f) => f.filename === 'ImplementationGuide-fr.parcours.fhir.json')).toBe(true);
    for (const entry of index.files) expect(files.has(`package/${entry.filename}`), entry.filename).toBe(true);
    for (const url of Object.values(ProfileUrl)) expect(index.files.some((f) => f.url === url), url).toBe(true);
  });

  it('is built reproducibly (same input, same bytes; entries sorted)', () => {
    const input = new Map([...files].map(([k, v]) => [k, v] as [string, Buffer]));
    const again = reproducibleTgz(input);
    expect(again.equals(readFileSync(tgzPath))).toBe(true);
    expect([...files.keys()]).toEqual([...files.keys()].sort());
    expect(existsSync(join(packageDir, 'generated', 'README.md'))).toBe(true);
  });
});
