/**
 * Builds generated/browser.ts: the compact definition set the app's validator is fed in the browser. Only what
 * the Parcours profiles reach, not all of R4: the Parcours profiles and extensions (slim snapshots), the R4 data
 * types their elements name (transitively), the R4 resource types the profiles constrain or the Parcours examples carry (and Resource,
 * DomainResource), the R4 extensions and
 * constraint profiles their elements name, the ValueSets their required and extensible bindings use and the
 * CodeSystems those ValueSets draw on. Every R4 resource type is named (`resourceTypes`) even when its
 * definition is left out, so the validator can tell an unknown type from one this set does not carry.
 * Run with `pnpm --filter @parcours/definitions generate` (after @parcours/profiles generate).
 */
import type { CodeSystem, CodeSystemConcept, ElementDefinition, StructureDefinition, ValueSet, ValueSetComposeInclude } from '@medplum/fhirtypes';
import { codeSystems, examples, structureDefinitions, valueSets } from '@parcours/profiles/data';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { slimStructure } from './slim.ts';

const dir = fileURLToPath(new URL('../generated/', import.meta.url));

interface Line {
  key: string;
  kind: string;
  text: string;
}

function readTable(file: string): Map<string, Line> {
  const table = new Map<string, Line>();
  for (const text of readFileSync(dir + file, 'utf8').split('\n')) {
    if (!text || text.startsWith('#')) continue;
    const [key = '', kind = ''] = text.split('\t', 2);
    table.set(key, { key, kind, text });
  }
  return table;
}

const r4Structures = readTable('r4-structures.txt');
const r4Terminology = readTable('r4-terminology.txt');
const parse = <T>(line: Line): T => JSON.parse(line.text.slice(line.key.length + line.kind.length + 2)) as T;
const bare = (url: string): string => url.split('|')[0] ?? url;

// ---------------------------------------------------------------- structures
const keptStructures = new Set<string>();
const pending: StructureDefinition[] = [...structureDefinitions];
const keep = (key: string): void => {
  const line = r4Structures.get(key);
  if (!line || keptStructures.has(key)) return;
  keptStructures.add(key);
  pending.push(parse<StructureDefinition>(line));
};
// Data types are kept when an element names them (Extension.value[x] names most of them): ElementDefinition,
// MarketingStatus and the like, which only definitional resources use, stay out.
for (const type of ['Resource', 'DomainResource', 'Element', 'BackboneElement', 'Extension', 'Narrative', 'Meta']) keep(type);
for (const sd of structureDefinitions) if (sd.kind === 'resource' && sd.type) keep(sd.type);
// Resource types Parcours data carries without a Parcours profile (the discharge Bundle's Condition, MedicationRequest...).
const carried = (value: unknown): void => {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) return value.forEach(carried);
  for (const [k, v] of Object.entries(value)) if (k === 'resourceType' && typeof v === 'string') keep(v); else carried(v);
};
carried(examples);

const bound = new Set<string>();
const visitElement = (e: ElementDefinition): void => {
  for (const t of e.type ?? []) {
    // Age, Duration, Count... are R4 constraint profiles on Quantity, keyed by URL.
    if (t.code && !t.code.includes(':') && !t.code.includes('/')) for (const key of [t.code, `http://hl7.org/fhir/StructureDefinition/${t.code}`]) keep(key);
    for (const p of t.profile ?? []) keep(bare(p));
    // Constraint profiles named as reference targets (vitalsigns...) tell the validator their resource type.
    for (const p of t.targetProfile ?? []) if (r4Structures.get(bare(p))?.kind === 'resource') keep(bare(p));
  }
  if (e.binding?.valueSet && (e.binding.strength === 'required' || e.binding.strength === 'extensible')) bound.add(bare(e.binding.valueSet));
};
for (let sd = pending.pop(); sd; sd = pending.pop()) for (const e of sd.snapshot?.element ?? []) visitElement(e);

