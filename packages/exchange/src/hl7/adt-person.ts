// ADT^A03, the people: PID (PID-3 INS and hospital identifiers, PID-5 legal name, PID-7, PID-8, PID-11 birth place)
// into a ParcoursPatient, and XCN fields (PD1-4 GP, PV1-7 attending) into ParcoursPractitioners with their RPPS.
import type { Hl7Message } from '@medplum/core';
import type { Identifier, Patient, Practitioner } from '@medplum/fhirtypes';
import { IdentifierSystem, ProfileUrl } from '@parcours/profiles';
import { parseHl7Date } from './dates.ts';
import type { Hl7Date } from './dates.ts';
import { Hl7Rejection, comp, fieldOf, repetitions, subComponents, value } from './er7.ts';

const INS_OID = IdentifierSystem.INS.replace('urn:oid:', '');
const RPPS_OID = IdentifierSystem.RPPS.replace('urn:oid:', '');

export interface Hl7ConversionOptions {
  /**
   * FHIR identifier systems of the hospitals' assigning authorities: key `NAMESPACE^TYPE` (e.g. `CHU-ROUBAIX^PI`),
   * `NAMESPACE` or the authority's OID. Default: `urn:oid:<OID>` of the authority (PID-3.4.2).
   */
  assigners?: Record<string, string>;
}

/** A strict HL7 date of a field, or a rejection naming the field. */
export function date(text: string, field: string, fr: string, en: string): Hl7Date | undefined {
  if (!text) return undefined;
  const parsed = parseHl7Date(text);
  if (!parsed) {
    throw new Hl7Rejection('AE', `${fr} (${field}) invalide : « ${text} »`, `Invalid ${en} (${field}): "${text}"`, '102');
  }
  return parsed;
}

/** FHIR system of an assigning authority: the configured mapping, else its OID. */
export function systemFor(options: Hl7ConversionOptions, namespace: string, oid: string, type: string): string | undefined {
  const map = options.assigners ?? {};
  const mapped = map[`${namespace}^${type}`] ?? map[namespace] ?? (oid ? map[oid] : undefined);
  if (mapped) return mapped;
  return oid && /^[0-2](\.\d+)+$/.test(oid) ? `urn:oid:${oid}` : undefined;
}

/** XCN (person) → ParcoursPractitioner, with the RPPS when the assigning authority says so. */
export function practitioner(message: Hl7Message, segment: string, field: number): Practitioner | undefined {
  const f = fieldOf(message.getSegment(segment), field);
  if (!comp(f, 2)) return undefined;
  const id = comp(f, 1);
  const authority = subComponents(f, 9);
  const isRpps = authority[1] === RPPS_OID || comp(f, 13) === 'RPPS' || /ASIP-SANTE-PS|RPPS/i.test(authority[0] ?? '');
  let rpps = isRpps ? id : '';
  if (/^8\d{11}$/.test(rpps)) rpps = rpps.slice(1); // IdNat_PS: "8" + RPPS
  const prefix = comp(f, 6);
  const given = comp(f, 3);
  return {
    resourceType: 'Practitioner',
    meta: { profile: [ProfileUrl.Practitioner] },
    ...(rpps ? { identifier: [{ system: IdentifierSystem.RPPS, value: rpps }] } : {}),
    name: [{ family: comp(f, 2), ...(given ? { given: [given] } : {}), ...(prefix ? { prefix: [prefix] } : {}) }],
  };
}

