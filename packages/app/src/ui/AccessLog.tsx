// « Qui a consulté ce dossier » / "Who opened this record" (issue 13, audit trail): the GP and the coordinator see
// the person's latest accesses. Read on opening the <details>, never with the plan: the plan stays within its three
// requests, and the audit search costs nothing to those who do not look.
import type { AuditEvent } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { accessRows, ACCESS_LOG_SIZE, loadAccessLog } from '../fhir/access-log.ts';
import type { AccessRow } from '../fhir/access-log.ts';
import type { FhirApi } from '../fhir/api.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Lang, MessageKey } from '../i18n/dict.ts';
import { outcomeWords } from '../i18n/outcome-words.ts';
import { Section } from './Sections.tsx';

type LogState = { status: 'closed' } | { status: 'loading' } | { status: 'ready'; events: AuditEvent[] } | { status: 'error'; message: string };

const WHAT: Record<AccessRow['what'], MessageKey> = { read: 'accessRead', search: 'accessSearch', write: 'accessWrite' };
const OUTCOME: Record<AccessRow['outcome'], MessageKey> = { ok: 'accessOk', refused: 'accessRefused', failed: 'accessFailed' };

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

/**
 * The emergency accesses (« bris de glace »): the events whose purpose of use is BTG (HL7 v3-ActReason), with the
 * reason the user gave (the purpose's text, as the server writes it), by event id.
 */
function emergencies(events: readonly AuditEvent[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const event of events) {
    const btg = (event.purposeOfEvent ?? []).find((p) => (p.coding ?? []).some((c) => c.system === ACT_REASON && c.code === 'BTG'));
    if (btg && event.id) found.set(event.id, btg.text ?? '');
  }
  return found;
}

// Date and time: the order of accesses within a day matters here (dates only elsewhere in the app).
const formatters = new Map<Lang, Intl.DateTimeFormat>();
function dateTime(value: string, lang: Lang): string {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
    formatters.set(lang, f);
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : f.format(date);
}

export function AccessLogView({ api, data }: { api: FhirApi; data: PlanData }): ReactNode {
  const { t, lang } = useI18n();
  const [state, setState] = useState<LogState>({ status: 'closed' });
  const open = (isOpen: boolean): void => {
    // Read again each time it is opened: the log grows while the plan is on screen.
    if (!isOpen || state.status === 'loading') return;
    setState({ status: 'loading' });
    loadAccessLog(api, data.patient.id ?? '').then(
      (events) => setState({ status: 'ready', events }),
      (error: unknown) => setState({ status: 'error', message: outcomeWords(error instanceof Error ? error.message : String(error), lang) }),
    );
  };
  const rows = state.status === 'ready' ? accessRows(state.events, data, lang) : [];
  const btg = state.status === 'ready' ? emergencies(state.events) : new Map<string, string>();
  return (
    <Section id="access-log" title={t('accessLog')}>
      <details onToggle={(e) => open(e.currentTarget.open)}>
        <summary>{t('accessLogNote', { n: ACCESS_LOG_SIZE })}</summary>
        {state.status === 'loading' && <p role="status">…</p>}
        {state.status === 'error' && <p role="alert">{t('accessLogFailed', { reason: state.message })}</p>}
        {state.status === 'ready' && rows.length === 0 && <p data-testid="access-empty">{t('accessLogEmpty')}</p>}
        {rows.length > 0 && (
          <table data-testid="access-log">
            <thead>
              <tr><th scope="col">{t('accessWho')}</th><th scope="col">{t('accessRole')}</th><th scope="col">{t('accessWhen')}</th><th scope="col">{t('accessWhat')}</th><th scope="col">{t('accessOutcome')}</th></tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td>{row.who || t('accessClient', { client: row.client ?? '?' })}</td>
                  <td>{row.role || (row.who ? t('accessNotInTeam') : '')}</td>
                  <td><time dateTime={row.when}>{dateTime(row.when, lang)}</time></td>
                  <td>
                    {t(WHAT[row.what])}
                    {btg.has(row.key) && (
                      <>
                        {' '}<strong data-testid="access-emergency">{t('accessEmergency')}</strong>
                        <br /><small>{t('accessEmergencyReason', { reason: btg.get(row.key) ?? '' })}</small>
                      </>
                    )}
                  </td>
                  <td className={row.outcome === 'ok' ? undefined : 'refused'}>{t(OUTCOME[row.outcome])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </Section>
  );
}
