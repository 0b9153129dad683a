import type { Bundle, Observation, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './server.ts';

let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await start({ dataDir: ':memory:' });
  base = started.url;
  close = started.close;
}, 30_000);

afterAll(async () => {
  await close();
});

const FHIR_JSON = 'application/fhir+json';

async function call<T = Resource>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${base}/${path}`, {
    method,
    headers: { 'Content-Type': FHIR_JSON, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

const INS = 'urn:oid:1.2.250.1.213.1.4.8';

function patient(family: string, given: string, ins: string, birthDate: string): Patient {
  return { resourceType: 'Patient', name: [{ family, given: [given] }], identifier: [{ system: INS, value: ins }], birthDate, gender: 'female', address: [{ city: 'Lyon', postalCode: '69003' }] };
}

function drinks(subject: string, date: string, value: number): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '74013-4', display: 'Alcoholic drinks per day' }], text: 'Verres par jour' },
    subject: { reference: subject },
    effectiveDateTime: date,
    valueQuantity: { value, unit: 'verres/jour', system: 'http://unitsofmeasure.org', code: '{drinks}/d' },
  };
}

function ids(bundle: Bundle): string[] {
  return (bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
}

describe('REST interactions', () => {
  it('serves a CapabilityStatement listing interactions and search parameters', async () => {
    const { status, body } = await call<{ resourceType: string; fhirVersion: string; rest: { resource: { type: string; searchParam: { name: string }[] }[] }[] }>('GET', 'metadata');
    expect(status).toBe(200);
    expect(body.resourceType).toBe('CapabilityStatement');
    expect(body.fhirVersion).toBe('4.0.1');
    const obs = body.rest[0]?.resource.find((r) => r.type === 'Observation');
    expect(obs?.searchParam.map((p) => p.name)).toEqual(expect.arrayContaining(['code', 'date', 'subject', 'value-quantity', '_id']));
  });

  it('creates, reads, updates, vreads, patches, deletes and keeps history', async () => {
    const created = await call<Patient>('POST', 'Patient', { ...patient('Martin', 'Claire', '2800175123456', '1980-01-15'), id: 'ignored' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).not.toBe('ignored');
    expect(created.body.meta?.versionId).toBe('1');
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.headers.get('location')).toBe(`${base}/Patient/${id}/_history/1`);
    expect(created.headers.get('last-modified')).toBeTruthy();
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    expect(created.headers.get('content-type')).toContain('application/fhir+json');

    const read = await call<Patient>('GET', `Patient/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.name?.[0]?.family).toBe('Martin');

    const updated = await call<Patient>('PUT', `Patient/${id}`, { ...read.body, gender: 'other' });
    expect(updated.status).toBe(200);
    expect(updated.body.meta?.versionId).toBe('2');

    const stale = await call<OperationOutcome>('PUT', `Patient/${id}`, { ...read.body }, { 'If-Match': 'W/"1"' });
    expect(stale.status).toBe(412);

    const v1 = await call<Patient>('GET', `Patient/${id}/_history/1`);
    expect(v1.body.gender).toBe('female');

    const patched = await call<Patient>('PATCH', `Patient/${id}`, [{ op: 'replace', path: '/gender', value: 'male' }], { 'Content-Type': 'application/json-patch+json' });
    expect(patched.status).toBe(200);
    expect(patched.body.gender).toBe('male');
    expect(patched.body.meta?.versionId).toBe('3');

    const minimal = await call('PUT', `Patient/${id}`, { ...patched.body, gender: 'female' }, { Prefer: 'return=minimal' });
    expect(minimal.status).toBe(200);
    expect(minimal.body).toBeUndefined();
    expect(minimal.headers.get('etag')).toBe('W/"4"');

    expect((await call('DELETE', `Patient/${id}`)).status).toBe(200);
    const gone = await call<OperationOutcome>('GET', `Patient/${id}`);
    expect(gone.status).toBe(410);
    expect(gone.body.resourceType).toBe('OperationOutcome');

    const history = await call<Bundle>('GET', `Patient/${id}/_history`);
    expect(history.body.type).toBe('history');
    expect(history.body.entry?.map((e) => e.request?.method)).toEqual(['DELETE', 'PUT', 'PUT', 'PUT', 'POST']);
    expect(history.body.entry?.[1]?.resource?.meta?.versionId).toBe('4');

    const typeHistory = await call<Bundle>('GET', 'Patient/_history');
    expect(typeHistory.body.entry?.length).toBeGreaterThanOrEqual(5);
    const systemHistory = await call<Bundle>('GET', '_history?_count=2');
    expect(systemHistory.body.entry).toHaveLength(2);
  });

  it('answers errors with OperationOutcomes and the right status', async () => {
    const malformed = await call<OperationOutcome>('POST', 'Patient', '{"resourceType": "Patient",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.resourceType).toBe('OperationOutcome');
    expect((await call('GET', 'Unicorn/1')).status).toBe(404);
    expect((await call('GET', 'Unicorn?name=x')).status).toBe(404);
    expect((await call('GET', 'Patient/does-not-exist')).status).toBe(404);
    expect((await call('GET', 'Patient?unknown-param=1')).status).toBe(400);
    // GraphQL (which Medplum's router would answer) is not part of this server's API, for reads or writes.
    for (const query of ['{ PatientList { id } }', 'mutation { PatientCreate(res: { resourceType: "Patient" }) { id } }']) {
      const graphql = await call<OperationOutcome>('POST', '$graphql', { query }, { 'Content-Type': 'application/json' });
      expect(graphql.status).toBe(404);
      expect(graphql.body.issue[0]?.code).toBe('not-supported');
    }
    expect((await call('POST', 'Patient', { resourceType: 'Observation', status: 'final' })).status).toBe(400);
    const conflict = await call('POST', '', { resourceType: 'Bundle', type: 'batch', entry: [
      { resource: { resourceType: 'Patient', id: 'dup-1' }, request: { method: 'PUT', url: 'Patient/dup-1' } },
    ] });
    expect(conflict.status).toBe(200);
  });

  it('does conditional create (If-None-Exist) and conditional update', async () => {
    const p = patient('Conditionnel', 'Anne', '2900175000001', '1990-01-01');
    const first = await call<Patient>('POST', 'Patient', p, { 'If-None-Exist': `identifier=${INS}|2900175000001` });
    expect(first.status).toBe(201);
    const second = await call<Patient>('POST', 'Patient', p, { 'If-None-Exist': `identifier=${INS}|2900175000001` });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);

    const upd = await call<Patient>('PUT', `Patient?identifier=${INS}|2900175000001`, { ...p, gender: 'male' });
    expect(upd.status).toBe(200);
    expect(upd.body.id).toBe(first.body.id);
    expect(upd.body.meta?.versionId).toBe('2');

    const upsert = await call<Patient>('PUT', `Patient?identifier=${INS}|2900175000002`, patient('Nouveau', 'Paul', '2900175000002', '1991-01-01'));
    expect(upsert.status).toBe(201);

    await call('POST', 'Patient', patient('Double', 'A', '2900175000099', '1990-01-01'));
    await call('POST', 'Patient', patient('Double', 'B', '2900175000099', '1990-01-01'));
    const multiple = await call('POST', 'Patient', p, { 'If-None-Exist': `identifier=${INS}|2900175000099` });
    expect(multiple.status).toBe(412);
  });

  it('validates with $validate (Parameters or bare resource) and expands Parcours value sets', async () => {
    const ok = await call<OperationOutcome>('POST', 'Patient/$validate', patient('Valide', 'Jeanne', '1', '1980-01-01'));
    expect(ok.status).toBe(200);
    expect(ok.body.resourceType).toBe('OperationOutcome');
    expect(ok.body.issue?.some((i) => i.severity === 'error')).toBe(false);
    const bad = await call<OperationOutcome>('POST', '$validate', { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: { resourceType: 'Patient', gender: 'invalid-code' } }] });
    expect(bad.status).toBe(200);
    expect(bad.body.issue?.some((i) => i.severity === 'error')).toBe(true);

    const { valueSets } = await import('@parcours/profiles');
    const vs = valueSets[0];
    expect(vs?.url).toBeTruthy();
    const expanded = await call<{ resourceType: string; expansion: { contains: unknown[] } }>('GET', `ValueSet/$expand?url=${encodeURIComponent(vs?.url ?? '')}`);
    expect(expanded.status).toBe(200);
    expect(expanded.body.expansion.contains.length).toBeGreaterThan(0);
    expect((await call('GET', 'ValueSet/$expand?url=http://example.org/unknown')).status).toBe(404);
  });

  it('answers CORS preflight requests', async () => {
    const res = await fetch(`${base}/Patient`, { method: 'OPTIONS', headers: { Origin: 'http://app.example', 'Access-Control-Request-Headers': 'authorization' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('search', () => {
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    alice = (await call<Patient>('POST', 'Patient', patient('Dupré', 'Élodie', '2800175999001', '1975-06-30'))).body.id as string;
    bob = (await call<Patient>('POST', 'Patient', { ...patient('Bernard', 'Marc', '1700175999002', '1970-02-01'), gender: 'male', address: [{ city: 'Marseille' }] })).body.id as string;
    for (let m = 1; m <= 9; m++) {
      await call('POST', 'Observation', drinks(`Patient/${alice}`, `2024-0${m}-15T10:00:00Z`, m));
    }
    await call('POST', 'Observation', drinks(`Patient/${bob}`, '2023-12-01', 12));
    await call('POST', 'Observation', { ...drinks(`Patient/${bob}`, '2023-12-02', 1), code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }] }, status: 'amended' });
  });

  async function search(query: string): Promise<Bundle> {
    const { status, body } = await call<Bundle>('GET', query);
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  }

  it('string: default prefix, accent and case insensitive; :exact; :contains', async () => {
    expect(ids(await search('Patient?name=dupre'))).toEqual([`Patient/${alice}`]);
    expect(ids(await search('Patient?family=DUP'))).toEqual([`Patient/${alice}`]);
    expect(ids(await search('Patient?name:exact=Dupré'))).toEqual([`Patient/${alice}`]);
    expect(ids(await search('Patient?name:exact=dupre'))).toEqual([]);
    expect(ids(await search('Patient?name:contains=odi'))).toEqual([`Patient/${alice}`]);
    expect(ids(await search('Patient?address-city=marseille'))).toEqual([`Patient/${bob}`]);
  });

  it('token: system|code, code, |code, :not, :text, comma OR, repeated AND', async () => {
    expect((await search(`Patient?identifier=${INS}|2800175999001`)).total).toBe(1);
    expect((await search('Patient?identifier=2800175999001')).total).toBe(1);
    expect((await search('Patient?identifier=|2800175999001')).total).toBe(0);
    expect((await search('Observation?code=http://loinc.org|74013-4')).total).toBe(10);
    expect((await search('Observation?code=74013-4,72166-2')).total).toBe(11);
    expect((await search('Observation?code=74013-4&status=amended')).total).toBe(0);
    expect((await search('Observation?code:not=74013-4')).total).toBe(1);
    expect((await search('Observation?code:text=verres')).total).toBe(10);
    expect((await search('Patient?gender=male&_id=' + bob)).total).toBe(1);
  });

  it('reference: bare id and Type/id; chained; _has', async () => {
    expect((await search(`Observation?patient=${alice}`)).total).toBe(9);
    expect((await search(`Observation?subject=Patient/${alice}`)).total).toBe(9);
    expect((await search(`Observation?subject=${base}/Patient/${bob}`)).total).toBe(2);
    expect((await search(`Observation?subject:Patient.identifier=${INS}|1700175999002`)).total).toBe(2);
    expect((await search('Observation?subject:Patient.name=dupre')).total).toBe(9);
    expect(ids(await search('Patient?_has:Observation:subject:code=72166-2'))).toEqual([`Patient/${bob}`]);
  });

  it('date with prefixes and precision', async () => {
    const obs = `Observation?patient=${alice}`;
    expect((await search(`${obs}&date=2024-03`)).total).toBe(1);
    expect((await search(`${obs}&date=eq2024`)).total).toBe(9);
    expect((await search(`${obs}&date=ge2024-03-15`)).total).toBe(7);
    expect((await search(`${obs}&date=gt2024-03-15`)).total).toBe(6);
    expect((await search(`${obs}&date=lt2024-03-15`)).total).toBe(2);
    expect((await search(`${obs}&date=le2024-03-15`)).total).toBe(3);
    expect((await search(`${obs}&date=ne2024-03`)).total).toBe(8);
    expect((await search(`${obs}&date=sa2024-08-01`)).total).toBe(2);
    expect((await search(`${obs}&date=eb2024-02-01`)).total).toBe(1);
    expect((await search(`${obs}&date=ge2024-02&date=lt2024-05`)).total).toBe(3);
    expect((await search('Patient?birthdate=1975-06-30')).total).toBe(1);
    expect((await search('Patient?birthdate=lt1972')).total).toBe(1);
    expect((await search('Observation?_lastUpdated=gt2000-01-01')).total).toBe(11);
  });

  it('quantity and number', async () => {
    const obs = `Observation?patient=${alice}`;
    expect((await search(`${obs}&value-quantity=gt5`)).total).toBe(4);
    expect((await search(`${obs}&value-quantity=le3|http://unitsofmeasure.org|{drinks}/d`)).total).toBe(3);
    expect((await search(`${obs}&value-quantity=5|http://other.org|x`)).total).toBe(0);
    expect((await search(`${obs}&value-quantity=5`)).total).toBe(1);
  });

  it('uri', async () => {
    await call('POST', 'ValueSet', { resourceType: 'ValueSet', status: 'active', url: 'https://fhir.parcours.fr/ValueSet/test-uri' });
    expect((await search('ValueSet?url=https://fhir.parcours.fr/ValueSet/test-uri')).total).toBe(1);
    expect((await search('ValueSet?url=https://fhir.parcours.fr/ValueSet/test')).total).toBe(0);
    expect((await search('ValueSet?url:below=https://fhir.parcours.fr/ValueSet/')).total).toBe(1);
  });

  it('_sort, _count paging with consistent links, _summary=count, _total=none, _elements', async () => {
    const first = await search(`Observation?patient=${alice}&_sort=-date&_count=4`);
    expect(first.total).toBe(9);
    const dates = (b: Bundle): string[] => (b.entry ?? []).map((e) => (e.resource as Observation).effectiveDateTime ?? '');
    expect(dates(first).map((d) => d.slice(0, 7))).toEqual(['2024-09', '2024-08', '2024-07', '2024-06']);
    const seen = [...ids(first)];
    let next = first.link?.find((l) => l.relation === 'next')?.url;
    let pages = 1;
    while (next && pages < 10) {
      const page = (await call<Bundle>('GET', next.slice(base.length + 1))).body;
      seen.push(...ids(page));
      // Keyset paging: an opaque, sealed cursor (the sort key, here a date, is not readable in the URL), no offset.
      expect(next).toMatch(/[?&]_cursor=[A-Za-z0-9_-]{40,}/);
      expect(next).not.toMatch(/_offset|2024-/);
      next = page.link?.find((l) => l.relation === 'next')?.url;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(9);
    // A forged or altered cursor is refused (it could otherwise probe the sort keys of rows the caller cannot see).
    const cursor = new URL(first.link?.find((l) => l.relation === 'next')?.url ?? '').searchParams.get('_cursor') ?? '';
    const forged = await call<OperationOutcome>('GET', `Observation?patient=${alice}&_sort=-date&_count=4&_cursor=${cursor.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(400);
    expect(forged.body.issue?.[0]?.details?.text).toMatch(/relancez la recherche/);
    // A cursor belongs to its search's order: the same cursor with another sort is refused too.
    expect((await call('GET', `Observation?patient=${alice}&_sort=date&_count=4&_cursor=${cursor}`)).status).toBe(400);
    const asc = await search(`Observation?patient=${alice}&_sort=date&_count=2`);
    expect(dates(asc).map((d) => d.slice(0, 7))).toEqual(['2024-01', '2024-02']);
    const count = await search('Observation?_summary=count');
    expect(count.total).toBe(11);
    expect(count.entry ?? []).toHaveLength(0);
    expect((await search('Observation?_total=none')).total).toBeUndefined();
    const subset = await search(`Patient?_id=${alice}&_elements=name`);
    const p = subset.entry?.[0]?.resource as Patient;
    expect(p.name).toBeTruthy();
    expect(p.birthDate).toBeUndefined();
  });

  it('_summary=true, data and text return the subsets of the specification, tagged SUBSETTED', async () => {
    const created = await call<Patient>('POST', 'Patient', {
      resourceType: 'Patient', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Résumé</div>' },
      name: [{ family: 'Sommaire' }], gender: 'female', deceasedBoolean: false, maritalStatus: { text: 'célibataire' },
    });
    const id = created.body.id ?? '';
    const one = async (summary: string): Promise<Patient> => (await search(`Patient?_id=${id}&_summary=${summary}`)).entry?.[0]?.resource as Patient;
    const summary = await one('true');
    expect(summary.name?.[0]?.family).toBe('Sommaire');
    expect(summary.deceasedBoolean).toBe(false);
    expect(summary.maritalStatus).toBeUndefined();
    expect(summary.text).toBeUndefined();
    expect(summary.meta?.tag?.some((t) => t.code === 'SUBSETTED')).toBe(true);
    const data = await one('data');
    expect(data.text).toBeUndefined();
    expect(data.maritalStatus?.text).toBe('célibataire');
    const text = await one('text');
    expect(text.text?.div).toContain('Résumé');
    expect(text.name).toBeUndefined();
    const whole = (await search(`Patient?_id=${id}`)).entry?.[0]?.resource as Patient;
    expect(whole.maritalStatus).toBeDefined();
    expect(whole.meta?.tag?.some((t) => t.code === 'SUBSETTED') ?? false).toBe(false);
  });

  it('_include, _revinclude and :iterate', async () => {
    const withPatient = await search(`Observation?patient=${bob}&_include=Observation:subject`);
    expect(ids(withPatient)).toContain(`Patient/${bob}`);
    expect(withPatient.entry?.find((e) => e.resource?.resourceType === 'Patient')?.search?.mode).toBe('include');
    const rev = await search(`Patient?_id=${bob}&_revinclude=Observation:subject`);
    expect(ids(rev).filter((i) => i.startsWith('Observation/'))).toHaveLength(2);
    const prov = await call('POST', 'Provenance', { resourceType: 'Provenance', target: [{ reference: `Patient/${bob}` }], recorded: '2024-01-01T00:00:00Z', agent: [{ who: { display: 'Dr Test' } }] });
    expect(prov.status).toBe(201);
    const iter = await search(`Observation?code=72166-2&_include=Observation:subject&_revinclude:iterate=Provenance:target`);
    expect(ids(iter).some((i) => i.startsWith('Provenance/'))).toBe(true);
  });

  it(':iterate includes follow each parameter on its own type only, over several rounds, each resource once', async () => {
    const created = async (resource: Resource): Promise<string> => {
      const res = await call('POST', resource.resourceType, resource);
      expect(res.status).toBe(201);
      return `${resource.resourceType}/${res.body.id ?? ''}`;
    };
    const org = await created({ resourceType: 'Organization', name: 'Centre' });
    const doc = await created({ resourceType: 'Practitioner', name: [{ family: 'Martin' }] });
    const other = await created({ resourceType: 'Practitioner', name: [{ family: 'Autre' }] });
    const role = await created({ resourceType: 'PractitionerRole', practitioner: { reference: doc }, organization: { reference: org } });
    const who = await created({ resourceType: 'Patient', name: [{ family: 'Iter' }] });
    const team = await created({ resourceType: 'CareTeam', subject: { reference: who }, participant: [{ member: { reference: role } }, { member: { reference: role } }] });
    const enc = await created({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: who }, serviceProvider: { reference: org }, participant: [{ individual: { reference: other } }] });
    const bundle = await search(
      `Patient?_id=${who.split('/')[1] ?? ''}&_revinclude=CareTeam:subject&_revinclude=Encounter:subject&_include:iterate=CareTeam:participant&_include:iterate=PractitionerRole:practitioner&_include:iterate=Encounter:service-provider`,
    );
    expect(ids(bundle).sort()).toEqual([who, team, enc, role, doc, org].sort());
    expect(bundle.entry?.filter((e) => e.search?.mode === 'include')).toHaveLength(5);
  });

  it('POST _search with a form body', async () => {
    const res = await fetch(`${base}/Observation/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `patient=${alice}&date=ge2024-09`,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Bundle).total).toBe(1);
  });
});

