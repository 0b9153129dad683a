/**
 * Canonical URLs, identifier systems and codes of the Parcours FHIR implementation guide (hand-written, checked
 * against the generated definitions by constants.test.ts). Codes are French (kebab-case): each concept's `display` is
 * French and carries an English designation (`designation.language = en`).
 */

/** Canonical base of every Parcours artifact. */
export const PARCOURS_CANONICAL = 'https://fhir.parcours.fr';
/** FHIR NPM package id of the Parcours implementation guide. */
export const PARCOURS_PACKAGE_ID = 'fr.parcours.fhir';
/** FHIR NPM package version. */
export const PARCOURS_PACKAGE_VERSION = '0.1.0';

const sd = (id: string): string => `${PARCOURS_CANONICAL}/StructureDefinition/${id}`;
const cs = (id: string): string => `${PARCOURS_CANONICAL}/CodeSystem/${id}`;
const vs = (id: string): string => `${PARCOURS_CANONICAL}/ValueSet/${id}`;

/** Profile canonical URLs (https://fhir.parcours.fr/StructureDefinition/<id>). */
export const ProfileUrl = {
  Patient: sd('parcours-patient'),
  Practitioner: sd('parcours-practitioner'),
  PractitionerRole: sd('parcours-practitionerrole'),
  Organization: sd('parcours-organization'),
  CareTeam: sd('parcours-careteam'),
  CarePlan: sd('parcours-careplan'),
  Goal: sd('parcours-goal'),
  Encounter: sd('parcours-encounter'),
  Appointment: sd('parcours-appointment'),
  ObservationAlcoholUse: sd('parcours-observation-alcohol-use'),
  ObservationAuditC: sd('parcours-observation-auditc'),
  ObservationTobaccoUse: sd('parcours-observation-tobacco-use'),
  ObservationSubstanceUse: sd('parcours-observation-substance-use'),
  MedicationStatementOpioidSubstitution: sd('parcours-medicationstatement-opioid-substitution'),
  Task: sd('parcours-task'),
  Provenance: sd('parcours-provenance'),
  Communication: sd('parcours-communication'),
  DischargeBundle: sd('parcours-bundle-discharge'),
  DischargeComposition: sd('parcours-composition-discharge'),
  FlagCareBreak: sd('parcours-flag-care-break'),
  /** The synthesis meeting itself (no subject). */
  EncounterSynthesisMeeting: sd('parcours-encounter-synthesis-meeting'),
  /** One person reviewed in a synthesis meeting (subject the person, partOf the meeting). */
  EncounterCaseReview: sd('parcours-encounter-case-review'),
  /** A note on a person reviewed (Communication, encounter = the review; PSY when a psychologist wrote it). */
  CommunicationReviewNote: sd('parcours-communication-review-note'),
  /** A decision of a synthesis meeting (Task: owner, due date, reasonReference = the review). */
  TaskMeetingDecision: sd('parcours-task-meeting-decision'),
  ServiceRequestOrientation: sd('parcours-servicerequest-orientation'),
  /** Entry, follow-up and end-of-care records: the answers to a Parcours Questionnaire (QuestionnaireUrl). */
  QuestionnaireResponse: sd('parcours-questionnaireresponse'),
} as const;
export type ProfileUrl = (typeof ProfileUrl)[keyof typeof ProfileUrl];

/** Extension canonical URLs. */
export const ExtensionUrl = {
  /** CarePlan: stage of the harm-reduction (RdR) roadmap, coded from CodeSystemUrl.PathwayStage. */
  PathwayStage: sd('parcours-pathway-stage'),
  /** Encounter (synthesis meeting and each person's review): a partner organisation attending without a named professional. */
  MeetingPartner: sd('parcours-meeting-partner'),
  /** CarePlan: intensity of the follow-up, coded from CodeSystemUrl.FollowUpIntensity. */
  FollowUpIntensity: sd('parcours-follow-up-intensity'),
  /** Encounter (workshop session): participants outside Parcours (valueUnsignedInt). */
  OutsideParticipants: sd('parcours-outside-participants'),
  /** Encounter: what the professional notes (valueAnnotation); it shares the encounter's sensitivity label. */
  EncounterNote: sd('parcours-encounter-note'),
  /** Encounter (workshop session): its theme (valueString). */
  WorkshopTheme: sd('parcours-workshop-theme'),
  /** CarePlan (completed): why the follow-up ended, copied from the end-of-care record (CodeSystemUrl.EndOfCareReason). */
  EndOfCareReason: sd('parcours-end-of-care-reason'),
  /** Core R4 extension used for the birth place identity trait (FR Core INS). */
  PatientBirthPlace: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
} as const;

