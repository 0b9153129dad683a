// An in-memory FHIR R4 server for the app's tests, served through msw: read, search (reference, token, _id,
// _count/paging, _sort, _include[:iterate], _revinclude), create, update and all-or-nothing transactions with
// urn:uuid resolution. Rules (like a server's profile validation) can reject writes with an OperationOutcome.
import type { Bundle, BundleEntry, OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';

export const FHIR_BASE = 'https://ehr.example.fr/fhir';

/** Search parameters: code → dotted paths (reference and token params). */
const PARAMS: Record<string, Record<string, string[]>> = {
  '*': { _id: ['id'] },
  CarePlan: { subject: ['subject'], patient: ['subject'], 'care-team': ['careTeam'], goal: ['goal'], status: ['status'], 'activity-reference': ['activity.reference'] },
  CareTeam: { subject: ['subject'], patient: ['subject'], participant: ['participant.member'] },
  Goal: { subject: ['subject'], patient: ['subject'] },
  Task: { patient: ['for'], subject: ['for'], 'based-on': ['basedOn'], owner: ['owner'], status: ['status'] },
  Encounter: { subject: ['subject'], patient: ['subject'], participant: ['participant.individual'], 'service-provider': ['serviceProvider'] },
  Appointment: { patient: ['participant.actor'], actor: ['participant.actor'], status: ['status'] },
  Observation: { subject: ['subject'], patient: ['subject'], code: ['code.coding'] },
  MedicationStatement: { subject: ['subject'], patient: ['subject'] },
  MedicationRequest: { subject: ['subject'], patient: ['subject'], encounter: ['encounter'] },
  Composition: { subject: ['subject'], patient: ['subject'], encounter: ['encounter'], entry: ['section.entry'], author: ['author'] },
  Communication: { subject: ['subject'], patient: ['subject'], encounter: ['encounter'] },
  PractitionerRole: { practitioner: ['practitioner'], organization: ['organization'] },
  Provenance: { target: ['target'], patient: ['target'] },
};

function values(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const part of path.split('.')) {
    current = current.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
      return next === undefined ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return current;
}

function paramPaths(type: string, code: string): string[] | undefined {
  return PARAMS[type]?.[code] ?? PARAMS['*']?.[code];
}

function matches(resource: Resource, code: string, wanted: string): boolean {
  const paths = paramPaths(resource.resourceType, code);
  if (!paths) throw new Error(`unsupported search parameter ${resource.resourceType}.${code}`);
  const alternatives = wanted.split(',');
  return paths.some((path) =>
    values(resource, path).some((v) => {
      if (typeof v === 'string') return alternatives.includes(v);
      const o = v as { reference?: string; code?: string; system?: string };
      if (o.reference) return alternatives.some((a) => o.reference === a || o.reference?.endsWith(`/${a}`));
      if (o.code) return alternatives.some((a) => a === o.code || a === `${o.system}|${o.code}`);
      return false;
    }),
  );
}

function outcome(status: number, code: OperationOutcomeIssue['code'], text: string, expression?: string): Response {
  const body: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text }, ...(expression ? { expression: [expression] } : {}) }],
  };
  return HttpResponse.json(body, { status, headers: { 'Content-Type': 'application/fhir+json' } });
}

export type WriteRule = (resource: Resource) => OperationOutcome | undefined;

export class FhirStore {
  private readonly data = new Map<string, Resource>();
  private nextId = 1;
  readonly rules: WriteRule[] = [];
  /** Every request the store answered, `METHOD path?query` (tests count them). */
  readonly log: string[] = [];

  constructor(resources: Resource[] = []) {
    for (const r of resources) this.put(r);
  }

  all(type?: string): Resource[] {
    return [...this.data.values()].filter((r) => !type || r.resourceType === type);
  }

  get(ref: string): Resource | undefined {
    return this.data.get(ref);
  }

  put(resource: Resource): Resource {
    const id = resource.id ?? `s${this.nextId++}`;
    const previous = this.data.get(`${resource.resourceType}/${id}`);
    const version = Number(previous?.meta?.versionId ?? 0) + 1;
    const stored = { ...resource, id, meta: { ...resource.meta, versionId: String(version), lastUpdated: new Date().toISOString() } } as Resource;
    this.data.set(`${stored.resourceType}/${id}`, stored);
    return stored;
  }

