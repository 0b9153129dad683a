// Systems and codes the exchange writes with. Profile and code system URLs come from @parcours/profiles.
import { PARCOURS_CANONICAL } from '@parcours/profiles';

/** Identifiers the exchange puts on what it creates, so that re-applying a message finds them (conditional create). */
export const EXCHANGE_IDENTIFIER_SYSTEM = `${PARCOURS_CANONICAL}/identifier/exchange`;
/** Identifier system of the discharge Bundle built from an HL7 v2 message (value: app^facility^control id). */
export const HL7_MESSAGE_IDENTIFIER_SYSTEM = `${PARCOURS_CANONICAL}/identifier/hl7v2-message`;
/** A resource's full URL in the sender's bundle, kept as an identifier when it has no business identifier. */
export const URI_IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';
export const DISCHARGE_DISPOSITION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/discharge-disposition';
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
export const LOINC_DISCHARGE_SUMMARY = '18842-5';
export const LOINC_HOSPITAL_COURSE = '8648-8';
export const LOINC_PLAN_OF_CARE = '18776-5';
export const LOINC_DISCHARGE_MEDICATIONS = '10183-2';
/** Days the GP has to see the person after discharge. */
export const FOLLOW_UP_DAYS = 7;
