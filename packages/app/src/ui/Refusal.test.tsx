// The care-team refusal (403 `not-in-care-team`, as @parcours/fhir-server sends it) in the app's own words.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FhirRequestError, notInCareTeam } from '../fhir/api.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { SessionProblem } from './App.tsx';

const refusal = (display?: string): FhirRequestError => new FhirRequestError('403 Forbidden', 403, {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'forbidden', expression: ['CareTeam.participant'], details: { text: 'Vous ne faites pas partie… / You are not…', coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/access-refusal', code: 'not-in-care-team', ...(display ? { display } : {}) }] } }],
});

describe('not in the care team', () => {
  it('names the coordinator to ask, in French first', () => {
    render(<I18nProvider><SessionProblem error={refusal('Samia Benali')} relaunchUrl="/app/launch.html" /></I18nProvider>);
    expect(screen.getByTestId('not-in-team').textContent).toBe('Vous ne faites pas partie de l’équipe de soins de cette personne. Demandez à Samia Benali, qui coordonne son équipe, de vous y ajouter.');
  });

  it('says it in English too, and without a coordinator when none is known', () => {
    render(<I18nProvider initial="en"><SessionProblem error={refusal()} relaunchUrl="/app/launch.html" /></I18nProvider>);
    expect(screen.getByTestId('not-in-team').textContent).toContain('You are not a member of this person’s care team');
  });

  it('is only this refusal: another 403 or error is not taken for it', () => {
    expect(notInCareTeam(new FhirRequestError('403', 403, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }))).toBeUndefined();
    expect(notInCareTeam(new Error('boom'))).toBeUndefined();
    expect(notInCareTeam(refusal('X'))).toEqual({ name: 'X' });
  });
});
