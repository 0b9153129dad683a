// The team's-work forms (issue 15), lazily loaded. Each checks its fields in words, builds resources with
// fhir/contacts.ts and hands them to `write`, which validates them against the profiles before sending (a refusal
// changes nothing and says why, in French words by default).
import type { Appointment, Encounter, Organization, Patient } from '@medplum/fhirtypes';
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { CodeSystemUrl } from '@parcours/profiles/constants';
import type { FhirApi } from '../../fhir/api.ts';
import type { Ref } from '../../fhir/builders.ts';
import * as build from '../../fhir/contacts.ts';
import { rememberSessions, whoName } from '../../fhir/contacts-model.ts';
import { today } from '../../fhir/dates.ts';
import type { PlanData } from '../../fhir/load-plan.ts';
import { humanName } from '../../fhir/plan-model.ts';
import type { Change } from '../../fhir/writes.ts';
import { formatDate } from '../../i18n/dict.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { outcomeWords } from '../../i18n/outcome-words.ts';
import { codeWord } from '../../i18n/terms.ts';
import type { WriteResult } from '../usePlan.ts';
import type { WorkForm } from './TeamWork.tsx';
import { modeKey } from './TeamWork.tsx';
import { Field } from '../Field.tsx';

export interface ContactFormProps {
  form: WorkForm;
  data: PlanData;
  api: FhirApi;
  write(changes: Change[]): Promise<WriteResult>;
  onClose(): void;
}

