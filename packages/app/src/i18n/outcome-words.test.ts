import { describe, expect, it } from 'vitest';
import { outcomeWords } from './outcome-words.ts';

describe('refusals in words', () => {
  it('translates the validator’s English and FHIRPath into French words', () => {
    expect(outcomeWords('Expected number to be an integer (Observation.value[x])', 'fr')).toBe('La valeur : doit être un nombre entier');
    expect(outcomeWords('Missing required property (Task.owner) ; Tâche verrouillée (Task.status)', 'fr')).toBe('Le responsable : champ obligatoire manquant ; Le statut : Tâche verrouillée');
    expect(outcomeWords('Expected number to be an integer (Observation.value[x])', 'en')).toBe('The value: must be a whole number');
    expect(outcomeWords('Plain sentence from a server', 'fr')).toBe('Plain sentence from a server');
  });
});
