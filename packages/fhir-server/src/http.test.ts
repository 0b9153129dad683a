// The FHIR server on @parcours/http: body limit, malformed URLs, private request logs, and an exception inside a
// FhirRouter handler answered 500 with a correlation id (Medplum alone answers 400 with the JavaScript message).
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { FhirRequest } from '@medplum/fhir-router';
import { OutcomeError, httpStatus } from '@parcours/outcomes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './server.ts';
import { catchUnexpected, rethrowUnexpected } from './unexpected.ts';

const lines: string[] = [];
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await start({ dataDir: ':memory:', bodyLimit: 4096, logLevel: 'info', logStream: { write: (line) => lines.push(line) } });
  base = started.url;
  close = started.close;
}, 30_000);
afterAll(() => close());

describe('FHIR server over @parcours/http', () => {
  it('refuses a body over its limit with 413 and an OperationOutcome', async () => {
    const res = await fetch(`${base}/Patient`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', name: [{ text: 'x'.repeat(5000) }] }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-costly' }] });
  });

  it('answers a malformed URL with 400 and an OperationOutcome', async () => {
    const res = await fetch(`${base}/Patient/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('logs the route pattern, never the id, the query string nor the token', async () => {
    const res = await fetch(`${base}/Patient/p-dupont-42?name=Dupont&access_token=x`, { headers: { Authorization: 'Bearer secret-token-value' } });
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id') ?? '';
    const line = lines.find((l) => l.includes(id) && l.includes('"msg":"request"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ method: 'GET', route: '/fhir/:resourceType/:id', status: 404 });
    for (const secret of ['Dupont', 'p-dupont-42', 'access_token', 'secret-token-value']) expect(lines.join('\n')).not.toContain(secret);
  });
});

describe('catchUnexpected', () => {
  it('turns an exception inside a FhirRouter handler into an unexpected error that keeps its cause', async () => {
    const router = new FhirRouter();
    router.add('GET', 'boom', () => {
      throw new TypeError('Cannot read properties of undefined');
    });
    catchUnexpected(router);
    const request: FhirRequest = { method: 'GET', url: 'boom', pathname: '', params: {}, query: {}, body: undefined };
    const [result] = await router.handleRequest(request, new MemoryRepository());
    expect(httpStatus(result)).toBe(500);
    expect(JSON.stringify(result)).not.toContain('Cannot read');
    const thrown = (() => {
      try {
        rethrowUnexpected(result);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(OutcomeError);
    expect((thrown as OutcomeError).unexpected).toBe(true);
    expect((thrown as OutcomeError).cause).toBeInstanceOf(TypeError);
  });
});
