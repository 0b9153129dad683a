// The words of the indicators report (issue 16), French first; loaded with the report's chunk. `reportEn` must
// have every key of `reportFr` (the type says so). Figures are written the seeds' way: « 104 entretiens en
// présentiel posés, 64 effectifs ».
import { format } from './dict.ts';
import type { Lang } from './dict.ts';

export const reportFr = {
  tab: 'Indicateurs',
  title: 'Rapport d’activité',
  intro: 'Les indicateurs des financeurs pour une structure et une période : des nombres seulement, aucune personne nommée.',
  structure: 'Structure',
  structureOther: 'Autre structure (identifiant)',
  from: 'Du',
  to: 'Au',
  year: 'Année',
  compute: 'Calculer',
  computing: 'Calcul des indicateurs…',
  print: 'Imprimer ou enregistrer en PDF',
  csv: 'Exporter en CSV',
  period: 'Période du {from} au {to}',
  noStructure: 'Choisissez une structure.',
  badPeriod: 'La période finit avant de commencer.',
  refused: 'Le serveur a refusé le calcul : {reason}',
  noAnswer: 'Le serveur n’a pas répondu en {seconds} secondes : il est peut-être surchargé ou injoignable. Réessayez dans un moment ; si cela se reproduit, prévenez l’administrateur du serveur.',
  table: 'Détail',
  value: 'Valeur',
  count: 'Nombre',
  all: 'Ensemble',
  ofWhich: 'Dont',
  notRecorded: 'non renseigné',
  planned: 'posés',
  held: 'effectifs',
  modeAMB: 'en présentiel',
  modeVR: 'téléphoniques ou en visio',
  modeHH: 'à domicile',
  modeFLD: 'en aller-vers',
  modeOther: '({mode})',
  appointments: '{planned} entretiens {mode} posés, {held} effectifs',
  appointmentsAll: '{planned} entretiens posés, {held} effectifs',
  people: '{n} personnes',
  share: '{numerator} sur {denominator} ({percent} %)',
  generatedOn: 'Calculé le {date} sur {server}',
} as const;

export type ReportKey = keyof typeof reportFr;

export const reportEn: Record<ReportKey, string> = {
  tab: 'Indicators',
  title: 'Activity report',
  intro: 'The funders’ indicators for one structure and period: figures only, no person named.',
  structure: 'Structure',
  structureOther: 'Another structure (id)',
  from: 'From',
  to: 'To',
  year: 'Year',
  compute: 'Compute',
  computing: 'Computing the indicators…',
  print: 'Print or save as PDF',
  csv: 'Export as CSV',
  period: 'Period {from} to {to}',
  noStructure: 'Choose a structure.',
  badPeriod: 'The period ends before it starts.',
  refused: 'The server refused: {reason}',
  noAnswer: 'The server did not answer within {seconds} seconds: it may be overloaded or unreachable. Try again in a moment; if it happens again, tell the server’s administrator.',
  table: 'Details',
  value: 'Value',
  count: 'Count',
  all: 'All',
  ofWhich: 'Of which',
  notRecorded: 'not recorded',
  planned: 'planned',
  held: 'held',
  modeAMB: 'in-person',
  modeVR: 'phone or video',
  modeHH: 'home',
  modeFLD: 'outreach',
  modeOther: '({mode})',
  appointments: '{planned} {mode} appointments planned, {held} held',
  appointmentsAll: '{planned} appointments planned, {held} held',
  people: '{n} people',
  share: '{numerator} of {denominator} ({percent} %)',
  generatedOn: 'Computed on {date} from {server}',
};

/**
 * Each indicator group's title (its `MeasureReport.group.id`), French then English; a group the app does not know
 * keeps the Measure's own `code.text`.
 */
export const GROUP_TITLES: Record<string, [string, string]> = {
  suivies: ['Personnes suivies dans la période', 'People followed in the period'],
  nouvelles: ['Nouvelles personnes (entrées dans la période)', 'New people (entered in the period)'],
  'en-cours': ['Personnes toujours suivies à la fin de la période', 'People still followed at the end of the period'],
  terminees: ['Accompagnements terminés dans la période', 'Follow-ups ended in the period'],
  'non-abandon': ['Non-abandon à n+1 : suivies au début de la période et toujours en soins à sa fin', 'Retention at n+1: followed at the start of the period and still in care at its end'],
  entretiens: ['Entretiens posés / effectifs', 'Appointments planned / held'],
  contacts: ['Contacts tenus', 'Contacts held'],
  'personnes-vues': ['Personnes vues au moins une fois', 'People seen at least once'],
  lieux: ['Sites ou structures impliqués', 'Sites or structures involved'],
  reunions: ['Réunions de synthèse tenues', 'Synthesis meetings held'],
  'personnes-revues': ['Personnes revues en réunion de synthèse', 'People reviewed in a synthesis meeting'],
  seances: ['Ateliers collectifs tenus', 'Collective workshops held'],
  participants: ['Participants suivis (personnes distinctes)', 'Participants followed (distinct people)'],
  'participants-exterieurs': ['Participations extérieures à Parcours', 'Participations from outside Parcours'],
  orientations: ['Orientations vers un partenaire', 'Orientations to a partner'],
  alertes: ['Ruptures repérées par la veille', 'Care breaks found by the watch'],
  signalements: ['Ruptures signalées par l’équipe', 'Care breaks reported by the team'],
  sorties: ['Sorties revues sous 7 jours', 'Discharges reviewed within 7 days'],
  objectifs: ['Objectif atteint ou consommation en baisse', 'Goal reached or consumption going down'],
};

/**
 * Stratum words that differ in a report from the code's own display: over a whole period the watch's thresholds are
 * each programme's own, so « depuis N jours » would name no number.
 */
export const REPORT_STRATA: Record<string, [string, string]> = {
  'sans-contact': ['Aucun contact au-delà du seuil du programme', 'No contact beyond the programme’s threshold'],
};

/**
 * A text written « français / English » (the Parcours convention: server messages, a Measure's stratifier titles):
 * the half of the reader's language; any other text as it is.
 */
export function messageIn(lang: Lang, message: string): string {
  const halves = message.split(' / ');
  if (halves.length !== 2) return message;
  return (lang === 'en' ? halves[1] : halves[0]) ?? message;
}

export function rw(lang: Lang, key: ReportKey, vars?: Record<string, string | number>): string {
  return format(lang === 'en' ? reportEn[key] : reportFr[key], vars);
}
