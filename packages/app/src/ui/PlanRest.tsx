// The plan below the goals and the chart (activities, team, meetings, records, encounters, the team's work,
// timeline, access log): one chunk fetched once the plan's data is here (later.ts), so the first paint needs only
// the status line and what is above the fold. Its edit controls come from the App, as for the first sections.
import type { ReactNode } from 'react';
import { lazy, Suspense, useState } from 'react';
import { mayReadAccessLog } from '../fhir/access-log.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import type { ActivityRow, TeamRow } from '../fhir/plan-model.ts';
import { humanName } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { EditAction } from '../roles.ts';
import type { Session } from '../smart/session.ts';
import { AccessLogView } from './AccessLog.tsx';
import { TeamWork } from './contacts/TeamWork.tsx';
import type { OpenForm } from './Forms.tsx';
import { ActivitiesView, EncountersView, TeamView, TimelineView } from './Lists.tsx';
import { MeetingsView } from './Meetings.tsx';
import { RecordsView } from './records/RecordsView.tsx';
import type { PlanWrite } from './usePlan.ts';

// The meeting screen (its own folder, shared with the workspace), loaded when a meeting is recorded from the plan.
const MeetingRecorder = lazy(() => import('./meeting/index.ts').then((m) => ({ default: m.MeetingRecorder })));

export interface PlanRestProps {
  data: PlanData;
  session: Session;
  write: PlanWrite;
  may: (action: EditAction) => boolean;
  /** The App's button opening one of its forms (null when the role may not). */
  button: (action: EditAction, label: string, form: OpenForm) => ReactNode;
  /** The App's open form, when it is one of these kinds. */
  formHere: (kinds: OpenForm['kind'][]) => ReactNode;
  activityActions: (row: ActivityRow) => ReactNode;
  teamActions: (row: TeamRow) => ReactNode;
  onMeetingSaved: (count: number) => void;
}

export default function PlanRest({ data, session, write, may, button, formHere, activityActions, teamActions, onMeetingSaved }: PlanRestProps): ReactNode {
  const { t } = useI18n();
  const [meeting, setMeeting] = useState(false);
  return (
    <>
      <ActivitiesView data={data} actions={button('activity', t('addActivity'), { kind: 'activity' })} rowActions={activityActions} />
      {formHere(['activity', 'task'])}
      <TeamView data={data} actions={button('team', t('addMember'), { kind: 'member' })} rowActions={teamActions} />
      {formHere(['member'])}
      <MeetingsView data={data} actions={may('meeting') ? <button type="button" onClick={() => setMeeting(true)}>{t('recordMeeting')}</button> : null} />
      {meeting && (
        <Suspense fallback={<p role="status">…</p>}>
          <MeetingRecorder
            people={[{ id: data.patient.id ?? session.patientId, name: humanName(data.patient.name) }]}
            session={session}
            onSaved={(count) => {
              setMeeting(false);
              onMeetingSaved(count);
            }}
            onClose={() => setMeeting(false)}
          />
        </Suspense>
      )}
      <RecordsView data={data} write={write} />
      <EncountersView data={data} />
      <TeamWork data={data} api={session.api} write={write} />
      <TimelineView data={data} />
      {mayReadAccessLog(data) && <AccessLogView api={session.api} data={data} />}
    </>
  );
}
