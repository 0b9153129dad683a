/**
 * @parcours/fhir-server: an embedded FHIR R4 server, Medplum's FhirRouter over an indexed, durable node:sqlite
 * repository. See README.md.
 */
export type { AccessGrant, FhirGuard, HistoryReader } from './guard.ts';
export { RequestRepository } from './guard.ts';
export { SqliteRepository, Store } from './repository.ts';
export { openDatabase } from './database.ts';
export type { Clock } from './clock.ts';
export type { StoreOptions } from './store.ts';
export { createFhirServer, start } from './server.ts';
export type { FhirServer, FhirServerOptions, ServerOperation, StartOptions } from './server.ts';
export { auditEvent, writeAudit } from './audit.ts';
export type { AuditRecord } from './audit.ts';
export type { AccessPrincipal } from './access-policy.ts';
