// Every write: validated against the Parcours profiles first (the validator is loaded on first write),
// then sent as one transaction Bundle with a Provenance saying who, when and for which organisation
// (http://hl7.org/fhir/R4/provenance.html). A refusal is explained from its OperationOutcome.
import type { Bundle, BundleEntry, OperationOutcome, Provenance, Reference, Resource } from '@medplum/fhirtypes';
import type { FhirApi } from './api.ts';
import { FhirRequestError } from './api.ts';
import { profile } from './codes.ts';

export interface WriteContext {
  fhirUser: string | undefined;
  organization: Reference | undefined;
  now?: () => Date;
}

export interface Change {
  /** A resource without id is created; with an id it is updated. */
  resource: Resource;
  /** The entry's fullUrl when other entries of the transaction point at it (a new workshop session, an orientation). */
  fullUrl?: string;
}

export class WriteError extends Error {
  /** invalid: the validator refused it (nothing sent); rejected: the server refused it; expired: the session ended. */
  readonly kind: 'invalid' | 'rejected' | 'expired';
  readonly outcome: OperationOutcome | undefined;
  constructor(kind: 'invalid' | 'rejected' | 'expired', message: string, outcome?: OperationOutcome) {
    super(message);
    this.name = 'WriteError';
    this.kind = kind;
    this.outcome = outcome;
  }
}

/** What the app needs of the validator (cross-package contract), typed here so the app only loads it dynamically. */
interface ValidatorModule {
  validate(resource: unknown, options?: { profile?: string | string[] }): OperationOutcome;
}

let validator: Promise<ValidatorModule> | undefined;
/**
 * The validator's browser entry (no file access) fed the compact definition set computed by `pnpm generate`
 * (the Parcours profiles and what they reach of R4), both fetched once: when the plan is on screen (usePlan) or
 * at the first write, whichever comes first.
 */
export function loadValidator(): Promise<ValidatorModule> {
  validator ??= Promise.all([import('@parcours/validator/core'), import('@parcours/definitions')]).then(
    ([core, definitions]) => core.createValidator(definitions),
    (error: unknown) => {
      validator = undefined; // a failed fetch (the network dropped) is tried again at the next write
      throw error;
    },
  );
  return validator;
}

/** The error issues of an outcome, in words: "message (where)". */
export function outcomeText(outcome: OperationOutcome | undefined): string {
  const issues = (outcome?.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (issues.length === 0) return '';
  return issues
    .map((i) => {
      const text = i.details?.text ?? i.diagnostics ?? i.code;
      const where = i.expression?.[0] ?? i.location?.[0];
      return where ? `${text} (${where})` : text;
    })
    .join(' ; ');
}

const uuid = (): string => `urn:uuid:${crypto.randomUUID()}`;

export function buildTransaction(changes: Change[], ctx: WriteContext): Bundle {
  const entries: BundleEntry[] = changes.map(({ resource, fullUrl }) => {
    if (resource.id) {
      return { fullUrl: `${resource.resourceType}/${resource.id}`, resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } };
    }
    return { fullUrl: fullUrl ?? uuid(), resource, request: { method: 'POST', url: resource.resourceType } };
  });
  const provenance: Provenance = {
    resourceType: 'Provenance',
    meta: { profile: [profile('parcours-provenance')] },
    target: entries.map((e): Reference => ({ reference: e.fullUrl })),
    recorded: (ctx.now?.() ?? new Date()).toISOString(),
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: changes.every((c) => !c.resource.id) ? 'CREATE' : 'UPDATE' }],
    },
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }] },
        who: { reference: ctx.fhirUser ?? 'Practitioner/unknown' },
        ...(ctx.organization?.reference ? { onBehalfOf: { reference: ctx.organization.reference } } : {}),
      },
    ],
  };
  entries.push({ fullUrl: uuid(), resource: provenance, request: { method: 'POST', url: 'Provenance' } });
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** Validates each resource of the transaction; the first outcome with errors, or undefined. */
export async function validateBundle(bundle: Bundle): Promise<OperationOutcome | undefined> {
  let mod: ValidatorModule;
  try {
    mod = await loadValidator();
  } catch (error) {
    throw new WriteError('invalid', `validateur indisponible / validator unavailable: ${(error as Error).message}`);
  }
  for (const entry of bundle.entry ?? []) {
    // urn:uuid references are fine inside a transaction; the validator sees the resource as the server will.
    const outcome = mod.validate(entry.resource);
    if ((outcome.issue ?? []).some((i) => i.severity === 'error' || i.severity === 'fatal')) return outcome;
  }
  return undefined;
}

/** Validates, sends, and returns the stored resources (Provenance left out), in the order of `changes`. */
export async function commit(api: FhirApi, changes: Change[], ctx: WriteContext): Promise<Resource[]> {
  const bundle = buildTransaction(changes, ctx);
  const invalid = await validateBundle(bundle);
  if (invalid) throw new WriteError('invalid', outcomeText(invalid), invalid);
  let response: Bundle;
  try {
    response = await api.transaction(bundle);
  } catch (error) {
    const e = error instanceof FhirRequestError ? error : undefined;
    // 401 after fhirclient could not refresh the token: the session is over; say so, not "refused".
    if (e?.status === 401 || /invalid_grant|refresh token|No 'state'|state.*not found/i.test((error as Error).message)) {
      throw new WriteError('expired', (error as Error).message.split('\n')[0] ?? '', e?.outcome);
    }
    throw new WriteError('rejected', outcomeText(e?.outcome) || (error as Error).message, e?.outcome);
  }
  // Servers answering with return=minimal send only a location: keep what we sent, with the assigned id.
  return (response.entry ?? []).slice(0, changes.length).map((e, i) => {
    const sent = (changes[i] as Change).resource;
    if (e.resource) return e.resource;
    const id = e.response?.location?.split('/')[1];
    return { ...sent, id: sent.id ?? id } as Resource;
  });
}
