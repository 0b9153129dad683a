// The meeting screen (issue 14): an agenda built from the people it may choose from (flagged by the watch, with an
// overdue task, newly discharged — ticked — or picked by hand), the attendees from the team and the partners (by
// organisation), and for each person reviewed a note, decisions (owner, due date) and plan changes; recorded once,
// in one transaction. Used by the workspace (several people) and by a person's plan (that person).
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PATHWAY_STAGE_SYSTEM } from '../../fhir/codes.ts';
import { today } from '../../fhir/dates.ts';
import type { FhirApi } from '../../fhir/api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/dict.ts';
import { outcomeWords } from '../../i18n/outcome-words.ts';
import { codeWord } from '../../i18n/terms.ts';
import { loadAgenda } from './agenda.ts';
import type { AgendaData, AgendaReason, MeetingPerson } from './agenda.ts';
import { meetingBundle } from './build.ts';
import type { MeetingInput, ReviewInput } from './build.ts';
import { emptyDraft, ReviewForm } from './ReviewForm.tsx';
import type { ReviewDraft } from './ReviewForm.tsx';
import { MeetingError, saveMeeting } from './save.ts';

export type { MeetingPerson } from './agenda.ts';

/** More people flagged than this are proposed (listed first), not put on the agenda at once. */
const MAX_PROPOSED = 8;

const REASON_KEY: Record<AgendaReason, MessageKey> = { flagged: 'agendaFlagged', overdue: 'agendaOverdue', discharged: 'agendaDischarged' };

export interface MeetingRecorderProps {
  /** The people the agenda may hold (the caseload, or the person of the plan). */
  people: MeetingPerson[];
  session: { api: FhirApi; fhirUser: string | undefined };
  /** Today, for tests (default: now). */
  now?: string;
  onSaved?(count: number): void;
  onClose?(): void;
}

function Check({ label, checked, onChange, children }: { label: string; checked: boolean; onChange(v: boolean): void; children?: ReactNode }): ReactNode {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      {children}
    </label>
  );
}

const toggle = (set: Set<string>, key: string, on: boolean): Set<string> => {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
};

