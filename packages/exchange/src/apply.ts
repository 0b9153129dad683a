// Applying a stored discharge, as named steps: already applied? → match the person → find the plan and the team →
// build the stay → follow-up Task for the GP (and its line in the summary) → notification to the team → the plan's
// new activity → ONE FHIR transaction of conditional writes (apply-transaction.ts). Re-applying after a crash
// writes nothing new. https://hl7.org/fhir/R4/http.html#transaction
import { createHash, randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Identifier, Task } from '@medplum/fhirtypes';
import { buildStay, readDischarge } from './apply-bundle.ts';
import { findCare, followUpTask, matchPerson, notification, ownIdentifier, planActivity } from './apply-steps.ts';
import { identifierQuery, transactionEntries, validateAll, writtenReferences } from './apply-transaction.ts';
import type { FhirClient } from './fhir-client.ts';

export type ApplyOutcome = { kind: 'applied'; result: Record<string, unknown> } | { kind: 'parked'; reason: string };

export interface ApplyInput {
  key: string;
  bundle: Bundle;
  /** `Patient/<id>` chosen by an operator for a parked message. */
  patient?: string;
  now?: Date;
}

/** Short stable hash of the idempotency key (the value prefix of the identifiers the exchange writes). */
export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * The transaction is all-or-nothing, so the message's Task being on the server means everything is (a crash between
 * the FHIR commit and the inbox's bookkeeping).
 */
async function alreadyApplied(client: FhirClient, taskIdentifier: Identifier): Promise<ApplyOutcome | undefined> {
  const existing = await client.search<Task>('Task', { identifier: `${taskIdentifier.system}|${taskIdentifier.value}`, _count: '1' });
  return existing[0] ? { kind: 'applied', result: { task: `Task/${existing[0].id}`, alreadyApplied: true } } : undefined;
}

/** Applies one discharge. Throws ApplyError (transient → retry, permanent → dead letter). */
export async function applyDischarge(client: FhirClient, input: ApplyInput): Promise<ApplyOutcome> {
  const now = input.now ?? new Date();
  const hash = keyHash(input.key);
  const taskIdentifier = ownIdentifier(hash, 'task');
  const done = await alreadyApplied(client, taskIdentifier);
  if (done) return done;

  const discharge = readDischarge(input.bundle);
  const person = await matchPerson(client, input.patient, discharge.sourcePatient);
  if (person.kind === 'parked') return person;
  const { patient, matchedBy } = person;
  const patientRef = `Patient/${patient.id}`;
  const care = await findCare(client, patientRef, now.toISOString().slice(0, 10));
  const stay = buildStay(discharge, patientRef, now);
  const followUp = followUpTask(stay, patient, care, taskIdentifier);
  if (!followUp) {
    return { kind: 'parked', reason: `Aucun médecin traitant connu pour ${patientRef} (équipe, Patient.generalPractitioner, lot) / no known GP` };
  }
  const communication = notification(stay, patient, care, followUp, hash, now);

  const tx: BundleEntry[] = transactionEntries(stay, followUp, hash, taskIdentifier);
  tx.push({
    fullUrl: `urn:uuid:${randomUUID()}`,
    resource: communication,
    request: { method: 'POST', url: 'Communication', ifNoneExist: identifierQuery(communication.identifier?.[0] as Identifier) },
  });
  if (care.plan?.id) tx.push(planActivity(care.plan, followUp.urn));
  validateAll(tx);

  const response = await client.transaction({ resourceType: 'Bundle', type: 'transaction', entry: tx });
  return {
    kind: 'applied',
    result: {
      patient: patientRef,
      matchedBy,
      ...writtenReferences(tx, response, followUp.urn),
      ...(care.plan?.id ? { carePlan: `CarePlan/${care.plan.id}` } : {}),
      owner: followUp.owner,
    },
  };
}
