// One record being filled in, with @medplum/react's SDC QuestionnaireForm on Mantine (chosen over
// @aehrc/smart-forms-renderer, about four times smaller: see the app README). Loaded lazily with its
// Questionnaire. The MedplumClient is never used for the network: the Questionnaire is given inline with its answer
// lists resolved (records-localize.ts), so the renderer sends no request of its own (no $graphql, no $expand).
// Mantine's static styles, the component sheets the form uses, and no baseline.css (it would restyle the app's body).
// Its CSS variables come from default-css-variables.css, not from the <style> MantineProvider injects: the app's
// Content-Security-Policy allows style sheets from its own origin only (style-src 'self').
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/RadioIndicator.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Title.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Divider.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/core/styles/Pill.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/Stepper.css';
import '@mantine/core/styles/Anchor.css';
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/Tooltip.css';
import '@mantine/core/styles/VisuallyHidden.css';
// @medplum/react's own sheet is left out: it needs Mantine's PostCSS preset (breakpoint variables) and styles its
// other components; the few rules the form needs are in records.css.
import './records.css';
import { MantineProvider } from '@mantine/core';
import { MedplumClient } from '@medplum/core';
import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { MedplumProvider, QuestionnaireForm } from '@medplum/react';
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlanData } from '../../fhir/load-plan.ts';
import { endOfCare, isPlanClosed, missingAnswers } from '../../fhir/records.ts';
import { recordChanges } from '../../fhir/records-extract.ts';
import type { RecordForm as RecordFormDef } from '../../fhir/records.ts';
import { localizeQuestionnaire } from '../../fhir/records-localize.ts';
import type { Change } from '../../fhir/writes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { outcomeWords } from '../../i18n/outcome-words.ts';
import type { WriteResult } from '../usePlan.ts';

const SOURCES: Record<RecordFormDef['kind'], () => Promise<{ default: unknown }>> = {
  medical: () => import('@parcours/profiles/generated/examples/Questionnaire-parcours-entree-medicale.json'),
  social: () => import('@parcours/profiles/generated/examples/Questionnaire-parcours-entree-sociale.json'),
  psychological: () => import('@parcours/profiles/generated/examples/Questionnaire-parcours-entree-psychologique.json'),
  followUp: () => import('@parcours/profiles/generated/examples/Questionnaire-parcours-suivi.json'),
  endOfCare: () => import('@parcours/profiles/generated/examples/Questionnaire-parcours-fin-accompagnement.json'),
};

// The renderer's client, offline by construction: any request it would make fails instead of leaving the app.
const offline = new MedplumClient({
  baseUrl: 'https://offline.invalid/',
  fetch: () => Promise.reject(new Error('the form renderer does not use the network')),
});

export interface RecordFormProps {
  form: RecordFormDef;
  data: PlanData;
  write(changes: Change[]): Promise<WriteResult>;
  /** Closes the form; `message` says what happened (saved, plan closed). */
  onDone(message?: string): void;
}

export default function RecordForm({ form, data, write, onDone }: RecordFormProps): ReactNode {
  const { t, lang, date } = useI18n();
  const [source, setSource] = useState<Questionnaire>();
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [pending, setPending] = useState<QuestionnaireResponse>();
  const [busy, setBusy] = useState(false);
  const latest = useRef<QuestionnaireResponse>(undefined);
  useEffect(() => {
    SOURCES[form.kind]().then(
      (m) => setSource(m.default as Questionnaire),
      () => setFailed(true),
    );
  }, [form.kind]);
  const questionnaire = useMemo(() => (source ? localizeQuestionnaire(source, lang) : undefined), [source, lang]);
  if (failed) return <p role="alert">{t('recordLoadFailed')}</p>;
  if (!questionnaire) return <p role="status">{t('recordLoading')}</p>;

  const author = data.user.practitionerRole?.id ? { reference: `PractitionerRole/${data.user.practitionerRole.id}` } : { reference: data.user.reference ?? '' };
  const save = async (filled: QuestionnaireResponse): Promise<void> => {
    const changes = recordChanges(form, questionnaire, filled, { patientId: data.patient.id ?? '', author, carePlan: data.carePlan, now: new Date().toISOString() });
    setBusy(true);
    const result = await write(changes);
    setBusy(false);
    if (!result.ok) {
      const reason = outcomeWords(result.error?.message ?? '', lang);
      setProblem(result.error?.kind === 'expired' ? t('sessionExpiredWrite') : t(result.error?.kind === 'invalid' ? 'invalid' : 'rejected', { reason }));
      return;
    }
    const closed = changes.find((c) => c.resource.resourceType === 'CarePlan');
    const ended = form.kind === 'endOfCare' ? endOfCare(changes[0]?.resource as QuestionnaireResponse) : undefined;
    const extracted = changes.length - 1 - (closed ? 1 : 0);
    onDone(ended && closed ? t('planClosed', { reason: ended.reason.display ?? ended.reason.code ?? '' }) : extracted > 0 ? t('recordSavedExtracted', { n: extracted }) : t('recordSaved'));
  };
  const submit = (filled: QuestionnaireResponse): void => {
    setProblem(undefined);
    // A closed plan's records are read-only (the plan view offers no form then; this guards a form left open).
    if (isPlanClosed(data.carePlan)) return setProblem(t('recordsReadOnly'));
    const missing = missingAnswers(questionnaire, filled);
    if (missing.length) return setProblem(t('recordMissing', { items: missing.join(' ; ') }));
    // Closing the plan is asked twice: the record is kept only with the confirmation.
    if (form.kind === 'endOfCare') return setPending(filled);
    void save(filled);
  };
  const ended = pending ? endOfCare(pending) : undefined;
  return (
    // The browser stops a submit whose required fields are empty and would say so in its own language: the same
    // check in the app's words instead, naming the questions.
    <div
      className="record-form"
      data-testid={`record-form-${form.kind}`}
      lang={lang}
      onInvalidCapture={() => {
        const missing = missingAnswers(questionnaire, latest.current ?? { resourceType: 'QuestionnaireResponse', status: 'in-progress' });
        setProblem(t('recordMissing', { items: missing.join(' ; ') }));
      }}
    >
      <MantineProvider withCssVariables={false} withGlobalClasses={false}>
        <MedplumProvider medplum={offline}>
          <QuestionnaireForm questionnaire={questionnaire} submitButtonText={t('saveRecord')} onChange={(r) => (latest.current = r)} onSubmit={submit} />
        </MedplumProvider>
      </MantineProvider>
      {problem && <p role="alert" className="error">{problem}</p>}
      {pending && (
        <div role="group" aria-label={t('endOfCareConfirmButton')} className="row-actions">
          <p>{t('endOfCareConfirm', { date: date(ended?.end), reason: ended?.reason.display ?? ended?.reason.code ?? '' })}</p>
          <button type="button" autoFocus disabled={busy} onClick={() => void save(pending)}>{t('endOfCareConfirmButton')}</button>
          <button type="button" onClick={() => setPending(undefined)}>{t('cancel')}</button>
        </div>
      )}
      <button type="button" onClick={() => onDone()}>{t('cancel')}</button>
    </div>
  );
}
