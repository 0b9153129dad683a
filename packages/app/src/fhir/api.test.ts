// The plan's transport: fetch with the launch's bearer token, to the FHIR server it was given and nowhere else.
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { server } from '../test/msw.ts';
import { bearerTransport } from './api.ts';

const BASE = 'https://ehr.example/fhir';
const seen: { url: string; authorization: string | null }[] = [];
afterEach(() => {
  seen.length = 0;
});

function record(): void {
  server.use(http.all('https://*.example/*', ({ request }) => {
    seen.push({ url: request.url, authorization: request.headers.get('authorization') });
    return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' });
  }));
}

describe('bearerTransport', () => {
  it('sends the token with relative and same-server requests', async () => {
    record();
    const transport = bearerTransport(`${BASE}/`, () => Promise.resolve('t0k3n'));
    await transport.request('Patient?_id=p1');
    await transport.request(`${BASE}/Observation?_cursor=2`);
    expect(seen).toEqual([
      { url: `${BASE}/Patient?_id=p1`, authorization: 'Bearer t0k3n' },
      { url: `${BASE}/Observation?_cursor=2`, authorization: 'Bearer t0k3n' },
    ]);
  });

  it('refuses an absolute URL outside the FHIR server before sending anything (a made-up paging link)', async () => {
    record();
    const transport = bearerTransport(BASE, () => Promise.resolve('t0k3n'));
    for (const url of ['https://evil.example/fhir/Patient', 'https://ehr.example/fhirx/Patient', 'https://ehr.example.evil.example/fhir/Patient']) {
      await expect(transport.request(url)).rejects.toThrow(/hors du serveur FHIR/);
    }
    expect(seen).toEqual([]);
  });

  it('fails with the status and the server’s answer', async () => {
    server.use(http.get(`${BASE}/Patient/gone`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }, { status: 404 })));
    const transport = bearerTransport(BASE, () => Promise.resolve(undefined));
    await expect(transport.request('Patient/gone')).rejects.toMatchObject({ status: 404, message: expect.stringContaining('OperationOutcome') as unknown });
  });
});
