// End to end in headless Debian Chromium against the real sandbox (FHIR server, SMART launcher, EHR simulator, built
// app): a GP launches Parcours from the EHR, sees the plan, records a consumption observation that shows in the chart
// and survives a reload; a social worker's launch shows the restricted view. Screenshots go to test/e2e/artifacts/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@parcours/sandbox';
import type { Sandbox } from '@parcours/sandbox';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const root = join(import.meta.dirname, '..', '..', '..');
const artifacts = join(root, 'test', 'e2e', 'artifacts');
let sandbox: Sandbox;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  execFileSync('pnpm', ['--filter', '@parcours/app', 'build'], { cwd: root, stdio: 'ignore' });
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'parcours-e2e-'));
  sandbox = await startSandbox({ port: 0, dataDir, appDir: join(root, 'packages', 'app', 'dist') });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Rows of the chart's data table (inside a collapsed <details>, opened here). */
async function chartRows(page: Page): Promise<number> {
  if ((await page.getByTestId('chart-table').count()) === 0) {
    await page.locator('summary', { hasText: 'Données du graphique' }).click();
    await page.getByTestId('chart-table').waitFor();
  }
  return page.getByTestId('chart-table').locator('tbody tr').count();
}

async function launchFromEhr(user: string, patient: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${sandbox.url}/`);
  await page.selectOption('#user', user);
  await page.selectOption('#patient', patient);
  await page.click('button[value="tab"]');
  await page.waitForURL(/\/app\/index\.html/);
  await page.getByTestId('stage').waitFor({ timeout: 30_000 });
  return page;
}

describe('care plan in the browser', () => {
  it('a GP launches from the EHR, records a consumption and finds it after reload', async () => {
    const page = await launchFromEhr('gp', 'PatientRdrAlcoolExample');
    await page.screenshot({ path: join(artifacts, 'gp-plan.png'), fullPage: true });
    const rowsBefore = await chartRows(page);
    expect(rowsBefore).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Noter une consommation' }).first().click();
    const form = page.getByRole('form', { name: /consommation/i });
    await form.getByLabel('Valeur').fill('3');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // A successful write closes the form; a rejected one keeps it open with the server's reason.
    await form.waitFor({ state: 'detached', timeout: 30_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: join(artifacts, 'gp-record-failed.png'), fullPage: true });
      throw error;
    });
    await expect.poll(() => chartRows(page), { timeout: 15_000 }).toBe(rowsBefore + 1);

    await page.reload();
    await page.getByTestId('stage').waitFor({ timeout: 30_000 });
    await expect.poll(() => chartRows(page), { timeout: 15_000 }).toBe(rowsBefore + 1);
    const today = new Date().toLocaleDateString('fr-FR');
    await expect(page.getByTestId('chart-table').locator('tbody tr', { hasText: today }).innerText()).resolves.toContain('3');
    await page.screenshot({ path: join(artifacts, 'gp-plan-after-record.png'), fullPage: true });
    await page.close();
  });

  it('the plan opens inside the EHR iframe and has no serious accessibility violation', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.url}/`);
    await page.selectOption('#user', 'psychologist');
    await page.selectOption('#patient', 'PatientMicrostructureExample');
    await page.click('button[value="iframe"]');
    const app = page.frameLocator('iframe[title="Parcours"]');
    await app.getByTestId('stage').waitFor({ timeout: 30_000 });
    const frame = page.frames().find((f) => f.url().includes('/app/index.html'));
    expect(frame).toBeDefined();
    await frame!.addScriptTag({ path: axePath });
    const violations = await frame!.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'psychologist-iframe.png'), fullPage: true });
    await page.close();
  });

  it("a social worker's launch shows the restricted view", async () => {
    const page = await launchFromEhr('social-worker', 'PatientMicrostructureExample');
    await page.getByTestId('restricted').waitFor();
    await page.screenshot({ path: join(artifacts, 'social-worker-plan.png'), fullPage: true });
    await page.close();
  });
});
