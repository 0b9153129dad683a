// Node side of the app tests' FHIR server (vitest globalSetup, outside jsdom): one HTTP port on 127.0.0.1 holding
// any number of real @parcours/fhir-server instances, each its own in-memory database at /t/<n>/fhir, loaded with
// the profiles' generated examples (with the changes a test asks for, see InstanceData). A test file asks for its own instance, so
// files running in parallel never see each other's writes. Control routes: POST /t (a new instance), GET /t/<n>/log
// (the requests it received, `METHOD path?query` after its base).
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { createFhirServer } from '@parcours/fhir-server';
import type { FhirServer } from '@parcours/fhir-server';
import { createHttpApp } from '@parcours/http';
import type { FastifyInstance } from '@parcours/http';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * The profiles' examples (FSH instances compiled by SUSHI), read from the package's generated folder: the app's
 * build resolves `@parcours/profiles` to its constants for modules of app/src, this one included.
 */
export function profileExamples(): Resource[] {
  const root = dirname(createRequire(import.meta.url).resolve('@parcours/profiles/package.json'));
  const dir = join(root, 'generated', 'examples');
  return (
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Resource)
      // The discharge Bundle is what a hospital sends to the exchange; its resources are examples of their own.
      .filter((r) => r.resourceType !== 'Bundle')
  );
}

/** What a new instance holds: the profiles' examples, with `add` (and `unvalidated`) replacing those of the same id, less `remove`. */
export interface InstanceData {
  add?: Resource[];
  /**
   * Written straight to the repository after the rest, past the server's profile validation: data another system
   * wrote, which the app must cope with (a PUT of these would get a 422).
   */
  unvalidated?: Resource[];
  /** `Type/id` of examples to leave out. */
  remove?: string[];
}

function instanceData({ add = [], remove = [], unvalidated = [] }: InstanceData): Resource[] {
  const key = (r: Resource): string => `${r.resourceType}/${r.id}`;
  const replaced = new Set([...remove, ...[...add, ...unvalidated].filter((r) => r.id).map(key)]);
  return [...profileExamples().filter((r) => !replaced.has(key(r))), ...add];
}

interface Instance {
  fhir: FhirServer;
  /** The server's routes on their own Fastify instance (@parcours/http), handed each request of its base. */
  app: FastifyInstance;
  log: string[];
}

function entry(resource: Resource): BundleEntry {
  return resource.id
    ? { resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } }
    : { resource, request: { method: 'POST', url: resource.resourceType } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Loads resources through the instance's own FHIR API: one transaction, validated like any write. */
async function load(base: string, resources: Resource[]): Promise<void> {
  if (resources.length === 0) return;
  const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: resources.map(entry) };
  const response = await fetch(base, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
  if (!response.ok) throw new Error(`loading the test data failed (${response.status}): ${await response.text()}`);
}

export async function startFhirHost(): Promise<{ url: string; close(): Promise<void> }> {
  const instances = new Map<string, Instance>();
  let next = 1;
  const host = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      try {
        if (req.method === 'POST' && path === '/t') {
          const id = String(next++);
          const base = `${origin}/t/${id}/fhir`;
          const body = (await readJson(req)) as InstanceData | undefined;
          const fhir = await createFhirServer({ dataDir: ':memory:', baseUrl: base, validateWrites: true });
          const app = await createHttpApp({ name: 'app-test-fhir' });
          await app.register(fhir.routes);
          await app.ready();
          const instance: Instance = { fhir, app, log: [] };
          instances.set(id, instance);
          await load(base, instanceData(body ?? {}));
          for (const resource of body?.unvalidated ?? []) await fhir.repository.updateResource(resource);
          instance.log.length = 0;
          reply(res, 201, { base, id });
          return;
        }
        const match = /^\/t\/(\d+)(\/fhir(?:[/?].*)?|\/log)$/.exec(path);
        const instance = match ? instances.get(match[1] ?? '') : undefined;
        if (!match || !instance) {
          reply(res, 404, { error: `no test FHIR instance at ${path}` });
          return;
        }
        if (match[2] === '/log') {
          reply(res, 200, instance.log);
          return;
        }
        instance.log.push(`${req.method} ${(match[2] ?? '').replace(/^\/fhir\/?/, '')}`);
        instance.app.routing(req, res);
      } catch (error) {
        reply(res, 500, { error: (error as Error).message });
      }
    })();
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  return {
    url: origin,
    async close() {
      await new Promise<void>((resolve) => {
        host.close(() => resolve());
        host.closeAllConnections();
      });
      for (const { fhir, app } of instances.values()) {
        await app.close();
        await fhir.close();
      }
    },
  };
}
