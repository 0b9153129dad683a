/**
 * Snapshots from differentials, offline and synchronously, on the definitions the validator was fed: most
 * profiles are published with a differential only, and Medplum parses snapshots only. The base snapshot is
 * copied, each differential element is merged onto the element it constrains (a slice is created from its
 * sliced element, a datatype is unfolded when a path goes inside it), as the FHIR snapshot rules say.
 * See https://hl7.org/fhir/R4/profiling.html#snapshot and https://hl7.org/fhir/R4/elementdefinition.html#interpretation
 */
import type { ElementDefinition, ElementDefinitionSlicing, StructureDefinition } from '@medplum/fhirtypes';

/** Why a snapshot could not be generated, in a sentence an integrator can act on. */
export class SnapshotError extends Error {}

export interface SnapshotResult {
  sd: StructureDefinition;
  /** Errors in the profile itself (e.g. it redefines the slicing it inherits): the profile cannot be used. */
  problems: string[];
}

type Find = (url: string) => StructureDefinition | undefined;
type ED = ElementDefinition & Record<string, unknown>;

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';
/** Keys of a differential element that are not constraints to merge. */
const NOT_MERGED = new Set(['id', 'path', 'constraint', 'mapping', 'binding', 'slicing', 'base']);

const idOf = (e: ElementDefinition): string => e.id ?? e.path ?? '';
const parentId = (id: string): string => id.slice(0, id.lastIndexOf('.'));

/** `Observation.component:sys.code` → its segments, a slice name staying with its element. */
function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

class Builder {
  readonly elements: ED[];
  readonly problems: string[] = [];
  private readonly find: Find;
  private readonly depth: number;
  private readonly specialization: boolean;

  constructor(base: StructureDefinition, sd: StructureDefinition, find: Find, depth: number) {
    this.find = find;
    this.depth = depth;
    this.specialization = sd.derivation === 'specialization';
    const from = base.snapshot?.element?.[0]?.path ?? base.type ?? '';
    const to = sd.type ?? from;
    const rebase = (s: string): string => (from === to || (s !== from && !s.startsWith(from + '.') && !s.startsWith(from + ':')) ? s : to + s.slice(from.length));
    this.elements = (base.snapshot?.element ?? []).map((e) => {
      const copy = structuredClone(e) as ED;
      copy.id = rebase(idOf(e));
      copy.path = rebase(e.path ?? '');
      return copy;
    });
  }

  private indexOf(id: string): number {
    return this.elements.findIndex((e) => e.id === id);
  }

  /** The index after the element `id`, its children and its slices. */
  private endOf(at: number): number {
    const id = this.elements[at]?.id ?? '';
    let end = at + 1;
    while (end < this.elements.length) {
      const next = this.elements[end]?.id ?? '';
      if (!next.startsWith(id + '.') && !next.startsWith(id + ':')) break;
      end++;
    }
    return end;
  }

  /** The element a differential id names, unfolding datatypes and creating slices on the way. */
  resolve(id: string, diff?: ElementDefinition): number {
    let at = this.indexOf(id);
    if (at >= 0) return at;
    const dot = id.lastIndexOf('.');
    if (dot < 0) return -1;
    const last = lastSegment(id);
    const colon = last.indexOf(':');
    if (colon > 0) {
      const sliced = this.resolve(id.slice(0, dot + 1 + colon));
      if (sliced < 0) return -1;
      return this.createSlice(sliced, last.slice(colon + 1));
    }
    const parent = this.resolve(parentId(id));
    if (parent < 0) return -1;
    // The parent was named by its choice type (`valueQuantity` for `value[x]`): continue under its real id.
    const actual = this.elements[parent]?.id ?? '';
    if (actual !== parentId(id)) return this.resolve(`${actual}.${last}`, diff);
    at = this.indexOf(id);
    if (at >= 0) return at;
    if (this.endOf(parent) === parent + 1) this.unfold(parent);
    at = this.indexOf(id);
    if (at >= 0) return at;
    at = this.choiceFor(id);
    if (at >= 0) return at;
    if (this.specialization && diff) return this.addNew(parent, diff);
    return -1;
  }

