/**
 * @parcours/profiles: the Parcours FHIR R4 implementation guide as data and constants, no logic.
 * Canonical base and package id are fixed once and for all: every StructureDefinition, ValueSet and
 * CodeSystem URL starts with {@link PARCOURS_CANONICAL}.
 */
export const PARCOURS_CANONICAL = 'https://fhir.parcours.fr';
export const PARCOURS_PACKAGE_ID = 'fr.parcours.fhir';
