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
