// Every product in words (issue 17): the latest measure of each product the person uses — alcohol (drinks per day,
// AUDIT-C), tobacco (status, cigarettes per day), each other substance (Parcours substance code, with frequency and
// route), and the opioid substitution dose with its unit. Pure functions over the loaded plan.
import type { MedicationStatement, Observation, ObservationComponent } from '@medplum/fhirtypes';
import type { Lang } from '../i18n/dict.ts';
import { codingLabel, conceptLabel, conceptWords, unitLabel } from '../i18n/terms.ts';
import { LoincCode } from './codes.ts';
import type { PlanData } from './load-plan.ts';

/** LOINC 11343-1 "History of Other nonmedical drug use": the Parcours substance-use observation. */
export const SUBSTANCE_USE_LOINC = '11343-1';
const SUBSTANCE_SYSTEM = 'https://fhir.parcours.fr/CodeSystem/parcours-substance';

export interface ProductLine {
  key: string;
  /** The product in words (« Alcool », « Cocaïne »…). */
  product: string;
  /** What was measured, in words with its value and unit. */
  details: string[];
  date: string;
}

// Same as plan-model's obsDate (not imported: plan-model's timeline imports this module).
const obsDate = (o: Observation): string => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued ?? '';
const code = (o: Observation): string[] => (o.code?.coding ?? []).map((c) => c.code ?? '');
/** The latest of `list` by `date` (the first of those on the same date), in one pass: no sort of every measure. */
function latest<T>(list: T[], date: (x: T) => string): T | undefined {
  let out: T | undefined;
  for (const x of list) if (out === undefined || date(x) > date(out)) out = x;
  return out;
}

function component(o: Observation, name: string): ObservationComponent | undefined {
  return o.component?.find((c) => (c.code?.coding ?? []).some((x) => x.code === name));
}

/**
 * Cigarettes per day: an Observation of its own (LOINC 64218-1, as an EHR may send it) or the 64218-1 component of
 * the tobacco-use Observation, whose value is the smoking status (the Parcours profile; the app writes that shape).
 */
export function cigarettesPerDay(o: Observation): number | undefined {
  if (code(o).includes(LoincCode.cigarettesPerDay)) return o.valueQuantity?.value ?? o.valueInteger;
  const c = component(o, LoincCode.cigarettesPerDay);
  return c?.valueQuantity?.value ?? c?.valueInteger;
}

const W = {
  alcohol: ['Alcool', 'Alcohol'],
  tobacco: ['Tabac', 'Tobacco'],
  ost: ['Traitement de substitution aux opioïdes', 'Opioid substitution treatment'],
  auditC: ['AUDIT-C {value}/12', 'AUDIT-C {value}/12'],
  cigarettes: ['{value} cigarettes par jour', '{value} cigarettes per day'],
  route: ['voie : {value}', 'route: {value}'],
  since: ['depuis le {value}', 'since {value}'],
  dose: ['dose : {value}', 'dose: {value}'],
  substance: ['Autre produit', 'Other substance'],
} as const;
const w = (key: keyof typeof W, lang: Lang, value: string | number = ''): string => W[key][lang === 'fr' ? 0 : 1].replace('{value}', String(value));

/** One observation in words: « Verres d’alcool par jour : 4 verres standard par jour », « Cocaïne : occasionnellement, voie nasale ». */
export function observationWords(o: Observation, lang: Lang): string {
  if (code(o).includes(SUBSTANCE_USE_LOINC)) {
    const [details] = substanceDetails(o, lang);
    return details ? `${substanceName(o, lang)} : ${details}` : substanceName(o, lang);
  }
  const name = conceptLabel(o.code, lang);
  if (o.valueQuantity?.value !== undefined) return `${name} : ${o.valueQuantity.value} ${unitLabel(o.valueQuantity, lang)}`.trim();
  if (o.valueInteger !== undefined) return `${name} : ${o.valueInteger}`;
  if (o.valueCodeableConcept) {
    const perDay = cigarettesPerDay(o);
    return `${name} : ${conceptWords(o.valueCodeableConcept, lang) || conceptLabel(o.valueCodeableConcept, lang)}${perDay === undefined ? '' : `, ${w('cigarettes', lang, perDay)}`}`;
  }
  if (o.valueString) return `${name} : ${o.valueString}`;
  return name;
}

function substanceName(o: Observation, lang: Lang): string {
  const coding = o.valueCodeableConcept?.coding?.find((c) => c.system === SUBSTANCE_SYSTEM) ?? o.valueCodeableConcept?.coding?.[0];
  return o.valueCodeableConcept?.text ?? (coding ? codingLabel(coding, lang) : w('substance', lang));
}

