/**
 * Lazy access to the slim R4 definitions in ../generated (built by scripts/generate-definitions.ts).
 * Each line is `key<TAB>kind<TAB>json`; the file is split once and a line is parsed only when first asked for,
 * so validating a Patient never pays for the 146 other resource definitions.
 */
import { readFileSync } from 'node:fs';

interface Line {
  kind: string;
  json: string;
  parsed?: unknown;
}

const tables = new Map<string, Map<string, Line>>();

function table(file: string): Map<string, Line> {
  let map = tables.get(file);
  if (map) return map;
  map = new Map();
  const text = readFileSync(new URL(`../generated/${file}`, import.meta.url), 'utf8');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(start) !== 35 /* '#' */) {
      const tab1 = text.indexOf('\t', start);
      const tab2 = text.indexOf('\t', tab1 + 1);
      if (tab1 > 0 && tab2 > tab1 && tab2 < end) {
        map.set(text.slice(start, tab1), { kind: text.slice(tab1 + 1, tab2), json: text.slice(tab2 + 1, end) });
      }
    }
    start = end + 1;
  }
  tables.set(file, map);
  return map;
}

function get<T>(file: string, key: string): T | undefined {
  const line = table(file).get(key);
  if (!line) return undefined;
  line.parsed ??= JSON.parse(line.json);
  return line.parsed as T;
}

/** A core StructureDefinition by type name (`Patient`, `HumanName`) or, for profiles and extensions, by URL. */
export function r4Structure<T>(key: string): T | undefined {
  return get<T>('r4-structures.txt', key);
}

/** Keys of the core structures of one kind (`complex-type`, `primitive-type`, `resource`, `extension`). */
export function r4StructureKeys(kind: string): string[] {
  const keys: string[] = [];
  for (const [key, line] of table('r4-structures.txt')) if (line.kind === kind) keys.push(key);
  return keys;
}

/** A core ValueSet or CodeSystem by canonical URL (without version). */
export function r4Terminology<T>(url: string): T | undefined {
  return get<T>('r4-terminology.txt', url);
}
