// The synthetic users of the EHR simulator: practitioners from the Parcours examples, each with the
// PractitionerRole the app reads to decide what the user sees and may change.
import type { PractitionerRole } from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl, PsychotherapyReaderRoles, SecurityLabel } from '@parcours/profiles';
import type { SyntheticUser } from '@parcours/smart';

interface SandboxUser extends SyntheticUser {
  roleCode: string;
  organization: string;
}

/**
 * Security labels a sandbox user may neither read nor write, from the token's fhirUser: psychotherapy notes for every
 * role outside PsychotherapyReaderRoles (the policy the app applies too). Backend clients have no fhirUser.
 */
export function deniedLabels(user: { fhirUser?: string }): string[] {
  const sandboxUser = SANDBOX_USERS.find((u) => u.fhirUser === user.fhirUser);
  return sandboxUser && !PsychotherapyReaderRoles.includes(sandboxUser.roleCode) ? [SecurityLabel.Psychotherapy] : [];
}

export const SANDBOX_USERS: readonly SandboxUser[] = [
  { id: 'gp', fhirUser: 'Practitioner/PractitionerMicrostructureGpExample', name: 'Médecin généraliste (microstructure)', role: 'Médecin généraliste / GP', roleCode: 'medecin-traitant', organization: 'Organization/OrganizationMicrostructureOfficeExample' },
  { id: 'gp-rdr', fhirUser: 'Practitioner/PractitionerRdrAlcoolGpExample', name: 'Médecin généraliste (réduction des risques alcool, Roubaix)', role: 'Médecin généraliste / GP', roleCode: 'medecin-traitant', organization: 'Organization/cohort-org-rdr-roubaix' },
  { id: 'psychologist', fhirUser: 'Practitioner/PractitionerMicrostructurePsychologistExample', name: 'Psychologue (microstructure)', role: 'Psychologue / Psychologist', roleCode: 'psychologue', organization: 'Organization/OrganizationMicrostructureOfficeExample' },
  { id: 'social-worker', fhirUser: 'Practitioner/PractitionerMicrostructureSocialWorkerExample', name: 'Assistant·e social·e (microstructure)', role: 'Travailleur social / Social worker', roleCode: 'travailleur-social', organization: 'Organization/OrganizationMicrostructureOfficeExample' },
  { id: 'hospital', fhirUser: 'Practitioner/PractitionerSortieHospitalistExample', name: 'Médecin hospitalier', role: 'Équipe hospitalière / Hospital physician', roleCode: 'equipe-hospitaliere', organization: 'Organization/OrganizationSortieHospitalExample' },
  { id: 'psychologist-housing', fhirUser: 'Practitioner/PractitionerResidenceSocialePsychologistExample', name: 'Psychologue (résidence sociale, Forbach)', role: 'Psychologue / Psychologist', roleCode: 'psychologue', organization: 'Organization/OrganizationResidenceSocialeExample' },
  { id: 'rdr-worker', fhirUser: 'Practitioner/PractitionerRdrAlcoolWorkerExample', name: 'Intervenant·e en réduction des risques alcool (Roubaix)', role: 'Intervenant RdR alcool / Harm-reduction worker', roleCode: 'intervenant-rdr-alcool', organization: 'Organization/cohort-org-rdr-roubaix' },
  { id: 'referent', fhirUser: 'Practitioner/PractitionerReferentExample', name: 'Référent parcours de santé', role: 'Référent parcours / Health-pathway referent', roleCode: 'referent-parcours-sante', organization: 'Organization/OrganizationMicrostructureCsapaExample' },
];

/** One PractitionerRole per user (the GP's already exists among the examples). */
export function sandboxPractitionerRoles(): PractitionerRole[] {
  return SANDBOX_USERS.filter((user) => user.id !== 'gp').map((user) => ({
    resourceType: 'PractitionerRole',
    id: `sandbox-role-${user.id}`,
    meta: { profile: [ProfileUrl.PractitionerRole] },
    active: true,
    practitioner: { reference: user.fhirUser },
    organization: { reference: user.organization },
    code: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: user.roleCode }] }],
  }));
}
