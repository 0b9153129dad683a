// Who sees and edits what. A small declarative table (tested in roles.test.ts), applied by the data layer (what is
// shown) and by the UI (which edit actions are offered). The FHIR server enforces the token's scopes on top.
import type { CodeableConcept, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { CareTeamRoleCode, PSY_LABEL, SECURITY_SYSTEM } from './fhir/codes.ts';

export const ROLES = ['gp', 'psychologist', 'social-worker', 'harm-reduction-worker', 'referent', 'nurse', 'pharmacist', 'hospital', 'other'] as const;
export type Role = (typeof ROLES)[number];

// contact: appointments and held contacts; workshop, orientation, intensity: issue 15 (each role records its own work).
export const EDIT_ACTIONS = ['observation', 'auditc', 'activity', 'meeting', 'goal', 'team', 'stage', 'contact', 'workshop', 'orientation', 'intensity'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

export interface RolePolicy {
  /** Sensitivity labels (meta.security, v3-ActCode) whose resources this role never sees. */
  hiddenLabels: readonly string[];
  edits: readonly EditAction[];
}

export const ROLE_POLICIES: Readonly<Record<Role, RolePolicy>> = {
  gp: { hiddenLabels: [], edits: ['observation', 'auditc', 'activity', 'meeting', 'goal', 'team', 'stage', 'contact', 'orientation', 'intensity'] },
  psychologist: { hiddenLabels: [], edits: ['observation', 'auditc', 'activity', 'meeting', 'goal', 'contact', 'workshop', 'orientation'] },
  'social-worker': { hiddenLabels: [PSY_LABEL], edits: ['activity', 'meeting', 'goal', 'team', 'contact', 'workshop', 'orientation'] },
  'harm-reduction-worker': { hiddenLabels: [PSY_LABEL], edits: ['observation', 'auditc', 'activity', 'meeting', 'goal', 'stage', 'contact', 'orientation', 'intensity'] },
  referent: { hiddenLabels: [PSY_LABEL], edits: ['activity', 'meeting', 'team', 'stage', 'contact', 'orientation', 'intensity'] },
  nurse: { hiddenLabels: [PSY_LABEL], edits: ['observation', 'auditc', 'activity', 'contact'] },
  pharmacist: { hiddenLabels: [PSY_LABEL], edits: ['observation', 'contact'] },
  hospital: { hiddenLabels: [PSY_LABEL], edits: ['observation', 'auditc', 'activity', 'orientation'] },
  other: { hiddenLabels: [PSY_LABEL], edits: [] },
};

export function canEdit(role: Role, action: EditAction): boolean {
  return ROLE_POLICIES[role].edits.includes(action);
}

/** False when the resource carries a sensitivity label hidden from this role. */
export function canSee(role: Role, resource: Resource): boolean {
  const hidden = ROLE_POLICIES[role].hiddenLabels;
  if (hidden.length === 0) return true;
  return !(resource.meta?.security ?? []).some((label) => label.system === SECURITY_SYSTEM && hidden.includes(label.code ?? ''));
}

// Role codes: SNOMED CT occupations and the Parcours care-team role codes, then words in the display as a fallback.
const CODE_ROLES: Record<string, Role> = {
  [CareTeamRoleCode.GeneralPractitioner]: 'gp',
  [CareTeamRoleCode.Psychologist]: 'psychologist',
  [CareTeamRoleCode.SocialWorker]: 'social-worker',
  [CareTeamRoleCode.AlcoholHarmReductionWorker]: 'harm-reduction-worker',
  [CareTeamRoleCode.HealthPathwayReferent]: 'referent',
  [CareTeamRoleCode.Pharmacist]: 'pharmacist',
  [CareTeamRoleCode.Nurse]: 'nurse',
  [CareTeamRoleCode.HospitalTeam]: 'hospital',
  [CareTeamRoleCode.AddictionSpecialist]: 'gp',
  '62247001': 'gp',
  '446050000': 'gp',
  '59944000': 'psychologist',
  '106328005': 'social-worker',
  '224535009': 'nurse',
  '46255001': 'pharmacist',
  '309343006': 'hospital',
  gp: 'gp',
  'general-practitioner': 'gp',
  psychologist: 'psychologist',
  'social-worker': 'social-worker',
  'harm-reduction-worker': 'harm-reduction-worker',
  'alcohol-harm-reduction-worker': 'harm-reduction-worker',
  'health-pathway-referent': 'referent',
  'hospital-physician': 'hospital',
  'hospital-team': 'hospital',
};

const WORD_ROLES: [RegExp, Role][] = [
  [/g[ée]n[ée]raliste|general practitioner|m[ée]decin traitant|\bGP\b/i, 'gp'],
  [/psycholog/i, 'psychologist'],
  [/social/i, 'social-worker'],
  [/r[ée]duction des risques|harm.reduction/i, 'harm-reduction-worker'],
  [/r[ée]f[ée]rent/i, 'referent'],
  [/infirmi|nurse/i, 'nurse'],
  [/pharmac/i, 'pharmacist'],
  [/hospital|hospitali|h[ôo]pital/i, 'hospital'],
];

/** The role a coded concept names, or undefined. */
export function roleFromConcept(concept: CodeableConcept | undefined): Role | undefined {
  for (const coding of concept?.coding ?? []) {
    const role = coding.code ? CODE_ROLES[coding.code] : undefined;
    if (role) return role;
  }
  const words = [concept?.text, ...(concept?.coding ?? []).map((c) => c.display)].filter(Boolean).join(' ');
  for (const [pattern, role] of WORD_ROLES) if (pattern.test(words)) return role;
  return undefined;
}

/** The user's role from their PractitionerRole(s); `other` (least privilege) when nothing matches. */
export function roleFromPractitionerRoles(roles: readonly PractitionerRole[]): Role {
  for (const pr of roles) {
    for (const code of [...(pr.code ?? []), ...(pr.specialty ?? [])]) {
      const role = roleFromConcept(code);
      if (role) return role;
    }
  }
  return 'other';
}
