// Screenshots for the README, after a real SMART EHR launch in headless Chromium against the in-process sandbox:
// docs/discharge-inbox.png (a GP's discharge inbox: an open hospital follow-up of the cohort, its summary and
// medication) and docs/plan-gp-heavy.png (whole plan).
// Usage: node packages/app/bench/screenshots.ts (builds the app into a temporary folder first)
import { join } from 'node:path';
import { parseSearchRequest } from '@medplum/core';
import type { CareTeam, Task } from '@medplum/fhirtypes';
import { SANDBOX_USERS } from '@parcours/sandbox';
import { CodeSystemUrl } from '@parcours/profiles/constants';
import { APP_DIR, freshDist, launchChromium } from './harness.ts';
import { startSandboxBench } from './sandbox-launch.ts';
import type { SandboxBench } from './sandbox-launch.ts';

const appDir = APP_DIR;

/**
 * An open discharge follow-up (Task suivi-post-sortie, requested) owned by one of the sandbox's GPs who is an active
 * member of the person's care team: under the care-team access policy only such a GP opens the person's plan (the
 * profiles' discharge example, PatientSortieExample, has no care team: nobody reaches it). The most overdue first,
 * then by id, so that the choice is the same from run to run.
 */
async function openFollowUp(bench: SandboxBench): Promise<{ task: Task; patient: string; user: string }> {
  const repository = bench.sandbox.fhir.repository;
  const gps = SANDBOX_USERS.filter((u) => u.roleCode === 'medecin-traitant');
  const tasks = await repository.search<Task>(parseSearchRequest(`Task?code=${CodeSystemUrl.TaskCode}|suivi-post-sortie&status=requested&_count=1000`));
  const candidates = (tasks.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])).sort((a, b) => (a.restriction?.period?.end ?? '9999').localeCompare(b.restriction?.period?.end ?? '9999') || (a.id ?? '').localeCompare(b.id ?? ''));
  const now = new Date().toISOString();
  for (const task of candidates) {
    const gp = gps.find((u) => u.fhirUser === task.owner?.reference);
    const patient = task.for?.reference?.split('/')[1];
    if (!gp || !patient) continue;
    const teams = await repository.search<CareTeam>(parseSearchRequest(`CareTeam?subject=Patient/${patient}&status=active`));
    const inTeam = (teams.entry ?? []).some((e) => (e.resource?.participant ?? []).some((p) => p.member?.reference === gp.fhirUser && (!p.period?.end || p.period.end >= now)));
    if (inTeam) return { task, patient, user: gp.id };
  }
  throw new Error('no open discharge follow-up of a sandbox GP in the seed');
}

const dist = freshDist();
const bench = await startSandboxBench(dist);
const browser = await launchChromium();
try {
  const { task: open, patient, user } = await openFollowUp(bench);
  console.log(`discharge inbox: ${patient} as ${user}, follow-up ${open.id} due ${open.restriction?.period?.end ?? '?'}`);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(bench.launchUrlFor(patient, user));
  await page.waitForSelector('#discharges [data-testid="discharge"]', { timeout: 60_000 });
  const inbox = page.locator('#discharges');
  console.log((await inbox.innerText()).slice(0, 1500));
  await inbox.screenshot({ path: join(appDir, 'docs', 'discharge-inbox.png') });
  // Acknowledging against the real server (guard, profile validation on write, Provenance in the transaction).
  await inbox.getByRole('button', { name: /Accuser réception/ }).first().click();
  const notice = page.locator('p.notice');
  await notice.waitFor({ timeout: 30_000 });
  console.log(`notice: ${await notice.innerText()}`);
  const task = await bench.sandbox.fhir.repository.readResource<Task>('Task', open.id ?? '');
  const provenance = await bench.sandbox.fhir.repository.search({ resourceType: 'Provenance', filters: [{ code: 'target', operator: 'eq' as never, value: `Task/${open.id}` }] });
  console.log(`acknowledged in the sandbox: Task ${task.status}, version ${task.meta?.versionId}, Provenance: ${provenance.entry?.length ?? 0}`);
  // The heavy person's plan, first screen.
  const heavy = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await heavy.goto(await bench.app.url());
  await heavy.waitForSelector('body[data-plan-rendered]', { timeout: 60_000 });
  console.log(bench.patientNote);
  await heavy.screenshot({ path: join(appDir, 'docs', 'plan-gp-heavy.png'), fullPage: false });
} finally {
  await browser.close();
  await bench.close();
}
