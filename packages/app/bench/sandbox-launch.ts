// Starts the real sandbox in this process (FHIR server, SMART server, EHR launch, the built app) on port 0 with a
// temporary data folder, and gives the benchmark fresh EHR launch URLs for the heavy person as the GP: one for the
// app, one for the bare fhirclient baseline (`launch.html?bare=1`, same client, same redirect URI).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { seedResources, startSandbox } from '@parcours/sandbox';
import type { Sandbox, SandboxOptions } from '@parcours/sandbox';
import type { LaunchTarget } from './launch.ts';

export interface SandboxBench {
  sandbox: Sandbox;
  patientId: string;
  /** How the person was chosen (the cohort's heavy person, or the fallback), for the printout. */
  patientNote: string;
  app: LaunchTarget;
  bare: LaunchTarget;
  /** An EHR launch URL of the app for another person, as the GP (or another of the sandbox's users). */
  launchUrlFor(patientId: string, user?: string): string;
  /** Time the sandbox spent answering FHIR requests (union of in-flight intervals, ms) since the last reset. */
  server: ServerClock;
  close(): Promise<void>;
}

export interface ServerClock {
  reset(): void;
  busyMs(): number;
}

/** Watches the sandbox's HTTP server to measure when FHIR requests are in flight on the server side. */
function serverClock(sandbox: Sandbox): ServerClock {
  let spans: [number, number][] = [];
  sandbox.server.prependListener('request', (req, res) => {
    if (!(req.url ?? '').startsWith('/fhir')) return;
    const start = performance.now();
    res.once('finish', () => spans.push([start, performance.now()]));
  });
  return {
    reset: () => {
      spans = [];
    },
    busyMs: () => {
      let busy = 0;
      let end = -Infinity;
      for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
        if (b <= end) continue;
        busy += b - Math.max(a, end);
        end = b;
      }
      return busy;
    },
  };
}

/** The person with the most resources pointing at them among the sandbox's seed (fallback before the cohort). */
function largestSeedPatient(resources: Resource[]): { id: string; count: number } {
  const counts = new Map<string, number>();
  for (const r of resources) {
    if (r.resourceType === 'Patient') continue;
    for (const m of JSON.stringify(r).matchAll(/"Patient\/([A-Za-z0-9\-.]{1,64})"/g)) counts.set(m[1] as string, (counts.get(m[1] as string) ?? 0) + 1);
  }
  const [id, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return { id, count };
}

interface CohortModule {
  HEAVY_PATIENT_ID?: string;
  generateCohort?: (options?: { seed?: number; people?: number; heavy?: boolean }) => Resource[];
}

async function cohortModule(): Promise<CohortModule> {
  try {
    return (await import('@parcours/cohort')) as CohortModule;
  } catch {
    return {};
  }
}

/**
 * The heavy person and what their plan points at (directory resources, everything that names them), in the
 * cohort's order (references point backwards). Loaded by the bench when the sandbox's seed does not hold them.
 */
function heavyClosure(all: Resource[], patientId: string): Resource[] {
  const mark = `"Patient/${patientId}"`;
  return all.filter(
    (r) =>
      ['Organization', 'Practitioner', 'PractitionerRole'].includes(r.resourceType) ||
      (r.resourceType === 'Patient' && r.id === patientId) ||
      JSON.stringify(r).includes(mark),
  );
}

/** `options`: more of the sandbox's options (an MLLP port for the hospital's messages...). */
export async function startSandboxBench(appDir: string, options: Partial<SandboxOptions> = {}): Promise<SandboxBench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parcours-app-bench-'));
  const started = Date.now();
  const sandbox = await startSandbox({ ...options, port: 0, dataDir, appDir });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const cohort = await cohortModule();
  const heavy = cohort.HEAVY_PATIENT_ID;
  let patientId: string;
  let patientNote: string;
  const hasHeavy = heavy ? await sandbox.fhir.repository.readResource('Patient', heavy).then(() => true, () => false) : false;
  if (heavy && hasHeavy) {
    patientId = heavy;
    patientNote = `${heavy} (the cohort's heavy person, from the sandbox's seed; sandbox started in ${seconds} s)`;
  } else if (heavy && cohort.generateCohort) {
    // The sandbox does not load the cohort yet: load the heavy person's records through its repository.
    const t = Date.now();
    const closure = heavyClosure(cohort.generateCohort(), heavy);
    for (const r of closure) await sandbox.fhir.repository.updateResource(r as Resource & { id: string });
    const counts = new Map<string, number>();
    for (const r of closure) counts.set(r.resourceType, (counts.get(r.resourceType) ?? 0) + 1);
    patientId = heavy;
    patientNote = `${heavy} (the cohort's heavy person: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')}; loaded by the bench in ${((Date.now() - t) / 1000).toFixed(1)} s, as the sandbox's seed does not hold the cohort yet)`;
  } else {
    const largest = largestSeedPatient(seedResources());
    patientId = largest.id;
    patientNote = `${largest.id} — FALLBACK: ${heavy ? `${heavy} is not in the sandbox's seed yet` : '@parcours/cohort exports no HEAVY_PATIENT_ID yet'}; largest example person (${largest.count} references)`;
  }
  const launchUrl = (extra: string, patient = patientId, user = 'gp'): string => {
    const launch = sandbox.smart.createLaunch({ user, patient, needPatientBanner: true });
    return `${sandbox.url}/app/launch.html?${extra}iss=${encodeURIComponent(sandbox.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`;
  };
  return {
    sandbox,
    patientId,
    patientNote,
    server: serverClock(sandbox),
    launchUrlFor: (patient, user) => launchUrl('', patient, user),
    app: { url: () => Promise.resolve(launchUrl('')) },
    bare: { url: () => Promise.resolve(launchUrl('bare=1&')) },
    close: async () => {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