/** Parcours CodeSystem canonical URLs. */
export const CodeSystemUrl = {
  CareTeamRole: cs('parcours-careteam-role'),
  PathwayStage: cs('parcours-pathway-stage'),
  Activity: cs('parcours-activity'),
  EncounterType: cs('parcours-encounter-type'),
  Goal: cs('parcours-goal'),
  GoalCategory: cs('parcours-goal-category'),
  CarePlanCategory: cs('parcours-careplan-category'),
  TaskCode: cs('parcours-task-code'),
  CommunicationCategory: cs('parcours-communication-category'),
  Substance: cs('parcours-substance'),
  ObservationCode: cs('parcours-observation-code'),
  UseRoute: cs('parcours-use-route'),
  UseFrequency: cs('parcours-use-frequency'),
  UseContext: cs('parcours-use-context'),
  CareBreakRule: cs('parcours-care-break-rule'),
  FollowUpIntensity: cs('parcours-follow-up-intensity'),
  Domain: cs('parcours-domain'),
  PartnerType: cs('parcours-partner-type'),
  OrientationOutcome: cs('parcours-orientation-outcome'),
  EndOfCareReason: cs('parcours-end-of-care-reason'),
  /** The records (Questionnaire.code) and the coded answers of their questions (housing, rights, screening…). */
  RecordAnswer: cs('parcours-record-answer'),
} as const;

/** Parcours ValueSet canonical URLs. */
export const ValueSetUrl = {
  CareTeamRole: vs('parcours-careteam-role'),
  PathwayStage: vs('parcours-pathway-stage'),
  Activity: vs('parcours-activity'),
  EncounterType: vs('parcours-encounter-type'),
  Goal: vs('parcours-goal'),
  GoalCategory: vs('parcours-goal-category'),
  CarePlanCategory: vs('parcours-careplan-category'),
  TaskCode: vs('parcours-task-code'),
  CommunicationCategory: vs('parcours-communication-category'),
  Substance: vs('parcours-substance'),
  UseRoute: vs('parcours-use-route'),
  UseFrequency: vs('parcours-use-frequency'),
  UseContext: vs('parcours-use-context'),
  OpioidSubstitutionMedication: vs('parcours-opioid-substitution-medication'),
  TobaccoUseStatus: vs('parcours-tobacco-use-status'),
  /** Encounter.class: AMB in person, VR phone or video, HH home, IMP inpatient, EMER emergency, FLD outreach. */
  EncounterClass: vs('parcours-encounter-class'),
  CareBreakRule: vs('parcours-care-break-rule'),
  FollowUpIntensity: vs('parcours-follow-up-intensity'),
  Domain: vs('parcours-domain'),
  PartnerType: vs('parcours-partner-type'),
  OrientationOutcome: vs('parcours-orientation-outcome'),
  /** Appointment.appointmentType: AMB, VR, HH, FLD (v3-ActCode). */
  AppointmentMode: vs('parcours-appointment-mode'),
  EndOfCareReason: vs('parcours-end-of-care-reason'),
} as const;

/** French identifier systems (ANS). */
export const IdentifierSystem = {
  /** Identifiant National de Santé (INS-NIR), 15 characters. */
  INS: 'urn:oid:1.2.250.1.213.1.4.8',
  /** Répertoire Partagé des Professionnels de Santé, 11 digits starting with 1 or 8 (RPPS id, without the leading 8 type). */
  RPPS: 'urn:oid:1.2.250.1.71.4.2.1',
  /** FINESS (établissements sanitaires et sociaux), 9 characters. */
  FINESS: 'urn:oid:1.2.250.1.71.4.2.2',
  /** Local identifiers of the Parcours platform (patients, care plans, discharge bundles). */
  ParcoursLocal: `${PARCOURS_CANONICAL}/identifier`,
} as const;

