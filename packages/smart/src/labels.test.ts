// Sensitivity labels enforced by the FHIR API itself: a user whose role may not see psychotherapy notes (PSY) can
// neither read nor write a resource carrying that label, whatever the scopes; other users are unaffected.
import type { Encounter } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { accessGrant } from './guard.ts';
import type { AccessTokenClaims } from './tokens.ts';

const PSY = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' };
const note: Encounter = { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, meta: { security: [PSY] }, subject: { reference: 'Patient/p1' } };
const plain: Encounter = { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p1' } };

function claims(sub: string, fhirUser: string): AccessTokenClaims {
  return { iss: 'x', aud: 'x', sub, client_id: 'app', scope: 'user/*.cruds', fhirUser, gid: 'g', jti: 'j', iat: 0, exp: 1 } as AccessTokenClaims;
}

const options = {
  fhirBaseUrl: 'http://localhost/fhir',
  patientScopesReadShared: true,
  deniedLabels: (user: { sub: string; fhirUser?: string }): string[] => (user.fhirUser === 'Practitioner/social-worker' ? ['PSY'] : []),
};

describe('security labels', () => {
  it('hides and protects PSY-labelled resources from a user whose role is denied them', () => {
    const grant = accessGrant(claims('sw', 'Practitioner/social-worker'), { method: 'GET', resourceType: 'Encounter', interaction: 'search' }, options);
    expect(grant.canRead(note)).toBe(false);
    expect(grant.canWrite(note)).toBe(false);
    expect(grant.canRead(plain)).toBe(true);
  });

  it('leaves other users alone', () => {
    const grant = accessGrant(claims('psy', 'Practitioner/psychologist'), { method: 'GET', resourceType: 'Encounter', interaction: 'search' }, options);
    expect(grant.canRead(note)).toBe(true);
    expect(grant.canWrite(note)).toBe(true);
  });
});
