// Measure/[id]/$evaluate-measure on the embedded server: the standard operation, summary report only, for one
// structure (`subject=Organization/<id>`, or `structure=<id>`). Mounted by the sandbox through the fhir-server's
// `operations` option, so the server does not depend on this package. Reads the store directly once the caller
// is known to be allowed (access.ts); writes nothing.
// https://hl7.org/fhir/R4/measure-operation-evaluate-measure.html
import { allOk, singularize } from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRepository } from '@medplum/fhir-router';
import type { Measure, Organization, Parameters } from '@medplum/fhirtypes';
import { invalid, notFoundError } from '@parcours/outcomes';
import type { Caller } from './access.ts';
import { checkMaySee } from './access.ts';
import { evaluateMeasure } from './evaluate.ts';
import { findMeasure } from './measures.ts';
import { checkPeriod } from './period.ts';
import { sharedSource } from './shared.ts';
import { repositorySource } from './source.ts';

export interface OperationContext {
  /** The whole store (not the caller's filtered view: the figures count the whole structure). */
  repository: FhirRepository;
  caller?: Caller;
}

function param(req: FhirRequest, name: string): string | undefined {
  const fromQuery = req.query[name];
  if (fromQuery !== undefined) return singularize(fromQuery);
  const body = req.body as Parameters | undefined;
  const p = body?.resourceType === 'Parameters' ? body.parameter?.find((x) => x.name === name) : undefined;
  return p?.valueDate ?? p?.valueDateTime?.slice(0, 10) ?? p?.valueString ?? p?.valueCode ?? p?.valueReference?.reference;
}

/** The structure's Organization id from `subject=Organization/<id>` or `structure=<id>`. */
export function structureParameter(subject: string | undefined, structure: string | undefined): string {
  if (subject && structure) invalid('Donnez la structure une seule fois : subject=Organization/<id> ou structure=<id> / give the structure once', 'subject');
  const id = structure ?? (subject?.startsWith('Organization/') ? subject.slice('Organization/'.length) : undefined);
  if (subject && !subject.startsWith('Organization/')) invalid(`subject doit désigner une structure (Organization/<id>), reçu « ${subject} » / subject must be an Organization`, 'subject');
  if (!id) return invalid('Précisez la structure : subject=Organization/<id> (ou structure=<id>) / the structure is required', 'subject');
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) invalid(`Identifiant de structure invalide « ${id} » / invalid Organization id`, 'subject');
  return id;
}

async function measureOf(repository: FhirRepository, id: string): Promise<Measure> {
  const stored = await repository.readResource<Measure>('Measure', id).catch(() => undefined);
  return stored ?? findMeasure(id) ?? notFoundError(`Indicateur inconnu : Measure/${id} / unknown measure`);
}

/** The operation's handler (GET with query parameters, or POST with a Parameters body). */
export async function evaluateMeasureOperation(req: FhirRequest, context: OperationContext): Promise<FhirResponse> {
  if (req.params.resourceType !== 'Measure') return notFoundError(`$evaluate-measure n'existe que sur Measure / only on Measure`);
  const reportType = param(req, 'reportType');
  if (reportType && reportType !== 'summary') invalid(`Seul reportType=summary est servi (agrégats seulement) / only summary reports`, 'reportType');
  const period = checkPeriod(param(req, 'periodStart'), param(req, 'periodEnd'));
  const structure = structureParameter(param(req, 'subject'), param(req, 'structure'));
  const measure = await measureOf(context.repository, req.params.id ?? '');
  await checkMaySee(context.repository, context.caller, structure);
  const organization = await context.repository.readResource<Organization>('Organization', structure).catch(() => undefined);
  if (!organization) notFoundError(`Structure inconnue : Organization/${structure} / unknown structure`);
  // A failure that is not an OperationOutcome becomes the server's 500 naming the request's correlation id.
  const report = await evaluateMeasure(measure, sharedSource(context.repository, repositorySource(context.repository)), { period, structure });
  return [allOk, report];
}
