// The caseload's searches against the real FHIR server: one batch, and the same rows from a server without batch
// support (the searches one by one); a failed entry fails the load as that search would have.
import { http, HttpResponse } from 'msw';
import type { Appointment, Encounter } from '@medplum/fhirtypes';
import { beforeEach, describe, expect, it } from 'vitest';
import { fhir, MICRO, RDR, server, testApi } from '../test/server.ts';
import { FhirRequestError } from './api.ts';
import { loadCaseload } from './caseload.ts';
import { caseloadQueries } from './caseload-queries.ts';

const NOW = new Date().toISOString();
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.now() + days * DAY).toISOString();
const RECENT = at(-10);
const OLDER = at(-80);
const call = (id: string, patient: string, start: string): Encounter => ({
  resourceType: 'Encounter', id, status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' },
  subject: { reference: `Patient/${patient}` }, participant: [{ individual: { reference: 'PractitionerRole/PractitionerRoleMicrostructureGpExample' } }], period: { start, end: start },
});

const missed = (id: string, patient: string, days: number): Appointment => ({ resourceType: 'Appointment', id, status: 'noshow', start: at(days), end: at(days), participant: [{ actor: { reference: `Patient/${patient}` }, status: 'accepted' }] });

// Karim's last contact in the recent part of the window, Martine's in its older part (the second batch's), and her
// two no-shows since: one in the appointments' recent part, one in the older part.
beforeEach(() => fhir.reset({ unvalidated: [
  call('EncounterCaseloadRecentTest', MICRO.patient, RECENT), call('EncounterCaseloadOlderTest', RDR.patient, OLDER),
  missed('AppointmentCaseloadRecentTest', RDR.patient, -10), missed('AppointmentCaseloadOlderTest', RDR.patient, -40),
] }));

describe('the caseload searches', () => {
  it('are one batch request (and one for the older contacts and appointments), and give the same rows as a server without batch answering them one by one', async () => {
    const batched = await loadCaseload(testApi(''), MICRO.gp, NOW);
    // The examples' contacts are older than RECENT_DAYS: a second batch asks the rest of the window for their people.
    expect(batched.requests).toBe(2);
    expect(await fhir.log()).toEqual(['POST ', 'POST ']);
    expect(batched.rows.length).toBeGreaterThan(0);
    expect(batched.rows.some((r) => r.referent && r.programme)).toBe(true);
    const row = (id: string) => batched.rows.find((r) => r.patientId === id);
    expect(Date.parse(row(MICRO.patient)?.lastContact?.date ?? '')).toBe(Date.parse(RECENT));
    expect(Date.parse(row(RDR.patient)?.lastContact?.date ?? '')).toBe(Date.parse(OLDER));
    expect(row(RDR.patient)?.lastContact).toMatchObject({ mode: 'VR', who: 'Dr Claire Rossi' });
    expect(row(RDR.patient)?.missedInARow).toBe(2);

    server.use(http.post(fhir.base, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported', details: { text: 'batch' } }] }, { status: 405 })));
    const oneByOne = await loadCaseload(testApi(''), MICRO.gp, NOW);
    // The refused batch (asked once), the searches, the user's roles, the older contacts' and appointments' searches.
    expect(oneByOne.requests).toBe(Object.keys(caseloadQueries(NOW)).length + 4);
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
