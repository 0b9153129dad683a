// The professionals and organisations around the cohort: the profiles' examples (the sandbox users are among
// them, so a sandbox GP is in the team of many cohort people) plus synthetic ones, one site per field programme.
import type { Organization, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl, IdentifierSystem, ProfileUrl } from '@parcours/profiles';
import { finess, rpps } from './identity.ts';
import { HOMES } from './names.ts';
import type { Place } from './names.ts';

export type ProgrammeId = 'microstructure' | 'rdr-alcool' | 'residence-sociale' | 'referent';

export interface Programme {
  id: ProgrammeId;
  label: string;
}

/** The field programmes (DOMAIN.md), in the order the EHR simulator lists them. */
export const PROGRAMMES: readonly Programme[] = [
  { id: 'microstructure', label: 'Microstructure (médecin, psychologue, travailleur social) / Microstructure' },
  { id: 'rdr-alcool', label: 'Réduction des risques alcool / Alcohol harm reduction' },
  { id: 'residence-sociale', label: 'Psychologue en résidence sociale / Psychologist in social housing' },
  { id: 'referent', label: 'Référent parcours de santé / Health-pathway referent' },
];

/** A professional as a care-team member: `ref` is what teams and encounters reference. */
export interface Pro {
  ref: string;
  /** The Practitioner behind `ref` (same as ref when ref is a Practitioner). */
  practitioner: string;
  role: string;
}

export interface Site {
  key: string;
  programme: ProgrammeId;
  organization: string;
  organizationName: string;
  homes: readonly Place[];
  gps: readonly Pro[];
  psychologists: readonly Pro[];
  socialWorkers: readonly Pro[];
  pharmacists: readonly Pro[];
  nurses: readonly Pro[];
  workers: readonly Pro[];
  referents: readonly Pro[];
  hospital: { organization: string; physician: Pro; system: string };
  csapa?: string;
  caarud?: string;
  cmp?: string;
}

const pro = (ref: string, role: string, practitioner = ref): Pro => ({ ref, practitioner, role });

interface NewPro {
  id: string;
  given: string;
  family: string;
  /** RPPS serial for professions that have one (physicians, pharmacists, nurses, psychologists). */
  rpps?: number;
  doctor?: boolean;
  phone?: string;
}

function practitioner(p: NewPro): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: p.id,
    meta: { profile: [ProfileUrl.Practitioner] },
    ...(p.rpps ? { identifier: [{ system: IdentifierSystem.RPPS, value: rpps(p.rpps) }] } : {}),
    name: [{ family: p.family, given: [p.given], ...(p.doctor ? { prefix: ['Dr'] } : {}) }],
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone }] } : {}),
  };
}

function organization(id: string, name: string, place: Place, options: { finess?: string; type?: string } = {}): Organization {
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: [ProfileUrl.Organization] },
    ...(options.finess ? { identifier: [{ system: IdentifierSystem.FINESS, value: options.finess }] } : {}),
    name,
    ...(options.type ? { type: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: options.type }] }] } : {}),
    address: [{ city: place.city, postalCode: place.postalCode }],
  };
}

function role(id: string, practitionerId: string, organizationId: string, code: string): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id,
    meta: { profile: [ProfileUrl.PractitionerRole] },
    active: true,
    practitioner: { reference: `Practitioner/${practitionerId}` },
    organization: { reference: `Organization/${organizationId}` },
    code: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code }] }],
  };
}

const P = (id: string): string => `Practitioner/${id}`;
const O = (id: string): string => `Organization/${id}`;
const place = (city: string, postalCode: string): Place => ({ city, postalCode, insee: '' });

export interface Network {
  resources: Resource[];
  sites: Record<string, Site>;
}