/** Sensitivity labels carried in meta.security. */
export const SecurityLabel = {
  System: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** Substance use disorder information: every consumption resource carries it. */
  SubstanceUse: 'SUD',
  /** Psychotherapy notes: never shared with social workers. */
  Psychotherapy: 'PSY',
} as const;

/** External code systems used by the profiles. */
export const ExternalSystem = {
  LOINC: 'http://loinc.org',
  SNOMED: 'http://snomed.info/sct',
  UCUM: 'http://unitsofmeasure.org',
  ATC: 'http://www.whocc.no/atc',
  ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
} as const;

/** LOINC codes of the consumption Observations (checked against the LOINC material, see the profiles' FSH). */
export const LoincCode = {
  AlcoholicDrinksPerDay: '74013-4',
  /** The AUDIT-C questionnaire (panel); the Observation carries the total, 75626-2. */
  AuditCPanel: '72109-2',
  AuditCTotal: '75626-2',
  AuditCFrequency: '68518-0',
  AuditCTypicalDay: '68519-8',
  AuditCSixOrMore: '68520-6',
  TobaccoSmokingStatus: '72166-2',
} as const;

/** Care team roles (CodeSystemUrl.CareTeamRole). */
export const CareTeamRoleCode = {
  GeneralPractitioner: 'medecin-traitant',
  Psychologist: 'psychologue',
  SocialWorker: 'travailleur-social',
  AlcoholHarmReductionWorker: 'intervenant-rdr-alcool',
  HealthPathwayReferent: 'referent-parcours-sante',
  Pharmacist: 'pharmacien',
  Nurse: 'infirmier',
  AddictionSpecialist: 'addictologue',
  Csapa: 'csapa',
  Caarud: 'caarud',
  Psychiatry: 'cmp',
  HospitalTeam: 'equipe-hospitaliere',
  Person: 'personne',
  Caregiver: 'aidant',
  TrustedPerson: 'personne-de-confiance',
  Coordinator: 'coordinateur',
  /** A funder's staff (PractitionerRole.code): reads structures' aggregate indicators, never records. */
  Funder: 'financeur',
} as const;

/**
 * The care-team roles whose members may read psychotherapy notes (SecurityLabel.Psychotherapy): the treating
 * physicians and the psychologist. Every other member (social worker, harm-reduction worker, referent, nurse,
 * pharmacist, hospital team…) may not. One policy for the app, which hides them, and the server, which refuses them.
 */
export const PsychotherapyReaderRoles: readonly string[] = [
  CareTeamRoleCode.GeneralPractitioner,
  CareTeamRoleCode.AddictionSpecialist,
  CareTeamRoleCode.Psychologist,
];

/** Stages of the alcohol harm-reduction (RdR) roadmap, in order (CodeSystemUrl.PathwayStage). */
export const PathwayStageCode = {
  Welcome: 'accueil',
  Alliance: 'alliance',
  CareBreaks: 'ruptures',
  Needs: 'besoins',
  Prioritise: 'priorisation',
  Engage: 'engagement',
  CoBuild: 'co-construction',
  Coordinate: 'coordination',
  Stabilise: 'stabilisation',
  Sustain: 'maintien',
} as const;

/** Encounter types (CodeSystemUrl.EncounterType). Phone vs in person is Encounter.class: VR vs AMB. */
export const EncounterTypeCode = {
  IndividualConsultation: 'consultation-individuelle',
  SharedConsultation: 'consultation-partagee',
  SynthesisMeeting: 'reunion-synthese',
  /** One person reviewed in a synthesis meeting (partOf the reunion-synthese Encounter). */
  CaseReview: 'revue-synthese',
  GroupWorkshop: 'atelier-groupe',
  Accompaniment: 'accompagnement',
  HomeVisit: 'visite-domicile',
  HospitalStay: 'sejour-hospitalier',
  Interview: 'entretien',
  PhoneCall: 'appel-telephonique',
  Outreach: 'aller-vers',
  /** Second type of a VR encounter held by video (VR alone: phone). */
  Video: 'visio',
} as const;