/** PID-3 repetitions → the INS (kept apart: only used with the identity traits) and the other identifiers. */
function identifiersOf(message: Hl7Message, options: Hl7ConversionOptions, warnings: string[]): { ins?: Identifier; others: Identifier[] } {
  const f3 = fieldOf(message.getSegment('PID'), 3);
  const others: Identifier[] = [];
  let ins: Identifier | undefined;
  for (let r = 0; r < repetitions(f3); r++) {
    const id = comp(f3, 1, r);
    if (!id) continue;
    const [namespace = '', oid = ''] = subComponents(f3, 4, r);
    const type = comp(f3, 5, r);
    if (oid === INS_OID || (type === 'INS' && !oid)) {
      ins = { use: 'official', system: IdentifierSystem.INS, value: id };
      continue;
    }
    const system = systemFor(options, namespace, oid, type);
    if (system) others.push({ system, value: id });
    else warnings.push(`PID-3 « ${id} » ignoré : autorité d'affectation sans OID ni correspondance / ignored: assigning authority without OID or mapping`);
  }
  return { ...(ins ? { ins } : {}), others };
}

/** Birth place (INS identity trait): PID-11 repetition of type BDL, city in .3, INSEE code in .9; else PID-23. */
function birthPlaceOf(message: Hl7Message): { city?: string; postalCode?: string; country?: string } | undefined {
  const pid = message.getSegment('PID');
  const f11 = fieldOf(pid, 11);
  let place: { city?: string; postalCode?: string; country?: string } | undefined;
  for (let r = 0; r < repetitions(f11); r++) {
    if (comp(f11, 7, r) !== 'BDL') continue;
    const city = comp(f11, 3, r);
    const code = comp(f11, 9, r) || comp(f11, 5, r);
    const country = comp(f11, 6, r);
    place = { ...(city ? { city } : {}), ...(code ? { postalCode: code } : {}), ...(country ? { country } : {}) };
  }
  const pid23 = value(pid, 23);
  return place ?? (pid23 ? { city: pid23 } : undefined);
}

const GENDERS: Record<string, Patient['gender']> = { M: 'male', F: 'female', O: 'other', U: 'unknown', A: 'other', N: 'unknown' };

/** PID → ParcoursPatient; rejects (AE) a message without PID or without any usable identifier. */
export function patientFrom(message: Hl7Message, options: Hl7ConversionOptions, warnings: string[]): Patient {
  const pid = message.getSegment('PID');
  if (!pid) throw new Hl7Rejection('AE', 'Segment PID manquant : la personne ne peut pas être identifiée', 'Missing PID segment: the person cannot be identified', '100');
  const { ins, others: identifiers } = identifiersOf(message, options, warnings);
  const names = fieldOf(pid, 5);
  let nameIndex = 0;
  for (let r = 0; r < repetitions(names); r++) if (comp(names, 7, r) === 'L') nameIndex = r;
  const family = comp(names, 1, nameIndex);
  const given = comp(names, 2, nameIndex);
  const birth = date(value(pid, 7), 'PID-7', 'Date de naissance', 'birth date');
  const gender = GENDERS[value(pid, 8)];
  const birthPlace = birthPlaceOf(message);
  if (ins) {
    if (family && given && birth && gender && birthPlace) identifiers.unshift(ins);
    else warnings.push("INS ignoré : traits d'identité incomplets (nom, prénom, date et lieu de naissance, sexe) / INS ignored: incomplete identity traits");
  }
  if (identifiers.length === 0) {
    throw new Hl7Rejection(
      'AE',
      "Aucun identifiant exploitable en PID-3 : INS (OID 1.2.250.1.213.1.4.8, avec les traits d'identité) ou IPP avec son autorité d'affectation",
      'No usable identifier in PID-3: INS (OID 1.2.250.1.213.1.4.8, with identity traits) or hospital identifier with its assigning authority',
      '101',
    );
  }
  return {
    resourceType: 'Patient',
    meta: { profile: [ProfileUrl.Patient] },
    identifier: identifiers,
    name: [{ use: 'official', ...(family ? { family } : {}), ...(given ? { given: [given] } : {}) }],
    ...(gender ? { gender } : {}),
    ...(birth ? { birthDate: birth.day } : {}),
    ...(birthPlace ? { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueAddress: birthPlace }] } : {}),
  };
}
