// The person's own goals, in their words: often not abstinence (reduce, secure the use, stabilise, rights,
// housing, hepatitis C, social ties), with a measurable target when there is one.
import type { Goal } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExternalSystem, LoincCode, ProfileUrl } from '@parcours/profiles';
import { fromDay } from './dates.ts';
import { DRINKS_CODE, code, drinksQuantity, meta, ref } from './fhir.ts';
import type { Person } from './person.ts';
import type { Rng } from './prng.ts';
import { level } from './trends.ts';

const WORDS = {
  reduce: ['Boire moins, pas plus de {n} verres par jour, pour garder mon travail', 'Descendre à {n} verres par jour', 'Ne plus boire le matin, {n} verres maximum dans la journée', 'Réduire pour pouvoir m\'occuper de mes enfants : {n} verres par jour'],
  abstinence: ['Arrêter l\'alcool après mon sevrage', 'Ne plus boire du tout, à mon rythme'],
  stabiliser: ['Garder mon traitement et ne plus prendre de produits en plus', 'Me stabiliser avec mon traitement', 'Ne plus consommer en soirée, garder la substitution'],
  securiser: ['Ne plus partager mon matériel', 'Consommer sans me mettre en danger', 'Ne plus consommer seul'],
  vhc: ['Aller au bout du traitement de l\'hépatite C', 'Me faire soigner pour l\'hépatite C'],
  droits: ['Avoir de nouveau une carte Vitale et la complémentaire santé solidaire', 'Faire ma demande d\'AAH', 'Retrouver mes droits à la CPAM'],
  logement: ['Trouver un appartement à moi', 'Garder mon logement', 'Quitter l\'hébergement d\'urgence'],
  sante: ['Prendre rendez-vous chez le dentiste', 'Faire un bilan de santé', 'Soigner mes pieds et mes dents', 'Dormir mieux'],
  lien: ['Reprendre contact avec ma fille', 'Revoir mes petits-enfants', 'Participer aux ateliers de la résidence'],
} as const;

export function goalsOf(person: Person, rng: Rng): Goal[] {
  const goals: Goal[] = [];
  const subject = ref(`Patient/${person.id}`);
  const add = (codeValue: string, category: 'consommation' | 'sante' | 'social', text: string, extra: Partial<Goal> = {}): void => {
    goals.push({
      resourceType: 'Goal',
      id: `${person.id}-goal-${goals.length + 1}`,
      meta: meta(ProfileUrl.Goal),
      lifecycleStatus: person.active ? 'active' : 'completed',
      achievementStatus: code('http://terminology.hl7.org/CodeSystem/goal-achievement', 'in-progress'),
      category: [code(CodeSystemUrl.GoalCategory, category)],
      description: { ...code(CodeSystemUrl.Goal, codeValue), text },
      subject,
      startDate: fromDay(person.start + rng.int(0, 30)),
      expressedBy: subject,
      ...extra,
    });
  };
  if (person.alcohol) {
    const target = person.trend.goal;
    const now = level(person.trend, person.end);
    const achievement = now <= target + 0.5 ? 'achieved' : now < person.trend.baseline * 0.7 ? 'improving' : now > person.trend.baseline ? 'worsening' : 'no-change';
    const due = fromDay(person.start + rng.int(270, 540));
    const text = target === 0 ? rng.pick(WORDS.abstinence) : rng.pick(WORDS.reduce).replace('{n}', String(target));
    add(target === 0 ? 'abstinence' : 'reduire-consommation', 'consommation', text, {
      achievementStatus: code('http://terminology.hl7.org/CodeSystem/goal-achievement', achievement),
      target: [
        { measure: DRINKS_CODE, detailQuantity: drinksQuantity(target), dueDate: due },
        ...(rng.chance(0.4) ? [{ measure: code(ExternalSystem.LOINC, LoincCode.AuditCTotal, 'Total score [AUDIT-C]'), detailInteger: Math.min(12, Math.max(3, target + 2)), dueDate: due }] : []),
      ],
    });
  }
  if (person.tso) add('stabiliser', 'consommation', rng.pick(WORDS.stabiliser));
  else if (person.substances.length && rng.chance(0.6)) add('securiser-usage', 'consommation', rng.pick(WORDS.securiser));
  if (person.hepatitisC) add('traiter-vhc', 'sante', rng.pick(WORDS.vhc), { target: [{ dueDate: fromDay(person.start + 240) }] });
  const social = person.programme === 'referent' ? 0.9 : person.programme === 'residence-sociale' ? 0.3 : 0.2;
  if (rng.chance(social)) add('ouvrir-droits', 'social', rng.pick(WORDS.droits), { target: [{ dueDate: fromDay(person.start + rng.int(90, 200)) }] });
  if (rng.chance(person.programme === 'residence-sociale' ? 0.4 : 0.15)) add('logement', 'social', rng.pick(WORDS.logement));
  if (person.programme === 'residence-sociale' && rng.chance(0.7)) add('lien-social', 'social', rng.pick(WORDS.lien));
  if (goals.length < 2 || rng.chance(0.3)) add('prendre-soin-sante', 'sante', rng.pick(WORDS.sante));
  return goals;
}
