// HL7 v2 ADT^A03 (IHE PAM France: discharge) → Parcours discharge document Bundle (ParcoursBundleDischarge), the
// same content a hospital would send as FHIR. The people are read in adt-person.ts, the stay in adt-stay.ts; this
// module checks the header and assembles the Bundle (Organization from MSH-4, Encounter, Composition).
import type { Hl7Message } from '@medplum/core';
import type {
  Bundle, BundleEntry, CodeableConcept, Composition, CompositionSection, Encounter, MedicationRequest, Organization,
  Patient, Practitioner, Reference, Resource,
} from '@medplum/fhirtypes';
import { CodeSystemUrl, ExternalSystem, IdentifierSystem, ProfileUrl } from '@parcours/profiles';
import { randomUUID } from 'node:crypto';
import { HL7_MESSAGE_IDENTIFIER_SYSTEM, ICD10_SYSTEM, LOINC_DISCHARGE_MEDICATIONS, LOINC_DISCHARGE_SUMMARY, LOINC_HOSPITAL_COURSE } from '../constants.ts';
import { patientFrom, practitioner } from './adt-person.ts';
import type { Hl7ConversionOptions } from './adt-person.ts';
import { diagnoses, dischargeDisposition, medications, notes, stayDates, stayFacts } from './adt-stay.ts';
import type { Diagnosis, StayDates, StayFacts } from './adt-stay.ts';
import { Hl7Rejection, parseEr7, readHeader, value } from './er7.ts';
import type { MessageHeader } from './er7.ts';

export type { Hl7ConversionOptions } from './adt-person.ts';

export interface Hl7Conversion {
  header: MessageHeader;
  /** The parsed message (for its acknowledgement). */
  message: Hl7Message;
  bundle: Bundle;
  /** Notes for the operator (e.g. an INS ignored because identity traits were missing). */
  warnings: string[];
}

