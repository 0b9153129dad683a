/**
 * Regenerates everything @parcours/profiles ships, offline and deterministically:
 * core package layout → SUSHI (profiles/) → generated/resources/*.json → src/generated/data.ts → docs/*.md →
 * generated/fr.parcours.fhir-0.1.0.tgz. Run: pnpm --filter @parcours/profiles generate
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeSystem, ImplementationGuide, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { PARCOURS_CANONICAL, PARCOURS_PACKAGE_ID, PARCOURS_PACKAGE_VERSION } from '../src/constants.ts';
import { ensureCorePackage } from './core-package.ts';
import { indexPage, profilePage, valueSetsPage } from './docs.ts';
import { expandValueSet } from './expand.ts';
import { DOCS_DIR, FHIR_HOME, FSH_PROJECT_DIR, GENERATED_DIR, PACKAGE_DIR, SUSHI_BIN } from './paths.ts';
import { reproducibleTgz } from './tarball.ts';

const INVALID_FSH_DIR = join(FSH_PROJECT_DIR, 'input', 'fsh', 'instances', 'invalid');

function runSushi(): void {
  const result = spawnSync(process.execPath, [SUSHI_BIN, 'build', FSH_PROJECT_DIR, '--snapshot'], {
    env: { ...process.env, HOME: FHIR_HOME, USERPROFILE: FHIR_HOME },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  const summary = /(\d+) Errors?\s+(\d+) Warnings?/.exec(output);
  if (result.status !== 0 || !summary || summary[1] !== '0') {
    process.stderr.write(output);
    throw new Error(`SUSHI failed (exit ${result.status}); fix the FSH errors above`);
  }
  if (summary[2] !== '0') process.stderr.write(output.split('\n').filter((l) => /^warn/.test(l)).join('\n') + '\n');
}

/** Negative fixtures: `Instance: X` in instances/invalid/*.fsh, each with a `// expected: <substring>` comment. */
function invalidFixtures(): Map<string, string> {
  const fixtures = new Map<string, string>();
  for (const file of readdirSync(INVALID_FSH_DIR).filter((f) => f.endsWith('.fsh')).sort()) {
    const text = readFileSync(join(INVALID_FSH_DIR, file), 'utf8');
    for (const block of text.split(/^(?=Instance:)/m).slice(1)) {
      const name = /^Instance:\s*(\S+)/.exec(block)?.[1];
      const expected = /^\/\/\s*expected:\s*(.+?)\s*$/m.exec(block)?.[1];
      if (!name || !expected) throw new Error(`${file}: every invalid instance needs a "// expected: ..." comment`);
      fixtures.set(name, expected);
    }
  }
  return fixtures;
}

