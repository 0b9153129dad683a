// Words for the codes a person reads, in the chosen language: Parcours codes from the profiles' CodeSystems (French
// display, English designation; derived at build time, vite-plugins.ts), FHIR R4 statuses and the few LOINC codes
// the app charts from the small table below. Unknown codes fall back to the coding's display, then the code.
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import parcoursLabels from 'virtual:parcours-code-labels';
import type { Lang } from './dict.ts';

/** FHIR R4 code systems of the statuses the app shows (http://hl7.org/fhir/R4/terminologies-systems.html). */
export const FhirStatus = {
  task: 'http://hl7.org/fhir/task-status',
  activity: 'http://hl7.org/fhir/care-plan-activity-status',
  goalLifecycle: 'http://hl7.org/fhir/goal-status',
  goalAchievement: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
  appointment: 'http://hl7.org/fhir/appointmentstatus',
  encounter: 'http://hl7.org/fhir/encounter-status',
  carePlan: 'http://hl7.org/fhir/request-status',
} as const;
export type StatusKind = keyof typeof FhirStatus;

type Words = Record<string, [string, string]>;

const ERROR: [string, string] = ['saisi par erreur', 'entered in error'];

const FHIR: Record<string, Words> = {
  [FhirStatus.task]: {
    draft: ['brouillon', 'draft'],
    requested: ['demandée', 'requested'],
    received: ['reçue', 'received'],
    accepted: ['acceptée', 'accepted'],
    rejected: ['refusée', 'rejected'],
    ready: ['prête', 'ready'],
    cancelled: ['annulée', 'cancelled'],
    'in-progress': ['en cours', 'in progress'],
    'on-hold': ['en pause', 'on hold'],
    failed: ['échouée', 'failed'],
    completed: ['terminée', 'completed'],
    'entered-in-error': ERROR,
  },
  [FhirStatus.activity]: {
    'not-started': ['pas commencée', 'not started'],
    scheduled: ['planifiée', 'scheduled'],
    'in-progress': ['en cours', 'in progress'],
    'on-hold': ['en pause', 'on hold'],
    completed: ['terminée', 'completed'],
    cancelled: ['annulée', 'cancelled'],
    stopped: ['arrêtée', 'stopped'],
    unknown: ['inconnu', 'unknown'],
    'entered-in-error': ERROR,
  },
  [FhirStatus.goalLifecycle]: {
    proposed: ['proposé', 'proposed'],
    planned: ['planifié', 'planned'],
    accepted: ['accepté', 'accepted'],
    active: ['actif', 'active'],
    'on-hold': ['en pause', 'on hold'],
    completed: ['terminé', 'completed'],
    cancelled: ['annulé', 'cancelled'],
    rejected: ['rejeté', 'rejected'],
    'entered-in-error': ERROR,
  },
  [FhirStatus.goalAchievement]: {
    'in-progress': ['en cours', 'in progress'],
    improving: ['en amélioration', 'improving'],
    worsening: ['en dégradation', 'worsening'],
    'no-change': ['sans changement', 'no change'],
    achieved: ['atteint', 'achieved'],
    sustaining: ['maintenu', 'sustaining'],
    'not-achieved': ['non atteint', 'not achieved'],
    'no-progress': ['sans progrès', 'no progress'],
    'not-attainable': ['hors d’atteinte', 'not attainable'],
  },
  [FhirStatus.appointment]: {
    proposed: ['proposé', 'proposed'],
    pending: ['en attente', 'pending'],
    booked: ['réservé', 'booked'],
    arrived: ['arrivé·e', 'arrived'],
    fulfilled: ['honoré', 'fulfilled'],
    cancelled: ['annulé', 'cancelled'],
    noshow: ['absence', 'no-show'],
    'checked-in': ['enregistré·e', 'checked in'],
    waitlist: ['liste d’attente', 'waitlist'],
    'entered-in-error': ERROR,
  },
  [FhirStatus.encounter]: {
    planned: ['prévue', 'planned'],
    arrived: ['arrivé·e', 'arrived'],
    triaged: ['orienté·e', 'triaged'],
    'in-progress': ['en cours', 'in progress'],
    onleave: ['en permission', 'on leave'],
    finished: ['terminée', 'finished'],
    cancelled: ['annulée', 'cancelled'],
    unknown: ['inconnu', 'unknown'],
    'entered-in-error': ERROR,
  },
  [FhirStatus.carePlan]: {
    draft: ['brouillon', 'draft'],
    active: ['actif', 'active'],
    'on-hold': ['en pause', 'on hold'],
    revoked: ['révoqué', 'revoked'],
    completed: ['terminé', 'completed'],
    unknown: ['inconnu', 'unknown'],
    'entered-in-error': ERROR,
  },
  // The consumption measures the app charts (LOINC displays are English and long).
  'http://loinc.org': {
    '74013-4': ['Verres d’alcool par jour', 'Alcoholic drinks per day'],
    '75626-2': ['AUDIT-C (score total)', 'AUDIT-C total score'],
    '72109-2': ['AUDIT-C', 'AUDIT-C'],
    '72166-2': ['Statut tabagique', 'Tobacco smoking status'],
    '64218-1': ['Cigarettes par jour', 'Cigarettes per day'],
    '11343-1': ['Autre produit', 'Other substance'],
  },
  // Tobacco smoking status (LOINC 72166-2 answers) as the Parcours profiles and the cohort write them.
  'http://snomed.info/sct': {
    '449868002': ['fume tous les jours', 'smokes tobacco daily'],
    '428041000124106': ['fume occasionnellement', 'occasional tobacco smoker'],
    '8517006': ['ancien fumeur', 'ex-smoker'],
    '266919005': ['n’a jamais fumé', 'never smoked tobacco'],
    '77176002': ['fumeur', 'smoker'],
    '428061000124105': ['petit fumeur', 'light tobacco smoker'],
    '428071000124103': ['gros fumeur', 'heavy tobacco smoker'],
    '266927001': ['statut tabagique inconnu', 'tobacco smoking consumption unknown'],
  },
  // UCUM units of the Parcours measures (the data's own `unit` text is in the writer's language).
  'http://unitsofmeasure.org': {
    '{drinks}/d': ['verres standard par jour', 'standard drinks per day'],
    '{cigarettes}/d': ['cigarettes par jour', 'cigarettes per day'],
    mg: ['mg', 'mg'],
    '/d': ['par jour', 'per day'],
  },
};

