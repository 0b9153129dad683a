/**
 * Turning a profile into Medplum's parsed schema: its snapshot generated when it has a differential only
 * (snapshot.ts), the slicings Medplum cannot parse (`profile`, `exists` discriminators) set aside so that the
 * rest of the profile is still checked, and, when it cannot be loaded, the reason in one sentence.
 * See https://hl7.org/fhir/R4/profiling.html#discriminator
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { SnapshotError, generateSnapshot } from './snapshot.ts';

/** Discriminator types Medplum's parser accepts. */
const PARSED = new Set(['value', 'pattern', 'type']);

export interface LoadedProfile {
  /** The definition to give Medplum, with a snapshot; undefined when it cannot be loaded. */
  sd?: StructureDefinition;
  /** Why it cannot be loaded (a clause: "its base definition … is not known offline"). */
  failure?: string;
  /** The profile is wrong in itself (e.g. it redefines inherited slicing): an error, not only a limit of ours. */
  inError?: boolean;
  /** What was loaded but will not be checked (slicings set aside). */
  notes: string[];
}

/** The snapshot elements without the slicings Medplum cannot parse and their slices. */
function withoutUnparsedSlicing(elements: ElementDefinition[], notes: string[]): ElementDefinition[] {
  const dropped: string[] = [];
  const out: ElementDefinition[] = [];
  for (const e of elements) {
    const id = e.id ?? e.path ?? '';
    if (dropped.some((d) => id.startsWith(d + ':'))) continue;
    const kinds = (e.slicing?.discriminator ?? []).map((d) => d.type ?? '');
    const unparsed = kinds.filter((k) => !PARSED.has(k));
    if (unparsed.length > 0) {
      dropped.push(id);
      notes.push(`the slices of ${id} were not checked (discriminator '${unparsed.join("', '")}' is not supported offline)`);
      const copy = { ...e };
      delete copy.slicing;
      out.push(copy);
      continue;
    }
    out.push(e);
  }
  return out;
}

/** Prepares a profile for Medplum; `find` looks up its base and types (they may have a differential only). */
export function prepareProfile(sd: StructureDefinition, find: (url: string) => StructureDefinition | undefined): LoadedProfile {
  const notes: string[] = [];
  let full: StructureDefinition;
  try {
    const result = generateSnapshot(sd, find);
    if (result.problems.length > 0) return { failure: `the profile is in error: ${result.problems.join('; ')}`, inError: true, notes };
    full = result.sd;
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    return { failure: `its snapshot could not be generated from its differential: ${err.message}`, notes };
  }
  const elements = full.snapshot?.element ?? [];
  const kept = withoutUnparsedSlicing(elements, notes);
  const loaded = kept.length === elements.length && notes.length === 0 ? full : { ...full, snapshot: { element: kept } };
  // Medplum's parser refuses a definition without a name, which FHIR requires but published test and draft
  // profiles sometimes omit: the profile is still usable, so it gets one from its id or URL.
  return { sd: loaded.name ? loaded : { ...loaded, name: loaded.id ?? loaded.url.slice(loaded.url.lastIndexOf('/') + 1) }, notes };
}