/** The synthetic organisations and professionals, and the sites that combine them with the examples' ones. */
export function buildNetwork(): Network {
  const pros: NewPro[] = [
    { id: 'cohort-pract-gp-joliette', given: 'Mathieu', family: 'Ferrand', rpps: 101_220_331, doctor: true },
    { id: 'cohort-pract-psy-joliette', given: 'Anaïs', family: 'Teboul', rpps: 101_220_417 },
    { id: 'cohort-pract-sw-joliette', given: 'Rachida', family: 'Meziane' },
    { id: 'cohort-pract-pharma-joliette', given: 'Vincent', family: 'Orsini', rpps: 101_220_529 },
    { id: 'cohort-pract-nurse-joliette', given: 'Lucie', family: 'Arnaud', rpps: 101_220_603 },
    { id: 'cohort-pract-gp-roubaix', given: 'Hélène', family: 'Vandamme', rpps: 101_330_118, doctor: true },
    { id: 'cohort-pract-rdr-roubaix', given: 'Kévin', family: 'Delcroix', phone: '03 20 00 00 02' },
    { id: 'cohort-pract-gp-forbach', given: 'Bernard', family: 'Schneider', rpps: 101_440_227, doctor: true },
    { id: 'cohort-pract-hosp-forbach', given: 'Agnès', family: 'Kieffer', rpps: 101_440_391, doctor: true },
    { id: 'cohort-pract-hosp-marseille', given: 'Olivier', family: 'Santoni', rpps: 101_550_104, doctor: true },
    { id: 'cohort-pract-referent-marseille', given: 'Sarah', family: 'Ouali', phone: '04 91 00 00 11' },
  ];
  const orgs: Organization[] = [
    organization('cohort-org-cabinet-joliette', 'Cabinet médical de la Joliette', place('Marseille', '13002')),
    organization('cohort-org-hopital-marseille', 'Hôpital de la Conception – service d\'addictologie', place('Marseille', '13005'), { finess: finess('13', 78_310), type: 'equipe-hospitaliere' }),
    organization('cohort-org-rdr-roubaix', 'Équipe de réduction des risques alcool de la métropole lilloise', place('Roubaix', '59100'), { finess: finess('59', 41_207) }),
    organization('cohort-org-csapa-roubaix', 'CSAPA de Roubaix', place('Roubaix', '59100'), { finess: finess('59', 41_388), type: 'csapa' }),
    organization('cohort-org-cabinet-forbach', 'Cabinet médical du Wiesberg', place('Forbach', '57600')),
    organization('cohort-org-hopital-forbach', 'Hôpital Marie-Madeleine – addictologie', place('Forbach', '57600'), { finess: finess('57', 22_704), type: 'equipe-hospitaliere' }),
    organization('cohort-org-csapa-forbach', 'CSAPA de Forbach', place('Forbach', '57600'), { finess: finess('57', 22_815), type: 'csapa' }),
    organization('cohort-org-caarud-marseille', 'CAARUD du Panier', place('Marseille', '13002'), { finess: finess('13', 78_422), type: 'caarud' }),
    organization('cohort-org-cmp-marseille', 'CMP Belle de Mai', place('Marseille', '13003'), { finess: finess('13', 78_537), type: 'cmp' }),
    organization('cohort-org-caarud-roubaix', 'CAARUD de Roubaix', place('Roubaix', '59100'), { finess: finess('59', 41_459), type: 'caarud' }),
    organization('cohort-org-cmp-forbach', 'CMP de Forbach', place('Forbach', '57600'), { finess: finess('57', 22_926), type: 'cmp' }),
  ];
  const roles: PractitionerRole[] = [
    role('cohort-role-gp-joliette', 'cohort-pract-gp-joliette', 'cohort-org-cabinet-joliette', 'medecin-traitant'),
    role('cohort-role-gp-roubaix', 'cohort-pract-gp-roubaix', 'cohort-org-rdr-roubaix', 'medecin-traitant'),
    role('cohort-role-gp-forbach', 'cohort-pract-gp-forbach', 'cohort-org-cabinet-forbach', 'medecin-traitant'),
    role('cohort-role-referent-marseille', 'cohort-pract-referent-marseille', 'OrganizationMicrostructureCsapaExample', 'referent-parcours-sante'),
  ];
  const marseilleHospital = { organization: O('cohort-org-hopital-marseille'), physician: pro(P('cohort-pract-hosp-marseille'), 'equipe-hospitaliere'), system: 'https://ap-hm.exemple.fr/fhir/identifiers/sejour' };
  const rossi = pro('PractitionerRole/PractitionerRoleMicrostructureGpExample', 'medecin-traitant', P('PractitionerMicrostructureGpExample'));
  const ferrand = pro('PractitionerRole/cohort-role-gp-joliette', 'medecin-traitant', P('cohort-pract-gp-joliette'));
  const none: Pro[] = [];
  const sites: Record<string, Site> = {
    belleDeMai: {
      key: 'belle-de-mai', programme: 'microstructure', organization: O('OrganizationMicrostructureOfficeExample'), organizationName: 'Cabinet médical de la Belle de Mai',
      homes: HOMES.marseille, gps: [rossi],
      psychologists: [pro(P('PractitionerMicrostructurePsychologistExample'), 'psychologue')],
      socialWorkers: [pro(P('PractitionerMicrostructureSocialWorkerExample'), 'travailleur-social')],
      pharmacists: [pro(P('PractitionerMicrostructurePharmacistExample'), 'pharmacien')],
      nurses: none, workers: none, referents: [pro(P('PractitionerReferentExample'), 'referent-parcours-sante')],
      hospital: marseilleHospital, csapa: O('OrganizationMicrostructureCsapaExample'), caarud: O('cohort-org-caarud-marseille'), cmp: O('cohort-org-cmp-marseille'),
    },
    joliette: {
      key: 'joliette', programme: 'microstructure', organization: O('cohort-org-cabinet-joliette'), organizationName: 'Cabinet médical de la Joliette',
      homes: HOMES.marseille, gps: [ferrand],
      psychologists: [pro(P('cohort-pract-psy-joliette'), 'psychologue')],
      socialWorkers: [pro(P('cohort-pract-sw-joliette'), 'travailleur-social')],
      pharmacists: [pro(P('cohort-pract-pharma-joliette'), 'pharmacien')],
      nurses: [pro(P('cohort-pract-nurse-joliette'), 'infirmier')], workers: none, referents: none,
      hospital: marseilleHospital, csapa: O('OrganizationMicrostructureCsapaExample'), caarud: O('cohort-org-caarud-marseille'), cmp: O('cohort-org-cmp-marseille'),
    },
    roubaix: {
      key: 'roubaix', programme: 'rdr-alcool', organization: O('cohort-org-rdr-roubaix'), organizationName: 'Équipe RdR alcool',
      homes: HOMES.roubaix,
      gps: [pro(P('PractitionerRdrAlcoolGpExample'), 'medecin-traitant'), pro('PractitionerRole/cohort-role-gp-roubaix', 'medecin-traitant', P('cohort-pract-gp-roubaix')), pro(P('PractitionerSortieGpExample'), 'medecin-traitant')],
      psychologists: none, socialWorkers: none, pharmacists: none, nurses: none,
      workers: [pro(P('PractitionerRdrAlcoolWorkerExample'), 'intervenant-rdr-alcool'), pro(P('cohort-pract-rdr-roubaix'), 'intervenant-rdr-alcool')],
      referents: none,
      hospital: { organization: O('OrganizationSortieHospitalExample'), physician: pro(P('PractitionerSortieHospitalistExample'), 'equipe-hospitaliere'), system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sejour' },
      csapa: O('cohort-org-csapa-roubaix'), caarud: O('cohort-org-caarud-roubaix'),
    },
    forbach: {
      key: 'forbach', programme: 'residence-sociale', organization: O('OrganizationResidenceSocialeExample'), organizationName: 'Résidence sociale Les Tilleuls',
      homes: HOMES.forbach, gps: [pro('PractitionerRole/cohort-role-gp-forbach', 'medecin-traitant', P('cohort-pract-gp-forbach'))],
      psychologists: [pro(P('PractitionerResidenceSocialePsychologistExample'), 'psychologue')],
      socialWorkers: [pro(P('PractitionerResidenceSocialeSocialWorkerExample'), 'travailleur-social')],
      pharmacists: none, nurses: none, workers: none, referents: none,
      hospital: { organization: O('cohort-org-hopital-forbach'), physician: pro(P('cohort-pract-hosp-forbach'), 'equipe-hospitaliere'), system: 'https://hopital-forbach.exemple.fr/fhir/identifiers/sejour' },
      csapa: O('cohort-org-csapa-forbach'), cmp: O('cohort-org-cmp-forbach'),
    },
    referent: {
      key: 'referent', programme: 'referent', organization: O('OrganizationMicrostructureCsapaExample'), organizationName: 'CSAPA du Vieux-Port',
      homes: HOMES.marseille, gps: [rossi, ferrand],
      psychologists: none, socialWorkers: none, pharmacists: none, nurses: none, workers: none,
      referents: [pro(P('PractitionerReferentExample'), 'referent-parcours-sante'), pro('PractitionerRole/cohort-role-referent-marseille', 'referent-parcours-sante', P('cohort-pract-referent-marseille'))],
      hospital: marseilleHospital, csapa: O('OrganizationMicrostructureCsapaExample'), caarud: O('cohort-org-caarud-marseille'), cmp: O('cohort-org-cmp-marseille'),
    },
  };
  return { resources: [...orgs, ...pros.map(practitioner), ...roles], sites };
}
