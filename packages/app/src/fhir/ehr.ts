// The GP's own EHR, read beside the plan (launch from the EHR, two servers): what the GP already has — conditions,
// medications, lab results, notes — in four searches sent together. Nothing of it is copied into the plan unless the
// GP shares one item: then a copy goes to the plan server with a Provenance whose entity names the EHR's original.
import type { Condition, DocumentReference, MedicationStatement, Observation, ProvenanceEntity } from '@medplum/fhirtypes';
import type { FhirApi } from './api.ts';
import type { Change } from './writes.ts';

export interface EhrRecords {
  conditions: Condition[];
  medications: MedicationStatement[];
  /** Lab results, latest first. */
  labs: Observation[];
  notes: DocumentReference[];
}

/** Standard R4 searches only (any SMART EHR answers them): subject=Patient/<EHR id>. */
export async function loadEhr(api: FhirApi, patientId: string): Promise<EhrRecords> {
  const subject: [string, string] = ['subject', `Patient/${patientId}`];
  const [conditions, medications, labs, notes] = await Promise.all([
    api.search<Condition>('Condition', [subject, ['_count', '100']], 2),
    api.search<MedicationStatement>('MedicationStatement', [subject, ['_count', '100']], 2),
    api.search<Observation>('Observation', [subject, ['category', 'laboratory'], ['_sort', '-date'], ['_count', '200']], 2),
    api.search<DocumentReference>('DocumentReference', [subject, ['_count', '50']], 1),
  ]);
  const date = (o: Observation): string => o.effectiveDateTime ?? o.issued ?? '';
  return { conditions, medications, labs: [...labs].sort((a, b) => date(b).localeCompare(date(a))), notes };
}

/** The identifier a shared copy carries: which EHR and which of its resources it came from (finds copies again). */
export function sourceIdentifier(ehrBase: string, original: { resourceType: string; id?: string }): { system: string; value: string } {
  return { system: `${ehrBase}/${original.resourceType}`, value: original.id ?? '' };
}

/** Whether the plan already holds a copy of this EHR resource. */
export function alreadyShared(planObservations: readonly Observation[], ehrBase: string, original: Observation): boolean {
  const id = sourceIdentifier(ehrBase, original);
  return planObservations.some((o) => (o.identifier ?? []).some((i) => i.system === id.system && i.value === id.value));
}

/**
 * The plan-server copy of one EHR lab result, for the person's plan id: the same code, value, date and reference
 * range, the alcohol-use label the plan's consumption data carries, the GP as performer; the Provenance written
 * with it (writes.ts) names the EHR's original as its source entity.
 */
export function shareLabChange(lab: Observation, ctx: { ehrBase: string; ehrName: string; planPatientId: string; performer: string | undefined }): Change {
  const resource: Observation = {
    resourceType: 'Observation',
    meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SUD', display: 'substance use disorder information sensitivity' }] },
    identifier: [sourceIdentifier(ctx.ehrBase, lab)],
    status: lab.status,
    category: lab.category ?? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: lab.code,
    subject: { reference: `Patient/${ctx.planPatientId}` },
    ...(lab.effectiveDateTime ? { effectiveDateTime: lab.effectiveDateTime } : {}),
    ...(lab.issued ? { issued: lab.issued } : {}),
    ...(lab.valueQuantity ? { valueQuantity: lab.valueQuantity } : {}),
    ...(lab.valueString ? { valueString: lab.valueString } : {}),
    ...(lab.referenceRange ? { referenceRange: lab.referenceRange } : {}),
    ...(ctx.performer ? { performer: [{ reference: ctx.performer }] } : {}),
  };
  const source: ProvenanceEntity = { role: 'source', what: { reference: `${ctx.ehrBase}/Observation/${lab.id ?? ''}`, display: ctx.ehrName } };
  return { resource, source };
}

/** A lab value in words: "82 U/L". */
export function labValue(o: Observation): string {
  const q = o.valueQuantity;
  if (q?.value !== undefined) return `${q.value} ${q.unit ?? q.code ?? ''}`.trim();
  return o.valueString ?? '';
}

/** Above the reference range's upper bound (the EHR says so with its range; no range, no flag). */
export function aboveRange(o: Observation): boolean {
  const high = o.referenceRange?.[0]?.high?.value;
  const value = o.valueQuantity?.value;
  return high !== undefined && value !== undefined && value > high;
}