function xhtml(lines: string[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`;
}

/** MSH-10 present, ADT^A03 only (AR otherwise: HL7 v2.5 §2.9.2 rejects on MSH-9 before looking at the content). */
function checkHeader(header: MessageHeader): void {
  if (!header.controlId) throw new Hl7Rejection('AR', 'Identifiant de message manquant (MSH-10)', 'Missing message control id (MSH-10)', '101');
  if (header.messageType !== 'ADT' || header.triggerEvent !== 'A03') {
    const event = `${header.messageType || '?'}^${header.triggerEvent || '?'}`;
    throw new Hl7Rejection(
      'AR',
      `Message ${event} non pris en charge : seul ADT^A03 (sortie) est accepté`,
      `Unsupported message ${event}: only ADT^A03 (discharge) is accepted`,
      header.messageType === 'ADT' ? '201' : '200',
    );
  }
}

/** Sending facility (MSH-4) as the hospital Organization: FINESS when the universal id looks like one. */
function organizationOf(message: Hl7Message, header: MessageHeader): Organization {
  const facilityName = value(message.header, 4, 1);
  const facilityId = value(message.header, 4, 2);
  const finess = /^([0-9]{2}|2A|2B)[0-9]{7}$/.test(facilityId) ? facilityId : '';
  return {
    resourceType: 'Organization',
    meta: { profile: [ProfileUrl.Organization] },
    ...(finess ? { identifier: [{ system: IdentifierSystem.FINESS, value: finess }] } : {}),
    name: facilityName || facilityId || header.sendingApplication || 'Établissement de santé',
    type: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'equipe-hospitaliere' }] }],
  };
}

function encounterOf(
  stay: StayFacts, dates: StayDates, disposition: CodeableConcept, found: Diagnosis[],
  refs: { patient: Reference<Patient>; organization: Reference<Organization>; attending?: Reference<Practitioner> },
): Encounter {
  return {
    resourceType: 'Encounter',
    meta: { profile: [ProfileUrl.Encounter] },
    ...(stay.identifier ? { identifier: [stay.identifier] } : {}),
    status: 'finished',
    class: { system: ExternalSystem.ActCode, code: stay.classCode },
    type: [{ coding: [{ system: CodeSystemUrl.EncounterType, code: 'sejour-hospitalier' }] }],
    subject: refs.patient,
    ...(refs.attending ? { participant: [{ individual: refs.attending }] } : {}),
    period: { ...(dates.admitted ? { start: dates.admitted.fhir } : {}), end: dates.discharged.fhir },
    ...(found.length
      ? { reasonCode: found.map((d) => ({ ...(d.code && /I10|CIM/i.test(d.system) ? { coding: [{ system: ICD10_SYSTEM, code: d.code }] } : {}), text: d.text || d.code })) }
      : {}),
    hospitalization: { dischargeDisposition: disposition },
    serviceProvider: refs.organization,
  };
}

function sectionsOf(stay: StayFacts, dates: StayDates, disposition: CodeableConcept, found: Diagnosis[], stayNotes: string[], meds: MedicationRequest[], medRefs: Reference[]): CompositionSection[] {
  const { admitted, discharged } = dates;
  const stayLines = [
    `Sortie le ${discharged.day}${stay.unit ? ` (${stay.unit})` : ''}${admitted ? `, entrée le ${admitted.day}` : ''}. Mode de sortie : ${disposition.text ?? disposition.coding?.[0]?.display ?? ''}.`,
    ...found.map((d) => `Diagnostic : ${[d.code, d.text].filter(Boolean).join(' ')}`),
    ...stayNotes,
  ];
  const sections: CompositionSection[] = [
    { title: 'Séjour', code: { coding: [{ system: ExternalSystem.LOINC, code: LOINC_HOSPITAL_COURSE }] }, text: { status: 'generated', div: xhtml(stayLines) } },
  ];
  if (meds.length) {
    sections.push({
      title: 'Traitements de sortie',
      code: { coding: [{ system: ExternalSystem.LOINC, code: LOINC_DISCHARGE_MEDICATIONS }] },
      text: { status: 'generated', div: xhtml(meds.map((m) => [m.medicationCodeableConcept?.text, m.dosageInstruction?.[0]?.text].filter(Boolean).join(' : '))) },
      entry: medRefs,
    });
  }
  return sections;
}

/** Converts an ER7 ADT^A03 message into a Parcours discharge document Bundle; throws Hl7Rejection (AE/AR). */
export function convertAdtA03(text: string, options: Hl7ConversionOptions = {}): Hl7Conversion {
  const message = parseEr7(text);
  try {
    return convertParsed(message, options);
  } catch (error) {
    if (error instanceof Hl7Rejection) error.source = message;
    throw error;
  }
}

function convertParsed(message: Hl7Message, options: Hl7ConversionOptions): Hl7Conversion {
  const header = readHeader(message);
  checkHeader(header);
  const warnings: string[] = [];
  const patient = patientFrom(message, options, warnings);
  const dates = stayDates(message);
  const disposition = dischargeDisposition(message, dates.discharged.day);

  const entries: BundleEntry[] = [];
  const add = <T extends Resource>(resource: T): Reference<T> => {
    const fullUrl = `urn:uuid:${randomUUID()}`;
    entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  };
  const attending = practitioner(message, 'PV1', 7);
  const gp = practitioner(message, 'PD1', 4);
  const patientRef = add(patient);
  const orgRef = add(organizationOf(message, header));
  const attendingRef = attending ? add(attending) : undefined;
  if (gp) patient.generalPractitioner = [add(gp)];

  const stay = stayFacts(message, options);
  const found = diagnoses(message);
  const encounterRef = add(encounterOf(stay, dates, disposition, found, { patient: patientRef, organization: orgRef, ...(attendingRef ? { attending: attendingRef } : {}) }));
  const meds = medications(message, { patient: patientRef, encounter: encounterRef, ...(attendingRef ? { requester: attendingRef } : {}) }, dates.discharged.day);
  const medRefs = meds.map((m) => add(m));
  const composition: Composition = {
    resourceType: 'Composition',
    meta: { profile: [ProfileUrl.DischargeComposition] },
    status: 'final',
    type: { coding: [{ system: ExternalSystem.LOINC, code: LOINC_DISCHARGE_SUMMARY, display: 'Discharge summary' }] },
    subject: patientRef,
    encounter: encounterRef,
    date: dates.discharged.fhir,
    author: [attendingRef ?? orgRef],
    title: 'Compte rendu de sortie',
    custodian: orgRef,
    section: sectionsOf(stay, dates, disposition, found, notes(message), meds, medRefs),
  };
  entries.unshift({ fullUrl: `urn:uuid:${randomUUID()}`, resource: composition });
  const bundle: Bundle = {
    resourceType: 'Bundle',
    meta: { profile: [ProfileUrl.DischargeBundle] },
    identifier: { system: HL7_MESSAGE_IDENTIFIER_SYSTEM, value: `${header.sendingApplication}^${header.sendingFacility}^${header.controlId}` },
    type: 'document',
    timestamp: new Date().toISOString(),
    entry: entries,
  };
  return { header, message, bundle, warnings };
}
