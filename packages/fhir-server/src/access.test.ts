// The care-team policy at user and patient level, through HTTP, with a guard describing its tokens as principals
// (the shape the SMART layer gives). User level is what a client registered with user/*.rs scopes would get.
import { OperationOutcomeError, unauthorized } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGrant, AccessPrincipal, FhirGuard } from './guard.ts';
import { start } from './server.ts';

const principals: Record<string, AccessPrincipal> = {
  user: { level: 'user', user: 'Practitioner/u1', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
  newcomer: { level: 'patient', user: 'Practitioner/u1', patient: 'p3', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
};
const guard: FhirGuard = {
  async authorize(req): Promise<AccessGrant> {
    const principal = principals[String(req.headers.authorization).replace('Bearer ', '')];
    if (!principal) throw new OperationOutcomeError(unauthorized);
    return { canRead: () => true, canWrite: () => true, principal };
  },
};

const team = (id: string, patient: string, member: string, end?: string): Resource => ({
  resourceType: 'CareTeam', id, status: 'active', subject: { reference: `Patient/${patient}` },
  participant: [{ member: { reference: member }, period: { start: '2020-01-01', ...(end ? { end } : {}) } }],
});
const observation = (id: string, patient: string): Resource => ({ resourceType: 'Observation', id, status: 'final', code: { text: 'verres' }, subject: { reference: `Patient/${patient}` } });

let base: string;
let close: () => Promise<void>;
let started: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  started = await start({ dataDir: ':memory:', guard });
  base = started.url;
  close = started.close;
  const seed: Resource[] = [
    ...['p1', 'p2', 'p3', 'p4'].map((id): Resource => ({ resourceType: 'Patient', id })),
    { resourceType: 'Practitioner', id: 'u1' },
    { resourceType: 'PractitionerRole', id: 'r1', practitioner: { reference: 'Practitioner/u1' }, organization: { reference: 'Organization/o1' } },
    team('t1', 'p1', 'PractitionerRole/r1'),
    team('t2', 'p2', 'Practitioner/u1', '2021-01-01'), // left the team
    team('t4', 'p4', 'Organization/o1'), // through the user's organisation
    observation('o1', 'p1'), observation('o2', 'p2'), observation('o4', 'p4'),
  ];
  for (const r of seed) await started.server.repository.updateResource(r as Resource & { id: string });
}, 30_000);
afterAll(async () => {
  await close();
});

async function call(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Bundle & { issue?: unknown[] } }> {
  const res = await fetch(`${base}/${path}`, { method, headers: { Authorization: `Bearer ${who}`, 'Content-Type': 'application/fhir+json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Bundle & { issue?: unknown[] } };
}

describe('care-team policy', () => {
  it('a user reaches the people of the teams they are an active member of (by role, practitioner or organisation)', async () => {
    const patients = await call('user', 'GET', 'Patient');
    expect(patients.body.total).toBe(2);
    expect(patients.body.entry?.map((e) => e.resource?.id).sort()).toEqual(['p1', 'p4']);
    const observations = await call('user', 'GET', 'Observation?_summary=count');
    expect(observations.body.total).toBe(2);
    expect((await call('user', 'GET', 'Observation/o2')).status).toBe(404);
    expect((await call('user', 'GET', 'Observation/o1')).status).toBe(200);
    expect((await call('user', 'GET', 'Practitioner/u1')).status).toBe(200); // directory
    const included = await call('user', 'GET', 'Observation?_include=Observation:subject');
    expect(included.body.entry?.map((e) => e.resource?.id).sort()).toEqual(['o1', 'o4', 'p1', 'p4']);
  });

  it('a user writes only into the records of the people they reach', async () => {
    expect((await call('user', 'POST', 'Observation', observation('x', 'p2'))).status).toBe(403);
    expect((await call('user', 'POST', 'Observation', observation('x', 'p1'))).status).toBe(201);
  });

  it('a group session (no subject): written by those who ran it, read through a participation the user reaches', async () => {
    const session = (id: string, facilitator: string): Resource => ({ resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' }, participant: [{ individual: { reference: facilitator } }] });
    expect((await call('user', 'PUT', 'Encounter/s-other', session('s-other', 'Practitioner/someone-else'))).status).toBe(403);
    expect((await call('user', 'PUT', 'Encounter/s1', session('s1', 'PractitionerRole/r1'))).status).toBe(200);
    // Readable by the one who ran it (to add people to it from their plans), not by others.
    expect((await call('user', 'GET', 'Encounter/s1')).status).toBe(200);
    await started.server.repository.updateResource({ ...session('s-other', 'Practitioner/someone-else'), id: 's-other' } as Resource & { id: string });
    expect((await call('user', 'GET', 'Encounter/s-other')).status).toBe(404);
    const part = (id: string, patient: string): Resource => ({ resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' }, subject: { reference: `Patient/${patient}` }, partOf: { reference: 'Encounter/s1' } });
    expect((await call('user', 'PUT', 'Encounter/e1', part('e1', 'p1'))).status).toBe(200);
    expect((await call('user', 'GET', 'Encounter/s1')).status).toBe(200);
    const plan = await call('user', 'GET', 'Encounter?subject=Patient/p1&_include=Encounter:part-of');
    expect(plan.body.entry?.map((e) => e.resource?.id).sort()).toEqual(['e1', 's1']);
    // A session the user did not run, gathering only people they do not reach, stays out of sight.
    expect((await call('user', 'GET', 'Encounter?_summary=count')).body.total).toBe(2);
    const ownSessions = await call('user', 'GET', 'Encounter?participant=PractitionerRole/r1');
    expect(ownSessions.body.entry?.map((e) => e.resource?.id)).toEqual(['s1']);
  });

  it('a person with no team: the user may read them and create their first team, then reaches them', async () => {
    expect((await call('newcomer', 'GET', 'Patient/p3')).status).toBe(200);
    expect((await call('newcomer', 'POST', 'Observation', observation('x', 'p3'))).status).toBe(403);
    expect((await call('newcomer', 'POST', 'CareTeam', team('t3', 'p3', 'Practitioner/someone-else'))).status).toBe(403);
    expect((await call('newcomer', 'POST', 'CareTeam', team('t3', 'p3', 'Practitioner/u1'))).status).toBe(201);
    expect((await call('newcomer', 'POST', 'Observation', observation('x', 'p3'))).status).toBe(201);
    expect((await call('user', 'GET', 'Patient/p3')).status).toBe(200);
  });
});
