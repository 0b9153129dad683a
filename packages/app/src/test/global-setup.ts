// vitest globalSetup of the app project: starts the FHIR host (fhir-host.ts) in Node, outside jsdom, and gives its
// URL to the test files (`inject('fhirHost')`).
import type { TestProject } from 'vitest/node';
import { startFhirHost } from './fhir-host.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fhirHost: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const host = await startFhirHost();
  project.provide('fhirHost', host.url);
  return () => host.close();
}
