// The GP's own EHR (DPI, dossier patient informatisé): what a general practice's software holds about the people its
// GPs follow, beside the shared plan. Its own ids (`dpi-…`), the same INS as the plan server's Patient, and local
// records only the GP wrote: conditions (CIM-10), medications (ATC), liver and alcohol lab results (LOINC: GGT 2324-2,
// ASAT 1920-8, ALAT 1742-6, CDT 48495-6) and consultation notes. Plain FHIR R4, no Parcours profile (an EHR does not
// know Parcours). Deterministic: the same plan resources and seed give the same records, byte for byte.
import type {
  CareTeam, Condition, DocumentReference, Identifier, MedicationStatement, Observation, Patient, Practitioner, PractitionerRole, Resource,
} from '@medplum/fhirtypes';
import { ExternalSystem, IdentifierSystem } from '@parcours/profiles';
import { code, ref } from './fhir.ts';
import { createRng } from './prng.ts';
import type { Rng } from './prng.ts';

const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const LAB = code('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory', 'Laboratory');
/** The EHR's own identifier system for its patient files (the "numéro de dossier"). */
export const EHR_FILE_SYSTEM = 'https://dpi-cabinet.exemple.fr/fhir/identifiers/dossier';

/** One GP of the EHR: the plan server's Practitioner (whose RPPS the EHR copy carries) and the EHR's own id. */
export interface EhrGp {
  /** `Practitioner/<id>` on the plan server. */
  planPractitioner: string;
  /** Id of the GP's Practitioner in the EHR. */
  ehrId: string;
}

export interface EhrOptions {
  seed?: number;
  /** Day the records end (YYYY-MM-DD); default 2026-11-23, the cohort's last day. */
  end?: string;
}

