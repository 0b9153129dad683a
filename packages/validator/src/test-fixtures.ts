/**
 * Small local profiles for the engine's own tests, derived from the R4 snapshots so that they stay
 * structurally real: a profiled Observation with a required binding, an extensible binding, a pattern slice
 * with its own rules, a value slice with a type restriction, an extension slice and a narrowed reference.
 */
import type { CodeSystem, ElementDefinition, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { loadParcoursR4 } from './node.ts';
import { DefinitionTable } from './table.ts';

const r4 = new DefinitionTable(loadParcoursR4().structures);

export const T = 'https://test.parcours.fr';
export const OBS_PROFILE = `${T}/StructureDefinition/test-observation`;
export const STAGE_EXT = `${T}/StructureDefinition/test-stage`;
export const CS = `${T}/CodeSystem/test-codes`;
export const VS_CODES = `${T}/ValueSet/test-codes`;
export const VS_ALL_LOINC = `${T}/ValueSet/all-loinc`;
export const LOINC = 'http://loinc.org';
export const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

function clone<T>(v: T): T {
  return structuredClone(v);
}

function base(name: string): StructureDefinition {
  const sd = r4.get<StructureDefinition>(name);
  if (!sd) throw new Error(`missing R4 ${name}`);
  return clone(sd);
}

function insertAfterChildren(elements: ElementDefinition[], path: string, added: ElementDefinition[]): void {
  let at = elements.findIndex((e) => e.path === path);
  while (at + 1 < elements.length && (elements[at + 1]?.path ?? '').startsWith(path + '.')) at++;
  elements.splice(at + 1, 0, ...added);
}

function el(elements: ElementDefinition[], id: string): ElementDefinition {
  const found = elements.find((e) => (e.id ?? e.path) === id); // the slim tables leave out an id equal to the path
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

export function stageExtension(): StructureDefinition {
  const sd = base('Extension');
  const elements = sd.snapshot?.element ?? [];
  el(elements, 'Extension.extension').max = '0';
  Object.assign(el(elements, 'Extension.url'), { fixedUri: STAGE_EXT });
  Object.assign(el(elements, 'Extension.value[x]'), {
    min: 1,
    type: [{ code: 'CodeableConcept' }],
    binding: { strength: 'required', valueSet: VS_CODES },
  });
  return { ...sd, url: STAGE_EXT, name: 'TestStage', id: 'test-stage', derivation: 'constraint', type: 'Extension', kind: 'complex-type', context: [{ type: 'element', expression: 'Observation' }] };
}

export function observationProfile(): StructureDefinition {
  const sd = base('Observation');
  const elements = sd.snapshot?.element ?? [];
  Object.assign(el(elements, 'Observation.code'), { binding: { strength: 'required', valueSet: VS_CODES } });
  Object.assign(el(elements, 'Observation.subject'), { type: [{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'] }] });
  Object.assign(el(elements, 'Observation.method'), { binding: { strength: 'required', valueSet: VS_ALL_LOINC } });
  Object.assign(el(elements, 'Observation.extension'), { slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' } });
  insertAfterChildren(elements, 'Observation.extension', [
    { id: 'Observation.extension:stage', path: 'Observation.extension', sliceName: 'stage', min: 1, max: '1', type: [{ code: 'Extension', profile: [STAGE_EXT] }] },
  ]);
  Object.assign(el(elements, 'Observation.category'), { slicing: { discriminator: [{ type: 'pattern', path: '$this' }], rules: 'open' } });
  insertAfterChildren(elements, 'Observation.category', [
    {
      id: 'Observation.category:survey',
      path: 'Observation.category',
      sliceName: 'survey',
      min: 1,
      max: '1',
      type: [{ code: 'CodeableConcept' }],
      patternCodeableConcept: { coding: [{ system: CATEGORY, code: 'survey' }] },
    },
    { id: 'Observation.category:survey.text', path: 'Observation.category.text', min: 1, max: '1', type: [{ code: 'string' }] },
  ]);
  Object.assign(el(elements, 'Observation.component'), { slicing: { discriminator: [{ type: 'pattern', path: 'code' }], rules: 'closed' } });
  insertAfterChildren(elements, 'Observation.component', [
    { id: 'Observation.component:drinks', path: 'Observation.component', sliceName: 'drinks', min: 0, max: '1', type: [{ code: 'BackboneElement' }] },
    { id: 'Observation.component:drinks.code', path: 'Observation.component.code', min: 1, max: '1', type: [{ code: 'CodeableConcept' }], patternCodeableConcept: { coding: [{ system: LOINC, code: '74013-4' }] } },
    { id: 'Observation.component:drinks.value[x]', path: 'Observation.component.value[x]', min: 1, max: '1', type: [{ code: 'Quantity' }] },
  ]);
  return { ...sd, url: OBS_PROFILE, name: 'TestObservation', id: 'test-observation', derivation: 'constraint', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Observation' };
}

export const codeSystem: CodeSystem = {
  resourceType: 'CodeSystem',
  url: CS,
  status: 'active',
  content: 'complete',
  concept: [{ code: 'accueil' }, { code: 'alliance' }, { code: 'stabilisation' }],
};

export const valueSets: ValueSet[] = [
  {
    resourceType: 'ValueSet',
    url: VS_CODES,
    name: 'TestCodes',
    status: 'active',
    compose: { include: [{ system: CS }, { system: LOINC, concept: [{ code: '74013-4' }, { code: '11331-6' }] }] },
  },
  { resourceType: 'ValueSet', url: VS_ALL_LOINC, name: 'AllLoinc', status: 'active', compose: { include: [{ system: LOINC }] } },
];

/** A resource valid against {@link observationProfile}. */
export function validObservation(): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    meta: { profile: [OBS_PROFILE] },
    status: 'final',
    extension: [{ url: STAGE_EXT, valueCodeableConcept: { coding: [{ system: CS, code: 'alliance' }] } }],
    category: [{ coding: [{ system: CATEGORY, code: 'survey' }], text: 'Questionnaire' }],
    code: { coding: [{ system: LOINC, code: '11331-6' }] },
    subject: { reference: 'Patient/p1' },
    component: [{ code: { coding: [{ system: LOINC, code: '74013-4' }] }, valueQuantity: { value: 3, unit: 'verres/jour' } }],
  };
}
