/**
 * @parcours/indicators: the funders' indicators as FHIR Measures (defined in @parcours/profiles), computed over
 * standard FHIR searches into summary MeasureReports: a library, a CLI (`pnpm indicators`) and the
 * `Measure/[id]/$evaluate-measure` operation for the embedded server. See README.md.
 */
export { evaluateMeasure, MEASURE_POPULATION_SYSTEM, NOT_RECORDED } from './evaluate.ts';
export type { EvaluateOptions } from './evaluate.ts';
export { compileMeasure, MeasureExtension } from './definitions.ts';
export { MEASURES, findMeasure } from './measures.ts';
export { checkPeriod, parsePeriod, periodVariables } from './period.ts';
export type { Period } from './period.ts';
export { cachedSource, httpSource, repositorySource } from './source.ts';
export type { FhirSource, PagingClient } from './source.ts';
export { inScope, personOf, structureScope } from './structure.ts';
export type { StructureScope } from './structure.ts';
export { checkMaySee, COORDINATOR_ROLE, FUNDER_ROLE } from './access.ts';
export type { Caller } from './access.ts';
export { evaluateMeasureOperation, structureParameter } from './operation.ts';
export type { OperationContext } from './operation.ts';
export { reportRows, toCsv } from './csv.ts';
export type { ReportRow } from './csv.ts';
export { INDICATOR_SCOPES, evaluateOperationRoute } from './mount.ts';
