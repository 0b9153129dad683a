// The case-review meeting screen (issue 14), for the workspace shell and the plan.
export { MeetingRecorder } from './MeetingRecorder.tsx';
export type { MeetingPerson, MeetingRecorderProps } from './MeetingRecorder.tsx';