const LANG_INDEX: Record<Lang, 0 | 1> = { fr: 0, en: 1 };

/** The word for a code of a known system, or undefined. */
export function codeWord(system: string | undefined, code: string | undefined, lang: Lang): string | undefined {
  if (!system || !code) return undefined;
  return (parcoursLabels[system]?.[code] ?? FHIR[system]?.[code])?.[LANG_INDEX[lang]];
}

/** A status code in words (`completed` → « terminée » / "completed"); an unknown code is shown as it is. */
export function statusLabel(kind: StatusKind, code: string | undefined, lang: Lang): string {
  return codeWord(FhirStatus[kind], code, lang) ?? code ?? '';
}

/** One coding in words: known system, else its display, else its code. */
export function codingLabel(coding: Coding | undefined, lang: Lang): string {
  return codeWord(coding?.system, coding?.code, lang) ?? coding?.display ?? coding?.code ?? '';
}

/** A concept in words only: the text a person wrote, else the first coding of a known system, else a display. */
export function conceptWords(concept: CodeableConcept | undefined, lang: Lang): string {
  if (!concept) return '';
  if (concept.text) return concept.text;
  for (const c of concept.coding ?? []) {
    const word = codeWord(c.system, c.code, lang);
    if (word) return word;
  }
  return concept.coding?.find((c) => c.display)?.display ?? '';
}

/** A quantity's unit in words: a known UCUM code in the chosen language, else the unit text, else the code. */
export function unitLabel(quantity: { value?: number; unit?: string; system?: string; code?: string } | undefined, lang: Lang): string {
  return codeWord(quantity?.system, quantity?.code, lang) ?? quantity?.unit ?? quantity?.code ?? '';
}

/** A concept for display: its words (see conceptWords), else its first code. */
export function conceptLabel(concept: CodeableConcept | undefined, lang: Lang): string {
  return conceptWords(concept, lang) || (concept?.coding?.[0]?.code ?? '');
}