/** The ImplementationGuide resource of the package (SUSHI's FSHOnly mode writes none). */
function implementationGuide(definitions: (StructureDefinition | ValueSet | CodeSystem)[], examples: Resource[]): ImplementationGuide {
  return {
    resourceType: 'ImplementationGuide',
    id: PARCOURS_PACKAGE_ID,
    url: `${PARCOURS_CANONICAL}/ImplementationGuide/${PARCOURS_PACKAGE_ID}`,
    version: PARCOURS_PACKAGE_VERSION,
    name: 'Parcours',
    title: 'Parcours : plan de soins partagé en addictologie / Parcours shared addiction care plan',
    status: 'draft',
    publisher: 'Parcours',
    description: 'Profils FHIR R4 Parcours (données synthétiques) / Parcours FHIR R4 profiles (synthetic data)',
    jurisdiction: [{ coding: [{ system: 'urn:iso:std:iso:3166', code: 'FR' }] }],
    packageId: PARCOURS_PACKAGE_ID,
    license: 'CC0-1.0',
    fhirVersion: ['4.0.1'],
    definition: {
      resource: [
        ...definitions.map((r) => ({ reference: { reference: `${r.resourceType}/${r.id}` }, name: r.title ?? r.name ?? r.id, exampleBoolean: false })),
        ...examples.map((r) => {
          const profile = r.meta?.profile?.[0];
          return { reference: { reference: `${r.resourceType}/${r.id}` }, name: r.id, ...(profile ? { exampleCanonical: profile } : { exampleBoolean: true }) };
        }),
      ],
    },
  };
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
const byUrl = <T extends { url?: string }>(a: T, b: T): number => (a.url ?? '').localeCompare(b.url ?? '');
const byId = (a: Resource, b: Resource): number => `${a.resourceType}/${a.id}`.localeCompare(`${b.resourceType}/${b.id}`);

function main(): void {
  const started = Date.now();
  ensureCorePackage();
  runSushi();

  const outDir = join(FSH_PROJECT_DIR, 'fsh-generated', 'resources');
  const all = readdirSync(outDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Resource);
  const invalid = invalidFixtures();
  const structureDefinitions = all.filter((r): r is StructureDefinition => r.resourceType === 'StructureDefinition').sort(byUrl);
  const codeSystems = all.filter((r): r is CodeSystem => r.resourceType === 'CodeSystem').sort(byUrl);
  const valueSets = all
    .filter((r): r is ValueSet => r.resourceType === 'ValueSet')
    .sort(byUrl)
    .map((vs) => expandValueSet(vs, codeSystems));
  const instances = all.filter((r) => !['StructureDefinition', 'CodeSystem', 'ValueSet'].includes(r.resourceType)).sort(byId);
  const examples = instances.filter((r) => !invalid.has(r.id ?? ''));
  const invalidExamples = instances
    .filter((r) => invalid.has(r.id ?? ''))
    .map((resource) => ({ name: resource.id ?? '', resource, expected: invalid.get(resource.id ?? '') ?? '' }));
  if (invalidExamples.length !== invalid.size) throw new Error('some invalid instances were not produced by SUSHI');

  // 1. The resources as readable JSON (conformance resources and examples; negative fixtures apart).
  rmSync(GENERATED_DIR, { recursive: true, force: true });
  mkdirSync(join(GENERATED_DIR, 'resources'), { recursive: true });
  mkdirSync(join(GENERATED_DIR, 'examples'), { recursive: true });
  mkdirSync(join(GENERATED_DIR, 'invalid-examples'), { recursive: true });
  const fileName = (r: Resource): string => `${r.resourceType}-${r.id}.json`;
  for (const r of [...structureDefinitions, ...valueSets, ...codeSystems]) writeFileSync(join(GENERATED_DIR, 'resources', fileName(r)), json(r));
  for (const r of examples) writeFileSync(join(GENERATED_DIR, 'examples', fileName(r)), json(r));
  for (const { resource } of invalidExamples) writeFileSync(join(GENERATED_DIR, 'invalid-examples', fileName(resource)), json(resource));
  writeFileSync(
    join(GENERATED_DIR, 'README.md'),
    '# Generated files: do not edit\n\nEverything in this folder is generated by `pnpm --filter @parcours/profiles generate` ' +
      '(packages/profiles/scripts/generate.ts) from the FSH sources in `profiles/`, compiled offline by SUSHI. CI regenerates ' +
      'and fails on any difference.\n\n- `resources/`: StructureDefinitions (with snapshots), ValueSets (expanded), CodeSystems\n' +
      '- `examples/`: valid examples, one scenario per field document\n- `invalid-examples/`: negative fixtures (must fail validation)\n' +
      `- \`${PARCOURS_PACKAGE_ID}-${PARCOURS_PACKAGE_VERSION}.tgz\`: the FHIR NPM package (reproducible)\n`,
  );

  // 2. The TypeScript data module (JSON.parse of string literals: cheap to typecheck and fast to load).
  const literal = (value: unknown): string => JSON.stringify(JSON.stringify(value));
  writeFileSync(
    join(PACKAGE_DIR, 'src', 'generated', 'data.ts'),
    [
      '// GENERATED by packages/profiles/scripts/generate.ts from profiles/ (SUSHI): do not edit.',
      "import type { CodeSystem, Measure, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';",
      '',
      '/** A negative fixture: `expected` is a substring of the expected issue\'s expression or message. */',
      'export interface InvalidExample {',
      '  name: string;',
      '  resource: Resource;',
      '  expected: string;',
      '}',
      '',
      '/** Profiles and extensions, with snapshots. */',
      `export const structureDefinitions: StructureDefinition[] = JSON.parse(${literal(structureDefinitions)});`,
      '/** Parcours ValueSets, expanded. */',
      `export const valueSets: ValueSet[] = JSON.parse(${literal(valueSets)});`,
      '/** Parcours CodeSystems (French display, English designation). */',
      `export const codeSystems: CodeSystem[] = JSON.parse(${literal(codeSystems)});`,
      '/** Valid examples (FSH instances). */',
      `export const examples: Resource[] = JSON.parse(${literal(examples)});`,
      '/** The indicators (Measure instances under instances/measures/, also among the examples). */',
      `export const measures: Measure[] = JSON.parse(${literal(examples.filter((r) => r.resourceType === 'Measure'))});`,
      '/** Negative fixtures (FSH instances under instances/invalid/). */',
      `export const invalidExamples: InvalidExample[] = JSON.parse(${literal(invalidExamples)});`,
      '',
    ].join('\n'),
  );

  // 3. Documentation generated from the snapshots.
  rmSync(DOCS_DIR, { recursive: true, force: true });
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const sd of structureDefinitions) writeFileSync(join(DOCS_DIR, `${sd.id}.md`), profilePage(sd, valueSets));
  writeFileSync(join(DOCS_DIR, 'README.md'), indexPage(structureDefinitions));
  writeFileSync(join(DOCS_DIR, 'valuesets.md'), valueSetsPage(valueSets));

  // 4. The FHIR NPM package: package/package.json, package/.index.json, resources, examples under package/example/.
  const files = new Map<string, string>();
  const index: Record<string, string>[] = [];
  for (const r of [...structureDefinitions, ...valueSets, ...codeSystems]) {
    files.set(`package/${fileName(r)}`, json(r));
    const entry: Record<string, string> = { filename: fileName(r), resourceType: r.resourceType, id: r.id ?? '', url: r.url ?? '' };
    if (r.version) entry.version = r.version;
    if (r.resourceType === 'StructureDefinition') Object.assign(entry, { kind: r.kind, type: r.type, derivation: r.derivation ?? '' });
    index.push(entry);
  }
  for (const r of examples) files.set(`package/example/${fileName(r)}`, json(r));
  // The guide itself, as HL7's tools expect in a package (validators read its global profiles and its resources).
  const guide = implementationGuide([...structureDefinitions, ...valueSets, ...codeSystems], examples);
  files.set(`package/${fileName(guide)}`, json(guide));
  index.push({ filename: fileName(guide), resourceType: guide.resourceType, id: guide.id ?? '', url: guide.url, version: guide.version ?? '' });
  files.set('package/.index.json', json({ 'index-version': 1, files: index }));
  files.set(
    'package/package.json',
    json({
      name: PARCOURS_PACKAGE_ID,
      version: PARCOURS_PACKAGE_VERSION,
      canonical: PARCOURS_CANONICAL,
      url: PARCOURS_CANONICAL,
      title: 'Parcours : plan de soins partagé en addictologie / Parcours shared addiction care plan',
      description: 'Profils FHIR R4 Parcours (données synthétiques) / Parcours FHIR R4 profiles (synthetic data)',
      fhirVersions: ['4.0.1'],
      type: 'IG',
      license: 'CC0-1.0',
      author: 'Parcours',
      jurisdiction: 'urn:iso:std:iso:3166#FR',
      dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
    }),
  );
  writeFileSync(join(GENERATED_DIR, `${PARCOURS_PACKAGE_ID}-${PARCOURS_PACKAGE_VERSION}.tgz`), reproducibleTgz(files));

  console.log(
    `@parcours/profiles: ${structureDefinitions.length} StructureDefinitions, ${valueSets.length} ValueSets, ${codeSystems.length} CodeSystems, ` +
      `${examples.length} examples, ${invalidExamples.length} invalid examples in ${Date.now() - started} ms`,
  );
}

main();
