// Care breaks in the plan (issue 14): the care-break watch's Flags (active ones first, then the cleared ones with
// their period) and the team's own messages about a break (Communication « rupture de soins »), side by side.
import type { ReactNode } from 'react';
import { careBreakFlags, careBreakMessages } from '../fhir/care-breaks.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Section } from './Sections.tsx';

export function CareBreaksView({ data }: { data: PlanData }): ReactNode {
  const { t, date, lang } = useI18n();
  // French puts a space before a colon; English does not.
  const colon = lang === 'fr' ? ' : ' : ': ';
  const flags = careBreakFlags(data, lang);
  const messages = careBreakMessages(data);
  return (
    <Section id="care-breaks" title={t('careBreaks')}>
      {flags.length === 0 && messages.length === 0 ? <p>{t('noCareBreaks')}</p> : (
        <>
          {flags.length > 0 && (
            <>
              <h3>{t('watchFlags')}</h3>
              <ul className="list">
                {flags.map((f) => (
                  <li key={f.key} data-testid="care-break-flag" className={f.active ? 'warn' : 'muted'}>
                    <strong>{f.rule}</strong> — {f.active ? t('flagActive', { date: date(f.since) }) : t('flagCleared', { start: date(f.since), end: date(f.end) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {messages.length > 0 && (
            <>
              <h3>{t('teamMessages')}</h3>
              <ul className="list">
                {messages.map((m) => (
                  <li key={m.key} data-testid="care-break-message">
                    <strong>{date(m.date)}</strong>{m.sender && <> — {m.sender}</>}{colon}{m.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Section>
  );
}
