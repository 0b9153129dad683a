// The report writes figures the seeds' way, French first, English too, and names no one.
import type { MeasureReportGroup } from '@medplum/fhirtypes';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { reportsCsv } from '../../fhir/indicators.ts';
import { GroupFigures } from './Figures.tsx';

const pop = (code: string, count: number): { code: { coding: { system: string; code: string }[] }; count: number } => ({ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code }] }, count });
const entretiens: MeasureReportGroup = {
  id: 'entretiens', code: { text: 'Entretiens posés / effectifs' }, population: [pop('denominator', 142), pop('numerator', 85)],
  stratifier: [{ code: [{ text: 'Mode prévu / planned mode' }], stratum: [
    { value: { text: 'AMB' }, population: [pop('denominator', 104), pop('numerator', 64)] },
    { value: { text: 'VR' }, population: [pop('denominator', 38), pop('numerator', 21)] },
  ] }],
};

describe('figures the seeds\' way', () => {
  it('« 104 entretiens en présentiel posés, 64 effectifs », with a chart and a table', () => {
    render(<GroupFigures group={entretiens} lang="fr" />);
    expect(screen.getByTestId('figure-entretiens').textContent).toBe('142 entretiens posés, 85 effectifs');
    expect(screen.getByText('104 entretiens en présentiel posés, 64 effectifs')).toBeTruthy();
    expect(screen.getByText('38 entretiens téléphoniques ou en visio posés, 21 effectifs')).toBeTruthy();
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('en présentiel 104, téléphoniques ou en visio 38');
    expect(screen.getByRole('table').textContent).toContain('posés');
  });

  it('in English too', () => {
    render(<GroupFigures group={entretiens} lang="en" />);
    expect(screen.getByText('104 in-person appointments planned, 64 held')).toBeTruthy();
  });

  it('exports the counts as CSV', () => {
    const csv = reportsCsv([{ resourceType: 'MeasureReport', status: 'complete', type: 'summary', measure: 'https://fhir.parcours.fr/Measure/parcours-entretiens', reporter: { reference: 'Organization/x' }, period: { start: '2026-01-01', end: '2026-12-31' }, group: [entretiens] }]);
    expect(csv).toContain('Organization/x,2026-01-01,2026-12-31,parcours-entretiens,entretiens,Entretiens posés / effectifs,Mode prévu / planned mode,VR,numerator,21');
    expect(csv).not.toMatch(/Patient\//);
  });
});

describe('every word in the reader\'s language', () => {
  const breaks: MeasureReportGroup = {
    id: 'alertes', code: { text: 'Ruptures repérées par la veille' }, population: [pop('denominator', 12), pop('numerator', 7)],
    stratifier: [{ code: [{ text: 'Règle / rule' }], stratum: [
      { value: { text: 'sans-contact' }, population: [pop('denominator', 9), pop('numerator', 5)] },
      { value: { text: 'rendez-vous-manques' }, population: [pop('denominator', 3), pop('numerator', 2)] },
    ] }],
  };

  it('a group with a numerator reads « Ensemble » / « Dont », never the population codes; no « N jours » in a report', () => {
    render(<GroupFigures group={breaks} lang="fr" />);
    const table = screen.getByRole('table');
    expect(table.textContent).toContain('Ensemble');
    expect(table.textContent).toContain('Dont');
    expect(table.textContent).not.toMatch(/numerator|denominator/);
    expect(table.textContent).toContain('Aucun contact au-delà du seuil du programme');
    expect(table.textContent).not.toContain('N jours');
    expect(table.textContent).toContain('Rendez-vous manqués à la suite');
  });

  it('in English: the group title, the columns and the rules', () => {
    render(<GroupFigures group={breaks} lang="en" />);
    expect(screen.getByRole('heading', { level: 4 }).textContent).toBe('Care breaks found by the watch');
    const table = screen.getByRole('table');
    expect(table.textContent).toContain('All');
    expect(table.textContent).toContain('Of which');
    expect(table.textContent).toContain('No contact beyond the programme’s threshold');
    expect(table.textContent).toContain('Appointments missed in a row');
  });
});