const uuid = (): string => `urn:uuid:${crypto.randomUUID()}`;
/** `YYYY-MM-DDTHH:mm` in the user's time zone, for datetime-local inputs. */
const localDateTime = (d: Date): string => `${today(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
const localNow = (): string => localDateTime(new Date());
const minutesSchema = z.number().int().min(1).max(600);
const countSchema = z.number().int().min(0).max(200);

/** People the user may see (the token decides: one person at patient level, the caseload at user level). */
function usePeople(api: FhirApi, current: Patient, enabled: boolean): { people: Patient[]; failed: boolean; loading: boolean } {
  const [state, setState] = useState<{ people: Patient[]; failed: boolean; loading: boolean }>({ people: [current], failed: false, loading: enabled });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.search<Patient>('Patient', [['_count', '200'], ['_elements', 'name,birthDate']], 3).then(
      (found) => live && setState({ people: [current, ...found.filter((p) => p.id !== current.id)], failed: false, loading: false }),
      () => live && setState({ people: [current], failed: true, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [api, current, enabled]);
  return state;
}

/** Workshop sessions the user ran these last three months: a person can be added to one from their own plan. */
function useOwnSessions(api: FhirApi, me: string | undefined, enabled: boolean): Encounter[] {
  const [sessions, setSessions] = useState<Encounter[]>([]);
  useEffect(() => {
    if (!enabled || !me) return;
    let live = true;
    const since = today(new Date(Date.now() - 92 * 86_400_000));
    api.search<Encounter>('Encounter', [['type', `${CodeSystemUrl.EncounterType}|atelier-groupe`], ['participant', me], ['date', `ge${since}`], ['_sort', '-date'], ['_count', '20']], 1).then(
      (found) => {
        const own = found.filter((e) => !e.subject);
        rememberSessions(own);
        if (live) setSessions(own);
      },
      () => undefined, // no list: a new session can still be recorded
    );
    return () => {
      live = false;
    };
  }, [api, me, enabled]);
  return sessions;
}

/** An appointment's start (for datetime-local) and length in minutes: what the reschedule form starts from. */
function plannedSlot(a: Appointment): { start: string; minutes: number } {
  const start = new Date(a.start ?? Date.now());
  const minutes = a.end ? Math.max(1, Math.round((Date.parse(a.end) - start.getTime()) / 60_000)) : 45;
  return { start: localDateTime(start), minutes };
}

const themeOf = (e: Encounter): string => e.extension?.find((x) => x.url.endsWith('parcours-workshop-theme'))?.valueString ?? '';

export default function ContactForms({ form, data, api, write, onClose }: ContactFormProps): ReactNode {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [fieldError, setFieldError] = useState<{ field: string; text: string }>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [form]);
  const people = usePeople(api, data.patient, form.kind === 'workshop');
  const patientId = data.patient.id ?? '';
  const psychologist = data.user.role === 'psychologist';
  // The professionals of the person's team (current members), the user first.
  const members = [...new Set(data.careTeams.flatMap((tm) => (tm.participant ?? []).filter((p) => !p.period?.end && p.member?.reference && !p.member.reference.startsWith('Patient/')).map((p) => p.member?.reference as string)))];
  const me = data.user.reference && members.includes(data.user.reference) ? data.user.reference : members.find((m) => m === `PractitionerRole/${data.user.practitionerRole?.id ?? ''}`) ?? members[0];
  const sessions = useOwnSessions(api, me, form.kind === 'workshop');
  const sites = [...data.refs.values()].filter((r): r is Organization => r.resourceType === 'Organization');
  const word = (system: string, code: string): string => codeWord(system, code, lang) ?? code;
  const error = (field: string): string | undefined => (fieldError?.field === field ? fieldError.text : undefined);

  async function send(changes: Change[]): Promise<void> {
    setBusy(true);
    setMessage(undefined);
    const result = await write(changes);
    setBusy(false);
    if (result.ok) onClose();
    else setMessage(result.error?.kind === 'expired' ? t('sessionExpiredWrite') : t(result.error?.kind === 'invalid' ? 'invalid' : 'rejected', { reason: outcomeWords(result.error?.message ?? '', lang) }));
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (name: string): string => String(f.get(name) ?? '').trim();
    const all = (name: string): string[] => f.getAll(name).map(String);
    const ref = (r: string): Ref => ({ reference: r });
    setFieldError(undefined);
    const duration = (): number | undefined => {
      const parsed = minutesSchema.safeParse(s('duration') === '' ? Number.NaN : Number(s('duration')));
      if (!parsed.success) setFieldError({ field: 'duration', text: t('mustBeMinutes') });
      return parsed.success ? parsed.data : undefined;
    };
    const needStart = (): boolean => {
      if (s('start')) return true;
      setFieldError({ field: 'start', text: t('needStart') });
      return false;
    };
    const professional = (): Ref | undefined => {
      if (s('professional')) return ref(s('professional'));
      setFieldError({ field: 'professional', text: t('needProfessional') });
      return undefined;
    };
    switch (form.kind) {
      case 'appointment': {
        const who = professional();
        const minutes = duration();
        if (!who || minutes === undefined || !needStart()) return;
        return void send([{ resource: build.newAppointment(patientId, { start: s('start'), duration: minutes, mode: s('mode') as build.PlannedMode, professional: who, activity: s('activity') }) }]);
      }
      case 'hold': {
        // Held only once its time has passed (the form may have been opened, or the page loaded, before it).
        if (!build.appointmentHasHappened(form.appointment)) return setMessage(t('notYetHeld'));
        const who = professional();
        if (!who) return;
        const [appointment, encounter] = build.holdAppointment(form.appointment, patientId, { type: s('type'), mode: s('mode') as build.Mode, professional: who, domains: all('domain'), note: s('note'), psychotherapy: psychologist && f.has('psy') });
        return void send([{ resource: appointment }, { resource: encounter }]);
      }
      case 'reschedule': {
        const minutes = duration();
        if (minutes === undefined || !needStart()) return;
        if (Date.parse(s('start')) <= Date.now()) return setFieldError({ field: 'start', text: t('needFutureStart') });
        return void send([{ resource: build.rescheduleAppointment(form.appointment, s('start'), minutes) }]);
      }
      case 'cancel':
        return void send([{ resource: build.markAppointment(form.appointment, 'cancelled', { by: s('by') as 'pat' | 'prov' | 'other', text: s('reason') }) }]);
      case 'contact': {
        const who = professional();
        const minutes = duration();
        if (!who || minutes === undefined || !needStart()) return;
        return void send([{ resource: build.heldContact(patientId, { type: s('type'), mode: s('mode') as build.Mode, professional: who, start: s('start'), duration: minutes, domains: all('domain'), note: s('note'), psychotherapy: psychologist && f.has('psy') }) }]);
      }
      case 'workshop': {
        const joined = sessions.find((x) => x.id === s('session'));
        if (joined?.id) {
          // This person at a session already recorded (from another participant's plan).
          const [participation] = build.workshop({ theme: themeOf(joined), start: joined.period?.start ?? s('start'), duration: joined.length?.value ?? 90, ...(joined.serviceProvider ? { site: joined.serviceProvider as Ref } : {}), facilitators: [], participants: [patientId], outside: 0, domains: [] }, `Encounter/${joined.id}`).participations;
          if (participation) void send([{ resource: { ...participation, period: joined.period ?? participation.period } }]);
          return;
        }
        if (!s('theme')) return setFieldError({ field: 'theme', text: t('needTheme') });
        const minutes = duration();
        if (minutes === undefined || !needStart()) return;
        const outside = countSchema.safeParse(s('outside') === '' ? 0 : Number(s('outside')));
        if (!outside.success) return setFieldError({ field: 'outside', text: t('mustBeCount') });
        const participants = all('participant');
        if (participants.length === 0 && outside.data === 0) return setFieldError({ field: 'participants', text: t('needParticipant') });
        const sessionUrl = uuid();
        const { session, participations } = build.workshop({ theme: s('theme'), start: s('start'), duration: minutes, ...(s('site') ? { site: ref(s('site')) } : {}), facilitators: all('facilitator').map(ref), participants, outside: outside.data, domains: all('domain') }, sessionUrl);
        return void send([{ resource: session, fullUrl: sessionUrl }, ...participations.map((p) => ({ resource: p }))]);
      }
      case 'orientation': {
        const requester = me ? ref(me) : undefined;
        if (!requester) return setFieldError({ field: 'partnerType', text: t('needProfessional') });
        const requestUrl = uuid();
        const { request, task } = build.orientation(patientId, { partnerType: s('partnerType'), requester, date: s('date') || today(), ...(s('partner') ? { partner: ref(s('partner')) } : {}), domains: all('domain'), note: s('note') }, requestUrl, data.carePlan?.id);
        return void send([{ resource: request, fullUrl: requestUrl }, { resource: task }]);
      }
      case 'outcome': {
        if (!form.row.task) return;
        const changes = build.orientationOutcome(form.row.task, form.row.request, s('outcome') as build.Outcome, today(), s('appointmentOn') || undefined);
        return void send(changes.map((resource) => ({ resource })));
      }
      case 'intensity':
        if (data.carePlan) void send([{ resource: build.setIntensity(data.carePlan, s('intensity')) }]);
    }
  }

  const titles: Record<WorkForm['kind'], string> = {
    appointment: t('scheduleAppointment'), hold: t('holdAppointment'), cancel: t('cancelAppointment'), reschedule: t('rescheduleAppointment'), contact: t('recordContact'),
    workshop: t('recordWorkshop'), orientation: t('newOrientation'), outcome: t('updateOutcome'), intensity: t('changeIntensity'),
  };
  const professionalField = (
    <Field label={t('professional')} error={error('professional')}>{(id) => <select id={id} name="professional" defaultValue={me}>{members.map((m) => <option key={m} value={m}>{whoName(data, { reference: m }) || m}</option>)}</select>}</Field>
  );
  const modeField = (modes: readonly string[], initial?: string): ReactNode => (
    <Field label={t('mode')}>{(id) => <select id={id} name="mode" defaultValue={initial}>{modes.map((m) => { const k = modeKey(m); return <option key={m} value={m}>{k ? t(k) : m}</option>; })}</select>}</Field>
  );
  const typeField = (
    <Field label={t('contactType')}>{(id) => <select id={id} name="type">{build.CONTACT_TYPES.map((c) => <option key={c} value={c}>{word(CodeSystemUrl.EncounterType, c)}</option>)}</select>}</Field>
  );
  const domainsField = (
    <fieldset className="inline">
      <legend>{t('domains')}</legend>
      {build.DOMAINS.map((d) => <label key={d} className="check"><input type="checkbox" name="domain" value={d} /> {word(CodeSystemUrl.Domain, d)}</label>)}
    </fieldset>
  );
  const noteFields = (
    <>
      <Field label={t('note')}>{(id) => <textarea id={id} name="note" rows={2} />}</Field>
      {psychologist && <label className="check"><input type="checkbox" name="psy" defaultChecked /> {t('psychotherapy')}</label>}
    </>
  );
  const startField = (initial?: string): ReactNode => <Field label={t('startAt')} error={error('start')}>{(id) => <input id={id} name="start" type="datetime-local" defaultValue={initial} />}</Field>;
  const durationField = (initial: number): ReactNode => <Field label={t('duration')} error={error('duration')}>{(id) => <input id={id} name="duration" type="number" min={1} max={600} defaultValue={initial} />}</Field>;
  const plannedMode = form.kind === 'hold' ? form.appointment.appointmentType?.coding?.[0]?.code : undefined;
  const planned = form.kind === 'reschedule' ? plannedSlot(form.appointment) : undefined;

  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-label={titles[form.kind]} noValidate onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}>
      <h3>{titles[form.kind]}</h3>
      {form.kind === 'appointment' && (
        <>
          {startField()}
          {durationField(45)}
          {modeField(build.PLANNED_MODES)}
          {professionalField}
          <Field label={t('activityKind')}>{(id) => <select id={id} name="activity">{build.ACTIVITIES.map((a) => <option key={a} value={a}>{word(CodeSystemUrl.Activity, a)}</option>)}</select>}</Field>
        </>
      )}
      {form.kind === 'hold' && (<>{typeField}{modeField(build.MODES, plannedMode)}{professionalField}{domainsField}{noteFields}</>)}
      {planned && (<>{startField(planned.start)}{durationField(planned.minutes)}</>)}
      {form.kind === 'cancel' && (
        <>
          <Field label={t('cancelledBy')}>{(id) => <select id={id} name="by"><option value="pat">{t('byPerson')}</option><option value="prov">{t('byProfessional')}</option><option value="other">{t('byOther')}</option></select>}</Field>
          <Field label={t('reason')}>{(id) => <input id={id} name="reason" />}</Field>
        </>
      )}
      {form.kind === 'contact' && (<>{typeField}{modeField(build.MODES)}{professionalField}{startField(localNow())}{durationField(30)}{domainsField}{noteFields}</>)}
      {form.kind === 'workshop' && (
        <>
          {sessions.length > 0 && (
            <Field label={t('joinSession')}>{(id) => <select id={id} name="session"><option value="">{t('newSession')}</option>{sessions.map((x) => <option key={x.id} value={x.id}>{`${formatDate(x.period?.start, lang)} · ${themeOf(x)}`}</option>)}</select>}</Field>
          )}
          <Field label={t('theme')} error={error('theme')}>{(id) => <input id={id} name="theme" />}</Field>
          {startField(localNow())}
          {durationField(90)}
          <Field label={t('site')}>{(id) => <select id={id} name="site" defaultValue={data.user.organization?.reference}><option value="">—</option>{sites.map((o) => <option key={o.id} value={`Organization/${o.id ?? ''}`}>{o.name ?? o.id}</option>)}</select>}</Field>
          <fieldset>
            <legend>{t('facilitators')}</legend>
            {members.map((m) => <label key={m} className="check"><input type="checkbox" name="facilitator" value={m} defaultChecked={m === me} /> {whoName(data, { reference: m }) || m}</label>)}
          </fieldset>
          <fieldset>
            <legend>{t('participants')}</legend>
            {people.loading && <p role="status">{t('loadingPeople')}</p>}
            {people.failed && <p className="muted">{t('peopleFailed')}</p>}
            {people.people.map((p) => <label key={p.id} className="check"><input type="checkbox" name="participant" value={p.id} defaultChecked={p.id === patientId} /> {humanName(p.name)}</label>)}
            {error('participants') && <span className="error" role="alert">{error('participants')}</span>}
          </fieldset>
          <Field label={t('outsideCount')} error={error('outside')}>{(id) => <input id={id} name="outside" type="number" min={0} max={200} defaultValue={0} />}</Field>
          {domainsField}
        </>
      )}
      {form.kind === 'orientation' && (
        <>
          <Field label={t('partnerType')} error={error('partnerType')}>{(id) => <select id={id} name="partnerType">{build.PARTNER_TYPES.map((p) => <option key={p} value={p}>{word(CodeSystemUrl.PartnerType, p)}</option>)}</select>}</Field>
          <Field label={t('when')}>{(id) => <input id={id} name="date" type="date" defaultValue={today()} />}</Field>
          {domainsField}
          <Field label={t('note')}>{(id) => <textarea id={id} name="note" rows={2} />}</Field>
        </>
      )}
      {form.kind === 'outcome' && (
        <>
          <Field label={t('outcome')}>{(id) => <select id={id} name="outcome" defaultValue={form.row.outcome}>{build.OUTCOMES.map((o) => <option key={o} value={o}>{word(CodeSystemUrl.OrientationOutcome, o)}</option>)}</select>}</Field>
          <Field label={t('appointmentOn')}>{(id) => <input id={id} name="appointmentOn" type="datetime-local" />}</Field>
        </>
      )}
      {form.kind === 'intensity' && (
        <Field label={t('intensity')}>{(id) => <select id={id} name="intensity" defaultValue={data.carePlan?.extension?.find((x) => x.url.endsWith('parcours-follow-up-intensity'))?.valueCoding?.code}>{build.INTENSITIES.map((i) => <option key={i} value={i}>{word(CodeSystemUrl.FollowUpIntensity, i)}</option>)}</select>}</Field>
      )}
      {message && <p className="error" role="alert">{message}</p>}
      <div className="buttons">
        <button type="submit" disabled={busy}>{busy ? t('saving') : t('record')}</button>
        <button type="button" onClick={onClose}>{t('cancel')}</button>
      </div>
    </form>
  );
}
