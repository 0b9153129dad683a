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

const stored = new WeakMap<object, Stored>();

function materialise(target: object, info: Stored): void {
  if (info.parsed) return;
  info.parsed = true;
  Object.assign(target, JSON.parse(info.text) as object);
}

/**
 * A resource read from the store, parsed on first use. `resourceType` and `id` are answered without parsing (the
 * audit trail and the include bookkeeping read only them); any other access parses the text into the target.
 */
export function storedResource<T extends object>(text: string, type: string, id: string, owner?: string): T {
  const info: Stored = { type, id, text, owner, parsed: false };
  const target = {};
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (!info.parsed && key === 'resourceType') return info.type;
      if (!info.parsed && key === 'id') return info.id;
      materialise(t, info);
      return Reflect.get(t, key, receiver) as unknown;
    },
    set(t, key, value, receiver) {
      materialise(t, info);
      return Reflect.set(t, key, value, receiver);
    },
    has(t, key) {
      // A stored resource always has both (writeResource sets the id).
      if (!info.parsed && (key === 'resourceType' || key === 'id')) return true;
      materialise(t, info);
      return Reflect.has(t, key);
    },
    deleteProperty(t, key) {
      materialise(t, info);
      return Reflect.deleteProperty(t, key);
    },
    ownKeys(t) {
      materialise(t, info);
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, key) {
      materialise(t, info);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    defineProperty(t, key, descriptor) {
      materialise(t, info);
      return Reflect.defineProperty(t, key, descriptor);
    },
    preventExtensions(t) {
      materialise(t, info);
      return Reflect.preventExtensions(t);
    },
  });
  stored.set(proxy, info);
  return proxy as T;
}

/** The stored text of a stand-in nobody has looked inside, else undefined (serialise the object). */
export function storedText(resource: unknown): string | undefined {
  const info = typeof resource === 'object' && resource !== null ? stored.get(resource) : undefined;
  return info && !info.parsed ? info.text : undefined;
}

/**
 * For a stand-in not yet parsed: the person its owner elements name, read in SQL with the row (see storedResource),
 * so the audit trail need not parse it; undefined for any other resource (read its elements).
 */
export function storedOwner(resource: object): { owner: string | undefined } | undefined {
  const info = stored.get(resource);
  return info && !info.parsed ? { owner: info.owner } : undefined;
}

/** Unique per process: no text of an answer can contain it by chance. */
const MARK = `\u0000stored-${randomBytes(12).toString('hex')}-`;
const MARK_JSON = JSON.stringify(MARK).slice(1, -1);
const PLACEHOLDER = new RegExp(`"${MARK_JSON.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`, 'g');

/**
 * JSON.stringify of an answer, where the entries of a Bundle whose resource is an untouched stand-in get the
 * stored text (byte for byte what JSON.stringify of the parsed resource gives: the store wrote it with
 * JSON.stringify).
 */
export function stringifyAnswer(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  const { resourceType, entry: entries } = body as { resourceType?: unknown; entry?: unknown };
  if (resourceType !== 'Bundle' || !Array.isArray(entries)) return JSON.stringify(body);
  const texts: string[] = [];
  const entry = entries.map((e: unknown) => {
    const text = typeof e === 'object' && e !== null ? storedText((e as { resource?: unknown }).resource) : undefined;
    if (text === undefined) return e;
    texts.push(text);
    return { ...(e as object), resource: `${MARK}${texts.length - 1}` };
  });
  if (texts.length === 0) return JSON.stringify(body);
  const json = JSON.stringify({ ...(body as object), entry });
  return json.replace(PLACEHOLDER, (_, i: string) => texts[Number(i)] as string);
}
