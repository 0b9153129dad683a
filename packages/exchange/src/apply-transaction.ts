// Step "one transaction": every entry of the discharge as a conditional write keyed on an identifier, so that
// re-applying after a crash writes nothing new (https://hl7.org/fhir/R4/http.html#trules): the stay Encounter as a
// conditional update on its identifier, Practitioners and Organizations on RPPS/FINESS, the rest on an identifier
// derived from the message key; everything validated against its profile before anything is sent.
import type { Bundle, BundleEntry, Composition, Identifier, Resource } from '@medplum/fhirtypes';
import { hasErrors, validate } from '@parcours/validator';
import type { Stay } from './apply-bundle.ts';
import { ownIdentifier } from './apply-steps.ts';
import type { FollowUp } from './apply-steps.ts';
import { URI_IDENTIFIER_SYSTEM } from './constants.ts';
import { ApplyError } from './fhir-client.ts';
import { outcomeText } from '@parcours/outcomes';

type AnyRecord = Record<string, unknown>;

const BUSINESS_SYSTEMS: Record<string, string[]> = {
  Practitioner: ['urn:oid:1.2.250.1.71.4.2.1'],
  Organization: ['urn:oid:1.2.250.1.71.4.2.2'],
};
const IDENTIFIED_TYPES = ['MedicationRequest', 'MedicationStatement', 'Practitioner', 'Organization', 'PractitionerRole', 'Encounter', 'Task', 'Observation', 'Condition'];

export function identifierQuery(identifier: Identifier): string {
  return `identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`;
}

/** The key of one entry: its business identifier, the Task's own, the sender's RESTful fullUrl, or one derived from the message. */
function keyOf(resource: Resource & AnyRecord, entry: BundleEntry, identifiers: Identifier[], followUp: FollowUp, taskIdentifier: Identifier, next: () => Identifier): Identifier {
  const business = (BUSINESS_SYSTEMS[resource.resourceType] ?? []).map((s) => identifiers.find((i) => i.system === s && i.value)).find(Boolean);
  if (business) return business;
  if (resource.resourceType === 'Task' && entry === followUp.entry) return taskIdentifier;
  const type = resource.resourceType;
  let key = entry.fullUrl && /^https?:/.test(entry.fullUrl) && type !== 'Composition' ? { system: URI_IDENTIFIER_SYSTEM, value: entry.fullUrl } : next();
  if (type === 'Composition') {
    const composition = resource as unknown as Composition;
    if (!composition.identifier) composition.identifier = key;
    else key = composition.identifier;
  } else if ('identifier' in resource || IDENTIFIED_TYPES.includes(type)) {
    resource.identifier = [...identifiers, key];
  }
  return key;
}

/** The discharge's entries (the matched Patient left out) as conditional writes, in the Bundle's order. */
export function transactionEntries(stay: Stay, followUp: FollowUp, hash: string, taskIdentifier: Identifier): BundleEntry[] {
  const tx: BundleEntry[] = [];
  let counter = 0;
  for (const entry of stay.entries) {
    if (entry === stay.patientEntry) continue;
    const resource = entry.resource as Resource & AnyRecord;
    delete resource.id;
    const fullUrl = stay.urnOf.get(entry) as string;
    const business = resource.identifier as Identifier[] | Identifier | undefined;
    const identifiers = Array.isArray(business) ? business : business ? [business] : [];
    const stayId = resource.resourceType === 'Encounter' ? identifiers.find((i) => i.system && i.value) : undefined;
    if (stayId) {
      tx.push({ fullUrl, resource, request: { method: 'PUT', url: `Encounter?${identifierQuery(stayId)}` } });
      continue;
    }
    // Derived keys are numbered in the Bundle's order: the same message always gets the same keys.
    const key = keyOf(resource, entry, identifiers, followUp, taskIdentifier, () => ownIdentifier(hash, `${resource.resourceType.toLowerCase()}-${counter++}`));
    tx.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ifNoneExist: identifierQuery(key) } });
  }
  return tx;
}

/** Everything written must conform (profile from meta.profile, else base R4): a failure here can never apply. */
export function validateAll(tx: BundleEntry[]): void {
  for (const entry of tx) {
    // Extensions of the sender's own guides (FR Core…) are kept, as any FHIR receiver must; unknown modifiers are not.
    const result = validate(entry.resource, { unknownExtensions: 'information' });
    if (hasErrors(result)) {
      throw new ApplyError(`${entry.resource?.resourceType} non conforme / not conformant: ${outcomeText(result)}`, false, 422, result);
    }
  }
}

/** References written, by kind, from the transaction response (same order as the request). */
export function writtenReferences(tx: BundleEntry[], response: Bundle, taskUrn: string): Record<string, unknown> {
  const locations = (response.entry ?? []).map((e) => e.response?.location?.replace(/\/_history\/.*$/, '') ?? '');
  const at = (resourceType: string): string[] => locations.filter((l) => l.startsWith(`${resourceType}/`));
  return {
    encounter: at('Encounter')[0],
    composition: at('Composition')[0],
    task: locations[tx.findIndex((e) => e.fullUrl === taskUrn)],
    communication: at('Communication')[0],
    medicationRequests: at('MedicationRequest'),
  };
}
