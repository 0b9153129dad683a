// Search answers sent as stored: a matched or included resource that nobody reads before the answer leaves is
// written into the Bundle as the JSON text the store holds (JSON.stringify's own output at write time), instead of
// being parsed and serialised again (for 1,000 Observations: 15 ms of parsing and 11 of serialising).
// Each such resource is a stand-in that parses its text the first time anything looks inside it (the access
// checks of a grant without a principal, Medplum's include logic, a mutation): from then on it is an ordinary
// object, serialised as any other. Its type and id, and the person it belongs to (read with the row in SQL), are
// known without parsing: the audit trail names the same people as before.
import { randomBytes } from 'node:crypto';

interface Stored {
  type: string;
  id: string;
  text: string;
  /** The person (`Patient/` reference's id) its subject, patient, for or beneficiary names, if asked for. */
  owner: string | undefined;
  /** Set once parsed: the stand-in's target then holds the resource. */
  parsed: boolean;
}

/** The key under which a stand-in answers its Stored record (a symbol: no JSON, spread or key listing sees it). */
const STORED = Symbol('stored');

/**
 * The traps of one stand-in, as a class (one small object per resource, its methods shared): a search answers
 * thousands of stand-ins, and a closure per trap, or a WeakMap entry per resource, cost more than the rest of
 * building them (0.8 ms per 1,000 against 0.05).
 */
class StoredHandler implements ProxyHandler<object> {
  private readonly info: Stored;

  constructor(info: Stored) {
    this.info = info;
  }

  private materialise(target: object): void {
    if (this.info.parsed) return;
    this.info.parsed = true;
    Object.assign(target, JSON.parse(this.info.text) as object);
  }

  get(t: object, key: string | symbol, receiver: unknown): unknown {
    if (key === STORED) return this.info;
    if (!this.info.parsed && key === 'resourceType') return this.info.type;
    if (!this.info.parsed && key === 'id') return this.info.id;
    this.materialise(t);
    return Reflect.get(t, key, receiver) as unknown;
  }

  set(t: object, key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.materialise(t);
    return Reflect.set(t, key, value, receiver);
  }

  has(t: object, key: string | symbol): boolean {
    // A stored resource always has both (writeResource sets the id).
    if (!this.info.parsed && (key === 'resourceType' || key === 'id')) return true;
    this.materialise(t);
    return Reflect.has(t, key);
  }

  deleteProperty(t: object, key: string | symbol): boolean {
    this.materialise(t);
    return Reflect.deleteProperty(t, key);
  }

  ownKeys(t: object): (string | symbol)[] {
    this.materialise(t);
    return Reflect.ownKeys(t);
  }

  getOwnPropertyDescriptor(t: object, key: string | symbol): PropertyDescriptor | undefined {
    this.materialise(t);
    return Reflect.getOwnPropertyDescriptor(t, key);
  }

  defineProperty(t: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.materialise(t);
    return Reflect.defineProperty(t, key, descriptor);
  }

  preventExtensions(t: object): boolean {
    this.materialise(t);
    return Reflect.preventExtensions(t);
  }
}

/**
 * A resource read from the store, parsed on first use. `resourceType` and `id` are answered without parsing (the
 * audit trail and the include bookkeeping read only them); any other access parses the text into the target.
 */
export function storedResource<T extends object>(text: string, type: string, id: string, owner?: string): T {
  return new Proxy({}, new StoredHandler({ type, id, text, owner, parsed: false })) as T;
}

/** The Stored record of a stand-in, else undefined (an ordinary object has no such key). */
function storedOf(resource: unknown): Stored | undefined {
  return typeof resource === 'object' && resource !== null ? ((resource as { [STORED]?: Stored })[STORED]) : undefined;
}

/** The stored text of a stand-in nobody has looked inside, else undefined (serialise the object). */
export function storedText(resource: unknown): string | undefined {
  const info = storedOf(resource);
  return info && !info.parsed ? info.text : undefined;
}

/**
 * For a stand-in not yet parsed: the person its owner elements name, read in SQL with the row (see storedResource),
 * so the audit trail need not parse it; undefined for any other resource (read its elements).
 */
export function storedOwner(resource: object): { owner: string | undefined } | undefined {
  const info = storedOf(resource);
  return info && !info.parsed ? { owner: info.owner } : undefined;
}

/** Unique per process: no text of an answer can contain it by chance. */
const MARK = `\u0000stored-${randomBytes(12).toString('hex')}-`;
const MARK_JSON = JSON.stringify(MARK).slice(1, -1);
const PLACEHOLDER = new RegExp(`"${MARK_JSON.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`, 'g');

/**
 * JSON.stringify of an answer, where the entries of a Bundle whose resource is an untouched stand-in get the
 * stored text (byte for byte what JSON.stringify of the parsed resource gives: the store wrote it with
 * JSON.stringify), and so do those of the searchset Bundles a batch-response holds.
 */
