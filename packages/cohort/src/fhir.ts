// Small builders for the FHIR shapes the profiles' examples use (see packages/profiles/generated/examples).
import type { CodeableConcept, Meta } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExternalSystem, LoincCode, SecurityLabel } from '@parcours/profiles';

/** A reference by type/id (typed loosely: the profiles, not TypeScript, say which targets are allowed). */
export const ref = (reference: string): { reference: string } => ({ reference });

export const code = (system: string, value: string, display?: string): CodeableConcept => ({ coding: [{ system, code: value, ...(display ? { display } : {}) }] });

export const role = (value: string): CodeableConcept => code(CodeSystemUrl.CareTeamRole, value);

/** meta with the profile and, for consumption data, the SUD label (psychotherapy encounters add PSY). */
export function meta(profile: string, labels: readonly ('SUD' | 'PSY')[] = []): Meta {
  const display = { SUD: 'substance use disorder information sensitivity', PSY: 'psychotherapy note information sensitivity' } as const;
  return {
    profile: [profile],
    ...(labels.length > 0 ? { security: labels.map((label) => ({ system: SecurityLabel.System, code: label, display: display[label] })) } : {}),
  };
}

export const SOCIAL_HISTORY: CodeableConcept = code('http://terminology.hl7.org/CodeSystem/observation-category', 'social-history');

export const DRINKS_CODE: CodeableConcept = code(ExternalSystem.LOINC, LoincCode.AlcoholicDrinksPerDay, 'Alcoholic drinks per day');

export function drinksQuantity(value: number): { value: number; unit: string; system: string; code: string } {
  return { value, unit: 'verres standard par jour', system: ExternalSystem.UCUM, code: '{drinks}/d' };
}

export const ENCOUNTER_CLASS = {
  AMB: { system: ExternalSystem.ActCode, code: 'AMB', display: 'ambulatory' },
  VR: { system: ExternalSystem.ActCode, code: 'VR', display: 'virtual' },
  HH: { system: ExternalSystem.ActCode, code: 'HH', display: 'home health' },
  FLD: { system: ExternalSystem.ActCode, code: 'FLD', display: 'field' },
  IMP: { system: ExternalSystem.ActCode, code: 'IMP', display: 'inpatient encounter' },
} as const;
export type EncounterClass = keyof typeof ENCOUNTER_CLASS;

export const TOBACCO = {
  daily: ['449868002', 'Smokes tobacco daily'],
  occasional: ['428041000124106', 'Occasional tobacco smoker'],
  ex: ['8517006', 'Ex-smoker'],
  never: ['266919005', 'Never smoked tobacco'],
} as const;
export type TobaccoStatus = keyof typeof TOBACCO;

export const TSO = {
  buprenorphine: { atc: 'N07BC01', display: 'buprenorphine', text: 'Buprénorphine', unit: 'mg', doses: [4, 6, 8, 12, 16] },
  methadone: { atc: 'N07BC02', display: 'methadone', text: 'Méthadone', unit: 'mg', doses: [30, 40, 60, 80] },
  suboxone: { atc: 'N07BC51', display: 'buprenorphine, combinations', text: 'Buprénorphine/naloxone', unit: 'mg', doses: [4, 8, 12] },
} as const;
export type TsoKind = keyof typeof TSO;

/** Escapes text for the narrative div of a Composition section. */
export function xhtml(text: string): { status: 'generated'; div: string } {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escaped}</div>` };
}
