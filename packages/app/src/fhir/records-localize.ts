// The Parcours Questionnaires as the renderer gets them: in the chosen language (French text, English from the
// standard translation extension, http://hl7.org/fhir/R4/languages.html#ext) and with every answerValueSet turned
// into answerOption from the profiles' own ValueSets, so that no renderer asks a terminology server for $expand
// (PITFALLS: most EHR servers have none, and the public default of some renderers is outside the care team).
import type { Coding, Element, Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import endOfCareCs from '@parcours/profiles/generated/resources/CodeSystem-parcours-end-of-care-reason.json';
import substanceCs from '@parcours/profiles/generated/resources/CodeSystem-parcours-substance.json';
import opioidVs from '@parcours/profiles/generated/resources/ValueSet-parcours-opioid-substitution-medication.json';
import tobaccoVs from '@parcours/profiles/generated/resources/ValueSet-parcours-tobacco-use-status.json';
import { ValueSetUrl } from '@parcours/profiles/constants';
import type { Lang } from '../i18n/dict.ts';

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';

/** The translation of a primitive in `lang`, from its `_element` extensions; undefined when there is none. */
export function translated(element: Element | undefined, lang: Lang): string | undefined {
  const ext = element?.extension?.find((e) => e.url === TRANSLATION && e.extension?.some((x) => x.url === 'lang' && x.valueCode === lang));
  return ext?.extension?.find((x) => x.url === 'content')?.valueString;
}

// Primitive extensions (`_text`, `_display`, `_title`) are JSON siblings that @medplum/fhirtypes does not type.
const ext = (owner: object | undefined, key: string): Element | undefined => (owner as Record<string, Element | undefined> | undefined)?.[key];

interface Concept {
  code: string;
  display?: string;
  designation?: { language?: string; value: string }[];
}
interface Include {
  system: string;
  concept?: Concept[];
}

// English for the concepts whose ValueSet is SNOMED CT or ATC (the Parcours ValueSets give them in French only).
const ENGLISH: Record<string, string> = {
  '449868002': 'Smokes tobacco daily',
  '428041000124106': 'Occasional tobacco smoker',
  '8517006': 'Ex-smoker',
  '266919005': 'Never smoked tobacco',
  '77176002': 'Smoker, frequency unknown',
  '266927001': 'Tobacco smoking consumption unknown',
  N07BC01: 'Buprenorphine',
  N07BC02: 'Methadone',
  N07BC51: 'Buprenorphine, combinations (buprenorphine/naloxone)',
};

function fromCodeSystem(cs: { url: string; concept?: Concept[] }): Include {
  return { system: cs.url, concept: cs.concept ?? [] };
}

/** The answers of each ValueSet a Parcours Questionnaire names. */
const ANSWER_SETS: Record<string, Include[]> = {
  [ValueSetUrl.TobaccoUseStatus]: tobaccoVs.compose.include as Include[],
  [ValueSetUrl.OpioidSubstitutionMedication]: opioidVs.compose.include as Include[],
  [ValueSetUrl.Substance]: [fromCodeSystem(substanceCs as { url: string; concept: Concept[] })],
  [ValueSetUrl.EndOfCareReason]: [fromCodeSystem(endOfCareCs as { url: string; concept: Concept[] })],
};

function answerOptions(valueSet: string, lang: Lang): QuestionnaireItem['answerOption'] {
  const includes = ANSWER_SETS[valueSet];
  if (!includes) return undefined;
  return includes.flatMap((inc) =>
    (inc.concept ?? []).map((c) => {
      const en = c.designation?.find((d) => d.language === 'en')?.value ?? ENGLISH[c.code];
      const coding: Coding = { system: inc.system, code: c.code, display: lang === 'en' && en ? en : (c.display ?? c.code) };
      return { valueCoding: coding };
    }),
  );
}

function localizeItem(item: QuestionnaireItem, lang: Lang): QuestionnaireItem {
  const out: QuestionnaireItem = { ...item };
  const text = lang === 'fr' ? undefined : translated(ext(item, '_text'), lang);
  if (text) out.text = text;
  if (item.answerValueSet) {
    const options = answerOptions(item.answerValueSet, lang);
    if (options) {
      out.answerOption = options;
      delete out.answerValueSet;
    }
  }
  if (item.answerOption && !item.answerValueSet) {
    out.answerOption = item.answerOption.map((o) => {
      const display = lang === 'fr' ? undefined : translated(ext(o.valueCoding, '_display'), lang);
      return display && o.valueCoding ? { ...o, valueCoding: { ...o.valueCoding, display } } : o;
    });
  }
  if (item.item) out.item = item.item.map((i) => localizeItem(i, lang));
  return out;
}

/** The Questionnaire in `lang`, answerValueSets resolved locally (codes unchanged: only the words change). */
export function localizeQuestionnaire(q: Questionnaire, lang: Lang): Questionnaire {
  const title = lang === 'fr' ? undefined : translated(ext(q, '_title'), lang);
  return { ...q, language: lang === 'fr' ? 'fr-FR' : 'en', ...(title ? { title } : {}), item: (q.item ?? []).map((i) => localizeItem(i, lang)) };
}
