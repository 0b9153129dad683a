// The person's records on the plan (date, form, author; open to read) and the forms this role fills in. The SDC
// renderer (RecordForm.tsx: @medplum/react's QuestionnaireForm and Mantine) is loaded only when a form is opened:
// it is not part of the plan's initial JavaScript (bench/records.ts measures the chunk). Once the plan is closed
// (completed or revoked) the records are read-only: no form is offered and one left open is put away.
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { lazy, Suspense, useState } from 'react';
import type { PlanData } from '../../fhir/load-plan.ts';
import { formByUrl, formsFor, isPlanClosed, readableItems, recordRows } from '../../fhir/records.ts';
import type { RecordForm as RecordFormDef } from '../../fhir/records.ts';
import type { Change } from '../../fhir/writes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Section } from '../Sections.tsx';
import type { WriteResult } from '../usePlan.ts';

const RecordForm = lazy(() => import('./RecordForm.tsx'));

function answerText(a: NonNullable<QuestionnaireResponse['item']>[number]['answer'], yes: string, no: string, date: (v: string) => string): string {
  return (a ?? [])
    .map((x) => x.valueCoding?.display ?? x.valueCoding?.code ?? x.valueString ?? (x.valueBoolean === undefined ? undefined : x.valueBoolean ? yes : no) ?? (x.valueDate ? date(x.valueDate) : undefined) ?? x.valueDecimal ?? x.valueInteger ?? '')
    .join(', ');
}

/** A record as the team reads it: each question in the Questionnaire's words, then the answer. */
function RecordReader({ response, onClose }: { response: QuestionnaireResponse; onClose(): void }): ReactNode {
  const { t, date } = useI18n();
  const rows = readableItems(undefined, response);
  return (
    <div className="record-read" role="region" aria-label={formByUrl(response.questionnaire)?.title[0] ?? t('records')}>
      <dl>
        {rows.map((r) =>
          r.answers.length ? (
            <div key={r.linkId} style={{ marginLeft: `${r.depth}em` }}>
              <dt>{r.text}</dt>
              <dd>{answerText(r.answers, t('yes'), t('no'), date)}</dd>
            </div>
          ) : (
            <p key={r.linkId} className="muted" style={{ marginLeft: `${r.depth}em` }}>{r.text}</p>
          ),
        )}
      </dl>
      <button type="button" onClick={onClose}>{t('closeRecord')}</button>
    </div>
  );
}

export function RecordsView({ data, write }: { data: PlanData; write(changes: Change[]): Promise<WriteResult> }): ReactNode {
  const { t, lang, date } = useI18n();
  const [open, setOpen] = useState<RecordFormDef>();
  const [reading, setReading] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const rows = recordRows(data, lang);
  const forms = formsFor(data.user.role, data.carePlan);
  const closed = isPlanClosed(data.carePlan);
  const reason = data.carePlan?.status === 'completed' ? data.carePlan.extension?.find((e) => e.url.endsWith('/parcours-end-of-care-reason'))?.valueCoding : undefined;
  return (
    <Section
      id="records"
      title={t('records')}
      actions={
        <span className="row-actions">
          {forms.map((f) => (
            <button key={f.kind} type="button" onClick={() => { setNotice(undefined); setOpen(f); }}>
              {t('fillRecord', { form: f.title[lang === 'fr' ? 0 : 1] })}
            </button>
          ))}
        </span>
      }
    >
      {reason && <p data-testid="plan-ended">{t('planEnded', { date: date(data.carePlan?.period?.end), reason: reason.display ?? reason.code ?? '' })}</p>}
      {closed && <p data-testid="records-read-only">{t('recordsReadOnly')}</p>}
      {notice && <p role="status" className="notice">{notice}</p>}
      {/* The end-of-care record that closes the plan is written while the plan is open; the reloaded plan then
          closes its form (onDone still says what happened). */}
      {open && !closed && (
        <Suspense fallback={<p role="status">{t('recordLoading')}</p>}>
          <RecordForm form={open} data={data} write={write} onDone={(message) => { setOpen(undefined); if (message) setNotice(message); }} />
        </Suspense>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('noRecords')}</p>
      ) : (
        <table data-testid="records">
          <thead>
            <tr><th>{t('recordDate')}</th><th>{t('recordForm')}</th><th>{t('recordAuthor')}</th><th /></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id || r.date}>
                <td>{date(r.date)}</td>
                <td>{r.form}</td>
                <td>{r.author}</td>
                <td>
                  <button type="button" aria-expanded={reading === r.id} aria-label={`${t('openRecord')} : ${r.form} ${date(r.date)}`} onClick={() => setReading(reading === r.id ? undefined : r.id)}>{t('openRecord')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reading && rows.find((r) => r.id === reading) && <RecordReader response={(rows.find((r) => r.id === reading) as (typeof rows)[number]).response} onClose={() => setReading(undefined)} />}
    </Section>
  );
}
