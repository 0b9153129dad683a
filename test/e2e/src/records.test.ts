// Issue 15 in headless Chromium against the real sandbox: Karim's GP fills in a medical entry record (the AUDIT-C and
// the drinks per day it extracts show in the plan's current use), then an end-of-care record that closes the plan
// after a confirmation. The SDC renderer loads lazily under the app's Content-Security-Policy (nothing blocked).
import { join } from 'node:path';
import type { CarePlan } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launchFromEhr, orScreenshot, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

let e2e: E2e;
// The build and the sandbox's first load (cohort included) take minutes on a loaded shared machine.
beforeAll(async () => {
  e2e = await startE2e();
}, 400_000);
afterAll(async () => {
  await e2e?.close();
});

describe('entry and end-of-care records in the browser', () => {
  it('the GP fills in a medical entry, then an end-of-care record that closes the plan', async () => {
    const page = await launchFromEhr(e2e, 'gp', 'PatientMicrostructureExample');
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) blocked.push(m.text());
    });
    const section = page.locator('#records');
    await section.getByRole('button', { name: 'Remplir : Fiche d’entrée médicale' }).click();
    const form = section.getByTestId('record-form-medical');
    await form.getByLabel('2 à 3 fois par semaine').first().check({ timeout: 60_000 });
    await form.getByLabel('5 ou 6').first().check();
    await form.getByLabel('Une fois par mois', { exact: true }).first().check();
    await form.getByLabel('Verres standard par jour en moyenne').fill('5');
    await page.screenshot({ path: join(artifacts, 'record-medical-entry.png'), fullPage: false });
    await form.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await orScreenshot(page, 'record-medical-failed', section.getByText(/Fiche enregistrée ; 2 mesure/).waitFor({ timeout: 30_000 }));
    // The extracted measures are the plan's own: current use reads them at once.
    await expect.poll(async () => page.locator('#products').innerText(), { timeout: 15_000 }).toMatch(/5 verres standard par jour .* AUDIT-C 7\/12/);
    await expect(section.getByTestId('records').innerText()).resolves.toMatch(/Fiche d’entrée médicale/);

    await section.getByRole('button', { name: 'Remplir : Fiche de fin d’accompagnement' }).click();
    const end = section.getByTestId('record-form-endOfCare');
    await end.locator('input[type="date"]').fill('2026-11-30', { timeout: 60_000 });
    await end.getByLabel('Relais vers un partenaire').first().check();
    await end.getByLabel('Relais vers : partenaire et contact').fill('CSAPA Danton, Dr Morel');
    await end.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await end.getByRole('button', { name: 'Confirmer la fin de l’accompagnement' }).click();
    await orScreenshot(page, 'record-end-failed', section.getByText('Plan clos : Relais vers un partenaire').waitFor({ timeout: 30_000 }));
    await section.getByTestId('plan-ended').waitFor();
    // The plan is closed: its records read, none is filled in any more, and the plan says why.
    expect(await section.getByTestId('records-read-only').innerText()).toBe('Le plan est clos : les fiches restent lisibles mais ne peuvent plus être remplies.');
    expect(await section.getByRole('button', { name: /^Remplir/ }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'record-end-of-care.png'), fullPage: false });
    const plan = await e2e.sandbox.fhir.repository.readResource<CarePlan>('CarePlan', 'CarePlanMicrostructureExample');
    expect(plan.status).toBe('completed');
    expect(plan.period?.end).toBe('2026-11-30');
    expect(plan.extension?.find((e) => e.url.endsWith('/parcours-end-of-care-reason'))?.valueCoding?.code).toBe('relais-partenaire');
    expect(blocked).toEqual([]);
    await page.close();
  }, 180_000);
});