  search(type: string, params: URLSearchParams): Bundle {
    let matched = this.all(type);
    const includes: { spec: string; iterate: boolean }[] = [];
    const revincludes: string[] = [];
    let count = 50;
    const MAX_COUNT = 1000;
    let offset = 0;
    let sort: string | undefined;
    for (const [name, value] of params) {
      if (name === '_include' || name === '_include:iterate') includes.push({ spec: value, iterate: name.endsWith('iterate') });
      else if (name === '_revinclude') revincludes.push(value);
      else if (name === '_count') count = Math.min(Number(value), MAX_COUNT);
      else if (name === '_offset') offset = Number(value);
      else if (name === '_sort') sort = value;
      else matched = matched.filter((r) => matches(r, name, value));
    }
    if (sort) {
      const desc = sort.startsWith('-');
      const date = (r: Resource): string => String((r as { effectiveDateTime?: string }).effectiveDateTime ?? (r as { start?: string }).start ?? '');
      matched.sort((a, b) => (desc ? date(b).localeCompare(date(a)) : date(a).localeCompare(date(b))));
    }
    const page = matched.slice(offset, offset + count);
    const seen = new Set(page.map((r) => `${r.resourceType}/${r.id}`));
    const extra: Resource[] = [];
    const add = (r: Resource | undefined): void => {
      if (r && !seen.has(`${r.resourceType}/${r.id}`)) {
        seen.add(`${r.resourceType}/${r.id}`);
        extra.push(r);
      }
    };
    for (const spec of revincludes) {
      const [srcType, code] = spec.split(':') as [string, string];
      for (const r of this.all(srcType)) if (page.some((m) => matches(r, code, `${m.resourceType}/${m.id}`))) add(r);
    }
    const includeFrom = (from: Resource[], iterateOnly: boolean): void => {
      for (const { spec, iterate } of includes) {
        if (iterateOnly && !iterate) continue;
        const [srcType, code] = spec.split(':') as [string, string];
        for (const r of from.filter((x) => x.resourceType === srcType)) {
          for (const path of paramPaths(srcType, code) ?? []) {
            for (const v of values(r, path)) {
              const ref = (v as { reference?: string }).reference;
              if (ref) add(this.get(ref.split('/').slice(-2).join('/')));
            }
          }
        }
      }
    };
    includeFrom(page, false);
    for (let round = 0; round < 3; round++) includeFrom([...page, ...extra], true);
    const link: Bundle['link'] = [];
    if (offset + count < matched.length) {
      const next = new URLSearchParams(params);
      next.set('_offset', String(offset + count));
      link.push({ relation: 'next', url: `${FHIR_BASE}/${type}?${next.toString()}` });
    }
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matched.length,
      link,
      entry: [
        ...page.map((resource): BundleEntry => ({ fullUrl: `${FHIR_BASE}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
        ...extra.map((resource): BundleEntry => ({ fullUrl: `${FHIR_BASE}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'include' } })),
      ],
    };
  }

  private check(resource: Resource): OperationOutcome | undefined {
    for (const rule of this.rules) {
      const result = rule(resource);
      if (result) return result;
    }
    return undefined;
  }

  transaction(bundle: Bundle): Response {
    if (bundle.resourceType !== 'Bundle' || bundle.type !== 'transaction') return outcome(400, 'invalid', 'Bundle de type transaction attendu / transaction Bundle expected', 'Bundle.type');
    const entries = bundle.entry ?? [];
    // Assign ids first so urn:uuid references resolve, then check everything, then apply (all or nothing).
    const ids = new Map<string, string>();
    const planned = entries.map((entry, index) => {
      const resource = entry.resource;
      if (!resource) throw new Error(`entry ${index} has no resource`);
      const method = entry.request?.method;
      let id = resource.id;
      if (method === 'POST') id = `s${this.nextId++}`;
      if (method === 'PUT') id = entry.request?.url?.split('/')[1];
      if (entry.fullUrl) ids.set(entry.fullUrl, `${resource.resourceType}/${id}`);
      return { resource, id, method, index };
    });
    const resolve = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = k === 'reference' && typeof v === 'string' && ids.has(v) ? ids.get(v) : resolve(v);
        return out;
      }
      return value;
    };
    const resolved = planned.map((p) => ({ ...p, resource: { ...(resolve(p.resource) as Resource), id: p.id } }));
    for (const p of resolved) {
      if (p.method !== 'POST' && p.method !== 'PUT') return outcome(400, 'not-supported', `méthode ${p.method} non prise en charge`, `Bundle.entry[${p.index}].request.method`);
      if (p.method === 'PUT' && !this.data.has(`${p.resource.resourceType}/${p.id}`)) return outcome(404, 'not-found', `${p.resource.resourceType}/${p.id} introuvable / not found`);
      const problem = this.check(p.resource);
      if (problem) return HttpResponse.json(problem, { status: 422 });
    }
    const response: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: resolved.map((p) => {
        const stored = this.put(p.resource);
        return { resource: stored, response: { status: p.method === 'POST' ? '201 Created' : '200 OK', location: `${stored.resourceType}/${stored.id}/_history/${stored.meta?.versionId}` } };
      }),
    };
    return HttpResponse.json(response);
  }

  handlers(): HttpHandler[] {
    return [
      http.all(`${FHIR_BASE}*`, async ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.replace(new URL(FHIR_BASE).pathname, '').replace(/^\/+|\/+$/g, '');
        this.log.push(`${request.method} ${path}${url.search}`);
        const [type, id] = path.split('/');
        try {
          if (request.method === 'POST' && !type) return this.transaction((await request.json()) as Bundle);
          if (!type) return outcome(400, 'not-supported', 'requête non prise en charge / unsupported request');
          if (request.method === 'GET' && id) {
            const found = this.get(`${type}/${id}`);
            return found ? HttpResponse.json(found) : outcome(404, 'not-found', `${type}/${id} introuvable / not found`);
          }
          if (request.method === 'GET') return HttpResponse.json(this.search(type, url.searchParams));
          const resource = (await request.json()) as Resource;
          const problem = this.check(resource);
          if (problem) return HttpResponse.json(problem, { status: 422 });
          if (request.method === 'POST') return HttpResponse.json(this.put({ ...resource, id: undefined } as Resource), { status: 201 });
          if (request.method === 'PUT' && id) return HttpResponse.json(this.put({ ...resource, id }));
          return outcome(405, 'not-supported', 'méthode non prise en charge / method not supported');
        } catch (error) {
          return outcome(400, 'processing', (error as Error).message);
        }
      }),
    ];
  }
}
