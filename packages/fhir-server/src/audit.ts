// The audit trail: one AuditEvent per request that touches a person's records (read, search, write or refusal),
// in the shape of IHE Basic Audit Log Patterns (https://profiles.ihe.net/ITI/BALP/): who (user, client), for which
// organisation, which person, what, when, outcome. Written durably (committed and fsynced, grouped with the events
// of the requests answered at the same time: audit-queue.ts) before the response leaves; an audit that cannot be
// written turns the answer into a 500, never into an unaudited read.
import type { AuditEvent, AuditEventAgent, AuditEventEntity, CodeableConcept } from '@medplum/fhirtypes';
import type { FhirRepository } from '@medplum/fhir-router';
import type { AccessPrincipal } from './access-policy.ts';
import { displayOf, memberReferences } from './access-policy.ts';
import { appendAudit } from './audit-queue.ts';
import type { SqliteRepository } from './repository.ts';
import { emptyRows, extractIndexRows } from './search-params.ts';
import type { IndexRows } from './search-params.ts';

const EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const CLIENT_SYSTEM = 'https://fhir.parcours.fr/identifier/smart-client';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

export interface AuditRecord {
  principal: AccessPrincipal;
  /** Medplum's interaction name: read, vread, search-type, create, update, delete, history-*, transaction, batch… */
  interaction: string;
  method: string;
  /** HTTP status of the answer. */
  status: number;
  patients: Iterable<string>;
  resources: Iterable<string>;
  /** The request's query (a search's criteria), kept in the audit record, never in logs. */
  query?: string;
  /** Why it was refused or failed. */
  reason?: string;
  /** The user's organisation, when already known (else looked up from their roles). */
  organization?: string;
  /** The user's name, so the audit trail reads « who » even for someone outside the person's team (app section). */
  userDisplay?: string;
  now: number;
}

function action(interaction: string, method: string): AuditEvent['action'] {
  if (interaction === 'create') return 'C';
  if (interaction === 'update' || interaction === 'patch') return 'U';
  if (interaction === 'delete') return 'D';
  if (interaction === 'read' || interaction === 'vread' || interaction.startsWith('search') || interaction.startsWith('history')) return 'R';
  return method === 'GET' ? 'R' : 'E';
}

/** BALP outcome: 0 success, 4 minor failure (refused, not found), 8 serious failure (server error). */
function outcomeCode(status: number): AuditEvent['outcome'] {
  return status < 400 ? '0' : status < 500 ? '4' : '8';
}

function patientEntity(id: string): AuditEventEntity {
  return { what: { reference: `Patient/${id}` }, type: { system: ENTITY_TYPE, code: '1', display: 'Person' }, role: { system: OBJECT_ROLE, code: '1', display: 'Patient' } };
}

/** A resource the answer holds (up to 20 are named, besides the people). */
function resourceEntity(reference: string): AuditEventEntity {
  return { what: { reference }, type: { system: ENTITY_TYPE, code: '2', display: 'System Object' } };
}

const PLACEHOLDER = 'audit-placeholder';
const templates = new Map<string, IndexRows>();

/**
 * The index rows one entity adds to an AuditEvent (generic extraction with and without it, compared), for the
 * entities of one type: `entityOf(PLACEHOLDER)` is such an entity, its rows are substituted with each one's id.
 */
function entityRows(baseUrl: string, type: string, entityOf: (id: string) => AuditEventEntity): IndexRows {
  let added = templates.get(type);
  if (!added) {
    const base: AuditEvent = { resourceType: 'AuditEvent', type: { code: 'rest' }, recorded: '2000-01-01T00:00:00Z', agent: [{ requestor: true }], source: { observer: { display: 'x' } } };
    const without = extractIndexRows(base, baseUrl);
    const withOne = extractIndexRows({ ...base, entity: [entityOf(PLACEHOLDER)] }, baseUrl);
    added = emptyRows();
    for (const kind of Object.keys(added) as (keyof IndexRows)[]) {
      const before = new Set(without[kind].map((r) => JSON.stringify(r)));
      (added[kind] as unknown[]) = withOne[kind].filter((r) => !before.has(JSON.stringify(r)));
    }
    templates.set(type, added);
  }
  return added;
}

/** How to build an entity of this shape for any id, when the entity is exactly that shape (else undefined). */
function templateOf(entity: AuditEventEntity): { type: string; id: string; entityOf: (id: string) => AuditEventEntity } | undefined {
  const reference = entity.what?.reference ?? '';
  const [type = '', id = '', ...rest] = reference.split('/');
  if (!/^[A-Z][A-Za-z]*$/.test(type) || !id || rest.length > 0 || id === PLACEHOLDER) return undefined;
  const entityOf = type === 'Patient' ? patientEntity : (other: string): AuditEventEntity => resourceEntity(`${type}/${other}`);
  return JSON.stringify(entity) === JSON.stringify(entityOf(id)) ? { type, id, entityOf } : undefined;
}