export function MeetingRecorder({ people, session, now, onSaved, onClose }: MeetingRecorderProps): ReactNode {
  const { t, lang } = useI18n();
  const at = useMemo(() => now ?? new Date().toISOString(), [now]);
  const [agenda, setAgenda] = useState<AgendaData>();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [date, setDate] = useState(at.slice(0, 10));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [attendees, setAttendees] = useState<Set<string>>(new Set());
  const [partners, setPartners] = useState<Set<string>>(new Set());
  const [drafts, setDrafts] = useState<Record<string, ReviewDraft>>({});

  // The agenda is loaded again only when the set of people changes (callers may pass a new array on each render).
  const list = useRef(people);
  list.current = people;
  const peopleKey = people.map((p) => p.id).join(',');
  useEffect(() => {
    let live = true;
    loadAgenda(session.api, list.current, session.fhirUser, at).then(
      (data) => {
        if (!live) return;
        setAgenda(data);
        // On the agenda from the start: whoever the data says needs a look, when they are few enough for one meeting
        // (a whole caseload's alerts are listed first, with their reasons, to tick); from a plan, its person.
        const proposed = data.people.filter((p) => p.reasons.length > 0 || data.people.length === 1);
        setChosen(new Set(proposed.length <= MAX_PROPOSED ? proposed.map((p) => p.id) : []));
        setAttendees(new Set(data.recorder ? [data.recorder] : []));
      },
      (error: unknown) => live && setProblem(t('meetingLoadFailed', { reason: outcomeWords((error as Error).message, lang) })),
    );
    return () => {
      live = false;
    };
  }, [session, peopleKey, at, t, lang]);

  if (problem && !agenda) return <p role="alert">{problem}</p>;
  if (!agenda) return <p role="status">{t('loading')}</p>;
  const onAgenda = agenda.people.filter((p) => chosen.has(p.id)).sort((a, b) => b.reasons.length - a.reasons.length || a.name.localeCompare(b.name));
  const draft = (id: string): ReviewDraft => drafts[id] ?? emptyDraft();
  const owners = agenda.team;

  const submit = async (): Promise<void> => {
    setProblem(undefined);
    setNotice(undefined);
    if (date > today()) return setProblem(t('futureDate'));
    if (onAgenda.length === 0) return setProblem(t('meetingNoPerson'));
    if (attendees.size === 0) return setProblem(t('meetingNoAttendee'));
    const reviews: ReviewInput[] = [];
    for (const p of onAgenda) {
      const d = draft(p.id);
      const decisions = d.decisions.filter((x) => x.description.trim());
      if (decisions.some((x) => !x.owner || !x.due)) return setProblem(t('decisionIncomplete'));
      reviews.push({
        patientId: p.id,
        ...(p.carePlan ? { carePlan: p.carePlan } : {}),
        ...(p.careTeamId ? { careTeamId: p.careTeamId } : {}),
        note: d.note,
        decisions,
        ...(d.stage ? { stage: { code: d.stage, display: codeWord(PATHWAY_STAGE_SYSTEM, d.stage, 'fr') ?? d.stage } } : {}),
        ...(d.intensity ? { intensity: { code: d.intensity, display: d.intensity } } : {}),
        goals: p.goals.flatMap((goal) => (goal.id && d.goals[goal.id] ? [{ goal, achievement: d.goals[goal.id]! }] : [])),
      });
    }
    const input: MeetingInput = {
      date,
      attendees: [...attendees],
      partners: agenda.partners.filter((p) => partners.has(p.reference)),
      recorder: agenda.recorder,
      recorderIsPsychologist: agenda.recorderIsPsychologist,
      ...(agenda.organization ? { organization: agenda.organization, serviceProvider: agenda.organization } : {}),
      reviews,
    };
    setSaving(true);
    try {
      await saveMeeting(session.api, meetingBundle(input, new Date()));
      setNotice(t('meetingSaved', { count: reviews.length }));
      setDrafts({});
      onSaved?.(reviews.length);
    } catch (error) {
      const e = error instanceof MeetingError ? error : new MeetingError('rejected', (error as Error).message);
      setProblem(t(e.kind === 'invalid' ? 'meetingInvalid' : 'meetingRefused', { reason: outcomeWords(e.message, lang) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="form meeting"
      aria-label={t('meetingTitle')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h3>{t('meetingTitle')}</h3>
      <div className="field">
        <label htmlFor="meeting-date">{t('meetingDate')}</label>
        <input id="meeting-date" type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} />
      </div>
      <fieldset>
        <legend>{t('agenda')}</legend>
        {agenda.people.length > 1 && onAgenda.length === 0 && <p className="muted">{t('agendaEmpty')}</p>}
        {[...agenda.people].sort((a, b) => b.reasons.length - a.reasons.length || a.name.localeCompare(b.name)).map((p) => (
          <Check key={p.id} label={p.name} checked={chosen.has(p.id)} onChange={(v) => setChosen((s) => toggle(s, p.id, v))}>
            {p.reasons.map((r) => <span key={r} className="badge warn"> {t(REASON_KEY[r])}</span>)}
            {p.reasons.length === 0 && chosen.has(p.id) && agenda.people.length > 1 && <span className="badge"> {t('agendaPicked')}</span>}
          </Check>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('teamAttendees')}</legend>
        {agenda.team.map((m) => <Check key={m.reference} label={m.label} checked={attendees.has(m.reference)} onChange={(v) => setAttendees((s) => toggle(s, m.reference, v))} />)}
      </fieldset>
      {agenda.partners.length > 0 && (
        <fieldset>
          <legend>{t('partnerAttendees')}</legend>
          {agenda.partners.map((o) => <Check key={o.reference} label={o.display} checked={partners.has(o.reference)} onChange={(v) => setPartners((s) => toggle(s, o.reference, v))} />)}
        </fieldset>
      )}
      {onAgenda.map((p) => (
        <ReviewForm key={p.id} person={p} draft={draft(p.id)} owners={owners} psychologist={agenda.recorderIsPsychologist} onChange={(d) => setDrafts((all) => ({ ...all, [p.id]: d }))} />
      ))}
      {problem && <p role="alert" className="error">{problem}</p>}
      {notice && <p role="status" className="notice">{notice}</p>}
      <div className="actions">
        <button type="submit" disabled={saving}>{t('saveMeeting')}</button>
        {onClose && <button type="button" onClick={onClose}>{t('close')}</button>}
      </div>
    </form>
  );
}