// ---------------------------------------------------------------- terminology
const keptTerms = new Set<string>();
const parcoursValueSets = new Map(valueSets.map((vs) => [vs.url, vs]));
const includes = (vs: ValueSet): ValueSetComposeInclude[] => [...(vs.compose?.include ?? []), ...(vs.compose?.exclude ?? [])];
const keepValueSet = (url: string): void => {
  const parcours = parcoursValueSets.get(url);
  const line = r4Terminology.get(url);
  if (keptTerms.has(url) || (!parcours && line?.kind !== 'ValueSet')) return;
  keptTerms.add(url);
  const vs = parcours ?? parse<ValueSet>(line as Line);
  for (const inc of includes(vs)) {
    if (inc.system && r4Terminology.get(inc.system)?.kind === 'CodeSystem') keptTerms.add(inc.system);
    for (const sub of inc.valueSet ?? []) keepValueSet(bare(sub));
  }
};
for (const url of bound) keepValueSet(url);
for (const vs of valueSets) if (vs.url) keepValueSet(vs.url);

// ---------------------------------------------------------------- output
const lines = (table: Map<string, Line>, keys: Set<string>): string =>
  [...table.values()].filter((l) => keys.has(l.key)).map((l) => l.text).join('\n') + '\n';
const structuresText = lines(r4Structures, keptStructures);
const terminologyText = lines(r4Terminology, keptTerms);
const resourceTypes = [...r4Structures.values()].filter((l) => l.kind === 'resource' && !l.key.includes('/')).map((l) => l.key);

function slimConcepts(concepts: CodeSystemConcept[] | undefined): CodeSystemConcept[] | undefined {
  return concepts?.map((c) => (c.concept ? { code: c.code, concept: slimConcepts(c.concept) } : { code: c.code }));
}
const slimValueSets = valueSets.map((vs): ValueSet => ({
  resourceType: 'ValueSet',
  url: vs.url,
  name: vs.name,
  title: vs.title,
  status: vs.status,
  compose: vs.compose,
  expansion: vs.expansion?.contains ? { timestamp: vs.expansion.timestamp, contains: vs.expansion.contains.map((c) => ({ system: c.system, code: c.code })) } : undefined,
}));
const slimCodeSystems = codeSystems.map((cs): CodeSystem => ({ resourceType: 'CodeSystem', url: cs.url, name: cs.name, status: cs.status, content: cs.content, concept: slimConcepts(cs.concept) }));
const slimProfiles = structureDefinitions.map((sd) => slimStructure(sd, true));

/** A template literal holding `text`: JSON needs no escaping of its many double quotes there (a tenth of the size). */
const literal = (text: string): string => '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

const source = [
  '// GENERATED by packages/definitions/scripts/generate-browser.ts from generated/r4-*.txt and @parcours/profiles: do not edit.',
  "import type { CodeSystem, StructureDefinition, ValueSet } from '@medplum/fhirtypes';",
  '',
  '/** Every R4 resource type, also those whose definition this set leaves out. */',
  `export const resourceTypes: string[] = ${JSON.stringify(resourceTypes)};`,
  `/** R4 StructureDefinitions the Parcours profiles reach (${keptStructures.size} of ${r4Structures.size}), one \`key<TAB>kind<TAB>json\` line each. */`,
  `export const structures: string = ${literal(structuresText)};`,
  `/** R4 ValueSets and CodeSystems their bindings reach (${[...keptTerms].filter((k) => r4Terminology.has(k)).length} of ${r4Terminology.size}), same format. */`,
  `export const terminology: string = ${literal(terminologyText)};`,
  '/** The Parcours profiles and extensions (slim snapshots), ValueSets and CodeSystems. */',
  `export const structureDefinitions: StructureDefinition[] = JSON.parse(${literal(JSON.stringify(slimProfiles))});`,
  `export const valueSets: ValueSet[] = JSON.parse(${literal(JSON.stringify(slimValueSets))});`,
  `export const codeSystems: CodeSystem[] = JSON.parse(${literal(JSON.stringify(slimCodeSystems))});`,
  '',
].join('\n');
writeFileSync(dir + 'browser.ts', source);
console.log(`@parcours/definitions: browser.ts ${keptStructures.size} R4 structures, ${keptTerms.size} value sets and code systems, ${structureDefinitions.length} Parcours structures, ${(source.length / 1024).toFixed(0)} KB`);
