/**
 * `compute(owner, key)` remembered per owner (held weakly: a schema no longer used is forgotten with it) and per key,
 * for the lookups a validation repeats on every element of the same schema. `compute` answers null, never
 * undefined, for "none", so that "none" is remembered too.
 */
export function memoPerOwner<O extends object, V>(compute: (owner: O, key: string) => V | null): (owner: O, key: string) => V | null {
  const byOwner = new WeakMap<O, Map<string, V | null>>();
  return (owner, key) => {
    let byKey = byOwner.get(owner);
    if (!byKey) {
      byKey = new Map();
      byOwner.set(owner, byKey);
    }
    let found = byKey.get(key);
    if (found === undefined) {
      found = compute(owner, key);
      byKey.set(key, found);
    }
    return found;
  };
}
