// The synthesis meetings a person was reviewed in (issue 14): date, who was there (team and partners), the notes
// this user may read (a psychologist's notes only for the roles allowed, said so), decisions as tasks with owner and
// due date.
import type { ReactNode } from 'react';
import { planMeetings } from '../fhir/meetings-model.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { statusLabel } from '../i18n/terms.ts';
import { Section } from './Sections.tsx';

export function MeetingsView({ data, actions }: { data: PlanData; actions?: ReactNode }): ReactNode {
  const { t, date, lang } = useI18n();
  // French puts a space before a colon; English does not.
  const colon = lang === 'fr' ? ' : ' : ': ';
  const list = planMeetings(data, lang);
  return (
    <Section id="meetings" title={t('meetings')} actions={actions}>
      {list.length === 0 ? <p>{t('noMeetings')}</p> : (
        <ul className="list">
          {list.map((m) => (
            <li key={m.key} data-testid="meeting">
              <strong>{date(m.date)}</strong>
              {m.attendees.length > 0 && <> — {t('attendees')}{colon}{m.attendees.join(', ')}</>}
              {m.partners.length > 0 && <div>{t('partners')}{colon}{m.partners.join(', ')}</div>}
              {m.notes.length > 0 && (
                <div>
                  {t('notes')}{colon.trimEnd()}
                  <ul>
                    {m.notes.map((n) => (
                      <li key={n.key} data-testid="meeting-note">
                        <em>{n.author}</em>{n.psy && <> <span className="badge">{t('psyNote')}</span></>}{colon}{n.text}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {m.reasons.length > 0 && <div>{m.reasons.join(' ; ')}</div>}
              {m.decisions.length > 0 && (
                <div>
                  {t('decisions')}{colon.trimEnd()}
                  <ul>
                    {m.decisions.map((d) => (
                      <li key={d.key} data-testid="meeting-decision">
                        {d.description} — {d.owner}
                        {d.due && <>, {t('decisionDue', { date: date(d.due) })}</>} <span className={`status status-${d.status}`}>({statusLabel('task', d.status, lang)})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