function substanceDetails(o: Observation, lang: Lang): string[] {
  const word = (name: string): string => conceptWords(component(o, name)?.valueCodeableConcept, lang);
  const frequency = word('frequence');
  const route = word('voie');
  return [[frequency && frequency.charAt(0).toLowerCase() + frequency.slice(1), route && w('route', lang, route.toLowerCase())].filter(Boolean).join(', ')].filter(Boolean);
}

function ostLine(m: MedicationStatement, lang: Lang, date: (d: string) => string): ProductLine {
  const dose = m.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity;
  // The French text the prescriber wrote in French; the (English) ATC display in English.
  const display = m.medicationCodeableConcept?.coding?.find((c) => c.display)?.display;
  const name = (lang === 'fr' ? m.medicationCodeableConcept?.text ?? display : display ?? m.medicationCodeableConcept?.text) ?? conceptLabel(m.medicationCodeableConcept, lang);
  const since = m.effectivePeriod?.start ?? m.effectiveDateTime;
  const details = [
    `${name.charAt(0).toUpperCase()}${name.slice(1)}`,
    ...(dose?.value !== undefined ? [w('dose', lang, `${dose.value} ${unitLabel(dose, lang)}`.trim())] : []),
    ...(m.dosage?.[0]?.text ? [m.dosage[0].text] : []),
    ...(since ? [w('since', lang, date(since))] : []),
  ];
  return { key: `ost-${m.id}`, product: w('ost', lang), details, date: m.dateAsserted ?? since ?? '' };
}

/** The latest state of each product, alcohol and tobacco first. `date` formats dates in the chosen language. */
export function productLines(data: PlanData, lang: Lang, date: (d: string) => string): ProductLine[] {
  const obs = data.observations;
  const has = (...codes: string[]) => (o: Observation): boolean => code(o).some((c) => codes.includes(c));
  const out: ProductLine[] = [];
  const drinks = latest(obs.filter(has(LoincCode.drinksPerDay)), obsDate);
  const audit = latest(obs.filter(has(LoincCode.auditCTotal, LoincCode.auditCPanel)), obsDate);
  if (drinks || audit) {
    const details = [
      ...(drinks?.valueQuantity?.value !== undefined ? [`${drinks.valueQuantity.value} ${unitLabel(drinks.valueQuantity, lang)} (${date(obsDate(drinks))})`] : []),
      ...(audit ? [`${w('auditC', lang, audit.valueInteger ?? audit.valueQuantity?.value ?? '?')} (${date(obsDate(audit))})`] : []),
    ];
    out.push({ key: 'alcohol', product: w('alcohol', lang), details, date: [drinks, audit].map((o) => (o ? obsDate(o) : '')).sort().at(-1) ?? '' });
  }
  const smoking = latest(obs.filter(has(LoincCode.tobaccoUse)), obsDate);
  const cigarettes = latest(obs.filter((o) => cigarettesPerDay(o) !== undefined), obsDate);
  const perDay = cigarettes ? cigarettesPerDay(cigarettes) : undefined;
  if (smoking || cigarettes) {
    const details = [
      ...(smoking ? [`${conceptWords(smoking.valueCodeableConcept, lang) || conceptLabel(smoking.valueCodeableConcept, lang)} (${date(obsDate(smoking))})`] : []),
      ...(cigarettes && perDay !== undefined ? [`${w('cigarettes', lang, perDay)} (${date(obsDate(cigarettes))})`] : []),
    ];
    out.push({ key: 'tobacco', product: w('tobacco', lang), details, date: [smoking, cigarettes].map((o) => (o ? obsDate(o) : '')).sort().at(-1) ?? '' });
  }
  const bySubstance = new Map<string, Observation>();
  for (const o of obs.filter(has(SUBSTANCE_USE_LOINC))) {
    const k = o.valueCodeableConcept?.coding?.[0]?.code ?? o.valueCodeableConcept?.text ?? 'autre';
    const prev = bySubstance.get(k);
    if (!prev || obsDate(o) > obsDate(prev)) bySubstance.set(k, o);
  }
  for (const [k, o] of bySubstance) {
    const details = substanceDetails(o, lang);
    out.push({ key: `substance-${k}`, product: substanceName(o, lang), details: [`${details[0] ?? ''} (${date(obsDate(o))})`.trim()], date: obsDate(o) });
  }
  const ost = data.medicationStatements.filter((m) => m.status === 'active' || m.status === 'intended');
  const current = latest(ost.length ? ost : data.medicationStatements, (m) => m.effectivePeriod?.start ?? m.effectiveDateTime ?? m.dateAsserted ?? '');
  if (current) out.push(ostLine(current, lang, date));
  return out;
}
