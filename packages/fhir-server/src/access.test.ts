// The care-team policy at user and patient level, through HTTP, with a guard describing its tokens as principals
// (the shape the SMART layer gives). User level is what a client registered with user/*.rs scopes would get.
import { OperationOutcomeError, unauthorized } from '@medplum/core';
import type { AuditEvent, Bundle, CarePlan, CareTeam, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGrant, AccessPrincipal, FhirGuard } from './guard.ts';
import { start } from './server.ts';

const principals: Record<string, AccessPrincipal> = {
  user: { level: 'user', user: 'Practitioner/u1', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
  newcomer: { level: 'patient', user: 'Practitioner/u1', patient: 'p3', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
  planner: { level: 'patient', user: 'Practitioner/u1', patient: 'p5', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
  bundler: { level: 'patient', user: 'Practitioner/u1', patient: 'p6', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
  outsider: { level: 'patient', user: 'Practitioner/u2', patient: 'p5', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true },
  btg: { level: 'patient', user: 'Practitioner/u1', patient: 'p2', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true, purposeOfUse: { code: 'BTG', reason: 'Urgences : personne inconsciente' } },
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

const plan = (patient: string, careTeam?: string): Resource => ({
  resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: `Patient/${patient}` }, ...(careTeam ? { careTeam: [{ reference: careTeam }] } : {}),
});

let base: string;
let close: () => Promise<void>;
let server: Awaited<ReturnType<typeof start>>['server'];
let started: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  started = await start({ dataDir: ':memory:', guard });
  base = started.url;
  close = started.close;
  server = started.server;
  const seed: Resource[] = [
    ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id): Resource => ({ resourceType: 'Patient', id })),
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

  it('the audit trail names whose records a search returned, even when _elements leaves out the element saying so', async () => {
    // An Appointment's person is in participant.actor; `_elements=status` returns neither.
    const appointment = { resourceType: 'Appointment', id: 'ap1', status: 'booked', start: '2026-01-05T09:00:00Z', end: '2026-01-05T09:30:00Z', participant: [{ actor: { reference: 'Patient/p4' }, status: 'accepted' }] };
    await server.repository.updateResource(appointment as Resource & { id: string });
    const found = await call('user', 'GET', 'Appointment?_elements=status');
    expect(found.body.entry?.map((e) => e.resource?.id)).toEqual(['ap1']);
    const audits = await server.repository.search<AuditEvent>({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: 'Patient/p4' }], count: 100 });
    expect((audits.entry ?? []).some((e) => e.resource?.subtype?.[0]?.code === 'search-type' && e.resource.entity?.some((x) => x.query && Buffer.from(x.query, 'base64').toString() === '_elements=status'))).toBe(true);
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

  it('a person with no team: the user who creates their first plan becomes the coordinator of a first team', async () => {
    expect((await call('planner', 'GET', 'CarePlan')).status).toBe(200); // nothing yet, and no refusal
    const created = await call('planner', 'POST', 'CarePlan', plan('p5'));
    expect(created.status).toBe(201);
    const stored = created.body as unknown as CarePlan;
    const teamRef = stored.careTeam?.[0]?.reference ?? '';
    expect(teamRef).toMatch(/^CareTeam\//);
    const first = (await call('planner', 'GET', teamRef)).body as unknown as CareTeam;
    expect(first.subject?.reference).toBe('Patient/p5');
    const members = first.participant?.map((p) => [p.member?.reference, p.role?.flatMap((r) => r.coding?.map((c) => c.code))]);
    expect(members).toEqual([['Patient/p5', ['personne']], ['Practitioner/u1', ['coordinateur']]]);
    expect((await call('planner', 'POST', 'Observation', observation('x', 'p5'))).status).toBe(201);
    // another user is now outside the person's team, and told whom to ask
    const refused = await call('outsider', 'GET', 'Patient/p5');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body.issue)).toContain('coordinator=Practitioner/u1');
  });

  it('a first team and plan in one transaction: the plan sees the team written before it', async () => {
    const bundle = {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:7c0e2b55-1d7e-4d43-9a55-7c1b1f1f0001', resource: team('ignored', 'p6', 'Practitioner/u1'), request: { method: 'POST', url: 'CareTeam' } },
        { resource: plan('p6', 'urn:uuid:7c0e2b55-1d7e-4d43-9a55-7c1b1f1f0001'), request: { method: 'POST', url: 'CarePlan' } },
      ],
    };
    const answered = await call('bundler', 'POST', '', bundle);
    expect(answered.status).toBe(200);
    expect(answered.body.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    expect((await call('bundler', 'GET', 'CarePlan')).body.total).toBe(1);
  });

  it('an emergency access (BTG) reads one person outside the team, writes nothing, and every access says so in the audit trail', async () => {
    expect((await call('btg', 'GET', 'Observation/o2')).status).toBe(200);
    expect((await call('btg', 'GET', 'Observation/o1')).status).toBe(404); // another person: not widened
    expect((await call('btg', 'POST', 'Observation', observation('x', 'p2'))).status).toBe(403);
    const audits = await server.repository.search<AuditEvent>({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: 'Patient/p2' }], count: 100 });
    const btg = (audits.entry ?? []).map((e) => e.resource!).filter((e) => e.purposeOfEvent?.[0]?.coding?.[0]?.code === 'BTG');
    expect(btg.length).toBeGreaterThanOrEqual(2); // the read and the refused write
    expect(btg[0]?.purposeOfEvent?.[0]?.text).toBe('Urgences : personne inconsciente');
    expect(btg[0]?.agent.find((a) => a.requestor)?.purposeOfUse?.[0]?.coding?.[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG' });
  });

  it('a meeting with no subject is recorded by one of its attendees (or its organisation), and read through a review the user reaches', async () => {
    const type = [{ coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type', code: 'reunion-synthese' }] }];
    const meeting = (who: string): Resource => ({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, type, participant: [{ individual: { reference: who } }] });
    expect((await call('user', 'POST', 'Encounter', meeting('Practitioner/someone-else'))).status).toBe(403);
    const bundle = {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001', resource: meeting('PractitionerRole/r1'), request: { method: 'POST', url: 'Encounter' } },
        { resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p1' }, partOf: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000001' } }, request: { method: 'POST', url: 'Encounter' } },
      ],
    };
    const saved = await call('user', 'POST', '', bundle);
    expect(saved.status).toBe(200);
    const [meetingId, reviewId] = (saved.body.entry ?? []).map((e) => (e as { response?: { location?: string } }).response?.location?.split('/')[1]);
    expect((await call('user', 'GET', `Encounter/${reviewId}`)).status).toBe(200);
    expect((await call('user', 'GET', `Encounter/${meetingId}`)).status).toBe(200);
    // Outside it, the meeting answers as an id that does not exist would (no existence oracle).
    const unknown = await call('outsider', 'GET', 'Encounter/no-such-meeting');
    expect((await call('outsider', 'GET', `Encounter/${meetingId}`)).status).toBe(unknown.status);
  });
});
