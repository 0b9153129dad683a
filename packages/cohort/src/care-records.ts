// Entry and end-of-care records of the cohort (issue 15, MODEL.md): a medical entry record by the GP on the first
// day of care, a social entry record by the social worker or referent when the team has one, and for every ended
// plan an end-of-care record whose reason is copied onto the CarePlan (parcours-end-of-care-reason). Answers are
// drawn from a hash of the person's id, not from the person's random stream, so adding records changes nothing
// else of the cohort (same seed, same people, same visits).
import type { CarePlan, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { CodeSystemUrl, EndOfCareReasonCode, ExtensionUrl, ExternalSystem, ProfileUrl, QuestionnaireUrl } from '@parcours/profiles';
import { dateTime, fromDay } from './dates.ts';
import { TOBACCO, meta, ref } from './fhir.ts';
import type { Pro } from './network.ts';
import type { Person } from './person.ts';
import { level } from './trends.ts';

/** A stable number in [0, 1) for a person and a question (FNV-1a of both). */
function draw(personId: string, question: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${personId}/${question}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h / 2 ** 32;
}

const answer = (value: QuestionnaireResponseItemAnswer): QuestionnaireResponseItemAnswer[] => [value];
const coded = (code: string, display: string, system: string = CodeSystemUrl.RecordAnswer): QuestionnaireResponseItemAnswer[] => answer({ valueCoding: { system, code, display } });
const item = (linkId: string, text: string, answers: QuestionnaireResponseItemAnswer[]): QuestionnaireResponseItem => ({ linkId, text, answer: answers });
const group = (linkId: string, text: string, items: QuestionnaireResponseItem[]): QuestionnaireResponseItem => ({ linkId, text, item: items });

function response(person: Person, id: string, questionnaire: string, author: Pro, day: number, items: QuestionnaireResponseItem[]): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id,
    meta: meta(ProfileUrl.QuestionnaireResponse, ['SUD']),
    questionnaire,
    status: 'completed',
    subject: ref(`Patient/${person.id}`),
    author: ref(author.ref),
    authored: dateTime(day, 600),
    basedOn: [ref(`CarePlan/${person.id}-plan`)],
    item: items,
  };
}

function medicalEntry(person: Person): QuestionnaireResponse {
  const drinks = person.alcohol ? Math.max(0, Math.round(level(person.trend, person.start))) : 0;
  const [tobaccoCode, tobaccoDisplay] = TOBACCO[person.tobacco];
  const consumption = [
    item('verres-jour', 'Verres standard par jour en moyenne', answer({ valueDecimal: drinks })),
    item('tabac', 'Tabac', coded(tobaccoCode, tobaccoDisplay, ExternalSystem.SNOMED)),
  ];
  const somatic = [
    item('vhc', 'Hépatite C', person.hepatitisC ? coded('infection-active', 'Infection active') : draw(person.id, 'vhc') < 0.5 ? coded('negatif', 'Négatif') : coded('non-depiste', 'Non dépisté')),
    item('vih', 'VIH', draw(person.id, 'vih') < 0.6 ? coded('negatif', 'Négatif') : coded('non-depiste', 'Non dépisté')),
  ];
  return response(person, `${person.id}-qr-entree-medicale`, QuestionnaireUrl.MedicalEntry, person.gp, person.start, [
    group('consommations', 'Consommations', consumption),
    group('substitution', 'Traitement de substitution aux opiacés', [item('tso', 'Traitement de substitution en cours', answer({ valueBoolean: person.tso !== undefined }))]),
    group('somatique', 'État somatique', somatic),
  ]);
}

const HOUSING: [string, string][] = [
  ['logement-stable', 'Logement personnel stable'],
  ['heberge-tiers', 'Hébergé par un tiers'],
  ['residence-sociale', 'Foyer ou résidence sociale'],
  ['hebergement-urgence', 'Hébergement d’urgence ou CHRS'],
  ['sans-domicile', 'Sans domicile'],
];
const INSURANCE: [string, string][] = [
  ['droits-ouverts', 'Droits ouverts'],
  ['droits-a-ouvrir', 'À ouvrir ou à renouveler'],
  ['ame', 'Aide médicale de l’État'],
];

