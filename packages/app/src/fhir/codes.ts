// Codes and URLs the app reads and writes, from @parcours/profiles/constants (the hand-written constants only:
// the package's index also re-exports the generated definitions and examples, megabytes the app never uses).
import { CodeSystemUrl, CommunicationCategoryCode, EncounterTypeCode, ExtensionUrl, ExternalSystem, LoincCode as ProfileLoinc, MeetingTaskCode, PathwayStageCode, ProfileUrl, SecurityLabel } from '@parcours/profiles/constants';

export { CareTeamRoleCode, ProfileUrl } from '@parcours/profiles/constants';

export const LOINC = ExternalSystem.LOINC;
export const UCUM = ExternalSystem.UCUM;
export const SNOMED = ExternalSystem.SNOMED;
export const SECURITY_SYSTEM = SecurityLabel.System;
export const SUD_LABEL = SecurityLabel.SubstanceUse;
export const PSY_LABEL = SecurityLabel.Psychotherapy;

export const LoincCode = {
  drinksPerDay: ProfileLoinc.AlcoholicDrinksPerDay,
  auditCPanel: ProfileLoinc.AuditCPanel,
  auditCTotal: ProfileLoinc.AuditCTotal,
  auditCQ1: ProfileLoinc.AuditCFrequency,
  auditCQ2: ProfileLoinc.AuditCTypicalDay,
  auditCQ3: ProfileLoinc.AuditCSixOrMore,
  tobaccoUse: ProfileLoinc.TobaccoSmokingStatus,
  /** Cigarettes per day (LOINC 64218-1 "How many cigarettes do you smoke per day now"): an Observation's code, or the component of the tobacco-use Observation the app writes. */
  cigarettesPerDay: '64218-1',
} as const;

export const profile = (id: string): string => `${ProfileUrl.Patient.replace(/parcours-patient$/, '')}${id}`;

export const PATHWAY_STAGE_URL = ExtensionUrl.PathwayStage;
export const MEETING_PARTNER_URL = ExtensionUrl.MeetingPartner;
export const PATHWAY_STAGE_SYSTEM = CodeSystemUrl.PathwayStage;
export const ENCOUNTER_TYPE_SYSTEM = CodeSystemUrl.EncounterType;
export const SYNTHESIS_MEETING_CODE = EncounterTypeCode.SynthesisMeeting;
export const CASE_REVIEW_CODE = EncounterTypeCode.CaseReview;
export const MEETING_DECISION_CODE = MeetingTaskCode.Decision;
export const COMMUNICATION_CATEGORY_SYSTEM = CodeSystemUrl.CommunicationCategory;
export const REVIEW_NOTE_CATEGORY = CommunicationCategoryCode.ReviewNote;
export const CARE_BREAK_CATEGORY = CommunicationCategoryCode.CareBreak;
export const CARE_BREAK_RULE_SYSTEM = CodeSystemUrl.CareBreakRule;
export const CARE_TEAM_ROLE_SYSTEM = CodeSystemUrl.CareTeamRole;
export const TASK_CODE_SYSTEM = CodeSystemUrl.TaskCode;
/** ParcoursTask code of the follow-up a hospital asks of the GP at discharge. */
export const DISCHARGE_FOLLOW_UP_CODE = 'suivi-post-sortie';

/** The alcohol harm-reduction roadmap (DOMAIN.md), in order. */
export const PATHWAY_STAGES = Object.values(PathwayStageCode);
export type PathwayStage = (typeof PathwayStageCode)[keyof typeof PathwayStageCode];
