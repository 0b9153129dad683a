// The meeting screen as a tab of the workspace (ui/workspace/Workspace.tsx, WORKSPACE_SCREENS): the people it may
// put on the agenda are the caseload's rows (the user's care teams), in the workspace's user-level session; once
// recorded, the caseload reloads (the decisions are the people's tasks now).
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { WorkspaceScreenProps } from '../workspace/Workspace.tsx';
import { MeetingRecorder } from './MeetingRecorder.tsx';

export default function WorkspaceMeeting({ session, caseload, reloadCaseload }: WorkspaceScreenProps): ReactNode {
  const { t } = useI18n();
  const rows = caseload.status === 'ready' ? caseload.data.rows : undefined;
  const people = useMemo(() => (rows ?? []).map((r) => ({ id: r.patientId, name: r.name })), [rows]);
  if (caseload.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (caseload.status === 'error') return <p role="alert">{t('meetingLoadFailed', { reason: (caseload.error as Error).message ?? '' })}</p>;
  return <MeetingRecorder people={people} session={session} onSaved={reloadCaseload} />;
}
