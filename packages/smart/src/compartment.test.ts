// Compartment membership with prepared checks (union branches of other types dropped, plain paths walked) gives
// the same answers as evaluating the CompartmentDefinition's whole FHIRPath expressions with Medplum.
import { evalFhirPath } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { inPatientCompartment, patientCompartmentExpressions } from './compartment.ts';

const BASE = 'https://ehr.example/fhir';

/** The reference: every expression of the type evaluated whole by Medplum's FHIRPath. */
function reference(resource: Resource, patientId: string): boolean {
  if (resource.resourceType === 'Patient' && resource.id === patientId) return true;
  const wanted = [`Patient/${patientId}`, `${BASE}/Patient/${patientId}`];
  return (patientCompartmentExpressions().get(resource.resourceType) ?? []).some((expression) =>
    evalFhirPath(expression, resource).some((v) => wanted.includes((v as { reference?: string } | undefined)?.reference ?? '')),
  );
}

const p = (id: string): { reference: string } => ({ reference: `Patient/${id}` });
const RESOURCES: Resource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'Patient', id: 'p2', link: [{ other: p('p1'), type: 'seealso' }] },
  { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' }, subject: p('p1') },
  { resourceType: 'Observation', id: 'o2', status: 'final', code: { text: 'x' }, subject: { reference: `${BASE}/Patient/p1` } },
  { resourceType: 'Observation', id: 'o3', status: 'final', code: { text: 'x' }, performer: [{ reference: 'Practitioner/d' }, p('p2')] },
  { resourceType: 'Observation', id: 'o4', status: 'final', code: { text: 'x' }, subject: { reference: 'Group/g' }, valueQuantity: { value: 1 } },
  { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, subject: p('p1') },
  { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'AMB' }, subject: { display: 'no reference' } },
  { resourceType: 'Appointment', id: 'a1', status: 'booked', participant: [{ actor: { reference: 'Practitioner/d' }, status: 'accepted' }, { actor: p('p2'), status: 'accepted' }] },
  { resourceType: 'CarePlan', id: 'c1', status: 'active', intent: 'plan', subject: p('p1') },
  { resourceType: 'CarePlan', id: 'c2', status: 'active', intent: 'plan', subject: { reference: 'Group/g' }, activity: [{ detail: { status: 'scheduled', performer: [p('p2')] } }] },
  { resourceType: 'CarePlan', id: 'c3', status: 'active', intent: 'plan', subject: { reference: `${BASE}/Patient/p1` } },
  { resourceType: 'CareTeam', id: 't1', subject: p('p1'), participant: [{ member: p('p2') }] },
  { resourceType: 'Goal', id: 'g1', lifecycleStatus: 'active', description: { text: 'x' }, subject: p('p2') },
  { resourceType: 'Task', id: 'k1', status: 'requested', intent: 'order', for: p('p1'), focus: { reference: 'CarePlan/c1' } },
  { resourceType: 'Task', id: 'k2', status: 'requested', intent: 'order', focus: p('p2') },
  { resourceType: 'Provenance', id: 'v1', recorded: '2026-01-01T00:00:00Z', agent: [{ who: { reference: 'Practitioner/d' } }], target: [p('p1')] },
  { resourceType: 'Communication', id: 'm1', status: 'completed', recipient: [p('p2')] },
  { resourceType: 'Practitioner', id: 'd' },
];

describe('inPatientCompartment', () => {
  it.each(['p1', 'p2', 'p3'])('answers as the whole FHIRPath expressions do, for Patient/%s', (patientId) => {
    const got = RESOURCES.map((r) => `${r.resourceType}/${r.id}: ${inPatientCompartment(r, patientId, BASE)}`);
    const want = RESOURCES.map((r) => `${r.resourceType}/${r.id}: ${reference(r, patientId)}`);
    expect(got).toEqual(want);
  });

  it('admits what points at the person and nothing else', () => {
    const members = RESOURCES.filter((r) => inPatientCompartment(r, 'p1', BASE)).map((r) => `${r.resourceType}/${r.id}`);
    expect(members).toEqual(['Patient/p1', 'Patient/p2', 'Observation/o1', 'Observation/o2', 'Encounter/e1', 'CarePlan/c1', 'CareTeam/t1', 'Task/k1', 'Provenance/v1']);
  });
});
