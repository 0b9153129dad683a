// The chart's panels: one per measure with its unit and latest value; months without data left blank.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../fhir/load-plan.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { fhir, MICRO, RDR, testApi } from '../test/server.ts';
import ConsumptionChart, { withGaps } from './ConsumptionChart.tsx';

const DAY = 86400;

describe('consumption chart', () => {
  it('breaks the line across a gap of months, not within a daily series', () => {
    const [xs, ys] = withGaps([{ t: 0, v: 4 }, { t: DAY, v: 3 }, { t: 100 * DAY, v: 2 }]);
    expect(ys).toEqual([4, 3, null, 2]);
    expect(xs).toHaveLength(4);
  });

  it('one panel per measure, each with its unit and latest value, in French and English', async () => {
    await fhir.reset();
    const [rdr, micro] = await Promise.all([loadPlan(testApi(RDR.patient), RDR.patient, RDR.gp), loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.gp)]);
    const fr = render(<I18nProvider initial="fr"><ConsumptionChart data={rdr} /></I18nProvider>);
    const drinks = screen.getByTestId('chart-drinksPerDay');
    expect(drinks.textContent).toMatch(/Verres par jour \(verres standard par jour\)dernière valeur \d+ verres standard par jour le 18\/03\/2024 · Cible de l’objectif : 3 verres standard par jour/);
    expect(screen.getByTestId('chart-auditC').textContent).toContain('score sur 12');
    fr.unmount();
    render(<I18nProvider initial="en"><ConsumptionChart data={micro} /></I18nProvider>);
    expect(screen.getByTestId('chart-ost').textContent).toMatch(/Opioid substitution \(mg per day\)latest 8 mg per day on 14\/11\/2022/);
  });
});
