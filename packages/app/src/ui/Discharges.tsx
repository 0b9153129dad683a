// The GP's discharge inbox (issue 8): follow-ups a hospital asked for at discharge, with the stay, the summary
// (narrative sanitised), the medications at discharge and the due date; "Acknowledge" completes the Task.
import type { ReactNode } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { dischargeFollowUps } from '../fhir/discharge.ts';
import type { DischargeFollowUp } from '../fhir/discharge.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import { conceptWords } from '../i18n/terms.ts';
import { Narrative, Section } from './Sections.tsx';

/** HL7 discharge-disposition codes (http://terminology.hl7.org/CodeSystem/discharge-disposition) in words. */
const DISPOSITIONS: Record<string, Record<Lang, string>> = {
  home: { fr: 'retour à domicile', en: 'home' },
  'alt-home': { fr: 'domicile d’un proche ou autre domicile', en: 'alternative home' },
  'other-hcf': { fr: 'autre établissement de santé', en: 'other healthcare facility' },
  hosp: { fr: 'soins palliatifs / hospice', en: 'hospice' },
  long: { fr: 'soins de longue durée', en: 'long-term care' },
  aadvice: { fr: 'sortie contre avis médical', en: 'left against advice' },
  exp: { fr: 'décès', en: 'expired' },
  psy: { fr: 'établissement psychiatrique', en: 'psychiatric hospital' },
  rehab: { fr: 'soins de suite et de réadaptation', en: 'rehabilitation' },
  snf: { fr: 'établissement avec soins infirmiers', en: 'skilled nursing facility' },
  oth: { fr: 'autre', en: 'other' },
};

function dispositionText(item: DischargeFollowUp, lang: Lang): string {
  const code = item.dispositionCode;
  return (code ? DISPOSITIONS[code]?.[lang] : undefined) ?? item.disposition;
}

interface Acts {
  onAcknowledge?: (item: DischargeFollowUp) => void;
  onDone?: (item: DischargeFollowUp) => void;
}

function FollowUp({ item, onAcknowledge, onDone }: { item: DischargeFollowUp } & Acts): ReactNode {
  const { t, date, lang } = useI18n();
  const hospital = item.hospital || t('dischargeUnknownHospital');
  const headingId = `discharge-${item.task.id ?? ''}-h`;
  const disposition = dispositionText(item, lang);
  return (
    <li className={`discharge${item.done ? ' done' : ''}${item.overdueDays ? ' overdue' : ''}`} data-testid="discharge" aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId}>
          {t('dischargeFrom', { hospital })}
          {item.stayEnd && <span className="muted"> — {date(item.stayEnd)}</span>}
        </h3>
        {item.done ? (
          <span className="badge ok">{item.acknowledgedAt ? t('followUpDoneOn', { date: date(item.acknowledgedAt) }) : t('followUpDone')}</span>
        ) : item.acknowledged || item.failed ? (
          <span className="row-actions">
            <span className={item.failed ? 'badge warn' : 'badge ok'}>{item.failed ? t('followUpFailed') : t('acknowledgedNoDate')}</span>
            {onDone && (
              <button type="button" aria-label={`${t('markFollowUpDone')} : ${hospital}`} onClick={() => onDone(item)}>
                {t('markFollowUpDone')}
              </button>
            )}
          </span>
        ) : (
          onAcknowledge && (
            <button type="button" aria-label={`${t('acknowledge')} : ${hospital}`} onClick={() => onAcknowledge(item)}>
              {t('acknowledge')}
            </button>
          )
        )}
      </div>
      <p>
        {!item.done && !item.acknowledged && !item.failed && <span className="badge">{t('dischargeOpen')}</span>}
        {item.due && (
          <span className={item.overdueDays ? 'badge warn' : 'badge'} data-testid="discharge-due">
            {item.withinDays !== undefined && item.withinDays > 0 ? t('seeWithin', { days: item.withinDays, date: date(item.due) }) : t('seeBy', { date: date(item.due) })}
            {item.overdueDays ? ` · ${t('overdue', { days: item.overdueDays })}` : ''}
          </span>
        )}
      </p>
      <p>{item.task.description}</p>
      <p className="muted">
        {[
          item.stayStart && item.stayEnd ? t('stayDates', { start: date(item.stayStart), end: date(item.stayEnd) }) : '',
          item.stayTypes.map((c) => conceptWords(c, lang)).filter(Boolean).join(', ') || item.stayLabel,
          disposition ? t('disposition', { value: disposition }) : '',
          item.requester ? t('askedBy', { who: item.requester }) : '',
          item.owner ? t('forOwner', { owner: item.owner }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {item.messages.map((m, i) => (
        <blockquote key={i} className="message" aria-label={t('hospitalMessage')}>
          {(lang === 'en' && m.length > 1 ? m.at(-1) : m[0]) ?? ''}
        </blockquote>
      ))}
      {item.medications.length > 0 && (
        <div>
          <h4>{t('dischargeMedications')}</h4>
          <ul className="list" data-testid="discharge-medications">
            {item.medications.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {item.summary && (
        <details open={!item.done}>
          <summary>
            {t('dischargeSummary')} : {item.summary.title}
            {item.summary.author ? ` — ${item.summary.author}` : ''}
          </summary>
          {item.summary.sections.map((s) => (
            <div key={s.key} className="summary-section">
              {s.title && <h4>{s.title}</h4>}
              <Narrative html={s.html} />
            </div>
          ))}
        </details>
      )}
    </li>
  );
}

export function DischargeInbox({ data, onAcknowledge, onDone }: { data: PlanData } & Acts): ReactNode {
  const { t } = useI18n();
  const items = dischargeFollowUps(data);
  const open = items.filter((i) => !i.done);
  const done = items.filter((i) => i.done);
  // Open follow-ups in full; the acknowledged ones folded below (still there, for the record).
  return (
    <Section id="discharges" title={t('discharges')}>
      {open.length === 0 ? (
        <p>{t('noDischarges')}</p>
      ) : (
        <ul className="discharges">
          {open.map((item) => (
            <FollowUp key={item.key} item={item} {...(onAcknowledge ? { onAcknowledge } : {})} {...(onDone ? { onDone } : {})} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <details>
          <summary>{t('dischargesDone', { count: done.length })}</summary>
          <ul className="discharges">
            {done.map((item) => (
              <FollowUp key={item.key} item={item} />
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}
