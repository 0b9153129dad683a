// End to end in headless Debian Chromium against the real sandbox (FHIR server, SMART launcher, EHR simulator, built
// app): a GP launches Parcours from the EHR, sees the plan, records a consumption observation that shows in the chart
// and survives a reload; a social worker's launch shows the restricted view. Screenshots go to test/e2e/artifacts/.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Operator } from '@medplum/core';
import type { CareTeam, Encounter } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, browserDay, launchFromEhr, newContext, NOW, orScreenshot, shownDay, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

/** Rows of the chart's data table (inside a collapsed <details>, opened here). */
async function chartRows(page: Page): Promise<number> {
  if ((await page.getByTestId('chart-table').count()) === 0) {
    await page.locator('summary', { hasText: 'Données du graphique' }).click();
    await page.getByTestId('chart-table').waitFor();
  }
  return page.getByTestId('chart-table').locator('tbody tr').count();
}

describe('care plan in the browser', () => {
  it('a GP launches from the EHR, records a consumption and finds it after reload', async () => {
    const page = await launchFromEhr(e2e, 'gp-rdr', 'PatientRdrAlcoolExample'); // her GP, in her care team
    await page.screenshot({ path: join(artifacts, 'gp-plan.png'), fullPage: true });
    const rowsBefore = await chartRows(page);
    expect(rowsBefore).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Noter une consommation' }).first().click();
    const form = page.getByRole('form', { name: /consommation/i });
    await form.getByLabel('Valeur').fill('3');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // A successful write closes the form; a rejected one keeps it open with the server's reason.
    await orScreenshot(page, 'gp-record-failed', form.waitFor({ state: 'detached', timeout: 30_000 }));
    await expect.poll(() => chartRows(page), { timeout: 15_000 }).toBe(rowsBefore + 1);

    await page.reload();
    await page.getByTestId('stage').waitFor({ timeout: 30_000 });
    await expect.poll(() => chartRows(page), { timeout: 15_000 }).toBe(rowsBefore + 1);
    // The form's date is the browser's day at NOW (01/12/2026 in UTC+14, while UTC is still on 30 November).
    await expect(page.getByTestId('chart-table').locator('tbody tr', { hasText: browserDay(NOW) }).innerText()).resolves.toContain('3');
    await page.screenshot({ path: join(artifacts, 'gp-plan-after-record.png'), fullPage: true });
    await page.close();
  });

  it('the plan opens inside the EHR iframe and has no serious accessibility violation', async () => {
    // axe is injected as an inline script, which the app's Content-Security-Policy rightly blocks: bypassed here only.
    const context = await newContext(e2e, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${e2e.sandbox.url}/`);
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
    await context.close();
  });

  it('two tabs of one browser, two people: each tab keeps its own person across reloads', async () => {
    const context = await newContext(e2e);
    const banner = (tab: Page): Promise<string> => tab.locator('header.banner').innerText();
    // Two people of the GP's care teams (the care-team policy refuses the others).
    const first = await launchFromEhr(e2e, 'gp', 'PatientMicrostructureExample', context);
    const second = await launchFromEhr(e2e, 'gp', 'cohort-microstructure-001', context);
    await first.reload();
    await first.getByTestId('stage').waitFor({ timeout: 30_000 });
    await expect(banner(first)).resolves.toContain('Haddad');
    await expect(banner(second)).resolves.toContain('Meziane');
    await second.reload();
    await second.getByTestId('stage').waitFor({ timeout: 30_000 });
    await expect(banner(second)).resolves.toContain('Meziane');
    await context.close();
  });

  it('standalone launch: the psychologist signs in, picks the person, and sees the plan', async () => {
    const page = await (await newContext(e2e)).newPage();
    await page.goto(`${e2e.sandbox.url}/app/launch.html?iss=${encodeURIComponent(e2e.sandbox.fhirBaseUrl)}`);
    await page.waitForURL(/\/auth\/authorize/);
    await page.check('input[name="user"][value="psychologist"]');
    await page.click('button[value="approve"]');
    // Signed in: the picker offers only the people of the psychologist's care teams.
    await page.selectOption('select[name="patient"]', 'PatientMicrostructureExample');
    await page.click('button[value="approve"]');
    await page.waitForURL(/\/app\/index\.html/);
    await page.getByTestId('stage').waitFor({ timeout: 30_000 });
    expect(page.url()).not.toMatch(/access_token|code=/); // the code is consumed and removed from the address bar
    await page.screenshot({ path: join(artifacts, 'psychologist-standalone.png'), fullPage: true });
    await page.close();
  });

  it("a social worker's launch shows the restricted view, without the psychologist's consultations the psychologist sees", async () => {
    // The most recent psychotherapy encounter (PSY label) of a person whose active team has the social worker,
    // straight from the store (the care-team policy lets the social worker reach only those people).
    const teamOf = async (member: string): Promise<string[]> => ((await e2e.sandbox.fhir.repository.search<CareTeam>({
      resourceType: 'CareTeam',
      filters: [{ code: 'participant', operator: Operator.EQUALS, value: member }, { code: 'status', operator: Operator.EQUALS, value: 'active' }],
      count: 1000,
    })).entry ?? []).map((e) => e.resource?.subject?.reference).filter((r): r is string => !!r);
    const psychologists = new Set(await teamOf('Practitioner/PractitionerMicrostructurePsychologistExample'));
    const people = (await teamOf('Practitioner/PractitionerMicrostructureSocialWorkerExample')).filter((p) => psychologists.has(p));
    const found = await e2e.sandbox.fhir.repository.search<Encounter>({
      resourceType: 'Encounter',
      filters: [
        { code: '_security', operator: Operator.EQUALS, value: 'http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY' },
        { code: 'subject', operator: Operator.EQUALS, value: people.join(',') },
      ],
      sortRules: [{ code: 'date', descending: true }],
      count: 1,
    });
    const psy = found.entry?.[0]?.resource;
    expect(psy?.subject?.reference).toMatch(/^Patient\//);
    const patient = psy!.subject!.reference!.split('/')[1]!;
    const day = shownDay(new Date(psy!.period!.start!));

    const psychologist = await launchFromEhr(e2e, 'psychologist', patient);
    const seen = psychologist.getByTestId('encounter').filter({ hasText: day });
    await seen.first().waitFor();
    const psyRows = await seen.allInnerTexts();
    await psychologist.close();

    const page = await launchFromEhr(e2e, 'social-worker', patient);
    await page.getByTestId('restricted').waitFor();
    const rows = await page.getByTestId('encounter').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(psyRows.some((r) => !rows.includes(r))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'social-worker-plan.png'), fullPage: true });
    await page.close();
  });

  it('the GP opens « Qui a consulté ce dossier »: a team member’s opening and an emergency access are listed', async () => {
    const person = 'cohort-microstructure-001';
    // Another member of the person's team opens the plan through the EHR launch.
    const psychologist = await launchFromEhr(e2e, 'psychologist', person);
    await psychologist.close();
    // A GP outside the team breaks the glass through the standalone sign-in, with a reason.
    const page = await (await newContext(e2e)).newPage();
    await page.goto(`${e2e.sandbox.url}/app/launch.html?iss=${encodeURIComponent(e2e.sandbox.fhirBaseUrl)}`);
    await page.waitForURL(/\/auth\/authorize/);
    await page.check('input[name="user"][value="gp-rdr"]');
    await page.click('button[value="approve"]');
    expect(await page.locator('select[name="patient"] option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).not.toContain(person);
    await page.locator('summary', { hasText: 'bris de glace' }).click();
    await page.fill('input[name="patient"]', person);
    await page.fill('textarea[name="reason"]', 'Urgences de Roubaix : personne inconsciente, traitement à vérifier');
    await page.click('button[value="emergency"]');
    await page.waitForURL(/\/app\/index\.html/);
    await orScreenshot(page, 'emergency-access-failed', page.getByTestId('stage').waitFor({ timeout: 30_000 }));
    await page.close();

    const gp = await launchFromEhr(e2e, 'gp', person);
    await gp.locator('summary', { hasText: 'derniers accès au dossier' }).click();
    const table = gp.getByTestId('access-log');
    await orScreenshot(gp, 'access-log-failed', table.waitFor({ timeout: 30_000 }));
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.some((r) => r.includes('Garcia') && r.includes('Psychologue'))).toBe(true);
    const emergency = rows.filter((r) => r.includes('Bris de glace'));
    expect(emergency.length).toBeGreaterThan(0);
    expect(emergency[0]).toContain('hors de l’équipe');
    expect(emergency[0]).toContain('Urgences de Roubaix');
    await table.scrollIntoViewIfNeeded();
    await gp.screenshot({ path: join(artifacts, 'access-log.png'), fullPage: true });
    await gp.close();
  });
});
