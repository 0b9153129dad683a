import type { Bundle, Composition, Encounter, MedicationRequest, Patient, Practitioner } from '@medplum/fhirtypes';
import { IdentifierSystem } from '@parcours/profiles';
import { hasErrors, validate } from '@parcours/validator';
import { describe, expect, it } from 'vitest';
import { ASSIGNERS, IPP_SYSTEM, STAY_SYSTEM } from '../testing.ts';
import { convertAdtA03 } from './adt.ts';
import { parseHl7Date } from './dates.ts';
import { buildAck } from './ack.ts';
import { Hl7Rejection } from './er7.ts';
import { sampleA03 } from './samples.ts';

function resources<T>(bundle: Bundle, type: string): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type) as T[];
}

function rejection(text: string): Hl7Rejection {
  try {
    convertAdtA03(text, { assigners: ASSIGNERS });
  } catch (error) {
    if (error instanceof Hl7Rejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('ADT^A03 → discharge Bundle', () => {
  it('converts the PAM France sample into a conformant ParcoursBundleDischarge', () => {
    const { bundle, header, warnings } = convertAdtA03(sampleA03(), { assigners: ASSIGNERS });
    expect(header.controlId).toBe('MSG-0001');
    expect(warnings).toEqual([]);
    const result = validate(bundle);
    expect(hasErrors(result), JSON.stringify(result.issue)).toBe(false);
    const [patient] = resources<Patient>(bundle, 'Patient');
    expect(patient?.identifier).toEqual([
      { use: 'official', system: IdentifierSystem.INS, value: '161095951204817' },
      { system: IPP_SYSTEM, value: 'IPP-4471203' },
    ]);
    const [encounter] = resources<Encounter>(bundle, 'Encounter');
    expect(encounter?.identifier?.[0]).toEqual({ system: STAY_SYSTEM, value: 'SEJ-2024-118822' });
    expect(encounter?.period).toEqual({ start: '2024-04-02T10:00:00+02:00', end: '2024-04-07T11:00:00+02:00' });
    expect(encounter?.hospitalization?.dischargeDisposition?.coding?.[0]?.code).toBe('home');
    expect(encounter?.class.code).toBe('IMP');
    const practitioners = resources<Practitioner>(bundle, 'Practitioner');
    expect(practitioners.map((p) => p.identifier?.[0]?.value).sort()).toEqual(['10002223334', '10004445556']);
    const [medication] = resources<MedicationRequest>(bundle, 'MedicationRequest');
    expect(medication?.medicationCodeableConcept?.coding?.[0]).toMatchObject({ system: 'http://www.whocc.no/atc', code: 'A11DA01' });
    expect(medication?.dosageInstruction?.[0]?.text).toBe('1 comprimé matin et soir pendant 1 mois');
    const [composition] = resources<Composition>(bundle, 'Composition');
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Composition');
    expect(composition?.section?.[0]?.text?.div).toContain("Syndrome de dépendance à l'alcool");
  });

  it('accepts A03 variants: no INS (IPP only), no ZBE/DG1/OBX/RXE, LF separators, odd but legal encoding characters', () => {
    const noIns = convertAdtA03(sampleA03({ ins: '' }), { assigners: ASSIGNERS });
    expect(resources<Patient>(noIns.bundle, 'Patient')[0]?.identifier).toEqual([{ system: IPP_SYSTEM, value: 'IPP-4471203' }]);
    const minimal = convertAdtA03(sampleA03({ segments: { ZBE: undefined, DG1: undefined, OBX: undefined, RXE: undefined, PD1: undefined } }), { assigners: ASSIGNERS });
    expect(hasErrors(validate(minimal.bundle))).toBe(false);
    expect(resources(minimal.bundle, 'MedicationRequest')).toHaveLength(0);
    const lf = convertAdtA03(sampleA03().replace(/\r/g, '\r\n'), { assigners: ASSIGNERS });
    expect(lf.header.controlId).toBe('MSG-0001');
    // MSH-2 `*~\&`: components separated by `*` instead of `^`.
    const odd = convertAdtA03(sampleA03().replace(/\^/g, '*'), { assigners: { 'CHU-ROUBAIX*PI': IPP_SYSTEM } });
    expect(odd.header.triggerEvent).toBe('A03');
    expect(resources<Patient>(odd.bundle, 'Patient')[0]?.identifier?.[0]?.value).toBe('161095951204817');
    // Without assigner mapping, the authority's OID becomes the identifier system.
    const oid = convertAdtA03(sampleA03({ ins: '' }));
    expect(resources<Patient>(oid.bundle, 'Patient')[0]?.identifier?.[0]?.system).toBe('urn:oid:1.2.250.1.71.4.2.2.590000456');
  });

  it('ignores an INS sent without the identity traits (and says so)', () => {
    const noBirthPlace = sampleA03().replace('^^Tourcoing^^^FRA^BDL^^59599', '');
    const { bundle, warnings } = convertAdtA03(noBirthPlace, { assigners: ASSIGNERS });
    expect(resources<Patient>(bundle, 'Patient')[0]?.identifier?.map((i) => i.system)).toEqual([IPP_SYSTEM]);
    expect(warnings[0]).toMatch(/INS ignoré/);
  });

  it('rejects broken messages with AE/AR and a clear text', () => {
    expect(rejection(sampleA03({ segments: { PID: undefined } }))).toMatchObject({ ack: 'AE', message: expect.stringContaining('PID') as string });
    expect(rejection(sampleA03({ segments: { PV1: undefined } }))).toMatchObject({ ack: 'AE', message: expect.stringContaining('PV1') as string });
    expect(rejection(sampleA03({ discharge: '20241332120000' }))).toMatchObject({ ack: 'AE', message: expect.stringContaining('PV1-45') as string });
    expect(rejection(sampleA03({ discharge: 'hier' })).message).toContain('« hier »');
    expect(rejection(sampleA03({ discharge: '20240230' })).ack).toBe('AE');
    expect(rejection(sampleA03({ discharge: '20240401000000' })).message).toMatch(/postérieure/);
    expect(rejection(sampleA03().replace('MSH|^~\\&|', 'MSH|^^\\&|'))).toMatchObject({ ack: 'AR', message: expect.stringContaining('MSH-2') as string });
    expect(rejection(sampleA03().replace('MSH|^~\\&|', 'MSH|ab|')).ack).toBe('AR');
    expect(rejection(sampleA03().replace('ADT^A03^ADT_A03', 'ADT^A01^ADT_A01'))).toMatchObject({ ack: 'AR', errorCode: '201' });
    expect(rejection(sampleA03().replace('ADT^A03^ADT_A03', 'ORU^R01'))).toMatchObject({ ack: 'AR', errorCode: '200' });
    expect(rejection(sampleA03({ controlId: '' })).ack).toBe('AR');
    expect(rejection(sampleA03({ ins: '', ipp: '' })).message).toMatch(/Aucun identifiant/);
    expect(rejection('PID|1||x').ack).toBe('AR');
    expect(rejection('').ack).toBe('AR');
    expect(rejection(sampleA03().replace('|INSERT|', '|CANCEL|')).ack).toBe('AR');
    expect(rejection(sampleA03().replace('||01|', '|||')).message).toMatch(/PV1-36/);
    // Segments cut short (the library returns undefined past the last field): a rejection, not a TypeError.
    expect(rejection(sampleA03({ segments: { PID: 'PID|1' } })).message).toMatch(/Aucun identifiant/);
    expect(rejection(sampleA03({ segments: { PV1: 'PV1', ZBE: undefined } })).message).toMatch(/PV1-45/);
    expect(rejection(sampleA03().split('\r')[0] ?? '').message).toMatch(/PID/);
  });

  it('builds ACKs that echo the control id, with MSA and ERR', () => {
    const ack = buildAck(undefined, { controlId: 'MSG-9', sendingApplication: 'SIH', triggerEvent: 'A03' }, 'AE', 'Date | invalide');
    const [msh, msa, err] = ack.split('\r');
    expect(msh).toMatch(/^MSH\|\^~\\&\|PARCOURS\|PARCOURS\|SIH\|/);
    expect(msh?.split('|')[8]).toBe('ACK^A03^ACK');
    expect(msa).toBe('MSA|AE|MSG-9|Date \\F\\ invalide');
    expect(err).toMatch(/^ERR\|\|\|207\^Application internal error\^HL70357\|E\|\|\|\|Date \\F\\ invalide$/);
  });
});

describe('HL7 dates', () => {
  it('reads local French time and explicit offsets strictly', () => {
    expect(parseHl7Date('20240407110000')?.fhir).toBe('2024-04-07T11:00:00+02:00');
    expect(parseHl7Date('20240107110000')?.fhir).toBe('2024-01-07T11:00:00+01:00');
    expect(parseHl7Date('202401071100-0500')?.fhir).toBe('2024-01-07T11:00:00-05:00');
    expect(parseHl7Date('20240407')?.fhir).toBe('2024-04-07');
    expect(parseHl7Date('20240229')?.day).toBe('2024-02-29');
    for (const bad of ['20230229', '20241301', '2024040725', '202404071160', 'abc', '2024-04-07', '2024040711']) {
      expect(parseHl7Date(bad), bad).toBeUndefined();
    }
  });
});
