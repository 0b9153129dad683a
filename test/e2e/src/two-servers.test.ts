// Issue 19 in headless Chromium: Dr Rossi launches Parcours from her own EHR (/dpi, its own ids and authorization
// server); the app exchanges the EHR's id_token for a plan-server token, shows Karim Haddad's plan from the plan
// server and her lab results from the EHR beside it; she shares one result into the plan; the psychologist, in a
// standalone launch on the plan server, sees it there. Screenshots go to test/e2e/artifacts/.
import { join } from 'node:path';
import { Operator } from '@medplum/core';
import type { Observation, Patient, Provenance } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, newContext, orScreenshot, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

const KARIM_INS = '185071305512378';
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('two servers: the GP’s EHR and the shared plan', () => {
  it('the GP launches from her EHR, sees the plan and her lab results, shares one; the psychologist sees it', async () => {
    const files = await e2e.sandbox.ehr.fhir.repository.search<Patient>({ resourceType: 'Patient', filters: [{ code: 'identifier', operator: Operator.EQUALS, value: `urn:oid:1.2.250.1.213.1.4.8|${KARIM_INS}` }] });
    const ehrId = files.entry?.[0]?.resource?.id ?? '';
    expect(ehrId).toMatch(/^dpi-/);

    const page = await (await newContext(e2e)).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`${e2e.sandbox.url}/`);
    await page.selectOption('#dpi-user', 'dpi-rossi');
    await page.selectOption('#dpi-patient', ehrId);
    await page.click('#dpi-launch-form button[value="tab"]');
    await page.waitForURL(/\/app\/index\.html/);
    await orScreenshot(page, 'two-servers-launch-failed', page.getByTestId('stage').waitFor({ timeout: 30_000 }));
    expect(errors).toEqual([]);
    expect(await page.locator('body').innerText()).toContain('Haddad');
    const panel = page.getByTestId('ehr-panel');
    await orScreenshot(page, 'two-servers-ehr-failed', panel.getByTestId('ehr-lab').first().waitFor({ timeout: 15_000 }));
    expect(await page.locator('#ehr h2').innerText()).toBe('Dans votre logiciel (DPI)');
    const ggt = panel.getByTestId('ehr-lab').filter({ hasText: 'GGT' }).first();
    const ggtText = await ggt.innerText();
    const value = /(\d+(?:[.,]\d+)?) U\/L/.exec(ggtText)?.[1] ?? '';
    expect(value).not.toBe('');
    // Nothing of the EHR is in the plan before the GP shares it.
    expect(await page.getByTestId('shared-results').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'two-servers-gp.png'), fullPage: true });

    await ggt.getByRole('button', { name: /Partager dans le plan/ }).click();
    await page.getByText('Résultat partagé dans le plan.').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('shared-results').innerText()).resolves.toContain(`${value} U/L`);
    await expect(ggt.innerText()).resolves.toContain('Déjà dans le plan');
    // Reloading the tab keeps the plan grant (the plan server exchanges an id_token once): same plan, same share.
    await page.reload();
    await orScreenshot(page, 'two-servers-reload-failed', page.getByTestId('shared-results').waitFor({ timeout: 30_000 }));
    await expect(page.getByTestId('shared-results').innerText()).resolves.toContain(`${value} U/L`);

    // On the plan server: the copy for the plan's person, and a Provenance naming the EHR's original as its source.
    const copies = await e2e.sandbox.fhir.repository.search<Observation>({ resourceType: 'Observation', filters: [{ code: 'subject', operator: Operator.EQUALS, value: 'Patient/PatientMicrostructureExample' }, { code: 'code', operator: Operator.EQUALS, value: 'http://loinc.org|2324-2' }] });
    const copy = copies.entry?.map((e) => e.resource).find((o) => o?.identifier?.[0]?.system === `${e2e.sandbox.ehr.fhirBaseUrl}/Observation`);
    expect(copy).toBeDefined();
    const provenances = await e2e.sandbox.fhir.repository.search<Provenance>({ resourceType: 'Provenance', filters: [{ code: 'target', operator: Operator.EQUALS, value: `Observation/${copy?.id}` }] });
    const entity = provenances.entry?.[0]?.resource?.entity?.[0];
    expect(entity?.role).toBe('source');
    expect(entity?.what.reference).toMatch(new RegExp(`^${e2e.sandbox.ehr.fhirBaseUrl}/Observation/${ehrId}-lab-`));
    await page.close();

    const psy = await (await newContext(e2e)).newPage();
    await psy.goto(`${e2e.sandbox.url}/app/launch.html?iss=${encodeURIComponent(e2e.sandbox.fhirBaseUrl)}`);
    await psy.waitForURL(/\/auth\/authorize/);
    await psy.check('input[name="user"][value="psychologist"]');
    await psy.click('button[value="approve"]'); // signed in; the picker then lists her care teams' people
    await psy.selectOption('select[name="patient"]', 'PatientMicrostructureExample');
    await psy.click('button[value="approve"]');
    await psy.waitForURL(/\/app\/index\.html/);
    await orScreenshot(psy, 'two-servers-psychologist-failed', psy.getByTestId('shared-results').waitFor({ timeout: 30_000 }));
    const shared = await psy.getByTestId('shared-results').innerText();
    expect(shared).toContain(`${value} U/L`);
    expect(shared).toContain('partagé depuis le logiciel du médecin');
    expect(await psy.getByTestId('ehr-panel').count()).toBe(0); // no EHR in a standalone launch
    await psy.screenshot({ path: join(artifacts, 'two-servers-psychologist.png'), fullPage: true });
    await psy.close();
  });

  it('a person without INS in the EHR: the app says why in French, and opens no plan', async () => {
    const page = await (await newContext(e2e)).newPage();
    await page.goto(`${e2e.sandbox.url}/`);
    await page.selectOption('#dpi-user', 'dpi-rossi');
    await page.selectOption('#dpi-patient', 'dpi-sans-ins');
    await page.click('#dpi-launch-form button[value="tab"]');
    await page.waitForURL(/\/app\/index\.html/);
    const refused = page.getByTestId('exchange-refused');
    await orScreenshot(page, 'two-servers-no-ins-failed', refused.waitFor({ timeout: 30_000 }));
    expect(await refused.innerText()).toMatch(/^Le plan partagé n’a pas pu être ouvert depuis votre logiciel : La personne n’a pas d’INS dans le DPI/);
    expect(await page.getByTestId('stage').count()).toBe(0);
    await page.close();
  });
});
