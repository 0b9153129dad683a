/**
 * The definitions a validator is fed (`DefinitionSource`), and the line-indexed tables they come in: each line
 * is `key<TAB>kind<TAB>json` (lines starting with `#` are comments), split once and parsed line by line on
 * first use, so validating a Patient never pays for the 146 other resource definitions. No file access here:
 * the same code runs in the browser, fed the compact set of @parcours/definitions.
 */
import type { CodeSystem, ImplementationGuide, StructureDefinition, ValueSet } from '@medplum/fhirtypes';

/** What `createValidator` is given: a loaded FHIR package, R4 core plus the profiles on top of it. */
export interface DefinitionSource {
  /** R4 StructureDefinitions with snapshots, keyed by type name (`Patient`, `HumanName`), or by URL for constraint profiles and extensions. */
  structures: string;
  /** R4 ValueSets and CodeSystems, keyed by canonical URL. */
  terminology: string;
  /** Every R4 resource type name; default: the resource types in `structures`. A compact set names all of them, so a type it leaves out is not mistaken for an unknown one. */
  resourceTypes?: readonly string[];
  /** Profiles and extensions (with snapshots) on top of R4, e.g. the Parcours ones; looked up by URL, name, id or title. */
  structureDefinitions?: readonly StructureDefinition[];
  valueSets?: readonly ValueSet[];
  codeSystems?: readonly CodeSystem[];
  /** ImplementationGuides whose `global` profiles apply to every resource of their type. */
  implementationGuides?: readonly ImplementationGuide[];
  /** The type (`token`, `date`…) of each R4 SearchParameter by canonical URL, for CapabilityStatements; optional. */
  searchParameterTypes?: Readonly<Record<string, string>>;
}

interface Line {
  kind: string;
  json: string;
  parsed?: unknown;
}

/** A line-indexed table of definitions, parsed lazily. */
export class DefinitionTable {
  private readonly lines = new Map<string, Line>();

  constructor(text: string) {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (text.charCodeAt(start) !== 35 /* '#' */) {
        const tab1 = text.indexOf('\t', start);
        const tab2 = text.indexOf('\t', tab1 + 1);
        if (tab1 > 0 && tab2 > tab1 && tab2 < end) {
          this.lines.set(text.slice(start, tab1), { kind: text.slice(tab1 + 1, tab2), json: text.slice(tab2 + 1, end) });
        }
      }
      start = end + 1;
    }
  }

  /** The definition under `key`, parsed on first use. */
  get<T>(key: string): T | undefined {
    const line = this.lines.get(key);
    if (!line) return undefined;
    line.parsed ??= JSON.parse(line.json);
    return line.parsed as T;
  }

  /** The unparsed JSON text under `key` (to test for a word without parsing it). */
  raw(key: string): string | undefined {
    return this.lines.get(key)?.json;
  }

  /** Keys of one kind (`complex-type`, `primitive-type`, `resource`, `extension`, `ValueSet`, `CodeSystem`). */
  keys(kind: string): string[] {
    const keys: string[] = [];
    for (const [key, line] of this.lines) if (line.kind === kind) keys.push(key);
    return keys;
  }
}
