// Refusals read in words (issue 17): the validator and servers speak English with FHIRPath (« Expected number to be
// an integer (Observation.value[x]) »); the person filling the form reads « La valeur doit être un nombre entier ».
import type { Lang } from './dict.ts';

/** Frequent validator and server messages (Medplum's and @parcours/validator's wording). */
const PHRASES: [RegExp, string, string][] = [
  [/Expected number to be an integer/i, 'doit être un nombre entier', 'must be a whole number'],
  [/Expected (?:value|number) to be (?:a )?(?:positive|non-negative)/i, 'doit être positif', 'must be positive'],
  [/Invalid (?:date|dateTime|instant)[^(]*/i, 'date invalide', 'invalid date'],
  [/Missing required (?:property|element)[^(]*/i, 'champ obligatoire manquant', 'a required field is missing'],
  [/Invalid additional property[^(]*/i, 'champ inattendu', 'unexpected field'],
  [/Value did not match expected pattern[^(]*/i, 'valeur non conforme au profil Parcours', 'value does not match the Parcours profile'],
  [/(?:Value|Code) (?:is )?not in (?:the )?value ?set[^(]*/i, 'code hors de la liste autorisée', 'code not in the allowed list'],
  [/Invalid number of values|Wrong number of values[^(]*/i, 'nombre de valeurs incorrect', 'wrong number of values'],
  [/Constraint [\w-]+ not met[^(]*/i, 'une règle du profil n’est pas respectée', 'a profile rule is not met'],
  [/Invalid reference[^(]*/i, 'référence invalide', 'invalid reference'],
];

/** FHIRPath elements the app's forms write, in words. */
const ELEMENTS: [RegExp, string, string][] = [
  // The team's-work forms (issue 15).
  [/\.length/, 'la durée', 'the length'],
  [/\.reasonCode/, 'les domaines', 'the areas of work'],
  [/\.appointmentType/, 'la modalité prévue', 'the planned mode'],
  [/\.cancelationReason/, 'le motif d’annulation', 'the cancellation reason'],
  [/\.performerType/, 'le type de partenaire', 'the partner type'],
  [/\.businessStatus/, 'la suite de l’orientation', 'the orientation’s follow-through'],
  [/\.partOf/, 'la séance de l’atelier', 'the workshop session'],
  [/\.value(?:\[x\]|Quantity|Integer)?(?:\.value)?$/, 'la valeur', 'the value'],
  [/\.effective(?:\[x\]|DateTime)?$/, 'la date', 'the date'],
  [/\.component/, 'une réponse de l’AUDIT-C', 'an AUDIT-C answer'],
  [/\.(?:owner|performer)/, 'le responsable', 'the owner'],
  [/\.restriction\.period|\.dueDate|\.scheduled/, 'l’échéance', 'the due date'],
  [/\.period/, 'la période', 'the period'],
  [/\.participant/, 'les participants', 'the participants'],
  [/\.description/, 'la description', 'the description'],
  [/\.status|\.lifecycleStatus|\.achievementStatus/, 'le statut', 'the status'],
  [/\.extension/, 'l’étape ou une information Parcours', 'the stage or a Parcours field'],
];

/** `message (FHIRPath)` issues, joined by « ; », in words in the chosen language. */
export function outcomeWords(text: string, lang: Lang): string {
  const i = lang === 'fr' ? 1 : 2;
  return text
    .split(/\s*;\s*/)
    .map((part) => {
      const m = /^(.*?)\s*\(([A-Z][A-Za-z]+(?:\.[\w[\]]+)+)\)\s*$/.exec(part);
      let message = m ? (m[1] ?? '') : part;
      const path = m?.[2];
      for (const phrase of PHRASES) if (phrase[0].test(message)) { message = phrase[i]; break; }
      const element = path ? ELEMENTS.find(([re]) => re.test(path))?.[i] : undefined;
      if (!path) return message;
      const what = element ?? (lang === 'fr' ? 'un champ' : 'a field');
      return lang === 'fr' ? `${what.charAt(0).toUpperCase()}${what.slice(1)} : ${message}` : `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${message}`;
    })
    .join(' ; ');
}