/** The lab tests of alcohol follow-up, with their LOINC code, UCUM unit and a plausible (normal, raised) range. */
export const EHR_LABS = [
  { key: 'ggt', loinc: '2324-2', display: 'Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma', label: 'GGT (gamma-GT)', unit: 'U/L', normal: [12, 55], raised: [80, 420], decimals: 0 },
  { key: 'asat', loinc: '1920-8', display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', label: 'ASAT (TGO)', unit: 'U/L', normal: [12, 35], raised: [45, 160], decimals: 0 },
  { key: 'alat', loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', label: 'ALAT (TGP)', unit: 'U/L', normal: [8, 40], raised: [50, 140], decimals: 0 },
  { key: 'cdt', loinc: '48495-6', display: 'Transferrin.carbohydrate deficient/Transferrin.total in Serum or Plasma', label: 'CDT (transferrine carboxy-déficiente)', unit: '%', normal: [0.8, 1.6], raised: [1.9, 4.5], decimals: 1 },
] as const;

const CONDITIONS: readonly (readonly [string, string, number])[] = [
  ['F10.2', 'Troubles mentaux et du comportement liés à l’utilisation d’alcool : syndrome de dépendance', 0.8],
  ['F17.2', 'Troubles liés à l’utilisation de tabac : syndrome de dépendance', 0.55],
  ['K70.0', 'Stéatose hépatique alcoolique', 0.3],
  ['I10', 'Hypertension essentielle (primitive)', 0.3],
  ['F41.1', 'Anxiété généralisée', 0.3],
  ['G47.0', 'Troubles de l’endormissement et du maintien du sommeil', 0.2],
];

const MEDICATIONS: readonly (readonly [string, string, string, number])[] = [
  ['N07BB03', 'Acamprosate 333 mg', '2 comprimés matin, midi et soir', 0.35],
  ['M03BX01', 'Baclofène 10 mg', '1 comprimé trois fois par jour, à augmenter par paliers', 0.3],
  ['N07BB05', 'Nalméfène 18 mg', '1 comprimé les jours à risque de consommation', 0.2],
  ['A11DA01', 'Thiamine (vitamine B1) 250 mg', '1 comprimé par jour', 0.5],
  ['N05BA04', 'Oxazépam 10 mg', '1 comprimé le soir si besoin, sevrage sur 10 jours', 0.2],
  ['C08CA01', 'Amlodipine 5 mg', '1 comprimé le matin', 0.25],
  ['N06AB05', 'Paroxétine 20 mg', '1 comprimé le matin', 0.15],
];

const NOTES: readonly string[] = [
  'Consultation de suivi. Consommation déclarée en baisse depuis le dernier rendez-vous. Bilan hépatique de contrôle prescrit.',
  'Patient·e fatigué·e, sommeil perturbé. Reparlé de l’objectif de réduction ; souhaite poursuivre avec l’équipe de la microstructure.',
  'Résultats biologiques commentés : GGT en amélioration. Encouragements. Revoir dans un mois.',
  'Renouvellement d’ordonnance. Tension correcte. Pas d’événement intercurrent.',
  'Rechute après un événement familial ; pas de mise en danger. Proposé de reprendre contact avec la psychologue.',
];

const ymd = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const toDay = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

function quantity(rng: Rng, range: readonly [number, number] | readonly number[], decimals: number): number {
  const [low = 0, high = 1] = range;
  const factor = 10 ** decimals;
  return Math.round((low + rng.next() * (high - low)) * factor) / factor;
}

/** The people a GP follows in the plan: subjects of the care teams that name the GP or one of the GP's roles. */
export function peopleFollowedBy(planResources: readonly Resource[], practitioner: string): string[] {
  const members = new Set([practitioner]);
  for (const r of planResources) {
    if (r.resourceType === 'PractitionerRole' && (r as PractitionerRole).practitioner?.reference === practitioner) members.add(`PractitionerRole/${r.id}`);
  }
  const people = new Set<string>();
  for (const r of planResources) {
    if (r.resourceType !== 'CareTeam') continue;
    const team = r as CareTeam;
    if ((team.participant ?? []).some((p) => p.member?.reference && members.has(p.member.reference)) && team.subject?.reference?.startsWith('Patient/')) {
      people.add(team.subject.reference.slice('Patient/'.length));
    }
  }
  return [...people].sort();
}

/** The EHR's copy of a person: its own id and file number, the same INS and identity traits, nothing else of the plan. */
function ehrPatient(plan: Patient, id: string, file: number): Patient {
  const ins = (plan.identifier ?? []).filter((i) => i.system === IdentifierSystem.INS);
  const identifier: Identifier[] = [{ system: EHR_FILE_SYSTEM, value: `D${String(file).padStart(6, '0')}` }, ...ins.map((i) => ({ use: i.use ?? 'official', system: i.system, value: i.value }))];
  return {
    resourceType: 'Patient', id, identifier,
    ...(plan.name ? { name: plan.name } : {}),
    ...(plan.gender ? { gender: plan.gender } : {}),
    ...(plan.birthDate ? { birthDate: plan.birthDate } : {}),
    ...(plan.address ? { address: plan.address } : {}),
    ...(plan.telecom ? { telecom: plan.telecom } : {}),
  };
}

function labResults(rng: Rng, patientId: string, gp: string, end: number, heavyDrinker: boolean): Observation[] {
  const out: Observation[] = [];
  const rounds = rng.int(2, 4);
  for (let round = 0; round < rounds; round++) {
    const day = end - (rounds - round) * rng.int(60, 120);
    // Raised values early on for a heavy drinker, improving over the rounds as care goes on.
    const raised = heavyDrinker && rng.chance(0.85 - round * 0.2);
    for (const lab of EHR_LABS) {
      if (lab.key === 'cdt' && !rng.chance(0.6)) continue;
      out.push({
        resourceType: 'Observation', id: `${patientId}-lab-${round}-${lab.key}`, status: 'final', category: [LAB],
        code: { ...code(ExternalSystem.LOINC, lab.loinc, lab.display), text: lab.label },
        subject: ref(`Patient/${patientId}`), performer: [ref(`Practitioner/${gp}`)], effectiveDateTime: ymd(day), issued: `${ymd(day + 1)}T09:00:00Z`,
        valueQuantity: { value: quantity(rng, raised ? lab.raised : lab.normal, lab.decimals), unit: lab.unit, system: ExternalSystem.UCUM, code: lab.unit },
        referenceRange: [{ high: { value: lab.normal[1], unit: lab.unit, system: ExternalSystem.UCUM, code: lab.unit } }],
      });
    }
  }
  return out;
}

function localRecords(rng: Rng, patientId: string, gp: string, end: number): Resource[] {
  const out: Resource[] = [];
  const conditions = CONDITIONS.filter(([, , p]) => rng.chance(p));
  for (const [icd, text] of conditions) {
    out.push({
      resourceType: 'Condition', id: `${patientId}-cond-${icd.replace('.', '')}`,
      clinicalStatus: code('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
      verificationStatus: code('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed'),
      category: [code('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item', 'Problem List Item')],
      code: { ...code(ICD10, icd, text), text }, subject: ref(`Patient/${patientId}`), recorder: ref(`Practitioner/${gp}`),
      onsetDateTime: ymd(end - rng.int(300, 2500)),
    } satisfies Condition);
  }
  for (const [atc, text, dosage] of MEDICATIONS.filter(([, , , p]) => rng.chance(p))) {
    out.push({
      resourceType: 'MedicationStatement', id: `${patientId}-med-${atc}`, status: 'active',
      medicationCodeableConcept: { ...code(ExternalSystem.ATC, atc), text }, subject: ref(`Patient/${patientId}`), informationSource: ref(`Practitioner/${gp}`),
      effectivePeriod: { start: ymd(end - rng.int(20, 400)) }, dosage: [{ text: dosage }],
    } satisfies MedicationStatement);
  }
  out.push(...labResults(rng, patientId, gp, end, conditions.some(([icd]) => icd === 'F10.2')));
  const notes = rng.int(1, 3);
  for (let n = 0; n < notes; n++) {
    const day = end - (notes - n) * rng.int(20, 60);
    const text = rng.pick(NOTES);
    out.push({
      resourceType: 'DocumentReference', id: `${patientId}-note-${n}`, status: 'current',
      type: code(ExternalSystem.LOINC, '11506-3', 'Progress note'), subject: ref(`Patient/${patientId}`), date: `${ymd(day)}T10:00:00Z`, author: [ref(`Practitioner/${gp}`)],
      description: 'Note de consultation', content: [{ attachment: { contentType: 'text/plain; charset=utf-8', language: 'fr', data: Buffer.from(text, 'utf8').toString('base64'), title: `Consultation du ${ymd(day)}` } }],
    } satisfies DocumentReference);
  }
  return out;
}

/** The EHR's Practitioner for a GP: the plan's name and identifiers (RPPS), the EHR's id. */
function ehrPractitioner(plan: Practitioner | undefined, ehrId: string): Practitioner {
  return {
    resourceType: 'Practitioner', id: ehrId,
    ...(plan?.identifier ? { identifier: plan.identifier.map((i) => ({ system: i.system, value: i.value })) } : {}),
    ...(plan?.name ? { name: plan.name } : {}),
  };
}

/**
 * The records of the GPs' EHR: one Practitioner per GP, and for each person a GP follows in the plan (and the extra
 * people given, e.g. someone the GP sees whose plan team is another) an EHR Patient, a CareTeam naming the GP (the
 * EHR's own "patientèle", which its access policy reads), conditions, medications, lab results and notes.
 * `extraPeople`: plan Patient ids added to a GP's list.
 */
export function generateEhrRecords(planResources: readonly Resource[], gps: readonly EhrGp[], extraPeople: Readonly<Record<string, readonly string[]>> = {}, options: EhrOptions = {}): Resource[] {
  const root = createRng(options.seed ?? 20261123).fork('ehr');
  const end = toDay(options.end ?? '2026-11-23');
  const patients = new Map(planResources.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [p.id ?? '', p]));
  const practitioners = new Map(planResources.filter((r): r is Practitioner => r.resourceType === 'Practitioner').map((p) => [`Practitioner/${p.id}`, p]));
  const out: Resource[] = gps.map((gp) => ehrPractitioner(practitioners.get(gp.planPractitioner), gp.ehrId));
  const files = new Map<string, string>();
  for (const gp of gps) {
    const people = [...new Set([...peopleFollowedBy(planResources, gp.planPractitioner), ...(extraPeople[gp.ehrId] ?? [])])];
    for (const planId of people) {
      const plan = patients.get(planId);
      if (!plan) continue;
      let ehrId = files.get(planId);
      if (!ehrId) {
        ehrId = `dpi-${String(files.size + 1).padStart(4, '0')}`;
        files.set(planId, ehrId);
        out.push(ehrPatient(plan, ehrId, files.size), ...localRecords(root.fork(planId), ehrId, gp.ehrId, end));
      }
      out.push({
        resourceType: 'CareTeam', id: `${ehrId}-team-${gp.ehrId}`, status: 'active', name: 'Patientèle du cabinet',
        subject: ref(`Patient/${ehrId}`), participant: [{ member: ref(`Practitioner/${gp.ehrId}`) }],
      } satisfies CareTeam);
    }
  }
  return out;
}
