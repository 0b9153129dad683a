// SMART scopes, v2 and v1 syntax: https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
// v1 scopes are mapped onto v2 permissions (read → rs, write → cud, * → cruds).

export type Permission = 'c' | 'r' | 'u' | 'd' | 's';
export type ScopeContext = 'patient' | 'user' | 'system';

const ORDER: readonly Permission[] = ['c', 'r', 'u', 'd', 's'];

/** A parsed resource scope such as `patient/Observation.rs`. */
export interface ResourceScope {
  raw: string;
  context: ScopeContext;
  /** A resource type or `*`. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
  version: 1 | 2;
  /** Granular v2 scope query (`?category=...`), kept to refuse it: the simulator does not enforce it. */
  query?: string;
}

/** Scopes that are not about resources: launch context, identity and refresh. */
export const NON_RESOURCE_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'offline_access',
  'online_access',
] as const;

const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([^?]+)(\?.*)?$/;

/** Parses one resource scope; undefined when the string is not a (well-formed) resource scope. */
export function parseResourceScope(raw: string): ResourceScope | undefined {
  const m = RESOURCE_SCOPE.exec(raw);
  if (!m) return undefined;
  const [, context, resourceType, access, query] = m;
  if (!context || !resourceType || !access) return undefined;
  let permissions: Permission[];
  let version: 1 | 2;
  if (access === 'read') {
    permissions = ['r', 's'];
    version = 1;
  } else if (access === 'write') {
    permissions = ['c', 'u', 'd'];
    version = 1;
  } else if (access === '*') {
    permissions = [...ORDER];
    version = 1;
  } else if (/^c?r?u?d?s?$/.test(access)) {
    permissions = access.split('') as Permission[];
    version = 2;
  } else {
    return undefined;
  }
  if (version === 1 && query) return undefined;
  const scope: ResourceScope = {
    raw,
    context: context as ScopeContext,
    resourceType,
    permissions: new Set(permissions),
    version,
  };
  if (query) scope.query = query.slice(1);
  return scope;
}

/** Splits a space-separated scope string, dropping empties and duplicates (order kept). */
export function splitScopes(scope: string | readonly string[] | undefined): string[] {
  const parts = typeof scope === 'string' ? scope.split(/\s+/) : [...(scope ?? [])];
  return [...new Set(parts.map((s) => s.trim()).filter((s) => s.length > 0))];
}

/** Resource scopes of a scope string (unparseable ones are ignored). */
export function parseScopes(scope: string | readonly string[] | undefined): ResourceScope[] {
  const result: ResourceScope[] = [];
  for (const s of splitScopes(scope)) {
    const parsed = parseResourceScope(s);
    if (parsed) result.push(parsed);
  }
  return result;
}

/** True when `allowed` grants everything `requested` asks for. */
export function scopeCovers(allowed: string, requested: string): boolean {
  if (allowed === requested) return true;
  const a = parseResourceScope(allowed);
  const r = parseResourceScope(requested);
  if (!a || !r) return false;
  if (a.context !== r.context) return false;
  if (a.resourceType !== '*' && a.resourceType !== r.resourceType) return false;
  if (a.query !== undefined && a.query !== r.query) return false;
  for (const p of r.permissions) if (!a.permissions.has(p)) return false;
  return true;
}

/**
 * The scopes to grant: each requested scope that a client's allowed scope covers. Granular v2 scopes with a query
 * are never granted (the simulator cannot enforce them), nor are unknown scopes.
 */
export function grantScopes(requested: string | readonly string[] | undefined, allowed: string | readonly string[]): string[] {
  const allowedList = splitScopes(allowed);
  return splitScopes(requested).filter((s) => {
    const parsed = parseResourceScope(s);
    if (parsed?.query !== undefined) return false;
    if (!parsed && !(NON_RESOURCE_SCOPES as readonly string[]).includes(s)) return false;
    return allowedList.some((a) => scopeCovers(a, s));
  });
}

/** True when a scope of the list gives `permission` on `resourceType` (in any context, or the given ones). */
export function hasPermission(
  scopes: readonly ResourceScope[],
  resourceType: string | undefined,
  permission: Permission,
  contexts: readonly ScopeContext[] = ['patient', 'user', 'system'],
): boolean {
  return scopes.some(
    (s) =>
      contexts.includes(s.context) &&
      s.permissions.has(permission) &&
      (resourceType === undefined || s.resourceType === '*' || s.resourceType === resourceType),
  );
}

/**
 * The permission a FHIR interaction needs: read/vread → r, search/history → s, create → c, update/patch → u,
 * delete → d. Operations need r (instance) or s (type/system). Batch and transaction return undefined: each entry
 * is then checked by the AccessGrant.
 */
export function interactionPermission(interaction: string, hasId = false): Permission | undefined {
  const i = interaction.toLowerCase();
  if (i === 'read' || i === 'vread') return 'r';
  if (i.startsWith('search') || i.startsWith('history')) return 's';
  if (i === 'create') return 'c';
  if (i === 'update' || i === 'patch') return 'u';
  if (i === 'delete') return 'd';
  if (i === 'batch' || i === 'transaction') return undefined;
  return hasId ? 'r' : 's';
}
