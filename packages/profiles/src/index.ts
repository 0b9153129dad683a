/**
 * @parcours/profiles: the Parcours FHIR R4 implementation guide as data and constants, no logic.
 * Canonical base and package id are fixed once and for all: every StructureDefinition, ValueSet and
 * CodeSystem URL starts with {@link PARCOURS_CANONICAL}. The data arrays are generated from the FSH sources in
 * profiles/ by `pnpm --filter @parcours/profiles generate` (SUSHI, offline).
 */
export * from './constants.ts';
export { codeSystems, examples, invalidExamples, measures, structureDefinitions, valueSets } from './generated/data.ts';
export type { InvalidExample } from './generated/data.ts';
