/**
 * Node only: the full definition set, R4 core from @parcours/definitions (read from its files) plus the
 * Parcours profiles, ValueSets and CodeSystems from @parcours/profiles. For the CLI, the FHIR server and the
 * exchange; the browser is fed the compact set instead (@parcours/definitions).
 */
import { codeSystems, structureDefinitions, valueSets } from '@parcours/profiles/data';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DefinitionSource } from './table.ts';

const require = createRequire(import.meta.url);

function definitionsFile(name: string): string {
  return readFileSync(require.resolve(`@parcours/definitions/${name}`), 'utf8');
}

/** All of R4 4.0.1 (types, resources, core profiles and extensions, ValueSets, CodeSystems) and the Parcours IG. */
export function loadParcoursR4(): DefinitionSource {
  return {
    structures: definitionsFile('r4-structures.txt'),
    terminology: definitionsFile('r4-terminology.txt'),
    structureDefinitions,
    valueSets,
    codeSystems,
  };
}
