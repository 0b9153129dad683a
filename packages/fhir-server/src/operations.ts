// Operations served next to the REST interactions: $validate, ValueSet/$expand, type and system history.
// See https://hl7.org/fhir/R4/resource-operation-validate.html and https://hl7.org/fhir/R4/valueset-operation-expand.html
import { allOk, singularize } from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRouter } from '@medplum/fhir-router';
import type { FhirRepository } from '@medplum/fhir-router';
import type { OperationOutcome, Parameters, Resource, ValueSet, ValueSetExpansionContains } from '@medplum/fhirtypes';
import type { HistoryReader } from './guard.ts';
import { invalid, notFoundError } from '@parcours/outcomes';

type Validate = (resource: unknown, options?: { profile?: string | string[]; unknownExtensions?: 'error' | 'information' }) => OperationOutcome;

let validatorPromise: Promise<{ validate: Validate; hasErrors: (o: OperationOutcome) => boolean }> | undefined;

/** The Parcours validator, loaded on first use (it indexes the profiles when imported). */
export function loadValidator(): Promise<{ validate: Validate; hasErrors: (o: OperationOutcome) => boolean }> {
  validatorPromise ??= import('@parcours/validator').then((m) => ({ validate: m.validate, hasErrors: m.hasErrors }));
  return validatorPromise;
}

function parameter(body: unknown, name: string): Parameters['parameter'] {
  const p = body as Parameters | undefined;
  return p?.resourceType === 'Parameters' ? (p.parameter ?? []).filter((x) => x.name === name) : [];
}

function stringParam(req: FhirRequest, name: string): string | undefined {
  const fromQuery = req.query[name];
  if (fromQuery !== undefined) return singularize(fromQuery);
  const p = parameter(req.body, name)?.[0];
  return p?.valueUri ?? p?.valueCanonical ?? p?.valueString ?? p?.valueCode ?? (p?.valueInteger !== undefined ? String(p.valueInteger) : undefined);
}

/** POST [base]/$validate and [base]/[type]/$validate: a Parameters body (`resource`, `profile`) or a bare resource. */
export async function validateOperation(req: FhirRequest): Promise<FhirResponse> {
  const body = req.body as Resource | undefined;
  if (!body || typeof body !== 'object' || !('resourceType' in body)) {
    return invalid('$validate needs a resource or a Parameters body');
  }
  const resource = body.resourceType === 'Parameters' && parameter(body, 'resource')?.length ? parameter(body, 'resource')?.[0]?.resource : body;
  if (!resource) {
    return invalid('$validate: the Parameters body has no `resource` parameter');
  }
  const type = req.params.resourceType;
  if (type && resource.resourceType !== type) {
    return invalid(`$validate on ${type} received a ${resource.resourceType}`);
  }
  const profile = stringParam(req, 'profile');
  const { validate } = await loadValidator();
  const outcome = validate(resource, profile ? { profile } : {});
  return [allOk, outcome];
}

let valueSetsPromise: Promise<ValueSet[]> | undefined;

function loadValueSets(): Promise<ValueSet[]> {
  valueSetsPromise ??= import('@parcours/profiles').then((m) => m.valueSets);
  return valueSetsPromise;
}

/** ValueSet/$expand?url=... for the Parcours value sets (pre-expanded, else expanded from enumerated concepts). */
export async function expandOperation(req: FhirRequest): Promise<FhirResponse> {
  const url = stringParam(req, 'url');
  if (!url) {
    return invalid('ValueSet/$expand needs a url parameter', 'url');
  }
  const [bareUrl] = url.split('|');
  const valueSet = (await loadValueSets()).find((vs) => vs.url === bareUrl);
  if (!valueSet) {
    return notFoundError(`Unknown value set: ${url} (this server expands the Parcours value sets)`);
  }
  let contains: ValueSetExpansionContains[] =
    valueSet.expansion?.contains ??
    (valueSet.compose?.include ?? []).flatMap((inc) => (inc.concept ?? []).map((c) => ({ system: inc.system, code: c.code, display: c.display })));
  const filter = stringParam(req, 'filter')?.toLowerCase();
  if (filter) {
    contains = contains.filter((c) => c.code?.toLowerCase().includes(filter) || c.display?.toLowerCase().includes(filter));
  }
  const offset = Number(stringParam(req, 'offset') ?? 0);
  const count = stringParam(req, 'count');
  const page = count !== undefined ? contains.slice(offset, offset + Number(count)) : contains.slice(offset);
  const expanded: ValueSet = {
    ...valueSet,
    expansion: { timestamp: new Date().toISOString(), total: contains.length, offset, contains: page },
  };
  return [allOk, expanded];
}

function intQuery(req: FhirRequest, name: string): number | undefined {
  const v = req.query[name];
  return v === undefined ? undefined : Number.parseInt(singularize(v) ?? '', 10);
}

/** GET [base]/[type]/_history and GET [base]/_history. */
export async function historyOperation(req: FhirRequest, repo: FhirRepository, _router: FhirRouter): Promise<FhirResponse> {
  const bundle = await (repo as FhirRepository & HistoryReader).readTypeHistory(req.params.resourceType, {
    count: intQuery(req, '_count'),
    offset: intQuery(req, '_offset'),
    since: req.query._since === undefined ? undefined : singularize(req.query._since),
  });
  return [allOk, bundle];
}