/**
 * The index rows of an AuditEvent, as extractIndexRows gives them (audit.test.ts compares both): its patient and
 * resource entities from a template per type (FHIRPath over hundreds of entities cost more than the search it
 * audits), the rest by the generic extraction. An agent that is a Patient shares the `patient` parameter with
 * them: generic then.
 */
export function auditIndexRows(event: AuditEvent, baseUrl: string): IndexRows {
  if (event.agent.some((a) => a.who?.reference?.startsWith('Patient/'))) return extractIndexRows(event, baseUrl);
  const templated = (event.entity ?? []).map((e) => ({ entity: e, template: templateOf(e) }));
  const rows = extractIndexRows({ ...event, entity: templated.filter((t) => !t.template).map((t) => t.entity) }, baseUrl);
  for (const { template } of templated) {
    if (!template) continue;
    const one = entityRows(baseUrl, template.type, template.entityOf);
    for (const kind of Object.keys(one) as (keyof IndexRows)[]) {
      for (const row of one[kind]) (rows[kind] as unknown[]).push(substitute(row, template.id));
    }
  }
  return rows;
}

function substitute<T extends object>(row: T, id: string): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === PLACEHOLDER ? id : v])) as T;
}

/** Builds the AuditEvent of one request. */
export function auditEvent(record: AuditRecord, organization: string | undefined): AuditEvent {
  const agents: AuditEventAgent[] = [];
  // An emergency access (« bris de glace »): purpose of use BTG, and the user's reason as its text (BALP's purposeOfUse).
  const btg = record.principal.purposeOfUse;
  const purpose: CodeableConcept[] | undefined = btg ? [{ coding: [{ system: ACT_REASON, code: btg.code, display: 'break the glass' }], text: btg.reason }] : undefined;
  if (record.principal.user) {
    agents.push({
      type: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
      who: { reference: record.principal.user, ...(record.userDisplay ? { display: record.userDisplay } : {}) },
      requestor: true,
      ...(purpose ? { purposeOfUse: purpose } : {}),
    });
  }
  agents.push({
    type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110150', display: 'Application' }] },
    who: { identifier: { system: CLIENT_SYSTEM, value: record.principal.clientId ?? 'unknown' } },
    requestor: !record.principal.user,
  });
  if (organization) {
    agents.push({ type: { text: 'Organisation de l’utilisateur / User organization' }, who: { reference: organization }, requestor: false });
  }
  // Every person whose data the answer holds is named (a search across a caseload names hundreds): the trail is
  // complete, `AuditEvent?patient=` finds each of them.
  const entity: AuditEventEntity[] = [...new Set(record.patients)].map(patientEntity);
  for (const reference of [...new Set(record.resources)].slice(0, 20)) {
    if (!reference.startsWith('Patient/')) entity.push(resourceEntity(reference));
  }
  if (record.query) {
    entity.push({ type: { system: ENTITY_TYPE, code: '2', display: 'System Object' }, role: { system: OBJECT_ROLE, code: '24', display: 'Query' }, query: Buffer.from(record.query).toString('base64') });
  }
  return {
    resourceType: 'AuditEvent',
    type: { system: EVENT_TYPE, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: INTERACTION, code: record.interaction }],
    action: action(record.interaction, record.method),
    recorded: new Date(record.now).toISOString(),
    outcome: outcomeCode(record.status),
    ...(record.reason ? { outcomeDesc: record.reason } : {}),
    ...(purpose ? { purposeOfEvent: purpose } : {}),
    agent: agents,
    source: { observer: { display: 'Serveur FHIR Parcours / Parcours FHIR server' }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }] },
    ...(entity.length ? { entity } : {}),
  };
}

/**
 * Writes the AuditEvent of a request when it touched a person's records or was refused. Backend requests that
 * touched nobody's records (reading the directory) are not audited.
 */
export async function writeAudit(repository: SqliteRepository | FhirRepository, record: AuditRecord): Promise<void> {
  const patients = [...record.patients];
  if (patients.length === 0 && record.status < 400) return;
  let organization = record.organization;
  if (!organization && record.principal.user && 'store' in repository) {
    organization = [...memberReferences(repository.store.db, record.principal.user, record.now)].find((r) => r.startsWith('Organization/'));
  }
  const userDisplay = record.userDisplay ?? (record.principal.user && 'store' in repository ? displayOf(repository.store.db, { reference: record.principal.user }) : undefined);
  const event = auditEvent({ ...record, patients, ...(userDisplay ? { userDisplay } : {}) }, organization);
  if ('store' in repository) {
    const baseUrl = repository.store.baseUrl;
    await appendAudit(repository.store, { ...event, id: repository.generateId() }, (stored) => auditIndexRows(stored, baseUrl));
  } else {
    await repository.createResource(event);
  }
}
