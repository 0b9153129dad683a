// msw in front of the tests' FHIR server (fhir-host.ts): requests go through to it unless a test puts a fault in
// their way with `server.use(...)`. Listening before fhirclient is imported (server.ts imports this module first):
// fhirclient captures `fetch` when it is first imported.
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { inject } from 'vitest';

export const host = inject('fhirHost');
export const server = setupServer(http.all(`${host}/*`, () => passthrough()));
server.listen({ onUnhandledFrame: 'error' });
