/**
 * Node only: FHIR packages (NPM format) read from disk, as the HL7 validator's `-ig`: a `.tgz`, a folder
 * (holding `package/` or the resources themselves), or `id#version` from the local package cache
 * ($FHIR_PACKAGE_CACHE, else ~/.fhir/packages, where SUSHI and the HL7 tools put them). Dependencies are loaded
 * from the cache too; R4 core is built in. Nothing is downloaded.
 * See https://confluence.hl7.org/display/FHIR/NPM+Package+Specification
 */
import type { CodeSystem, ImplementationGuide, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExtraDefinitions } from './definitions.ts';

/** A package that cannot be loaded, with a sentence saying why and what to do. */
export class PackageError extends Error {}

export interface LoadedPackage {
  /** `id#version`, or the file or folder name when the package has no manifest. */
  name: string;
  definitions: Required<Pick<ExtraDefinitions, 'structureDefinitions' | 'valueSets' | 'codeSystems' | 'implementationGuides'>>;
  /** Sentences about what could not be loaded (a missing dependency); the package itself was. */
  warnings: string[];
}

/** Packages R4 core provides: never looked for on disk. */
const BUILT_IN = /^hl7\.fhir\.r4\.core$/;

export function packageCache(): string {
  return process.env.FHIR_PACKAGE_CACHE ?? join(homedir(), '.fhir', 'packages');
}

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
}

/** The files of a tar archive (ustar, as npm packs), by path. */
function untar(buffer: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number): string => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    if (type === '0' || type === '') files.set(name.replace(/^\.\//, ''), buffer.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The package's resources (its top folder only: examples and other/ are not definitions) and manifest. */
function readSource(spec: string): { manifest: Manifest; files: [string, string][] } {
  if (/\.(tgz|tar\.gz)$/i.test(spec)) {
    if (!existsSync(spec)) throw new PackageError(`Cannot load the package ${spec}: no such file. Check the path.`);
    let entries: Map<string, Buffer>;
    try {
      entries = untar(gunzipSync(readFileSync(spec)));
    } catch (err) {
      throw new PackageError(`Cannot load the package ${spec}: it is not a gzipped tar archive (${err instanceof Error ? err.message : String(err)}).`);
    }
    const manifest = entries.get('package/package.json');
    const files = [...entries].filter(([name]) => /^package\/[^/]+\.json$/i.test(name) && name !== 'package/package.json' && !name.endsWith('.index.json'));
    return { manifest: manifest ? (JSON.parse(manifest.toString('utf8')) as Manifest) : {}, files: files.map(([n, b]) => [n, b.toString('utf8')]) };
  }
  let dir = spec;
  if (!existsSync(dir)) {
    const [id, version] = spec.split('#');
    const cache = packageCache();
    const found = id ? findInCache(cache, id, version) : undefined;
    if (!found) throw new PackageError(`Cannot load the package ${spec}: it is neither a file, a folder, nor in the package cache ${cache} (put it there, e.g. with the HL7 tools or SUSHI, or give its .tgz).`);
    dir = found;
  }
  if (!statSync(dir).isDirectory()) throw new PackageError(`Cannot load the package ${spec}: give a .tgz file, a folder or id#version.`);
  if (existsSync(join(dir, 'package', 'package.json'))) dir = join(dir, 'package');
  const manifestFile = join(dir, 'package.json');
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : {};
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
    .map((f): [string, string] => [join(dir, f), readFileSync(join(dir, f), 'utf8')]);
  return { manifest, files };
}

function findInCache(cache: string, id: string, version: string | undefined): string | undefined {
  if (version) {
    const dir = join(cache, `${id}#${version}`);
    return existsSync(dir) ? dir : undefined;
  }
  if (!existsSync(cache)) return undefined;
  // No version: the highest one in the cache.
  const versions = readdirSync(cache).filter((d) => d.startsWith(`${id}#`)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const last = versions.at(-1);
  return last ? join(cache, last) : undefined;
}

function sortResources(spec: string, files: [string, string][]): LoadedPackage['definitions'] {
  const defs: LoadedPackage['definitions'] = { structureDefinitions: [], valueSets: [], codeSystems: [], implementationGuides: [] };
  for (const [name, text] of files) {
    let r: { resourceType?: string };
    try {
      r = JSON.parse(text.replace(/^\uFEFF/, '')) as { resourceType?: string };
    } catch (err) {
      throw new PackageError(`Cannot load the package ${spec}: ${basename(name)} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (r.resourceType === 'StructureDefinition') defs.structureDefinitions.push(r as StructureDefinition);
    else if (r.resourceType === 'ValueSet') defs.valueSets.push(r as ValueSet);
    else if (r.resourceType === 'CodeSystem') defs.codeSystems.push(r as CodeSystem);
    else if (r.resourceType === 'ImplementationGuide') defs.implementationGuides.push(r as ImplementationGuide);
  }
  return defs;
}

/**
 * Loads packages and, from the cache, their dependencies (each once; R4 core is built in).
 * @throws PackageError when a package asked for cannot be loaded; a missing dependency is a warning.
 */
export function loadPackages(specs: readonly string[]): LoadedPackage[] {
  const loaded: LoadedPackage[] = [];
  const seen = new Set<string>();
  const load = (spec: string, requiredBy?: string): void => {
    let source: ReturnType<typeof readSource>;
    try {
      source = readSource(spec);
    } catch (err) {
      if (requiredBy && err instanceof PackageError) {
        loaded.push({ name: spec, definitions: sortResources(spec, []), warnings: [`The package ${spec}, a dependency of ${requiredBy}, is not in the package cache ${packageCache()}: profiles based on it cannot be loaded.`] });
        return;
      }
      throw err;
    }
    const name = source.manifest.name ? `${source.manifest.name}#${source.manifest.version ?? ''}` : basename(spec);
    if (seen.has(name)) return;
    seen.add(name);
    loaded.push({ name, definitions: sortResources(spec, source.files), warnings: [] });
    for (const [id, version] of Object.entries(source.manifest.dependencies ?? {})) {
      if (BUILT_IN.test(id) || seen.has(`${id}#${version}`)) continue;
      load(`${id}#${version}`, name);
    }
  };
  for (const spec of specs) load(spec);
  return loaded;
}
