// Snapshots generated from differentials: the Parcours profiles (whose snapshots SUSHI generated) are given to
// a validator with their differential only, and must give the same elements and the same verdicts.
// Medplum's schema registry is process-wide: this file builds only the differential-only validator, so no
// SUSHI snapshot is parsed before it (vitest isolates test files).
import type { StructureDefinition } from '@medplum/fhirtypes';
import { examples, invalidExamples } from '@parcours/profiles';
import { structureDefinitions } from '@parcours/profiles/data';
import { describe, expect, it } from 'vitest';
import { loadParcoursR4 } from './node.ts';
import { SnapshotError, generateSnapshot } from './snapshot.ts';
import { DefinitionTable } from './table.ts';
import { createValidator, hasErrors } from './validator.ts';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const source = loadParcoursR4();
const r4 = new DefinitionTable(source.structures);
const differentialOnly = structureDefinitions.map(({ snapshot: _, ...rest }) => rest as StructureDefinition);
const byUrl = new Map(differentialOnly.map((sd) => [sd.url, sd]));
const find = (url: string): StructureDefinition | undefined => {
  const bare = url.split('|')[0] ?? url;
  return byUrl.get(bare) ?? r4.get<StructureDefinition>(bare) ?? r4.get<StructureDefinition>(bare.slice(CORE.length));
};

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
/** What validation uses of an element; the slim R4 tables leave out documentation-only extensions. */
function essence(element: object): string {
  const e = element as Record<string, unknown>;
  const binding = e.binding as { strength?: string; valueSet?: string } | undefined;
  const type = (e.type as { code?: string; profile?: string[]; targetProfile?: string[] }[] | undefined)?.map((t) => ({ code: t.code, profile: t.profile, targetProfile: t.targetProfile }));
  const values = Object.keys(e).filter((k) => k.startsWith('fixed') || k.startsWith('pattern')).map((k) => [k, e[k]]);
  const slicing = e.slicing as { discriminator?: unknown; rules?: string } | undefined;
  return JSON.stringify(sortKeys({ min: e.min, max: e.max, type, binding: binding && { strength: binding.strength, valueSet: binding.valueSet }, values, slicing: slicing && { d: slicing.discriminator, r: slicing.rules }, sliceName: e.sliceName }));
}

// SUSHI writes the constraint on a child of a one-type choice (`valueAnnotation.text 1..1`) into the snapshot but not
// into the differential, so a snapshot generated from that differential cannot unfold it: compared without them.
const SUSHI_DIFFERENTIAL_GAPS: Record<string, string> = { 'parcours-encounter-note': 'Extension.value[x].' };

describe('snapshot generation', () => {
  it.each(structureDefinitions.map((sd) => [sd.id, sd] as const))('reproduces SUSHI for %s', (_id, sd) => {
    const mine = new Map((generateSnapshot(differentialOnly.find((d) => d.url === sd.url) as StructureDefinition, find).sd.snapshot?.element ?? []).map((e) => [e.id ?? e.path, e]));
    const differences: string[] = [];
    const gap = SUSHI_DIFFERENTIAL_GAPS[sd.id ?? ''];
    for (const e of sd.snapshot?.element ?? []) {
      if (gap && e.id?.startsWith(gap)) continue;
      const generated = mine.get(e.id ?? e.path);
      if (!generated) differences.push(`${e.id}: missing`);
      else if (essence(generated) !== essence(e)) differences.push(`${e.id}: ${essence(generated)} / SUSHI ${essence(e)}`);
    }
    expect(differences).toEqual([]);
  });

  it('says why when the base is unknown or an element matches nothing', () => {
    const sd = { resourceType: 'StructureDefinition', url: 'https://x.test/p', type: 'Patient', derivation: 'constraint', differential: { element: [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }] } } as StructureDefinition;
    expect(() => generateSnapshot({ ...sd, baseDefinition: 'https://x.test/base' }, find)).toThrow(/base definition https:\/\/x.test\/base is not known offline/);
    const wrong = { ...sd, baseDefinition: `${CORE}Patient`, differential: { element: [{ id: 'Patient.colour', path: 'Patient.colour', min: 1 }] } };
    expect(() => generateSnapshot(wrong, find)).toThrow(SnapshotError);
  });

  it('finds a profile that redefines the slicing it inherits to be in error', () => {
    const base = { resourceType: 'StructureDefinition', url: 'https://x.test/a', type: 'Patient', derivation: 'constraint', baseDefinition: `${CORE}Patient`, differential: { element: [{ id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' } }] } } as StructureDefinition;
    byUrl.set(base.url, base);
    const child = { ...base, url: 'https://x.test/b', baseDefinition: base.url, differential: { element: [{ id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'open' } }] } } as StructureDefinition;
    expect(generateSnapshot(child, find).problems.join()).toMatch(/redefines the slicing of Patient.identifier/);
    byUrl.delete(base.url);
  });
});

describe('a validator fed the Parcours profiles with their differential only', () => {
  const validator = createValidator({ ...source, structureDefinitions: differentialOnly });
  const errors = (r: unknown): string[] => validator.validate(r).issue.filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0]}: ${i.details?.text}`);

  it.each(examples.map((r) => [`${r.resourceType}/${r.id}`, r] as const))('%s is valid', (_n, resource) => {
    expect(errors(resource)).toEqual([]);
  });

  it.each(invalidExamples.map((x) => [x.name, x] as const))('%s fails as expected', (_n, x) => {
    const texts = validator.validate(x.resource).issue.filter((i) => i.severity === 'error').map((i) => `${i.expression?.join(',')} ${i.details?.text}`);
    expect(texts.some((t) => t.includes(x.expected)), texts.join('\n')).toBe(true);
  });

  it('reports a profile it cannot load with the reason, as a warning when only named in meta.profile', () => {
    validator.register({ structureDefinitions: [{ resourceType: 'StructureDefinition', url: 'https://x.test/orphan', name: 'Orphan', status: 'active', kind: 'resource', abstract: false, type: 'Patient', derivation: 'constraint', baseDefinition: 'https://x.test/missing', differential: { element: [{ id: 'Patient', path: 'Patient' }] } }] });
    const named = validator.validate({ resourceType: 'Patient', meta: { profile: ['https://x.test/orphan'] } });
    const issue = named.issue.find((i) => i.expression?.[0] === 'Patient.meta.profile');
    expect(issue?.severity).toBe('warning');
    expect(issue?.details?.text).toMatch(/could not be loaded by the validator: its snapshot could not be generated from its differential: its base definition https:\/\/x.test\/missing is not known offline/);
    expect(hasErrors(validator.validate({ resourceType: 'Patient' }, { profile: 'https://x.test/orphan' }))).toBe(true);
  });
});
