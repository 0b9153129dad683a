// The team's work on the plan (issue 15): intensity of the follow-up, appointments (mark held, missed, cancelled),
// contacts held with their mode and domains, workshops, orientations to partners and their follow-through. The
// forms load lazily (ContactForms.tsx); « missed » is one click (who marked it: the write's Provenance). An
// appointment whose start has not passed can only be cancelled or rescheduled: held and missed come after its time.
import type { Appointment } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { lazy, Suspense, useState } from 'react';
import type { FhirApi } from '../../fhir/api.ts';
import { appointmentHasHappened, markAppointment } from '../../fhir/contacts.ts';
import { appointmentRows, contactRows, intensityOf, orientationRows, workshopRows } from '../../fhir/contacts-model.ts';
import type { OrientationRow } from '../../fhir/contacts-model.ts';
import type { PlanData } from '../../fhir/load-plan.ts';
import type { Change } from '../../fhir/writes.ts';
import type { MessageKey } from '../../i18n/dict.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { outcomeWords } from '../../i18n/outcome-words.ts';
import { statusLabel } from '../../i18n/terms.ts';
import { canEdit } from '../../roles.ts';
import type { EditAction } from '../../roles.ts';
import { Section } from '../Sections.tsx';
import type { WriteResult } from '../usePlan.ts';

export type WorkForm =
  | { kind: 'appointment' }
  | { kind: 'hold'; appointment: Appointment }
  | { kind: 'cancel'; appointment: Appointment }
  | { kind: 'reschedule'; appointment: Appointment }
  | { kind: 'contact' }
  | { kind: 'workshop' }
  | { kind: 'orientation' }
  | { kind: 'outcome'; row: OrientationRow }
  | { kind: 'intensity' };

const ContactForms = lazy(() => import('./ContactForms.tsx'));

export function modeKey(mode: string | undefined): MessageKey | undefined {
  return mode && ['AMB', 'VR', 'visio', 'HH', 'FLD', 'IMP', 'EMER'].includes(mode) ? (`mode${mode}` as MessageKey) : undefined;
}

