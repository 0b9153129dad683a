// Every product in words, against the real FHIR server holding the profiles' examples: Karim Haddad (microstructure)
// smokes daily, uses cocaine and takes buprenorphine; Martine Lefebvre (alcohol) has drinks per day and an AUDIT-C.
import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../fhir/load-plan.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { timeline } from '../fhir/plan-model.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import { fhir, MICRO, RDR, testApi } from '../test/server.ts';
import { ProductsView } from './Products.tsx';

let micro: PlanData;
let rdr: PlanData;

beforeAll(async () => {
  await fhir.reset();
  [micro, rdr] = await Promise.all([loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.gp), loadPlan(testApi(RDR.patient), RDR.patient, RDR.gp)]);
});

function lines(data: PlanData, lang: Lang): string[] {
  const view = render(<I18nProvider initial={lang}><ProductsView data={data} /></I18nProvider>);
  const out = screen.getAllByTestId('product').map((li) => li.textContent ?? '');
  view.unmount();
  return out;
}

describe('products in words', () => {
  it('tobacco, cocaine and the substitution dose, in French', () => {
    const list = lines(micro, 'fr');
    expect(list).toContain('Tabac : fume tous les jours (08/01/2024)');
    expect(list).toContain('Cocaïne : occasionnellement, voie : voie nasale (08/01/2024)');
    expect(list.find((l) => l.startsWith('Traitement de substitution'))).toBe('Traitement de substitution aux opioïdes : Buprénorphine 8 mg, comprimé sublingual · dose : 8 mg · 8 mg une fois par jour, délivrance hebdomadaire en pharmacie · depuis le 14/11/2022');
  });

  it('the same in English, with no English LOINC display in French and no empty value', () => {
    const list = lines(micro, 'en');
    expect(list).toContain('Tobacco: smokes tobacco daily (08/01/2024)');
    expect(list).toContain('Cocaine: occasionally, route: snorting (08/01/2024)');
    expect(list.some((l) => l.includes('dose: 8 mg'))).toBe(true);
    const labels = timeline(micro, 'fr').filter((e) => e.kind === 'observation').map((e) => e.label);
    expect(labels).toContain('Cocaïne : occasionnellement, voie : voie nasale');
    expect(labels).toContain('Statut tabagique : fume tous les jours');
    expect(labels.join(' ')).not.toMatch(/History of|nonmedical/);
  });

  it('alcohol: drinks per day in the chosen language and the AUDIT-C score', () => {
    expect(lines(rdr, 'fr')[0]).toMatch(/^Alcool : \d+ verres standard par jour \(18\/03\/2024\) · AUDIT-C \d+\/12 \(18\/03\/2024\)$/);
    expect(lines(rdr, 'en')[0]).toMatch(/^Alcohol: \d+ standard drinks per day/);
    expect(timeline(rdr, 'fr').find((e) => e.kind === 'observation' && e.label.startsWith('Verres'))?.label).toMatch(/^Verres d’alcool par jour : \d+ verres standard par jour$/);
  });
});
