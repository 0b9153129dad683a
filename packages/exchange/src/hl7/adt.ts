// HL7 v2 ADT^A03 (IHE PAM France: discharge) → Parcours discharge document Bundle (ParcoursBundleDischarge), the
// same content a hospital would send as FHIR. Segments read: MSH, PID (PID-3 INS and IPP, PID-5, PID-7, PID-8,
// PID-11 birth place), PD1-4 (GP), PV1 (PV1-2 class, PV1-3 unit, PV1-7 attending, PV1-19 stay number, PV1-36
// disposition, PV1-44/45 admission and discharge), ZBE (movement), DG1 (diagnoses), OBX (notes), RXE (medicines).
import type { Hl7Message } from '@medplum/core';
import type {
  Bundle, BundleEntry, CodeableConcept, Composition, CompositionSection, Encounter, Identifier, MedicationRequest,
  Organization, Patient, Practitioner, Reference, Resource,
} from '@medplum/fhirtypes';
import { CodeSystemUrl, ExternalSystem, IdentifierSystem, ProfileUrl } from '@parcours/profiles';
import { randomUUID } from 'node:crypto';
import {
  DISCHARGE_DISPOSITION_SYSTEM, HL7_MESSAGE_IDENTIFIER_SYSTEM, ICD10_SYSTEM, LOINC_DISCHARGE_MEDICATIONS,
  LOINC_DISCHARGE_SUMMARY, LOINC_HOSPITAL_COURSE,
} from '../constants.ts';
import { parseHl7Date } from './dates.ts';
import type { Hl7Date } from './dates.ts';
import { Hl7Rejection, comp, parseEr7, readHeader, subComponents } from './er7.ts';
import type { MessageHeader } from './er7.ts';

const INS_OID = IdentifierSystem.INS.replace('urn:oid:', '');
const RPPS_OID = IdentifierSystem.RPPS.replace('urn:oid:', '');

export interface Hl7ConversionOptions {
  /**
   * FHIR identifier systems of the hospitals' assigning authorities: key `NAMESPACE^TYPE` (e.g. `CHU-ROUBAIX^PI`),
   * `NAMESPACE` or the authority's OID. Default: `urn:oid:<OID>` of the authority (PID-3.4.2).
   */
  assigners?: Record<string, string>;
}

export interface Hl7Conversion {
  header: MessageHeader;
  bundle: Bundle;
  /** Notes for the operator (e.g. an INS ignored because identity traits were missing). */
  warnings: string[];
}

const DISPOSITIONS: Record<string, [string, string]> = {
  // HL7 table 0112 → http://terminology.hl7.org/CodeSystem/discharge-disposition
  '01': ['home', 'Home'], '1': ['home', 'Home'],
  '02': ['other-hcf', 'Other healthcare facility'], '2': ['other-hcf', 'Other healthcare facility'],
  '03': ['snf', 'Skilled nursing facility'], '3': ['snf', 'Skilled nursing facility'],
  '04': ['long', 'Long-term care'], '4': ['long', 'Long-term care'],
  '05': ['other-hcf', 'Other healthcare facility'], '5': ['other-hcf', 'Other healthcare facility'],
  '06': ['home', 'Home'], '6': ['home', 'Home'],
  '07': ['aadvice', 'Left against advice'], '7': ['aadvice', 'Left against advice'],
  '20': ['exp', 'Expired'], '40': ['exp', 'Expired'], '41': ['exp', 'Expired'], '42': ['exp', 'Expired'],
  '50': ['hosp', 'Hospice'], '51': ['hosp', 'Hospice'],
  '62': ['rehab', 'Rehabilitation'], '63': ['long', 'Long-term care'], '65': ['psy', 'Psychiatric hospital'],
};
const FHIR_DISPOSITIONS = new Set(['home', 'alt-home', 'other-hcf', 'hosp', 'long', 'aadvice', 'exp', 'psy', 'rehab', 'snf', 'oth']);

function date(value: string, field: string, fr: string, en: string): Hl7Date | undefined {
  if (!value) return undefined;
  const parsed = parseHl7Date(value);
  if (!parsed) {
    throw new Hl7Rejection('AE', `${fr} (${field}) invalide : « ${value} »`, `Invalid ${en} (${field}): "${value}"`, '102');
  }
  return parsed;
}

