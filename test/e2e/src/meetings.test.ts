// Issue 14 in headless Chromium against the real sandbox: the microstructure GP opens her workspace (EHR launch
// without a person), prepares a case-review meeting for three people of her teams, records attendees, a partner and a
// decision for each (owner, due date) in one go; each person's plan then shows the meeting and its decision as a task.
import { join } from 'node:path';
import type { Bundle, CareTeam, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launchWorkspace, orScreenshot, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

const GP = ['PractitionerRole/PractitionerRoleMicrostructureGpExample', 'Practitioner/PractitionerMicrostructureGpExample'];

/** Three cohort people of the GP's active teams (the sandbox's seed), with the names the caseload shows. */
async function threePeople(): Promise<{ id: string; name: string }[]> {
  const bundle = (await e2e.sandbox.fhir.repository.search<CareTeam>({ resourceType: 'CareTeam', filters: [{ code: 'status', operator: 'eq' as never, value: 'active' }], count: 1000 })) as Bundle<CareTeam>;
  const ids = (bundle.entry ?? [])
    .map((e) => e.resource as CareTeam)
    .filter((t) => (t.participant ?? []).some((p) => GP.includes(p.member?.reference ?? '') && !p.period?.end))
    .map((t) => t.subject?.reference?.slice('Patient/'.length) ?? '')
    .filter((id) => id.startsWith('cohort-microstructure-'))
    .sort()
    .slice(0, 3);
  return Promise.all(ids.map(async (id) => {
    const p = (await e2e.sandbox.fhir.repository.readResource('Patient', id)) as Patient & Resource;
    const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
    return { id, name: [...(name?.given ?? []), name?.family].join(' ') };
  }));
}

describe('the case-review meeting', () => {
  it('a meeting for three people recorded from the workspace shows in the three plans with its decisions as tasks', async () => {
    const people = await threePeople();
    expect(people).toHaveLength(3);
    const page = await launchWorkspace(e2e, 'gp', { viewport: { width: 1400, height: 900 } });
    await page.getByRole('tab', { name: 'Réunion de synthèse' }).click();
    await orScreenshot(page, 'meeting-agenda-failed', page.getByRole('form', { name: 'Réunion de synthèse' }).waitFor({ timeout: 60_000 }));
    const form = page.getByRole('form', { name: 'Réunion de synthèse' });
    for (const p of people) {
      const box = form.getByRole('checkbox', { name: p.name, exact: false }).first();
      if (!(await box.isChecked())) await box.check();
    }
    // Only these three on the agenda (alerts a small caseload would have pre-ticked are unticked).
    for (const box of await form.locator('fieldset').first().getByRole('checkbox').all()) {
      const label = (await box.locator('xpath=..').innerText()).trim();
      if (!people.some((p) => label.startsWith(p.name)) && (await box.isChecked())) await box.uncheck();
    }
    await form.getByRole('checkbox', { name: /CMP Belle de Mai/ }).check();
    const reviews = form.getByTestId('review');
    await expect.poll(() => reviews.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const review = reviews.nth(i);
      await review.getByLabel('Note').fill('Point fait en équipe.');
      await review.getByLabel('Décision', { exact: true }).fill(`Décision e2e ${i + 1}`);
      await review.getByLabel('Qui s’en charge').selectOption({ index: 1 });
      await review.getByLabel('Pour le').fill('2026-12-14');
    }
    await page.screenshot({ path: join(artifacts, 'meeting-form.png'), fullPage: false });
    await form.getByRole('button', { name: 'Enregistrer la réunion' }).click();
    await orScreenshot(page, 'meeting-save-failed', page.getByText('Réunion enregistrée pour 3 personne(s).').waitFor({ timeout: 60_000 }));

    await page.getByRole('tab', { name: 'File active' }).click().catch(() => page.getByRole('tab').first().click());
    for (const p of people) {
      await page.getByLabel('Nom', { exact: true }).fill(p.name);
      await page.getByRole('button', { name: `Ouvrir le plan de ${p.name}` }).click();
      const plan = page.getByTestId('workspace-plan');
      await plan.getByTestId('stage').waitFor({ timeout: 30_000 });
      const meeting = plan.getByTestId('meeting').first();
      const text = await meeting.innerText();
      expect(text).toContain('CMP Belle de Mai');
      expect(await meeting.getByTestId('meeting-decision').innerText()).toMatch(/^Décision e2e \d — .+, pour le 14\/12\/2026/);
      expect(await plan.getByTestId('activity').filter({ hasText: /Décision e2e \d/ }).count()).toBe(1);
      if (p === people[0]) await plan.locator('#meetings').screenshot({ path: join(artifacts, 'meeting-in-plan.png') });
      await plan.getByRole('button', { name: /Retour/ }).first().click().catch(async () => page.goBack());
      await page.getByTestId('caseload-table').waitFor({ timeout: 60_000 });
    }
    await page.close();
  }, 300_000);
});
