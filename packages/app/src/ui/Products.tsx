// Every product the person uses, in words, with its latest value and date (issue 17): alcohol, tobacco, each other
// substance with frequency and route, the opioid substitution dose with its unit.
import type { ReactNode } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { productLines } from '../fhir/products.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Section } from './Sections.tsx';

export function ProductsView({ data }: { data: PlanData }): ReactNode {
  const { t, date, lang } = useI18n();
  const lines = productLines(data, lang, date);
  return (
    <Section id="products" title={t('products')}>
      {lines.length === 0 ? (
        <p>{t('noProducts')}</p>
      ) : (
        <ul className="products" data-testid="products">
          {lines.map((l) => (
            <li key={l.key} data-testid="product">
              <strong>{l.product}</strong>{lang === 'fr' ? ' : ' : ': '}{l.details.join(' · ')}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
