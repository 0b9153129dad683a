import { describe, expect, it } from 'vitest';
import { grantScopes, hasPermission, interactionPermission, parseResourceScope, parseScopes, scopeCovers } from './scopes.ts';

describe('parseResourceScope', () => {
  it('parses v2 scopes', () => {
    const s = parseResourceScope('patient/Observation.rs');
    expect(s?.context).toBe('patient');
    expect(s?.resourceType).toBe('Observation');
    expect([...(s?.permissions ?? [])].sort()).toEqual(['r', 's']);
    expect(s?.version).toBe(2);
    expect([...(parseResourceScope('user/*.cruds')?.permissions ?? [])]).toEqual(['c', 'r', 'u', 'd', 's']);
    expect([...(parseResourceScope('system/Task.cu')?.permissions ?? [])]).toEqual(['c', 'u']);
  });

  it('maps v1 scopes onto v2 permissions', () => {
    expect([...(parseResourceScope('patient/Observation.read')?.permissions ?? [])]).toEqual(['r', 's']);
    expect([...(parseResourceScope('patient/*.write')?.permissions ?? [])]).toEqual(['c', 'u', 'd']);
    expect([...(parseResourceScope('user/*.*')?.permissions ?? [])]).toEqual(['c', 'r', 'u', 'd', 's']);
    expect(parseResourceScope('user/*.*')?.version).toBe(1);
  });

  it('rejects malformed scopes', () => {
    for (const bad of ['patient/Observation.sr', 'patient/Observation.', 'doctor/Observation.r', 'patient/observation.r', 'openid', 'patient/Observation.rx']) {
      expect(parseResourceScope(bad), bad).toBeUndefined();
    }
  });

  it('keeps the query of granular scopes', () => {
    expect(parseResourceScope('patient/Observation.rs?category=laboratory')?.query).toBe('category=laboratory');
  });
});

describe('grantScopes', () => {
  const allowed = ['launch', 'openid', 'fhirUser', 'offline_access', 'patient/*.cruds', 'user/Practitioner.rs'];

  it('grants requested scopes covered by allowed ones, in request order', () => {
    expect(grantScopes('openid fhirUser patient/Observation.rs patient/*.read user/Practitioner.r', allowed)).toEqual([
      'openid',
      'fhirUser',
      'patient/Observation.rs',
      'patient/*.read',
      'user/Practitioner.r',
    ]);
  });

  it('drops what is not allowed, unknown scopes and granular scopes', () => {
    expect(grantScopes('user/*.rs system/*.rs profile made-up patient/Observation.rs?category=vital-signs', allowed)).toEqual([]);
    expect(grantScopes('user/Practitioner.cruds', allowed)).toEqual([]);
  });

  it('compares contexts and permissions', () => {
    expect(scopeCovers('patient/*.rs', 'patient/Observation.r')).toBe(true);
    expect(scopeCovers('patient/*.rs', 'patient/Observation.rs')).toBe(true);
    expect(scopeCovers('patient/*.rs', 'patient/Observation.c')).toBe(false);
    expect(scopeCovers('patient/*.rs', 'user/Observation.r')).toBe(false);
    expect(scopeCovers('patient/Observation.read', 'patient/Observation.rs')).toBe(true);
  });
});

describe('permissions', () => {
  it('maps interactions to permissions', () => {
    expect(interactionPermission('read')).toBe('r');
    expect(interactionPermission('vread')).toBe('r');
    expect(interactionPermission('search-type')).toBe('s');
    expect(interactionPermission('history-instance')).toBe('s');
    expect(interactionPermission('create')).toBe('c');
    expect(interactionPermission('patch')).toBe('u');
    expect(interactionPermission('delete')).toBe('d');
    expect(interactionPermission('transaction')).toBeUndefined();
    expect(interactionPermission('operation', true)).toBe('r');
  });

  it('checks scopes against resource types', () => {
    const scopes = parseScopes('patient/Observation.rs system/Task.cu');
    expect(hasPermission(scopes, 'Observation', 'r')).toBe(true);
    expect(hasPermission(scopes, 'Observation', 'c')).toBe(false);
    expect(hasPermission(scopes, 'Task', 'u')).toBe(true);
    expect(hasPermission(scopes, 'Task', 'u', ['patient', 'user'])).toBe(false);
    expect(hasPermission(scopes, 'Condition', 'r')).toBe(false);
  });
});
