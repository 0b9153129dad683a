import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { CareTeamRoleCode, CodeSystemUrl, PsychotherapyReaderRoles } from '@parcours/profiles';
import { canEdit, canSee, EDIT_ACTIONS, ROLE_POLICIES, roleFromConcept, ROLES } from './roles.ts';

const psyNote = { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] } } as Resource;

describe('roles', () => {
  it('hides psychotherapy-labelled resources from social workers only among the clinical roles', () => {
    expect(canSee('social-worker', psyNote)).toBe(false);
    expect(canSee('gp', psyNote)).toBe(true);
    expect(canSee('psychologist', psyNote)).toBe(true);
    expect(canSee('social-worker', { ...psyNote, meta: {} } as Resource)).toBe(true);
  });

  it('hides psychotherapy notes from exactly the care-team roles outside PsychotherapyReaderRoles (the server refuses the same)', () => {
    for (const code of Object.values(CareTeamRoleCode)) {
      const role = roleFromConcept({ coding: [{ system: CodeSystemUrl.CareTeamRole, code }] }) ?? 'other';
      expect(canSee(role, psyNote), code).toBe(PsychotherapyReaderRoles.includes(code));
    }
  });

  it('follows the declarative table', () => {
    expect(canEdit('gp', 'stage')).toBe(true);
    expect(canEdit('social-worker', 'observation')).toBe(false);
    expect(canEdit('social-worker', 'activity')).toBe(true);
    expect(EDIT_ACTIONS.filter((a) => canEdit('other', a))).toEqual([]);
    for (const role of ROLES) for (const a of ROLE_POLICIES[role].edits) expect(EDIT_ACTIONS).toContain(a);
  });

  it('reads roles from Parcours, SNOMED codes and French words', () => {
    expect(roleFromConcept({ coding: [{ code: 'travailleur-social' }] })).toBe('social-worker');
    expect(roleFromConcept({ coding: [{ code: '62247001' }] })).toBe('gp');
    expect(roleFromConcept({ text: 'Référente parcours de santé' })).toBe('referent');
    expect(roleFromConcept({ text: 'Jardinier' })).toBeUndefined();
  });
});
