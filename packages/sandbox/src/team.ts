// The synthetic users of the EHR simulator: practitioners from the Parcours examples, each with the
// PractitionerRole the app reads to decide what the user sees and may change.
import type { Organization, OrganizationAffiliation, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl, PsychotherapyReaderRoles, SecurityLabel } from '@parcours/profiles';
import type { SyntheticUser } from '@parcours/smart';

const FUNDER_ORGANIZATION = 'sandbox-org-ars-paca';
const FUNDER_PRACTITIONER = 'sandbox-practitioner-ars-paca';
/** The structures the ARS funds in the sandbox: the two Marseille microstructures (seed: « ARS : 85 000 € »). */
export const FUNDED_STRUCTURES = ['OrganizationMicrostructureOfficeExample', 'cohort-org-cabinet-joliette'];

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
  // The funding body's officer (issue 16): the aggregate figures of the structures the ARS funds, never a record.
  { id: 'funder', fhirUser: `Practitioner/${FUNDER_PRACTITIONER}`, name: 'Chargée de mission, ARS Provence-Alpes-Côte d’Azur', role: 'Financeur / Funder', roleCode: 'financeur', organization: `Organization/${FUNDER_ORGANIZATION}` },
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

/**
 * The funding body and its officer (synthetic): an Organization, the Practitioner, and one OrganizationAffiliation
 * per funded structure (`organization` the ARS, `participatingOrganization` the structure, role `payer`), which
 * is what $evaluate-measure reads to let a funder see a structure's figures (@parcours/indicators access.ts).
 */
export function sandboxFunding(): Resource[] {
  const ars: Organization = {
    resourceType: 'Organization', id: FUNDER_ORGANIZATION, active: true, name: 'Agence régionale de santé Provence-Alpes-Côte d’Azur',
    alias: ['ARS PACA'], type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'govt', display: 'Government' }] }],
    address: [{ city: 'Marseille', postalCode: '13003', country: 'FR' }],
  };
  const officer: Practitioner = { resourceType: 'Practitioner', id: FUNDER_PRACTITIONER, active: true, name: [{ family: 'Roux', given: ['Camille'], text: 'Camille Roux' }] };
  const funding = FUNDED_STRUCTURES.map((structure): OrganizationAffiliation => ({
    resourceType: 'OrganizationAffiliation', id: `sandbox-funding-${structure}`.slice(0, 64), active: true,
    organization: { reference: `Organization/${FUNDER_ORGANIZATION}`, display: 'ARS PACA' },
    participatingOrganization: { reference: `Organization/${structure}` },
    code: [{ coding: [{ system: 'http://hl7.org/fhir/organization-role', code: 'payer', display: 'Payer' }], text: 'Financeur / Funder' }],
  }));
  return [ars, officer, ...funding];
}