function socialEntry(person: Person, author: Pro): QuestionnaireResponse {
  const pick = (list: [string, string][], question: string): [string, string] => list[Math.floor(draw(person.id, question) * list.length)] ?? (list[0] as [string, string]);
  // Residents of social housing live in a social residence; the referents' people more often need their rights opened.
  const housing = person.programme === 'residence-sociale' ? (HOUSING[2] as [string, string]) : pick(HOUSING, 'logement');
  const insurance = person.programme === 'referent' && draw(person.id, 'droits-referent') < 0.6 ? (INSURANCE[1] as [string, string]) : pick(INSURANCE, 'droits');
  return response(person, `${person.id}-qr-entree-sociale`, QuestionnaireUrl.SocialEntry, author, Math.min(person.start + 14, person.end), [
    item('logement', 'Logement', coded(...housing)),
    group('droits', 'Droits et couverture santé', [item('assurance-maladie', 'Assurance maladie', coded(...insurance))]),
  ]);
}

const REASONS: Record<string, string> = {
  [EndOfCareReasonCode.GoalsReached]: 'Objectifs atteints',
  [EndOfCareReasonCode.HandedOver]: 'Relais vers un partenaire',
  [EndOfCareReasonCode.MovedAway]: 'Déménagement',
  [EndOfCareReasonCode.LostToFollowUp]: 'Perdu de vue',
  [EndOfCareReasonCode.Declined]: 'Arrêt à la demande de la personne',
};
const REASON_WEIGHTS: [string, number][] = [
  [EndOfCareReasonCode.GoalsReached, 0.35],
  [EndOfCareReasonCode.HandedOver, 0.3],
  [EndOfCareReasonCode.MovedAway, 0.1],
  [EndOfCareReasonCode.LostToFollowUp, 0.15],
  [EndOfCareReasonCode.Declined, 0.1],
];

export function endOfCareReason(person: Person): { code: string; display: string } {
  let x = draw(person.id, 'motif');
  for (const [code, w] of REASON_WEIGHTS) {
    if ((x -= w) < 0) return { code, display: REASONS[code] ?? code };
  }
  return { code: EndOfCareReasonCode.GoalsReached, display: REASONS[EndOfCareReasonCode.GoalsReached] ?? '' };
}

function endOfCare(person: Person): QuestionnaireResponse {
  const reason = endOfCareReason(person);
  return response(person, `${person.id}-qr-fin-accompagnement`, QuestionnaireUrl.EndOfCare, person.coordinator, person.end, [
    item('date-fin', 'Date de fin de l’accompagnement', answer({ valueDate: fromDay(person.end) })),
    item('motif', 'Motif de fin', coded(reason.code, reason.display, CodeSystemUrl.EndOfCareReason)),
    ...(reason.code === EndOfCareReasonCode.HandedOver ? [item('relais', 'Relais vers : partenaire et contact', answer({ valueString: person.programme === 'microstructure' ? 'CSAPA du secteur' : 'Médecin traitant' }))] : []),
  ]);
}

/** The ended plan with its end-of-care reason (the plan is already completed with its period.end). */
export function withEndOfCareReason(plan: CarePlan, person: Person): CarePlan {
  if (person.active) return plan;
  const reason = endOfCareReason(person);
  return { ...plan, extension: [...(plan.extension ?? []), { url: ExtensionUrl.EndOfCareReason, valueCoding: { system: CodeSystemUrl.EndOfCareReason, code: reason.code, display: reason.display } }] };
}

/** The person's records, each with its day (the caller places them in the timeline). */
export function careRecords(person: Person): { day: number; resource: QuestionnaireResponse }[] {
  const out = [{ day: person.start, resource: medicalEntry(person) }];
  const social = person.members.find((m) => m.role === 'travailleur-social' || m.role === 'referent-parcours-sante');
  if (social) out.push({ day: Math.min(person.start + 14, person.end), resource: socialEntry(person, social) });
  if (!person.active) out.push({ day: person.end, resource: endOfCare(person) });
  return out;
}
