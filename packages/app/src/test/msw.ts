// The shared in-memory FHIR store behind msw. Started by setup.ts before any test module loads fhirclient,
// which captures `fetch` when it is first imported.
import { setupServer } from 'msw/node';
import { FhirStore } from './fhir-store.ts';
import { fixtures } from './fixtures.ts';

export const store = new FhirStore(fixtures());
export const server = setupServer(...store.handlers());