export function stringifyAnswer(body: unknown): string {
  const texts: string[] = [];
  const json = JSON.stringify(withPlaceholders(body, texts, true));
  return texts.length === 0 ? json : json.replace(PLACEHOLDER, (_, i: string) => texts[Number(i)] as string);
}

/**
 * A copy of a Bundle with each untouched stand-in among its entries' resources replaced by a placeholder (its text
 * pushed to `texts`), and, with `nested`, the same done in the Bundles its entries hold (a batch-response's
 * searchsets); the body itself when it holds none.
 */
function withPlaceholders(body: unknown, texts: string[], nested: boolean): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const { resourceType, entry: entries } = body as { resourceType?: unknown; entry?: unknown };
  if (resourceType !== 'Bundle' || !Array.isArray(entries)) return body;
  let changed = false;
  const entry = entries.map((e: unknown) => {
    const resource = typeof e === 'object' && e !== null ? (e as { resource?: unknown }).resource : undefined;
    const text = storedText(resource);
    let marked: unknown = resource;
    if (text !== undefined) {
      texts.push(text);
      marked = `${MARK}${texts.length - 1}`;
    } else if (nested) {
      marked = withPlaceholders(resource, texts, false);
    }
    if (marked === resource) return e;
    changed = true;
    return { ...(e as object), resource: marked };
  });
  return changed ? { ...(body as object), entry } : body;
}

/** A top-level member of a JSON object's text: its key and where its `"key":value` starts and ends. */
interface Member { key: string; start: number; valueStart: number; end: number }

/** The end (exclusive) of the string whose opening quote is at `i`. */
function stringEnd(text: string, i: number): number {
  let q = text.indexOf('"', i + 1);
  for (;;) {
    if (q < 0) throw new SyntaxError('unterminated string');
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    q = text.indexOf('"', q + 1);
  }
}

/** The end (exclusive) of the value starting at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    for (let d = text.charCodeAt(j); d !== 44 && d !== 125 && d !== 93 && j < text.length; d = text.charCodeAt(++j));
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 34) j = stringEnd(text, j) - 1;
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
  }
  throw new SyntaxError('unterminated value');
}

/** The top-level members of the stored text of an object (JSON.stringify's output: no whitespace). */
function members(text: string): Member[] {
  const out: Member[] = [];
  let i = 1;
  while (text.charCodeAt(i) === 34) {
    const keyEnd = stringEnd(text, i);
    const key = text.slice(i + 1, keyEnd - 1);
    const end = valueEnd(text, keyEnd + 1);
    out.push({ key: key.includes('\\') ? (JSON.parse(`"${key}"`) as string) : key, start: i, valueStart: keyEnd + 1, end });
    i = text.charCodeAt(end) === 44 ? end + 1 : end;
  }
  return out;
}

/** The elements that say whose record a resource is, in the order the audit trail reads them (guard.ts's ownerOf). */
export const OWNER_ELEMENTS = ['subject', 'patient', 'for', 'beneficiary'] as const;

/** The person ownerOf (guard.ts) finds in these members: the first `Patient/` reference of its owner elements. */
function ownerIn(text: string, found: Member[]): string | undefined {
  for (const key of OWNER_ELEMENTS) {
    const m = found.find((x) => x.key === key);
    if (!m || text.charCodeAt(m.valueStart) !== 123) continue;
    const ref = (JSON.parse(text.slice(m.valueStart, m.end)) as { reference?: unknown }).reference;
    if (typeof ref === 'string' && ref.startsWith('Patient/')) return ref.slice('Patient/'.length);
  }
  return undefined;
}

/** The person the stored resource's owner elements name (as ownerOf would read it), without parsing all of it. */
export function storedOwnerOf(text: string): string | undefined {
  return ownerIn(text, members(text));
}

/**
 * The stored text cut to the top-level elements `keep` accepts, `meta.tag` given `tag` last (what elements() and
 * markSubsetted in summary.ts make of the parsed resource, serialised), and the person its kept owner elements name.
 */
export function cutStored(text: string, keep: (key: string) => boolean, tag: object): { text: string; owner: string | undefined } {
  const kept = members(text).filter((m) => keep(m.key));
  const parts = kept.map((m) => {
    if (m.key !== 'meta') return text.slice(m.start, m.end);
    const meta = JSON.parse(text.slice(m.valueStart, m.end)) as { tag?: object[] };
    return `"meta":${JSON.stringify({ ...meta, tag: [...(meta.tag ?? []), tag] })}`;
  });
  if (!kept.some((m) => m.key === 'meta')) parts.push(`"meta":${JSON.stringify({ tag: [tag] })}`);
  return { text: `{${parts.join(',')}}`, owner: ownerIn(text, kept) };
}