function xhtml(lines: string[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`;
}

function systemFor(options: Hl7ConversionOptions, namespace: string, oid: string, type: string): string | undefined {
  const map = options.assigners ?? {};
  const mapped = map[`${namespace}^${type}`] ?? map[namespace] ?? (oid ? map[oid] : undefined);
  if (mapped) return mapped;
  return oid && /^[0-2](\.\d+)+$/.test(oid) ? `urn:oid:${oid}` : undefined;
}

/** XCN (person) → ParcoursPractitioner, with the RPPS when the assigning authority says so. */
function practitioner(message: Hl7Message, segment: string, field: number): Practitioner | undefined {
  const f = message.getSegment(segment)?.getField(field);
  if (!f || !comp(message, f, 2)) return undefined;
  const id = comp(message, f, 1);
  const authority = subComponents(f, 9);
  const isRpps = authority[1] === RPPS_OID || comp(message, f, 13) === 'RPPS' || /ASIP-SANTE-PS|RPPS/i.test(authority[0] ?? '');
  let rpps = isRpps ? id : '';
  if (/^8\d{11}$/.test(rpps)) rpps = rpps.slice(1); // IdNat_PS: "8" + RPPS
  const prefix = comp(message, f, 6);
  const given = comp(message, f, 3);
  return {
    resourceType: 'Practitioner',
    meta: { profile: [ProfileUrl.Practitioner] },
    ...(rpps ? { identifier: [{ system: IdentifierSystem.RPPS, value: rpps }] } : {}),
    name: [{ family: comp(message, f, 2), ...(given ? { given: [given] } : {}), ...(prefix ? { prefix: [prefix] } : {}) }],
  };
}

function dischargeDisposition(message: Hl7Message, dischargeDay: string): CodeableConcept {
  const pv1 = message.getSegment('PV1');
  const code = comp(message, pv1?.getField(36), 1);
  const text = comp(message, pv1?.getField(36), 2);
  if (!code) {
    throw new Hl7Rejection('AE', `Mode de sortie manquant (PV1-36) pour la sortie du ${dischargeDay}`, 'Missing discharge disposition (PV1-36)', '101');
  }
  const known = DISPOSITIONS[code] ?? (FHIR_DISPOSITIONS.has(code) ? [code, code] : undefined);
  if (known) return { coding: [{ system: DISCHARGE_DISPOSITION_SYSTEM, code: known[0], display: known[1] }], ...(text ? { text } : {}) };
  return { coding: [{ system: DISCHARGE_DISPOSITION_SYSTEM, code: 'oth', display: 'Other' }], text: text || `PV1-36 ${code}` };
}

function patientFrom(message: Hl7Message, options: Hl7ConversionOptions, warnings: string[]): Patient {
  const pid = message.getSegment('PID');
  if (!pid) throw new Hl7Rejection('AE', 'Segment PID manquant : la personne ne peut pas être identifiée', 'Missing PID segment: the person cannot be identified', '100');
  const f3 = pid.getField(3);
  const identifiers: Identifier[] = [];
  let ins: Identifier | undefined;
  for (let r = 0; r < f3.components.length; r++) {
    const value = comp(message, f3, 1, r);
    if (!value) continue;
    const authority = subComponents(f3, 4, r);
    const namespace = authority[0] ?? '';
    const oid = authority[1] ?? '';
    const type = comp(message, f3, 5, r);
    if (oid === INS_OID || (type === 'INS' && !oid)) {
      ins = { use: 'official', system: IdentifierSystem.INS, value };
      continue;
    }
    const system = systemFor(options, namespace, oid, type);
    if (system) identifiers.push({ system, value });
    else warnings.push(`PID-3 « ${value} » ignoré : autorité d'affectation sans OID ni correspondance / ignored: assigning authority without OID or mapping`);
  }
  const names = pid.getField(5);
  let nameIndex = 0;
  for (let r = 0; r < names.components.length; r++) if (comp(message, names, 7, r) === 'L') nameIndex = r;
  const family = comp(message, names, 1, nameIndex);
  const given = comp(message, names, 2, nameIndex);
  const birth = date(comp(message, pid.getField(7), 1), 'PID-7', 'Date de naissance', 'birth date');
  const sex = comp(message, pid.getField(8), 1);
  const gender = ({ M: 'male', F: 'female', O: 'other', U: 'unknown', A: 'other', N: 'unknown' } as const)[sex as 'M'];
  // Birth place (INS identity trait): PID-11 repetition of type BDL, city in .3, INSEE code in .9; else PID-23.
  const f11 = pid.getField(11);
  let birthPlace: { city?: string; postalCode?: string; country?: string } | undefined;
  for (let r = 0; r < f11.components.length; r++) {
    if (comp(message, f11, 7, r) !== 'BDL') continue;
    const city = comp(message, f11, 3, r);
    const code = comp(message, f11, 9, r) || comp(message, f11, 5, r);
    const country = comp(message, f11, 6, r);
    birthPlace = { ...(city ? { city } : {}), ...(code ? { postalCode: code } : {}), ...(country ? { country } : {}) };
  }
  const pid23 = comp(message, pid.getField(23), 1);
  if (!birthPlace && pid23) birthPlace = { city: pid23 };
  if (ins) {
    const traits = family && given && birth && gender && birthPlace;
    if (traits) identifiers.unshift(ins);
    else {
      warnings.push("INS ignoré : traits d'identité incomplets (nom, prénom, date et lieu de naissance, sexe) / INS ignored: incomplete identity traits");
    }
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

/** Converts an ER7 ADT^A03 message into a Parcours discharge document Bundle; throws Hl7Rejection (AE/AR). */
export function convertAdtA03(text: string, options: Hl7ConversionOptions = {}): Hl7Conversion {
  const message = parseEr7(text);
  const header = readHeader(message);
  if (!header.controlId) throw new Hl7Rejection('AR', "Identifiant de message manquant (MSH-10)", 'Missing message control id (MSH-10)', '101');
  if (header.messageType !== 'ADT' || header.triggerEvent !== 'A03') {
    throw new Hl7Rejection(
      'AR',
      `Message ${header.messageType || '?'}^${header.triggerEvent || '?'} non pris en charge : seul ADT^A03 (sortie) est accepté`,
      `Unsupported message ${header.messageType || '?'}^${header.triggerEvent || '?'}: only ADT^A03 (discharge) is accepted`,
      header.messageType === 'ADT' ? '201' : '200',
    );
  }
  const warnings: string[] = [];
  const patient = patientFrom(message, options, warnings);
  const pv1 = message.getSegment('PV1');
  if (!pv1) throw new Hl7Rejection('AE', 'Segment PV1 manquant : le séjour est inconnu', 'Missing PV1 segment: the stay is unknown', '100');
  const zbe = message.getSegment('ZBE');
  const zbeAction = comp(message, zbe?.getField(4), 1).toUpperCase();
  if (zbeAction === 'CANCEL') {
    throw new Hl7Rejection('AR', "Annulation de mouvement (ZBE-4 CANCEL) non prise en charge : envoyer un A13", 'Movement cancellation (ZBE-4 CANCEL) is not supported', '207');
  }
  const admitted = date(comp(message, pv1.getField(44), 1), 'PV1-44', "Date d'entrée", 'admission date');
  const zbeDate = date(comp(message, zbe?.getField(2), 1), 'ZBE-2', 'Date du mouvement', 'movement date');
  const discharged = date(comp(message, pv1.getField(45), 1), 'PV1-45', 'Date de sortie', 'discharge date') ?? zbeDate;
  if (!discharged) throw new Hl7Rejection('AE', 'Date de sortie manquante (PV1-45)', 'Missing discharge date (PV1-45)', '101');
  if (admitted && admitted.ms > discharged.ms) {
    throw new Hl7Rejection('AE', `La date d'entrée (PV1-44) est postérieure à la sortie (PV1-45)`, 'Admission date (PV1-44) is after the discharge date (PV1-45)', '102');
  }
  const disposition = dischargeDisposition(message, discharged.day);

  const uuid = (): string => `urn:uuid:${randomUUID()}`;
  const entries: BundleEntry[] = [];
  const add = <T extends Resource>(resource: T): Reference<T> => {
    const fullUrl = uuid();
    entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  };

  // Sending facility (MSH-4) as the hospital Organization: FINESS when the universal id looks like one.
  const msh4 = message.header.getField(4);
  const facilityName = comp(message, msh4, 1);
  const facilityId = comp(message, msh4, 2);
  const finess = /^([0-9]{2}|2A|2B)[0-9]{7}$/.test(facilityId) ? facilityId : '';
  const organization: Organization = {
    resourceType: 'Organization',
    meta: { profile: [ProfileUrl.Organization] },
    ...(finess ? { identifier: [{ system: IdentifierSystem.FINESS, value: finess }] } : {}),
    name: facilityName || facilityId || header.sendingApplication || 'Établissement de santé',
    type: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'equipe-hospitaliere' }] }],
  };
  const attending = practitioner(message, 'PV1', 7);
  const gp = practitioner(message, 'PD1', 4);

  const patientRef = add(patient);
  const orgRef = add(organization);
  const attendingRef = attending ? add(attending) : undefined;
  if (gp) patient.generalPractitioner = [add(gp)];

  const visit = pv1.getField(19);
  const visitNumber = comp(message, visit, 1);
  const visitAuthority = subComponents(visit, 4);
  const visitSystem = visitNumber ? systemFor(options, visitAuthority[0] ?? '', visitAuthority[1] ?? '', comp(message, visit, 5) || 'VN') : undefined;
  const patientClass = comp(message, pv1.getField(2), 1);
  const classCode = patientClass === 'E' ? 'EMER' : patientClass === 'O' ? 'AMB' : 'IMP';
  const unit = [comp(message, pv1.getField(3), 1), comp(message, pv1.getField(3), 4)].filter(Boolean).join(', ');

  const diagnoses = message.getAllSegments('DG1').map((dg1) => {
    const f = dg1.getField(3);
    return { code: comp(message, f, 1), text: comp(message, f, 2) || comp(message, dg1.getField(4), 1), system: comp(message, f, 3) };
  }).filter((d) => d.code || d.text);
  const encounter: Encounter = {
    resourceType: 'Encounter',
    meta: { profile: [ProfileUrl.Encounter] },
    ...(visitNumber && visitSystem ? { identifier: [{ system: visitSystem, value: visitNumber }] } : {}),
    status: 'finished',
    class: { system: ExternalSystem.ActCode, code: classCode },
    type: [{ coding: [{ system: CodeSystemUrl.EncounterType, code: 'sejour-hospitalier' }] }],
    subject: patientRef,
    ...(attendingRef ? { participant: [{ individual: attendingRef }] } : {}),
    period: { ...(admitted ? { start: admitted.fhir } : {}), end: discharged.fhir },
    ...(diagnoses.length
      ? { reasonCode: diagnoses.map((d) => ({ ...(d.code && /I10|CIM/i.test(d.system) ? { coding: [{ system: ICD10_SYSTEM, code: d.code }] } : {}), text: d.text || d.code })) }
      : {}),
    hospitalization: { dischargeDisposition: disposition },
    serviceProvider: orgRef,
  };
  const encounterRef = add(encounter);

  const notes = message.getAllSegments('OBX').map((obx) => {
    const label = comp(message, obx.getField(3), 2) || comp(message, obx.getField(3), 1);
    const f5 = obx.getField(5);
    const value = f5.components.map((_, r) => comp(message, f5, 1, r)).filter(Boolean).join(' ');
    return value ? (label ? `${label} : ${value}` : value) : '';
  }).filter(Boolean);
  const medications: MedicationRequest[] = message.getAllSegments('RXE').map((rxe) => {
    const f2 = rxe.getField(2);
    const code = comp(message, f2, 1);
    const name = comp(message, f2, 2) || code;
    const system = comp(message, f2, 3);
    const instructions = [comp(message, rxe.getField(7), 2) || comp(message, rxe.getField(7), 1), comp(message, rxe.getField(21), 2) || comp(message, rxe.getField(21), 1)].filter(Boolean).join(' ');
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { ...(code && /ATC/i.test(system) ? { coding: [{ system: ExternalSystem.ATC, code, display: name }] } : {}), text: name },
      subject: patientRef,
      encounter: encounterRef,
      authoredOn: discharged.day,
      ...(attendingRef ? { requester: attendingRef } : {}),
      ...(instructions ? { dosageInstruction: [{ text: instructions }] } : {}),
    };
    return request;
  }).filter((m) => m.medicationCodeableConcept?.text);
  const medicationRefs = medications.map((m) => add(m));

  const stayLines = [
    `Sortie le ${discharged.day}${unit ? ` (${unit})` : ''}${admitted ? `, entrée le ${admitted.day}` : ''}. Mode de sortie : ${disposition.text ?? disposition.coding?.[0]?.display ?? ''}.`,
    ...diagnoses.map((d) => `Diagnostic : ${[d.code, d.text].filter(Boolean).join(' ')}`),
    ...notes,
  ];
  const sections: CompositionSection[] = [
    { title: 'Séjour', code: { coding: [{ system: ExternalSystem.LOINC, code: LOINC_HOSPITAL_COURSE }] }, text: { status: 'generated', div: xhtml(stayLines) } },
  ];
  if (medications.length) {
    sections.push({
      title: 'Traitements de sortie',
      code: { coding: [{ system: ExternalSystem.LOINC, code: LOINC_DISCHARGE_MEDICATIONS }] },
      text: { status: 'generated', div: xhtml(medications.map((m) => [m.medicationCodeableConcept?.text, m.dosageInstruction?.[0]?.text].filter(Boolean).join(' : '))) },
      entry: medicationRefs,
    });
  }
  const composition: Composition = {
    resourceType: 'Composition',
    meta: { profile: [ProfileUrl.DischargeComposition] },
    status: 'final',
    type: { coding: [{ system: ExternalSystem.LOINC, code: LOINC_DISCHARGE_SUMMARY, display: 'Discharge summary' }] },
    subject: patientRef,
    encounter: encounterRef,
    date: discharged.fhir,
    author: [attendingRef ?? orgRef],
    title: 'Compte rendu de sortie',
    custodian: orgRef,
    section: sections,
  };
  entries.unshift({ fullUrl: uuid(), resource: composition });
  const bundle: Bundle = {
    resourceType: 'Bundle',
    meta: { profile: [ProfileUrl.DischargeBundle] },
    identifier: { system: HL7_MESSAGE_IDENTIFIER_SYSTEM, value: `${header.sendingApplication}^${header.sendingFacility}^${header.controlId}` },
    type: 'document',
    timestamp: new Date().toISOString(),
    entry: entries,
  };
  return { header, bundle, warnings };
}
