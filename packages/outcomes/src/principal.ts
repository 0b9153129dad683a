// Who a request acts for, as the authorization layer describes its token: the one shape the SMART guard builds, the
// FHIR server's care-team policy and audit trail read, and a refusal (OutcomeError) carries to that audit trail.
// Here, low in the tree, because both @parcours/smart and @parcours/fhir-server use it and neither imports the other.

/** Purpose of use « bris de glace » (HL7 v3-ActReason BTG): an emergency access outside the care team. */
export interface EmergencyPurpose {
  /** http://terminology.hl7.org/CodeSystem/v3-ActReason#BTG */
  code: 'BTG';
  /** Why the user broke the glass, as they typed it (mandatory; kept in the audit trail, never in logs). */
  reason: string;
}

export interface AccessPrincipal {
  /** patient: one person's records (the token's patient); user: the people of the user's care teams; system: backend. */
  level: 'patient' | 'user' | 'system';
  /** The user (`Practitioner/…` or `PractitionerRole/…`), absent for backend clients. */
  user?: string;
  /** The person in context (patient level). */
  patient?: string;
  /** The registered client the token was issued to (audit trail). */
  clientId?: string;
  /** Resource types the token may read; '*' for every type. */
  readTypes: '*' | readonly string[];
  /** Security labels the user may not see. */
  deniedLabels: readonly string[];
  /** Directory resources (outside any patient compartment) may be read. */
  shared: boolean;
  /** An emergency access (patient level only): the person is reached although the user is not in their team. */
  purposeOfUse?: EmergencyPurpose;
}
