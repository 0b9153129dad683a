// Beside the plan, when launched from the GP's own EHR: « Dans votre logiciel (DPI) », what the GP already has there,
// read only. One lab result at a time may be shared into the plan (a copy on the plan server, with a Provenance naming
// the EHR's original). And, for every member of the team, the results shared into the plan so far.
import type { DocumentReference, Observation } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { aboveRange, alreadyShared, labValue, shareLabChange } from '../fhir/ehr.ts';
import type { EhrRecords } from '../fhir/ehr.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import type { Change } from '../fhir/writes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { EhrSide } from '../smart/session.ts';
import type { WriteResult } from './usePlan.ts';
import { Section } from './Sections.tsx';

const isLab = (o: Observation): boolean => (o.category ?? []).some((c) => (c.coding ?? []).some((x) => x.code === 'laboratory'));
/** A plain-text note's words (base64 UTF-8 in the attachment); its title or description otherwise. */
function noteText(note: DocumentReference): string {
  const attachment = note.content?.[0]?.attachment;
  if (attachment?.data && (attachment.contentType ?? '').startsWith('text/plain')) {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(attachment.data), (c) => c.charCodeAt(0)));
    } catch {
      // not valid base64: fall back to the title
    }
  }
  return note.description ?? attachment?.title ?? '';
}

const labName = (o: Observation): string => o.code.text ?? o.code.coding?.[0]?.display ?? o.code.coding?.[0]?.code ?? '';

/** A "fr / en" sentence from a server, in the reader's language. */
export function inLanguage(text: string, lang: 'fr' | 'en'): string {
  const [fr, en] = text.split(' / ');
  return (lang === 'en' ? en : fr) ?? text;
}

function LabRows({ labs, data, ehr, onShare }: { labs: Observation[]; data: PlanData; ehr: EhrSide; onShare: (lab: Observation) => void }): ReactNode {
  const { t, date } = useI18n();
  return (
    <table className="ehr-labs">
      <tbody>
        {labs.map((lab) => (
          <tr key={lab.id} data-testid="ehr-lab">
            <td>{labName(lab)}</td>
            <td>{labValue(lab)}{aboveRange(lab) && <> <strong className="flag">({t('ehrAbove')})</strong></>}</td>
            <td>{date(lab.effectiveDateTime)}</td>
            <td>
              {alreadyShared(data.observations, ehr.baseUrl, lab) ? <span className="muted">{t('ehrShared')}</span>
                : <button type="button" aria-label={t('ehrShareLabel', { what: labName(lab), date: date(lab.effectiveDateTime) })} onClick={() => onShare(lab)}>{t('ehrShare')}</button>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EhrLists({ records }: { records: EhrRecords }): ReactNode {
  const { t, date } = useI18n();
  return (
    <>
      <h3>{t('ehrMedications')}</h3>
      {records.medications.length === 0 ? <p className="muted">{t('ehrNone')}</p> : (
        <ul>{records.medications.map((m) => <li key={m.id}>{m.medicationCodeableConcept?.text ?? m.medicationCodeableConcept?.coding?.[0]?.code}{m.dosage?.[0]?.text ? ` — ${m.dosage[0].text}` : ''}</li>)}</ul>
      )}
      <h3>{t('ehrConditions')}</h3>
      {records.conditions.length === 0 ? <p className="muted">{t('ehrNone')}</p> : (
        <ul>{records.conditions.map((c) => <li key={c.id}>{c.code?.text ?? c.code?.coding?.[0]?.display}{c.code?.coding?.[0]?.code ? ` (${c.code.coding[0].code})` : ''}</li>)}</ul>
      )}
      <h3>{t('ehrNotes')}</h3>
      {records.notes.length === 0 ? <p className="muted">{t('ehrNone')}</p> : (
        <ul>{records.notes.map((n) => <li key={n.id}><strong>{date(n.date)}</strong> — {noteText(n)}</li>)}</ul>
      )}
    </>
  );
}

/** « Dans votre logiciel (DPI) »: the GP's records, marked as theirs, never mixed into the plan's sections. */
export function EhrPanel({ ehr, records, data, write }: { ehr: EhrSide; records: Promise<EhrRecords>; data: PlanData; write: (changes: Change[]) => Promise<WriteResult> }): ReactNode {
  const { t, lang } = useI18n();
  const [state, setState] = useState<{ records?: EhrRecords; error?: string }>({});
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    let live = true;
    records.then((r) => live && setState({ records: r }), (error: unknown) => live && setState({ error: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) }));
    return () => {
      live = false;
    };
  }, [records]);
  const share = (lab: Observation): void => {
    const change = shareLabChange(lab, { ehrBase: ehr.baseUrl, ehrName: `DPI du médecin / GP’s EHR — ${ehr.baseUrl}`, planPatientId: data.patient.id ?? '', performer: data.user.practitionerRole?.id ? `PractitionerRole/${data.user.practitionerRole.id}` : data.user.reference });
    void write([change]).then((result) => setNotice(result.ok ? t('ehrSharedDone') : t('ehrShareFailed', { reason: inLanguage(result.error?.message ?? '', lang) })));
  };
  return (
    <Section id="ehr" title={t('ehrTitle')}>
      <div className="ehr" data-testid="ehr-panel">
        <p className="muted">{t('ehrIntro')}</p>
        {notice && <p role="status" className="notice">{notice}</p>}
        {state.error ? <p role="alert">{t('ehrFailed', { reason: state.error })}</p> : !state.records ? <p role="status">{t('ehrLoading')}</p> : (
          <>
            <h3>{t('ehrLabs')}</h3>
            {state.records.labs.length === 0 ? <p className="muted">{t('ehrNone')}</p> : <LabRows labs={state.records.labs} data={data} ehr={ehr} onShare={share} />}
            <EhrLists records={state.records} />
          </>
        )}
      </div>
    </Section>
  );
}

/** The lab results in the plan (shared from a GP's software): every member of the team sees them. */
export function SharedResultsView({ data }: { data: PlanData }): ReactNode {
  const { t, date } = useI18n();
  const labs = data.observations.filter(isLab);
  if (labs.length === 0) return null;
  return (
    <Section id="shared-results" title={t('sharedTitle')}>
      <ul data-testid="shared-results">
        {labs.map((o) => (
          <li key={o.id}>
            {labName(o)} : <strong>{labValue(o)}</strong> — {date(o.effectiveDateTime)}{(o.identifier ?? []).length > 0 && <span className="muted"> ({t('sharedFrom')})</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