describe('transactions and batches', () => {
  it('commits a transaction with urn:uuid references and > 8 conditional entries', async () => {
    const entries = [
      { fullUrl: 'urn:uuid:6f1c3e52-0d3a-4f7e-9a53-000000000001', resource: patient('Transaction', 'Lina', '2990175111111', '1999-09-09'),
        request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${INS}|2990175111111` } },
      ...Array.from({ length: 12 }, (_, i) => ({
        resource: { ...drinks('urn:uuid:6f1c3e52-0d3a-4f7e-9a53-000000000001', `2024-10-${String(i + 1).padStart(2, '0')}`, i), identifier: [{ system: 'urn:test', value: `tx-${i}` }] },
        request: { method: 'POST', url: 'Observation', ifNoneExist: `identifier=urn:test|tx-${i}` },
      })),
    ];
    const { status, body } = await call<Bundle>('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: entries });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.type).toBe('transaction-response');
    expect(body.entry).toHaveLength(13);
    const pid = body.entry?.[0]?.resource?.id;
    const linked = await call<Bundle>('GET', `Observation?subject=Patient/${pid}`);
    expect(linked.body.total).toBe(12);
    // replaying is idempotent thanks to the conditions
    const again = await call<Bundle>('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: entries });
    expect(again.status).toBe(200);
    expect((await call<Bundle>('GET', `Observation?subject=Patient/${pid}`)).body.total).toBe(12);
  });

  it('writes nothing when one entry of a transaction fails', async () => {
    const before = (await call<Bundle>('GET', 'Patient?family=atomique&_summary=count')).body.total;
    const { status, body } = await call<OperationOutcome>('POST', '', {
      resourceType: 'Bundle', type: 'transaction', entry: [
        { resource: patient('Atomique', 'Un', '1', '1980-01-01'), request: { method: 'POST', url: 'Patient' } },
        { resource: patient('Atomique', 'Deux', '2', '1980-01-01'), request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Patient', id: 'x' }, request: { method: 'PUT', url: 'Patient/x', ifMatch: 'W/"99"' } },
      ],
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect((await call<Bundle>('GET', 'Patient?family=atomique&_summary=count')).body.total).toBe(before);
  });

  it('processes batch entries independently', async () => {
    const { status, body } = await call<Bundle>('POST', '', {
      resourceType: 'Bundle', type: 'batch', entry: [
        { resource: patient('Lot', 'Un', '1', '1980-01-01'), request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: 'Patient/definitely-missing' } },
        { request: { method: 'GET', url: 'Patient?family=lot' } },
      ],
    });
    expect(status).toBe(200);
    expect(body.type).toBe('batch-response');
    expect(body.entry?.map((e) => e.response?.status)).toEqual(['201', '404', '200']);
    // The batch's searchsets are the same Bundles as those searches alone (their matches sent as stored text).
    for (const url of ['Patient?family=lot', 'Patient?family=lot&_elements=birthDate', 'Observation?_sort=-date&_count=3']) {
      const alone = (await call<Bundle>('GET', url)).body;
      const inBatch = (await call<Bundle>('POST', '', { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url } }] })).body.entry?.[0]?.resource as Bundle;
      expect((alone.entry ?? []).length).toBeGreaterThan(0);
      // (a `next` cursor is sealed afresh each time)
      expect({ ...inBatch, link: inBatch.link?.length }).toEqual({ ...alone, link: alone.link?.length });
    }
  });
});