  /** `Observation.valueQuantity` names `Observation.value[x]` restricted to Quantity. */
  private choiceFor(id: string): number {
    const last = lastSegment(id);
    for (let i = last.length - 1; i > 0; i--) {
      const c = last.charCodeAt(i);
      if (c < 65 || c > 90) continue;
      const at = this.indexOf(`${parentId(id)}.${last.slice(0, i)}[x]`);
      if (at < 0) continue;
      const el = this.elements[at] as ED;
      const suffix = last.slice(i);
      const type = el.type?.find((t) => (t.code ?? '').charAt(0).toUpperCase() + (t.code ?? '').slice(1) === suffix);
      if (!type) return -1;
      el.type = [type];
      return at;
    }
    return -1;
  }

  /** An element a specialization adds (a logical model or a custom type): the differential is its definition. */
  private addNew(parent: number, diff: ElementDefinition): number {
    const at = this.endOf(parent);
    const added = { min: 0, max: '*', ...structuredClone(diff), id: idOf(diff) } as ED;
    added.base ??= { path: diff.path ?? '', min: added.min ?? 0, max: added.max ?? '*' };
    this.elements.splice(at, 0, added);
    return at;
  }

  /** Copies the children of the element's type (or of the element a contentReference names) under it. */
  private unfold(at: number): void {
    const el = this.elements[at] as ED;
    const id = el.id ?? '';
    if (el.contentReference) {
      const ref = el.contentReference.slice(el.contentReference.indexOf('#') + 1);
      const children = this.elements.filter((e) => e.id?.startsWith(ref + '.') && !e.id.includes(':'));
      this.elements.splice(at + 1, 0, ...children.map((c) => this.moved(c, ref, id, el.path ?? '')));
      return;
    }
    const type = this.typeOf(el);
    if (!type) throw new SnapshotError(`${id} has ${el.type?.length ?? 0} types: a differential can only constrain inside it once it is limited to one`);
    if (type.code === 'BackboneElement' || type.code === 'Element') return;
    const url = type.profile?.[0] ?? CORE_SD + type.code;
    const typeSd = this.find(url) ?? this.find(CORE_SD + type.code);
    if (!typeSd) throw new SnapshotError(`the type ${url} of ${id} is not known offline`);
    const snapshot = typeSd.snapshot?.element?.length ? typeSd : generateSnapshot(typeSd, this.find, this.depth + 1).sd;
    const elements = snapshot.snapshot?.element ?? [];
    const root = elements[0]?.path ?? type.code ?? '';
    this.elements.splice(at + 1, 0, ...elements.slice(1).map((c) => this.moved(c, root, id, el.path ?? '')));
  }

  private typeOf(el: ED): { code?: string; profile?: string[] } | undefined {
    if (el.type?.length === 1) return el.type[0];
    // `value[x]:valueQuantity`: the slice names the type.
    const m = /\[x\]:[a-z]+([A-Z]\w*)$/.exec(el.id ?? '');
    const suffix = m?.[1];
    return suffix ? el.type?.find((t) => (t.code ?? '').toLowerCase() === suffix.toLowerCase()) : undefined;
  }

  private moved(child: ElementDefinition, fromRoot: string, toId: string, toPath: string): ED {
    const copy = structuredClone(child) as ED;
    copy.id = toId + idOf(child).slice(fromRoot.length);
    copy.path = toPath + (child.path ?? '').slice(fromRoot.length);
    return copy;
  }

