// Screenshots for the README, after a real SMART EHR launch in headless Chromium against the in-process sandbox:
// docs/discharge-inbox.png (the GP's discharge inbox, profiles' discharge scenario) and docs/plan-gp-heavy.png (whole plan).
// Usage: node packages/app/bench/screenshots.ts (builds the app into a temporary folder first)
import { join } from 'node:path';
import type { Task } from '@medplum/fhirtypes';
import { APP_DIR, freshDist, launchChromium } from './harness.ts';
import { startSandboxBench } from './sandbox-launch.ts';

const appDir = APP_DIR;
const dist = freshDist();
const bench = await startSandboxBench(dist);
const browser = await launchChromium();
try {
  // The profiles' discharge scenario: an open, overdue follow-up with its summary and medication.
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(bench.launchUrlFor('PatientSortieExample'));
  await page.waitForSelector('#discharges [data-testid="discharge"]', { timeout: 60_000 });
  const inbox = page.locator('#discharges');
  console.log((await inbox.innerText()).slice(0, 1500));
  await inbox.screenshot({ path: join(appDir, 'docs', 'discharge-inbox.png') });
  // Acknowledging against the real server (guard, profile validation on write, Provenance in the transaction).
  await inbox.getByRole('button', { name: /Accuser réception/ }).click();
  const notice = page.locator('p.notice');
  await notice.waitFor({ timeout: 30_000 });
  console.log(`notice: ${await notice.innerText()}`);
  const task = await bench.sandbox.fhir.repository.readResource<Task>('Task', 'TaskSortieGpFollowUpExample');
  const provenance = await bench.sandbox.fhir.repository.search({ resourceType: 'Provenance', filters: [{ code: 'target', operator: 'eq' as never, value: 'Task/TaskSortieGpFollowUpExample' }] });
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
