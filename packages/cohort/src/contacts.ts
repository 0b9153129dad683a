// What the team's contacts carry besides their date (issue 15): the planned mode of an appointment, why it was
// cancelled, the kind of contact, its length and the areas it worked on, and the intensity of the follow-up.
// Drawn from a fork of the person's PRNG so that adding these fields does not shift the person's other draws.
import type { CodeableConcept, Coding, Extension } from '@medplum/fhirtypes';
import { CancellationReason, CodeSystemUrl, EncounterTypeCode, ExtensionUrl, ExternalSystem, FollowUpIntensityCode } from '@parcours/profiles';
import { code } from './fhir.ts';
import type { EncounterClass } from './fhir.ts';
import type { Person, Visit } from './person.ts';
import type { Rng } from './prng.ts';

const DOMAIN_WORDS: Record<string, string> = {
  sante: 'Santé', addiction: 'Addiction', 'sante-mentale': 'Santé mentale', droits: 'Droits', logement: 'Logement',
  'emploi-formation': 'Emploi, formation', justice: 'Justice', famille: 'Famille',
};

export const domain = (value: string): CodeableConcept => code(CodeSystemUrl.Domain, value, DOMAIN_WORDS[value]);

/** Appointment.appointmentType: the planned mode, the same v3-ActCode as the Encounter.class it becomes. */
export function appointmentType(cls: EncounterClass): CodeableConcept {
  const display = { AMB: 'ambulatory', VR: 'virtual', HH: 'home health', FLD: 'field', IMP: 'inpatient encounter' } as const;
  return { coding: [{ system: ExternalSystem.ActCode, code: cls, display: display[cls] }] };
}

/** Why a cancelled appointment was cancelled: mostly the person, sometimes the professional. */
export function cancelationReason(rng: Rng): CodeableConcept {
  const [value, display, text] = rng.weighted<readonly [string, string, string]>([
    [[CancellationReason.Patient, 'Patient', 'Annulé par la personne (empêchement)'], 6],
    [[CancellationReason.Provider, 'Provider', 'Annulé par le professionnel (absence)'], 3],
    [[CancellationReason.Other, 'Other', 'Annulé (site fermé)'], 1],
  ]);
  return { coding: [{ system: CancellationReason.System, code: value, display }], text };
}

/** Encounter.type of a held visit: the kind of contact, from who met the person and how; video adds `visio`. */
export function contactTypes(visit: Visit, rng: Rng): CodeableConcept[] {
  const t = (value: string): CodeableConcept => code(CodeSystemUrl.EncounterType, value);
  let kind = visit.type;
  if (visit.kind === 'rdr') kind = visit.cls === 'FLD' ? EncounterTypeCode.Outreach : visit.cls === 'HH' ? EncounterTypeCode.HomeVisit : EncounterTypeCode.Interview;
  else if (visit.kind === 'referent') kind = EncounterTypeCode.PhoneCall;
  else if (visit.kind === 'sw' && visit.cls === 'VR') kind = EncounterTypeCode.PhoneCall;
  else if (visit.kind === 'psy' && visit.cls === 'VR') kind = EncounterTypeCode.Interview;
  const video = visit.cls === 'VR' && visit.kind === 'psy' && rng.chance(0.2);
  return video ? [t(kind), t(EncounterTypeCode.Video)] : [t(kind)];
}

const BY_KIND: Record<Visit['kind'], readonly (readonly [string, number])[]> = {
  gp: [['sante', 8], ['addiction', 6]],
  'post-discharge': [['sante', 5], ['addiction', 5]],
  psy: [['sante-mentale', 9], ['addiction', 5], ['famille', 2]],
  sw: [['droits', 6], ['logement', 5], ['emploi-formation', 2], ['justice', 1], ['famille', 1]],
  pharma: [['addiction', 5], ['sante', 3]],
  nurse: [['sante', 6], ['addiction', 2]],
  rdr: [['addiction', 8], ['droits', 4], ['logement', 4], ['sante', 3]],
  referent: [['droits', 6], ['sante', 5], ['logement', 3], ['emploi-formation', 2]],
  accomp: [['sante', 6], ['droits', 4], ['logement', 2], ['emploi-formation', 1]],
  workshop: [['addiction', 5], ['sante-mentale', 3], ['sante', 2]],
};

/** Encounter.reasonCode: one to three areas of work, the first the kind's usual one. */
export function contactDomains(visit: Visit, rng: Rng): CodeableConcept[] {
  const weights = BY_KIND[visit.kind];
  const count = rng.weighted([[1, 5], [2, 4], [3, 1]] as const);
  const chosen = new Set<string>([weights[0]?.[0] ?? 'sante']);
  for (let i = 0; i < 6 && chosen.size < count; i++) chosen.add(rng.weighted(weights));
  return [...chosen].map(domain);
}

/** Encounter.length in UCUM minutes. */
export function minutes(value: number): { value: number; unit: string; system: string; code: string } {
  return { value, unit: 'min', system: ExternalSystem.UCUM, code: 'min' };
}

const INTENSITY_WORDS: Record<string, string> = { intensif: 'Accompagnement renforcé', 'orientation-telephonique': 'Orientation téléphonique', 'appui-conseil': 'Appui-conseil' };

/**
 * Intensity of the follow-up: the referents' reinforced follow-ups are intensive, the others phone orientation (the
 * field: 30-40 reinforced against about 500 phone orientations a year); harm reduction and the social-housing
 * psychologist follow intensively; a microstructure person without the team's psychologist gets the team's advice.
 */
export function intensityExtension(person: Person): Extension {
  let value: string = FollowUpIntensityCode.Intensive;
  if (person.programme === 'referent' && !person.reinforced) value = FollowUpIntensityCode.PhoneOrientation;
  if (person.programme === 'microstructure' && !person.heavy && !person.members.some((m) => m.role === 'psychologue')) value = FollowUpIntensityCode.Advice;
  const coding: Coding = { system: CodeSystemUrl.FollowUpIntensity, code: value, display: INTENSITY_WORDS[value] };
  return { url: ExtensionUrl.FollowUpIntensity, valueCoding: coding };
}
