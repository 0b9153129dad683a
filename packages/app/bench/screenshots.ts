// Screenshots for the README, after a real SMART EHR launch in headless Chromium against the in-process sandbox:
// docs/discharge-inbox.png (the GP's discharge inbox: the example hospital discharge of examples/hl7v2, sent over MLLP
// as a hospital does, an open, overdue follow-up with its summary and medication) and docs/plan-gp-heavy.png (whole plan).
// Usage: node packages/app/bench/screenshots.ts (builds the app into a temporary folder first)
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parseSearchRequest } from '@medplum/core';
import type { Task } from '@medplum/fhirtypes';
import { APP_DIR, freshDist, launchChromium } from './harness.ts';
import { startSandboxBench } from './sandbox-launch.ts';

const appDir = APP_DIR;
// Martine Lefebvre leaves hospital (examples/hl7v2); her GP, in her care team, opens her plan from the EHR. (The
// profiles' discharge example, PatientSortieExample, has no care team: under the care-team policy nobody reaches it.)
const DISCHARGE = join(APP_DIR, '..', '..', 'examples', 'hl7v2', 'adt-a03-lefebvre.hl7');
const PERSON = 'PatientRdrAlcoolExample';
const HER_GP = 'gp-rdr';

const START = String.fromCharCode(0x0b);
const END = `${String.fromCharCode(0x1c)}\r`;

/** Sends one HL7 v2 message over MLLP (0x0B message 0x1C 0x0D) and returns the acknowledgement. */
function sendMllp(address: { host: string; port: number }, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(address.port, address.host, () => socket.write(`${START}${message}${END}`));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes(END)) {
        socket.end();
        resolve(answer.slice(answer.indexOf(START) + 1, answer.indexOf(END)));
      }
    });
    socket.on('error', reject);
  });
}

const dist = freshDist();
const bench = await startSandboxBench(dist, { mllpPort: 0 });
const browser = await launchChromium();
try {
  const mllp = bench.sandbox.exchange.mllpAddress;
  if (!mllp) throw new Error('the sandbox has no MLLP listener');
  const ack = await sendMllp(mllp, readFileSync(DISCHARGE, 'utf8').trim().replace(/\r?\n/g, '\r'));
  if (!/MSA\|AA/.test(ack)) throw new Error(`the exchange refused the discharge: ${ack.replace(/\r/g, ' | ')}`);
  await bench.sandbox.exchange.drain(30_000);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(bench.launchUrlFor(PERSON, HER_GP));
  const followUp = page.locator('#discharges [data-testid="discharge"]').filter({ hasText: 'Thiamine' });
  await followUp.waitFor({ timeout: 60_000 });
  const inbox = page.locator('#discharges');
  console.log((await inbox.innerText()).slice(0, 1500));
  await inbox.screenshot({ path: join(appDir, 'docs', 'discharge-inbox.png') });
  // Acknowledging against the real server (guard, profile validation on write, Provenance in the transaction).
  await followUp.getByRole('button', { name: /Accuser réception/ }).click();
  const notice = page.locator('p.notice');
  await notice.waitFor({ timeout: 30_000 });
  console.log(`notice: ${await notice.innerText()}`);
  const repository = bench.sandbox.fhir.repository;
  const accepted = await repository.search<Task>(parseSearchRequest(`Task?patient=Patient/${PERSON}&status=accepted`));
  for (const task of (accepted.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []))) {
    const provenance = await repository.search({ resourceType: 'Provenance', filters: [{ code: 'target', operator: 'eq' as never, value: `Task/${task.id}` }] });
    console.log(`acknowledged in the sandbox: Task ${task.id} ${task.status}, version ${task.meta?.versionId}, Provenance: ${provenance.entry?.length ?? 0}`);
  }
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
