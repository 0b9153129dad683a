// Issue 17 in headless Chromium against the real sandbox: the status line says the care break (the watch's Flag) and the overdue
// call-back of Martine Lefebvre (alcohol harm reduction) in French and in English; Karim Haddad's plan shows tobacco
// and cocaine in words with their values; the heavy person's timeline is paged. Screenshots go to test/e2e/artifacts/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launchFromEhr, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
}, 300_000); // the sandbox with its cohort starts in 2 minutes or more on the shared machine

afterAll(async () => {
  await e2e?.close();
});

const alerts = (page: Page): Promise<string> => page.getByTestId('status-alerts').innerText();

describe('the plan a GP reads in ten seconds', () => {
  it('a person in a care break with an overdue call-back shows both in the status line, in French and English', async () => {
    const page = await launchFromEhr(e2e, 'gp-rdr', 'PatientRdrAlcoolExample');
    await page.setViewportSize({ width: 1200, height: 900 });
    const fr = await alerts(page);
    expect(fr).not.toMatch(/\bN jours/); // a « sans contact » break says its number of days
    // The care-break watch's Flags say since when and which rule (« rupture de soins en cours depuis … »; in the
    // sandbox the watch's own pass decides which rules hold today), then the weeks without news.
    expect(fr).toMatch(/Rupture de soins en cours depuis le \d\d\/\d\d\/\d{4} : (Aucun contact depuis \d+ jours|Tâche en retard|Rendez-vous manqués à la suite)/);
    expect(fr).toMatch(/Aucun contact depuis \d+ semaines/);
    expect(fr).toMatch(/\d+ tâches? en retard : Pas de nouvelles depuis trois semaines/);
    const facts = await page.getByTestId('status-facts').innerText();
    expect(facts).toContain('Dernier contact : 18/03/2024');
    // The status line is the first thing after the banner: above the discharges, the stage and the goals.
    const top = await page.getByTestId('status').boundingBox();
    const goals = await page.locator('#goals').boundingBox();
    expect(top!.y).toBeLessThan(goals!.y);
    await page.screenshot({ path: join(artifacts, 'plan-gp.png'), fullPage: false });
    await page.selectOption('.lang select', 'en');
    const en = await alerts(page);
    expect(en).toMatch(/Care break in progress since \d\d\/\d\d\/\d{4}: (No contact for \d+ days|Task overdue by more than D days|Appointments missed in a row)/);
    expect(en).toMatch(/\d+ overdue tasks?: Pas de nouvelles/);
    await page.screenshot({ path: join(artifacts, 'plan-gp-en.png'), fullPage: false });
    await page.selectOption('.lang select', 'fr');
    await page.close();
  });

  it('a person using cocaine and tobacco shows both in words with their values, and the substitution dose', async () => {
    const page = await launchFromEhr(e2e, 'gp', 'PatientMicrostructureExample');
    await page.setViewportSize({ width: 1200, height: 900 });
    const products = await page.getByTestId('products').innerText();
    expect(products).toContain('Tabac : fume tous les jours (08/01/2024)');
    expect(products).toContain('Cocaïne : occasionnellement, voie : voie nasale (08/01/2024)');
    expect(products).toMatch(/dose : \d+ mg/);
    expect(await page.locator('body').innerText()).not.toMatch(/History of Other nonmedical drug use|Practitioner\/|PractitionerRole\//);
    await page.locator('#products').screenshot({ path: join(artifacts, 'products.png') });
    await page.screenshot({ path: join(artifacts, 'plan-gp-microstructure.png'), fullPage: true });
    await page.close();
  });

  it('the heavy person: status first, a paged timeline with significant events first', async () => {
    const page = await launchFromEhr(e2e, 'gp', 'cohort-heavy');
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.getByTestId('status-facts').waitFor();
    const shown = await page.getByTestId('timeline').locator('li').count();
    expect(shown).toBeLessThanOrEqual(40);
    expect(await page.getByTestId('timeline').locator('li.tl-observation').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'plan-gp-heavy.png'), fullPage: false });
    await page.close();
  });
});
