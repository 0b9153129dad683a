// The status line above everything (issue 17): alerts first (care break, missed appointments, overdue tasks, open
// discharge), then last contact, next appointment, stage, and what changed since this user's previous visit. The
// words are status-words.ts's (shared with the first paint drawn before React on a slow link).
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { takeVisit } from './last-visit.ts';
import { statusWords } from './status-words.ts';

export function StatusLine({ data, now }: { data: PlanData; now?: string }): ReactNode {
  const { t, lang } = useI18n();
  // Read once per mount: the previous visit, before this one is recorded.
  const [previous] = useState(() => takeVisit(data.user.reference, data.patient.id ?? ''));
  const { alerts, facts } = useMemo(() => statusWords(data, lang, previous, now), [data, lang, now, previous]);
  return (
    <section className="status-line" aria-labelledby="status-h" id="status" tabIndex={-1} data-testid="status">
      <h2 id="status-h" className="sr-only">{t('statusTitle')}</h2>
      {alerts.length > 0 && (
        <p className="status-alerts" data-testid="status-alerts">
          {alerts.map((a, i) => (
            <span key={i} className="alert-item">{a}</span>
          ))}
        </p>
      )}
      <p className="status-facts" data-testid="status-facts">
        {facts.map((f, i) => (
          <span key={i} className="fact">{f}</span>
        ))}
      </p>
    </section>
  );
}