/** Follow-up intensity (CodeSystemUrl.FollowUpIntensity), on the CarePlan (ExtensionUrl.FollowUpIntensity). */
export const FollowUpIntensityCode = {
  Intensive: 'intensif',
  PhoneOrientation: 'orientation-telephonique',
  Advice: 'appui-conseil',
} as const;

/** Areas of work (CodeSystemUrl.Domain): Encounter.reasonCode, ServiceRequest.reasonCode. */
export const DomainCode = {
  Health: 'sante',
  Addiction: 'addiction',
  MentalHealth: 'sante-mentale',
  Rights: 'droits',
  Housing: 'logement',
  WorkTraining: 'emploi-formation',
  Justice: 'justice',
  Family: 'famille',
} as const;

/** Partner types (CodeSystemUrl.PartnerType): ServiceRequest.performerType of an orientation. */
export const PartnerTypeCode = {
  GeneralPractitioner: 'medecin-generaliste',
  Specialist: 'specialiste',
  Dentist: 'dentiste',
  Emergency: 'urgences',
  Csapa: 'csapa',
  Caarud: 'caarud',
  AidesTrod: 'aides-trod',
  MissionLocale: 'mission-locale',
  CmpPsychiatry: 'cmp-psychiatrie',
  SocialServices: 'services-sociaux',
  Other: 'autre',
} as const;

/** Orientation follow-through (CodeSystemUrl.OrientationOutcome): Task.businessStatus, with the Task.status it goes with. */
export const OrientationOutcomeCode = {
  Sent: 'envoyee',
  Accepted: 'acceptee',
  AppointmentMade: 'rdv-pris',
  Seen: 'vue',
  Declined: 'refusee',
  NoFollowThrough: 'sans-suite',
} as const;

/** SNOMED CT "Patient referral": the category every orientation ServiceRequest carries. */
export const ReferralCategory = { system: 'http://snomed.info/sct', code: '3457005' } as const;

/** Appointment.cancelationReason codes used by Parcours (R4 appointment-cancellation-reason). */
export const CancellationReason = {
  System: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason',
  Patient: 'pat',
  Provider: 'prov',
  Other: 'other',
} as const;

/** Task codes (CodeSystemUrl.TaskCode) of the synthesis meetings. */
export const MeetingTaskCode = { Decision: 'decision-synthese' } as const;

/** Communication categories (CodeSystemUrl.CommunicationCategory) the plan reads. */
export const CommunicationCategoryCode = { CareBreak: 'rupture-de-soins', ReviewNote: 'note-synthese' } as const;

/** The Parcours Questionnaires: entry (medical, social, psychological), periodic follow-up and end of care. */
export const QuestionnaireUrl = {
  MedicalEntry: `${PARCOURS_CANONICAL}/Questionnaire/parcours-entree-medicale`,
  SocialEntry: `${PARCOURS_CANONICAL}/Questionnaire/parcours-entree-sociale`,
  PsychologicalEntry: `${PARCOURS_CANONICAL}/Questionnaire/parcours-entree-psychologique`,
  FollowUp: `${PARCOURS_CANONICAL}/Questionnaire/parcours-suivi`,
  EndOfCare: `${PARCOURS_CANONICAL}/Questionnaire/parcours-fin-accompagnement`,
} as const;
export type QuestionnaireUrl = (typeof QuestionnaireUrl)[keyof typeof QuestionnaireUrl];

/** Why a follow-up ended (CodeSystemUrl.EndOfCareReason). */
export const EndOfCareReasonCode = {
  GoalsReached: 'objectifs-atteints',
  HandedOver: 'relais-partenaire',
  MovedAway: 'demenagement',
  LostToFollowUp: 'perdu-de-vue',
  Declined: 'refus',
  Death: 'deces',
  Other: 'autre',
} as const;
