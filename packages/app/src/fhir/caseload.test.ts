// The caseload's searches against the real FHIR server: one batch, and the same rows from a server without batch
// support (the searches one by one); a failed entry fails the load as that search would have.
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { fhir, MICRO, RDR, server, testApi } from '../test/server.ts';
import { FhirRequestError } from './api.ts';
import { loadCaseload } from './caseload.ts';
import { caseloadQueries } from './caseload-queries.ts';

const NOW = new Date().toISOString();

beforeEach(() => fhir.reset());

describe('the caseload searches', () => {
  it('are one batch request, and give the same rows as a server without batch answering them one by one', async () => {
    const batched = await loadCaseload(testApi(''), MICRO.gp, NOW);
    expect(batched.requests).toBe(1);
    expect((await fhir.log()).filter((l) => !/[?&]subject=/.test(l))).toEqual(['POST ']);
    expect(batched.rows.length).toBeGreaterThan(0);
    expect(batched.rows.some((r) => r.referent && r.programme)).toBe(true);

    server.use(http.post(fhir.base, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported', details: { text: 'batch' } }] }, { status: 405 })));
    const oneByOne = await loadCaseload(testApi(''), MICRO.gp, NOW);
    expect(oneByOne.requests).toBe(Object.keys(caseloadQueries(NOW)).length + 2); // the refused batch, the searches, the user's roles
    expect(oneByOne.rows).toEqual(batched.rows);
    expect(oneByOne.role).toBe(batched.role);
    expect([...oneByOne.refs.keys()].sort()).toEqual([...batched.refs.keys()].sort());
  });

  it('fail as the search would have when a needed entry is refused, and do without the directory', async () => {
    const refused = (status: string) => ({ response: { status, outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', details: { text: 'refusé / refused' } }] } } });
    const names = Object.keys(caseloadQueries(NOW));
    server.use(http.post(fhir.base, () => HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: [...names, 'roles'].map((n) => (n === 'patients' ? refused('403 Forbidden') : { response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset', entry: [] } })) })));
    const error = await loadCaseload(testApi(''), RDR.gp, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirRequestError);
    expect((error as FhirRequestError).status).toBe(403);
    expect((error as FhirRequestError).outcome?.issue?.[0]?.details?.text).toBe('refusé / refused');

    server.use(http.post(fhir.base, () => HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: [...names, 'roles'].map((n) => (n === 'practitioners' || n === 'flags' ? refused('403 Forbidden') : { response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset', entry: [] } })) })));
    const without = await loadCaseload(testApi(''), RDR.gp, NOW);
    expect(without.rows).toEqual([]);
    expect(without.requests).toBe(1);
  });
});
