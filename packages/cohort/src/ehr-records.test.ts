import type { Identifier, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { IdentifierSystem, examples } from '@parcours/profiles';
import { generateEhrRecords, peopleFollowedBy } from './ehr-records.ts';
import { generateCohort } from './index.ts';

const plan: Resource[] = [...examples.filter((r) => r.resourceType !== 'Bundle'), ...generateCohort({ people: 40 })];
const GP = 'Practitioner/PractitionerMicrostructureGpExample';
const gps = [{ planPractitioner: GP, ehrId: 'dpi-prat-rossi' }];
const ehr = generateEhrRecords(plan, gps, { 'dpi-prat-rossi': ['cohort-rdr-alcool-001'] });
const ins = (p: Patient | undefined): string | undefined => p?.identifier?.find((i: Identifier) => i.system === IdentifierSystem.INS)?.value;

describe('generateEhrRecords', () => {
  it('gives every person the GP follows (and the extra one) an EHR file with its own id and the same INS', () => {
    const followed = peopleFollowedBy(plan, GP);
    expect(followed.length).toBeGreaterThan(5);
    const planPatients = new Map(plan.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [p.id, p]));
    const ehrPatients = ehr.filter((r): r is Patient => r.resourceType === 'Patient');
    expect(ehrPatients).toHaveLength(followed.length + 1);
    const planIns = new Set([...followed, 'cohort-rdr-alcool-001'].map((id) => ins(planPatients.get(id))));
    for (const p of ehrPatients) {
      expect(p.id).toMatch(/^dpi-\d{4}$/);
      expect(planPatients.has(p.id)).toBe(false);
      if (ins(p)) expect(planIns.has(ins(p))).toBe(true);
    }
  });

  it('holds the GP’s local records: GGT, ASAT, ALAT and CDT with LOINC codes, conditions, medications, notes', () => {
    const labs = ehr.filter((r): r is Observation => r.resourceType === 'Observation');
    const loinc = new Set(labs.map((o) => o.code.coding?.[0]?.code));
    expect([...loinc].sort()).toEqual(['1742-6', '1920-8', '2324-2', '48495-6']);
    expect(labs.every((o) => o.valueQuantity?.system === 'http://unitsofmeasure.org')).toBe(true);
    const types = new Set<string>(ehr.map((r: Resource) => r.resourceType));
    for (const t of ['Condition', 'MedicationStatement', 'DocumentReference', 'CareTeam', 'Practitioner']) expect(types.has(t)).toBe(true);
  });

  it('is deterministic and copies the GP’s RPPS onto the EHR Practitioner', () => {
    expect(JSON.stringify(generateEhrRecords(plan, gps, { 'dpi-prat-rossi': ['cohort-rdr-alcool-001'] }))).toBe(JSON.stringify(ehr));
    const gp = ehr.find((r) => r.resourceType === 'Practitioner');
    expect(gp?.id).toBe('dpi-prat-rossi');
    expect((gp as { identifier?: Identifier[] }).identifier?.[0]).toEqual({ system: IdentifierSystem.RPPS, value: '10003456789' });
  });
});
