// Issue 16 in headless Chromium against the real sandbox: a coordinator (the microstructure GP, coordinator of her
// patients' teams) launches Parcours without a person, opens « Indicateurs », computes the year for her structure,
// reads the figures the seeds' way — the same numbers the indicators library computes on the sandbox's store — and
// prints the report to PDF (artifacts/report.pdf). The CSV export downloads the same counts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeasureReport } from '@medplum/fhirtypes';
import { evaluateMeasure, findMeasure, repositorySource } from '@parcours/indicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, newContext, orScreenshot, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';
import type { Page } from 'playwright-core';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

const STRUCTURE = 'OrganizationMicrostructureOfficeExample';
const count = (report: MeasureReport, group: string, code: string): number =>
  report.group?.find((g) => g.id === group)?.population?.find((p) => p.code?.coding?.[0]?.code === code)?.count ?? -1;

/** Waits for the figures; a refusal or an error shown instead fails at once, with its words. */
async function reportOrAlert(page: Page, name: string): Promise<void> {
  await orScreenshot(page, name, page.getByTestId('report').or(page.getByRole('alert')).first().waitFor({ timeout: 150_000 }));
  if (!(await page.getByTestId('report').isVisible())) await orScreenshot(page, name, Promise.reject(new Error('the report showed an error instead of figures')));
}

describe('the indicators report', () => {
  it('a coordinator computes her structure\'s year, reads the seeds\' sentences and prints the report', async () => {
    const period = { start: '2026-01-01', end: '2026-12-31' };
    const source = repositorySource(e2e.sandbox.fhir.repository);
    const entretiens = await evaluateMeasure(findMeasure('parcours-entretiens')!, source, { period, structure: STRUCTURE });
    const meetings = await evaluateMeasure(findMeasure('parcours-reunions-synthese')!, source, { period, structure: STRUCTURE });
    const planned = count(entretiens, 'entretiens', 'denominator');
    expect(planned).toBeGreaterThan(0);

    const context = await newContext(e2e, { viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${e2e.sandbox.url}/`);
    await page.selectOption('#user', 'gp');
    await page.selectOption('#patient', { index: 0 }); // without a person: the workspace
    await page.click('button[value="tab"]');
    await page.waitForURL(/\/app\/index\.html/);
    await orScreenshot(page, 'report-tab-failed', page.getByRole('tab', { name: 'Indicateurs' }).waitFor({ timeout: 60_000 }));
    await page.getByRole('tab', { name: 'Indicateurs' }).click();
    // The page proposes the user's structures once their roles are read, and fills in the first: typing before then
    // would race that fill (fill selects the text, the proposal lands, the typed id is appended to it).
    await orScreenshot(page, 'report-structures-failed', page.locator('#report-structures option').first().waitFor({ state: 'attached', timeout: 60_000 }));
    await page.getByLabel('Structure').fill(STRUCTURE);
    expect(await page.getByLabel('Structure').inputValue()).toBe(STRUCTURE);
    await page.getByRole('button', { name: 'Calculer' }).click();
    await reportOrAlert(page, 'report-failed');

    expect(await page.getByTestId('figure-entretiens').innerText()).toBe(`${planned} entretiens posés, ${count(entretiens, 'entretiens', 'numerator')} effectifs`);
    const amb = entretiens.group?.[0]?.stratifier?.[0]?.stratum?.find((s) => s.value?.text === 'AMB');
    if (amb) {
      const [den, num] = ['denominator', 'numerator'].map((c) => amb.population?.find((p) => p.code?.coding?.[0]?.code === c)?.count ?? 0);
      await page.getByText(`${den} entretiens en présentiel posés, ${num} effectifs`).waitFor();
    }
    expect(await page.getByTestId('figure-reunions').innerText()).toBe(String(count(meetings, 'reunions', 'initial-population')));
    expect(await page.getByTestId('report').innerText()).not.toMatch(/Patient\//);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv).toContain(`Organization/${STRUCTURE},2026-01-01,2026-12-31,parcours-entretiens,entretiens,Entretiens posés / effectifs,,,denominator,${planned}`);

    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Calculer' }).isVisible()).toBe(false); // the form is not printed
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(artifacts, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    await context.close();
  }, 300_000);

  it('a funder signs in and lands on the report of a structure her agency funds; a person\'s record stays closed', async () => {
    const context = await newContext(e2e, { viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.sandbox.url}/`);
    await page.selectOption('#user', 'funder');
    await page.selectOption('#patient', { index: 0 }); // nobody: a funder follows no one
    await page.click('button[value="tab"]');
    await page.waitForURL(/\/app\/index\.html/);
    await orScreenshot(page, 'report-funder-failed', page.getByRole('button', { name: 'Calculer' }).waitFor({ timeout: 90_000 }));
    expect(await page.getByRole('tab').count()).toBe(0); // no caseload, no meeting: the report only
    await expect.poll(() => page.locator('input[name="structure"]').inputValue(), { timeout: 30_000 }).toBe(STRUCTURE);
    await page.getByRole('button', { name: 'Calculer' }).click();
    await reportOrAlert(page, 'report-funder-figures-failed');
    const source = repositorySource(e2e.sandbox.fhir.repository);
    const entretiens = await evaluateMeasure(findMeasure('parcours-entretiens')!, source, { period: { start: '2026-01-01', end: '2026-12-31' }, structure: STRUCTURE });
    expect(await page.getByTestId('figure-entretiens').innerText()).toBe(`${count(entretiens, 'entretiens', 'denominator')} entretiens posés, ${count(entretiens, 'entretiens', 'numerator')} effectifs`);
    expect(await page.getByTestId('report').innerText()).not.toMatch(/Patient\//);
    // Her token, from the app's session storage, reads no person's record.
    const status = await page.evaluate(async (url) => {
      const state = Object.values(sessionStorage).map((v) => { try { return JSON.parse(v) as { tokenResponse?: { access_token?: string } }; } catch { return undefined; } }).find((v) => v?.tokenResponse?.access_token);
      const res = await fetch(`${url}/Patient/PatientMicrostructureExample`, { headers: { Authorization: `Bearer ${state?.tokenResponse?.access_token ?? ''}` } });
      return res.status;
    }, e2e.sandbox.fhirBaseUrl);
    expect([403, 404]).toContain(status);
    await page.screenshot({ path: join(artifacts, 'report-funder.png'), fullPage: true });
    await context.close();
  }, 300_000);
});