  /** A new slice of the element at `sliced`: a copy of it and of its children, min 0 (SUSHI and the HL7 tools do the same). */
  private createSlice(sliced: number, name: string): number {
    const el = this.elements[sliced] as ED;
    const id = el.id ?? '';
    const sliceId = `${id}:${name}`;
    const existing = this.indexOf(sliceId);
    if (existing >= 0) return existing;
    if (!el.slicing) {
      // Choices may be sliced by type and extensions by url without saying so; any other element must declare its slicing.
      if ((el.path ?? '').endsWith('[x]')) el.slicing = { discriminator: [{ type: 'type', path: '$this' }], rules: 'open' };
      else if (/(^|\.)(modifierE|e)xtension$/.test(el.path ?? '')) el.slicing = { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' };
      else throw new SnapshotError(`it defines the slice ${name} on ${id}, which has no slicing`);
    }
    const slice = structuredClone(el) as ED;
    delete slice.slicing;
    Object.assign(slice, { id: sliceId, sliceName: name, min: 0 });
    const children = this.elements.filter((e) => e.id?.startsWith(id + '.')).map((c) => this.moved(c, id, sliceId, el.path ?? ''));
    const at = this.endOf(sliced);
    this.elements.splice(at, 0, slice, ...children);
    return at;
  }

  merge(at: number, diff: ElementDefinition): void {
    const target = this.elements[at] as ED;
    for (const [key, value] of Object.entries(diff)) {
      if (NOT_MERGED.has(key) || value === undefined) continue;
      if (key.startsWith('fixed') || key.startsWith('pattern')) {
        for (const k of Object.keys(target)) if (k.startsWith('fixed') || k.startsWith('pattern')) delete target[k];
      }
      target[key] = structuredClone(value);
    }
    if (diff.binding) target.binding = { ...target.binding, ...structuredClone(diff.binding) };
    if (diff.constraint?.length) {
      const keys = new Set(diff.constraint.map((c) => c.key));
      target.constraint = [...(target.constraint ?? []).filter((c) => !keys.has(c.key)), ...structuredClone(diff.constraint)];
    }
    if (diff.slicing) this.mergeSlicing(target, diff.slicing);
  }

  /** Inherited slicing may be tightened (closed, ordered), not redefined with other discriminators. */
  private mergeSlicing(target: ED, slicing: ElementDefinitionSlicing): void {
    const inherited = target.slicing;
    const key = (s: ElementDefinitionSlicing): string => (s.discriminator ?? []).map((d) => `${d.type}:${d.path}`).join(',');
    if (inherited && slicing.discriminator?.length && key(inherited) !== key(slicing) && key(inherited) !== '') {
      this.problems.push(`it redefines the slicing of ${target.id} (discriminator ${key(slicing)} where the base has ${key(inherited)}): a profile may only add discriminators' constraints, not change them`);
    }
    if (inherited?.ordered && slicing.ordered === false) this.problems.push(`it makes the ordered slicing of ${target.id} unordered`);
    if (inherited?.rules === 'closed' && slicing.rules && slicing.rules !== 'closed') this.problems.push(`it reopens the closed slicing of ${target.id}`);
    target.slicing = { ...inherited, ...structuredClone(slicing), discriminator: slicing.discriminator?.length ? structuredClone(slicing.discriminator) : inherited?.discriminator };
  }
}

/**
 * A StructureDefinition with its snapshot, generated from its differential over its base (itself generated
 * when it has a differential only). Returns the definition unchanged when it has a snapshot already.
 * @throws SnapshotError when the base or a type is not known, or a differential element matches nothing.
 */
export function generateSnapshot(sd: StructureDefinition, find: Find, depth = 0): SnapshotResult {
  if (sd.snapshot?.element?.length) return { sd, problems: [] };
  if (depth > 12) throw new SnapshotError('its chain of base definitions is too deep (a cycle?)');
  const diff = sd.differential?.element ?? [];
  if (diff.length === 0) throw new SnapshotError('it has neither a snapshot nor a differential');
  if (!sd.baseDefinition) throw new SnapshotError('it has no baseDefinition to build its snapshot on');
  const found = find(sd.baseDefinition);
  if (!found) throw new SnapshotError(`its base definition ${sd.baseDefinition} is not known offline (load the package that defines it with --ig)`);
  const base = found.snapshot?.element?.length ? found : generateSnapshot(found, find, depth + 1).sd;
  const builder = new Builder(base, sd, find, depth);
  for (const d of diff) {
    const id = d.id ?? (d.sliceName ? `${d.path}:${d.sliceName}` : (d.path ?? ''));
    const at = builder.resolve(id, d);
    if (at < 0) throw new SnapshotError(`its differential element ${id} matches no element of its base ${sd.baseDefinition}`);
    builder.merge(at, d);
  }
  return { sd: { ...sd, snapshot: { element: builder.elements } }, problems: builder.problems };
}
