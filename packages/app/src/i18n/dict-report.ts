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
  table: 'Détail',
  value: 'Valeur',
  count: 'Nombre',
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
  table: 'Details',
  value: 'Value',
  count: 'Count',
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

export function rw(lang: Lang, key: ReportKey, vars?: Record<string, string | number>): string {
  return format(lang === 'en' ? reportEn[key] : reportFr[key], vars);
}
