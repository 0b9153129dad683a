// ADT^A03, the stay: PV1 (PV1-2 class, PV1-3 unit, PV1-19 stay number, PV1-36 disposition, PV1-44/45 admission and
// discharge), ZBE (movement), DG1 (diagnoses), OBX (notes) and RXE (discharge medicines).
import type { Hl7Message } from '@medplum/core';
import type { CodeableConcept, Encounter, Identifier, MedicationRequest, Patient, Practitioner, Reference } from '@medplum/fhirtypes';
import { ExternalSystem } from '@parcours/profiles';
import { DISCHARGE_DISPOSITION_SYSTEM } from '../constants.ts';
import type { Hl7Date } from './dates.ts';
import { date, systemFor } from './adt-person.ts';
import type { Hl7ConversionOptions } from './adt-person.ts';
import { Hl7Rejection, comp, fieldOf, repetitions, subComponents, value } from './er7.ts';

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

export interface StayDates {
  admitted?: Hl7Date;
  discharged: Hl7Date;
}

/** PV1-44/45 (or ZBE-2), strict; refuses a CANCEL movement, a missing discharge date, an admission after discharge. */
export function stayDates(message: Hl7Message): StayDates {
  const pv1 = message.getSegment('PV1');
  if (!pv1) throw new Hl7Rejection('AE', 'Segment PV1 manquant : le séjour est inconnu', 'Missing PV1 segment: the stay is unknown', '100');
  const zbe = message.getSegment('ZBE');
  if (value(zbe, 4).toUpperCase() === 'CANCEL') {
    throw new Hl7Rejection('AR', "Annulation de mouvement (ZBE-4 CANCEL) non prise en charge : envoyer un A13", 'Movement cancellation (ZBE-4 CANCEL) is not supported', '207');
  }
  const admitted = date(value(pv1, 44), 'PV1-44', "Date d'entrée", 'admission date');
  const zbeDate = date(value(zbe, 2), 'ZBE-2', 'Date du mouvement', 'movement date');
  const discharged = date(value(pv1, 45), 'PV1-45', 'Date de sortie', 'discharge date') ?? zbeDate;
  if (!discharged) throw new Hl7Rejection('AE', 'Date de sortie manquante (PV1-45)', 'Missing discharge date (PV1-45)', '101');
  if (admitted && admitted.ms > discharged.ms) {
    throw new Hl7Rejection('AE', `La date d'entrée (PV1-44) est postérieure à la sortie (PV1-45)`, 'Admission date (PV1-44) is after the discharge date (PV1-45)', '102');
  }
  return { ...(admitted ? { admitted } : {}), discharged };
}

/** PV1-36 (HL7 table 0112) → FHIR discharge-disposition; required. */
export function dischargeDisposition(message: Hl7Message, dischargeDay: string): CodeableConcept {
  const pv1 = message.getSegment('PV1');
  const code = value(pv1, 36, 1);
  const text = value(pv1, 36, 2);
  if (!code) {
    throw new Hl7Rejection('AE', `Mode de sortie manquant (PV1-36) pour la sortie du ${dischargeDay}`, 'Missing discharge disposition (PV1-36)', '101');
  }
  const known = DISPOSITIONS[code] ?? (FHIR_DISPOSITIONS.has(code) ? [code, code] : undefined);
  if (known) return { coding: [{ system: DISCHARGE_DISPOSITION_SYSTEM, code: known[0], display: known[1] }], ...(text ? { text } : {}) };
  return { coding: [{ system: DISCHARGE_DISPOSITION_SYSTEM, code: 'oth', display: 'Other' }], text: text || `PV1-36 ${code}` };
}

export interface StayFacts {
  identifier?: Identifier;
  classCode: string;
  unit: string;
}

/** PV1-19 stay number (with its authority's system), PV1-2 class, PV1-3 unit. */
export function stayFacts(message: Hl7Message, options: Hl7ConversionOptions): StayFacts {
  const pv1 = message.getSegment('PV1');
  const visit = fieldOf(pv1, 19);
  const visitNumber = comp(visit, 1);
  const [namespace = '', oid = ''] = subComponents(visit, 4);
  const system = visitNumber ? systemFor(options, namespace, oid, comp(visit, 5) || 'VN') : undefined;
  const patientClass = value(pv1, 2);
  return {
    ...(visitNumber && system ? { identifier: { system, value: visitNumber } } : {}),
    classCode: patientClass === 'E' ? 'EMER' : patientClass === 'O' ? 'AMB' : 'IMP',
    unit: [value(pv1, 3, 1), value(pv1, 3, 4)].filter(Boolean).join(', '),
  };
}

export interface Diagnosis {
  code: string;
  text: string;
  system: string;
}

export function diagnoses(message: Hl7Message): Diagnosis[] {
  return message
    .getAllSegments('DG1')
    .map((dg1) => ({ code: value(dg1, 3, 1), text: value(dg1, 3, 2) || value(dg1, 4, 1), system: value(dg1, 3, 3) }))
    .filter((d) => d.code || d.text);
}

/** OBX-5 texts, labelled with OBX-3. */
export function notes(message: Hl7Message): string[] {
  return message
    .getAllSegments('OBX')
    .map((obx) => {
      const label = value(obx, 3, 2) || value(obx, 3, 1);
      const f5 = fieldOf(obx, 5);
      const parts: string[] = [];
      for (let r = 0; r < repetitions(f5); r++) parts.push(comp(f5, 1, r));
      const text = parts.filter(Boolean).join(' ');
      return text ? (label ? `${label} : ${text}` : text) : '';
    })
    .filter(Boolean);
}

/** RXE → MedicationRequests (RXE-2 medicine, ATC coded when RXE-2.3 says so; RXE-7/RXE-21 instructions). */
export function medications(
  message: Hl7Message,
  refs: { patient: Reference<Patient>; encounter: Reference<Encounter>; requester?: Reference<Practitioner> },
  dischargeDay: string,
): MedicationRequest[] {
  return message
    .getAllSegments('RXE')
    .map((rxe): MedicationRequest => {
      const code = value(rxe, 2, 1);
      const name = value(rxe, 2, 2) || code;
      const system = value(rxe, 2, 3);
      const instructions = [value(rxe, 7, 2) || value(rxe, 7, 1), value(rxe, 21, 2) || value(rxe, 21, 1)].filter(Boolean).join(' ');
      return {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: { ...(code && /ATC/i.test(system) ? { coding: [{ system: ExternalSystem.ATC, code, display: name }] } : {}), text: name },
        subject: refs.patient,
        encounter: refs.encounter,
        authoredOn: dischargeDay,
        ...(refs.requester ? { requester: refs.requester } : {}),
        ...(instructions ? { dosageInstruction: [{ text: instructions }] } : {}),
      };
    })
    .filter((m) => m.medicationCodeableConcept?.text);
}