export function TeamWork({ data, api, write }: { data: PlanData; api: FhirApi; write(changes: Change[]): Promise<WriteResult> }): ReactNode {
  const { t, lang, date } = useI18n();
  const [form, setForm] = useState<WorkForm>();
  const [notice, setNotice] = useState<string>();
  const may = (action: EditAction): boolean => canEdit(data.user.role, action);
  const mode = (m: string | undefined): string => {
    const k = modeKey(m);
    return k ? t(k) : '';
  };
  const open = (f: WorkForm): void => {
    setNotice(undefined);
    setForm(f);
  };
  const button = (action: EditAction, label: string, f: WorkForm): ReactNode => (may(action) ? <button type="button" onClick={() => open(f)}>{label}</button> : null);
  const formHere = (kinds: WorkForm['kind'][]): ReactNode =>
    form && kinds.includes(form.kind) ? (
      <Suspense fallback={<p role="status">…</p>}>
        <ContactForms form={form} data={data} api={api} write={write} onClose={() => setForm(undefined)} />
      </Suspense>
    ) : null;
  const missed = async (a: Appointment): Promise<void> => {
    // The button is not offered before the start; a page left open past midnight is checked again here.
    if (!appointmentHasHappened(a)) return setNotice(t('notYetHeld'));
    const result = await write([{ resource: markAppointment(a, 'noshow') }]);
    setNotice(result.ok ? t('saved') : t(result.error?.kind === 'invalid' ? 'invalid' : 'rejected', { reason: outcomeWords(result.error?.message ?? '', lang) }));
  };
  const intensity = intensityOf(data, lang);
  const appointments = appointmentRows(data, lang);
  const contacts = contactRows(data, lang);
  const workshops = workshopRows(data);
  const orientations = orientationRows(data, lang);

  return (
    <Section id="team-work" title={t('teamWork')}>
      {notice && <p role="status" className="notice">{notice}</p>}
      <p data-testid="intensity">
        <strong>{t('intensity')} :</strong> {intensity ? intensity.label : t('noIntensity')}{' '}
        {data.carePlan && button('intensity', t('changeIntensity'), { kind: 'intensity' })}
      </p>
      {formHere(['intensity'])}

      <div className="card-head"><h3>{t('appointmentsTitle')}</h3>{button('contact', t('scheduleAppointment'), { kind: 'appointment' })}</div>
      {formHere(['appointment', 'hold', 'cancel', 'reschedule'])}
      {appointments.length === 0 ? <p className="muted">{t('noAppointments')}</p> : (
        <ul className="rows" data-testid="appointments">
          {appointments.slice(0, 12).map((r) => (
            <li key={r.appointment.id ?? r.date}>
              {date(r.date)} · {r.activity}{r.mode ? ` · ${mode(r.mode)}` : ''}{r.professional ? ` · ${r.professional}` : ''} · <span data-testid="appointment-status">{statusLabel('appointment', r.status, lang)}</span>
              {r.status === 'booked' && may('contact') && (
                <span className="row-actions">
                  {appointmentHasHappened(r.appointment) ? (
                    <>
                      <button type="button" aria-label={`${t('markHeld')} : ${date(r.date)}`} onClick={() => open({ kind: 'hold', appointment: r.appointment })}>{t('markHeld')}</button>
                      <button type="button" aria-label={`${t('markMissed')} : ${date(r.date)}`} onClick={() => void missed(r.appointment)}>{t('markMissed')}</button>
                    </>
                  ) : (
                    <button type="button" aria-label={`${t('moveAppointment')} : ${date(r.date)}`} onClick={() => open({ kind: 'reschedule', appointment: r.appointment })}>{t('moveAppointment')}</button>
                  )}
                  <button type="button" aria-label={`${t('markCancelled')} : ${date(r.date)}`} onClick={() => open({ kind: 'cancel', appointment: r.appointment })}>{t('markCancelled')}</button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <div className="card-head"><h3>{t('contactsTitle')}</h3>{button('contact', t('recordContact'), { kind: 'contact' })}</div>
      {formHere(['contact'])}
      {contacts.length === 0 ? <p className="muted">{t('noContacts')}</p> : (
        <ul className="rows" data-testid="contacts">
          {contacts.slice(0, 12).map((c) => (
            <li key={c.id}>
              {date(c.date)} · {c.kind}{c.mode ? ` · ${mode(c.mode)}` : ''}{c.minutes !== undefined ? ` · ${t('minutesShort', { n: c.minutes })}` : ''}{c.professional ? ` · ${c.professional}` : ''}
              {c.domains.length > 0 && <> · <span className="muted">{c.domains.join(', ')}</span></>}
              {c.psychotherapy && <> <span className="badge">{t('psyBadge')}</span></>}
              {c.note && <div className="muted">{c.note}</div>}
            </li>
          ))}
        </ul>
      )}

      <div className="card-head"><h3>{t('workshopsTitle')}</h3>{button('workshop', t('recordWorkshop'), { kind: 'workshop' })}</div>
      {formHere(['workshop'])}
      {workshops.length === 0 ? <p className="muted">{t('noWorkshops')}</p> : (
        <ul className="rows" data-testid="workshops">
          {workshops.slice(0, 8).map((w) => (
            <li key={w.id}>
              {date(w.date)} · « {w.theme} »{w.site ? ` · ${w.site}` : ''}{w.facilitators.length ? ` · ${t('facilitatedBy', { who: w.facilitators.join(', ') })}` : ''}{w.outside ? ` · ${t('outsideShort', { n: w.outside })}` : ''}
            </li>
          ))}
        </ul>
      )}

      <div className="card-head"><h3>{t('orientationsTitle')}</h3>{button('orientation', t('newOrientation'), { kind: 'orientation' })}</div>
      {formHere(['orientation', 'outcome'])}
      {orientations.length === 0 ? <p className="muted">{t('noOrientations')}</p> : (
        <ul className="rows" data-testid="orientations">
          {orientations.slice(0, 10).map((o) => (
            <li key={o.request.id ?? o.date}>
              {date(o.date)} · {o.partnerType}{o.partner ? ` (${o.partner})` : ''}{o.requester ? ` · ${t('byWho', { who: o.requester })}` : ''} · <strong data-testid="orientation-outcome">{o.outcomeWord}</strong>
              {o.appointmentOn && ` · ${t('appointmentOnDate', { date: date(o.appointmentOn) })}`}
              {o.task && may('orientation') && <span className="row-actions"><button type="button" aria-label={`${t('updateOutcome')} : ${o.partnerType}`} onClick={() => open({ kind: 'outcome', row: o })}>{t('updateOutcome')}</button></span>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
