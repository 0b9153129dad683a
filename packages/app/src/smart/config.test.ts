import { describe, expect, it } from 'vitest';
import { authorizeOptions, CLIENT_ID, DATA_SCOPES, EHR_SCOPES, isEhrOnly, planServerUrl, USER_SCOPES } from './config.ts';
import { classifyError } from './session.ts';

describe('SMART launch configuration', () => {
  it('EHR launch: iss and launch from the URL, launch scope, PKCE required, completes in the iframe', () => {
    const o = authorizeOptions(new URL('https://ehr.example.fr/app/launch.html?iss=https://ehr.example.fr/fhir&launch=abc'));
    expect(o.clientId).toBe(CLIENT_ID);
    expect(o.iss).toBe('https://ehr.example.fr/fhir');
    expect(o.pkceMode).toBe('required');
    expect(o.redirectUri).toBe('index.html');
    expect(o.completeInTarget).toBe(true);
    expect(o.scope?.split(' ')).toContain('launch');
    expect(o.scope?.split(' ')).not.toContain('launch/patient');
  });

  it('standalone: the same origin’s /fhir and launch/patient, patient scopes only', () => {
    const o = authorizeOptions(new URL('https://parcours.example.fr/app/launch.html'));
    expect(o.iss).toBe('https://parcours.example.fr/fhir');
    expect(o.scope?.split(' ')).toContain('launch/patient');
    expect(o.scope).not.toMatch(/user\//);
  });

  it('standalone caseload (?caseload=1): user scopes only and no launch/patient, so the server asks for no person', () => {
    const scope = (authorizeOptions(new URL('https://parcours.example.fr/app/launch.html?caseload=1')).scope ?? '').split(' ');
    expect(scope).not.toContain('launch/patient');
    expect(scope.filter((s) => s.startsWith('patient/'))).toEqual([]);
    expect(scope).toEqual(expect.arrayContaining(['user/Patient.rs', 'user/CareTeam.rus', 'user/Flag.rs']));
  });

  it('EHR launch: patient and user scopes (the launch context decides: a person, or the caseload)', () => {
    const scope = (authorizeOptions(new URL('https://ehr.fr/app/launch.html?iss=https://ehr.fr/fhir&launch=x')).scope ?? '').split(' ');
    expect(scope).toEqual(expect.arrayContaining([...DATA_SCOPES, ...USER_SCOPES]));
  });

  it('asks for least privilege: v2 scopes, no wildcard, no delete, no offline access, user scopes mirror patient ones', () => {
    for (const url of ['https://x.fr/app/launch.html', 'https://x.fr/app/launch.html?caseload=1', 'https://x.fr/app/launch.html?launch=l&iss=https://x.fr/fhir']) {
      expect(authorizeOptions(new URL(url)).scope ?? '').not.toMatch(/\*|offline_access|system\/|\.[crus]*d/);
    }
    for (const s of DATA_SCOPES) expect(s).toMatch(/^patient\/[A-Z][A-Za-z]+\.c?r?u?s?$/);
    for (const s of USER_SCOPES) expect(s).toMatch(/^user\/[A-Z][A-Za-z]+\.c?r?u?s?$/);
    expect(USER_SCOPES.filter((s) => s !== 'user/Measure.r' && s !== 'user/OrganizationAffiliation.rs')).toEqual(DATA_SCOPES.map((s) => s.replace('patient/', 'user/')));
    expect(DATA_SCOPES).toContain('patient/Flag.rs');
  });

  it('classifies an expired session so the page can say so and offer a relaunch', () => {
    expect(classifyError(Object.assign(new Error('401 Unauthorized\nURL: x'), { status: 401 })).kind).toBe('expired');
    expect(classifyError(new Error('No state found! Please (re)launch the app.')).kind).toBe('expired');
    expect(classifyError(new Error("No 'state' parameter found. Please (re)launch the app.")).kind).toBe('expired');
    expect(classifyError(new Error('500 Internal Server Error')).kind).toBe('failed');
  });

  it('from the GP’s own EHR (iss is not the plan server): asks the EHR for read scopes only, the plan server stays /fhir', () => {
    const url = new URL('https://parcours.example.fr/app/launch.html?iss=https://dpi.cabinet.fr/fhir&launch=abc');
    expect(planServerUrl(url)).toBe('https://parcours.example.fr/fhir');
    expect(isEhrOnly('https://dpi.cabinet.fr/fhir', planServerUrl(url))).toBe(true);
    const scope = authorizeOptions(url).scope?.split(' ') ?? [];
    expect(scope).toEqual(['openid', 'fhirUser', 'launch', 'online_access', ...EHR_SCOPES]);
    expect(scope.some((s) => /\.c|\.u|CarePlan|Task/.test(s))).toBe(false);
  });

  it('the plan server from the launch URL’s plan parameter; the same server is a one-server launch', () => {
    const url = new URL('https://app.example.fr/app/launch.html?iss=https://dpi.cabinet.fr/fhir&launch=abc&plan=https://plan.region.fr/fhir/');
    expect(planServerUrl(url)).toBe('https://plan.region.fr/fhir');
    expect(isEhrOnly('https://plan.region.fr/fhir/', planServerUrl(url))).toBe(false);
    const same = authorizeOptions(new URL('https://plan.region.fr/app/launch.html?iss=https://plan.region.fr/fhir&launch=abc'));
    expect(same.scope?.split(' ')).toContain('patient/CarePlan.rus');
  });
});
