// Issue 14 in headless Chromium against the real sandbox and its care-break watch: a coordinator (the microstructure
// GP, coordinator of her patients' teams) launches Parcours from the EHR without a person, gets her caseload,
// filters « à voir », opens a person in a care break (no contact), records a contact in their plan (a synthesis
// meeting: the contact the app can write today, a finished Encounter for the person), the watch's next pass clears
// the Flag, and on reload the row no longer shows the break. Screenshots in French and English go to artifacts/.
import { join } from 'node:path';
import type { Bundle, CarePlan, Flag, Resource, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launchWorkspace, orScreenshot, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
  await e2e.sandbox.watch!.fullPass(); // the Flags of today, whatever the start-up pass had reached
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

const CONTACT_NOTE = 'Appel de reprise de contact : rendez-vous proposé la semaine prochaine.';
const GP = ['PractitionerRole/PractitionerRoleMicrostructureGpExample', 'Practitioner/PractitionerMicrostructureGpExample'];

async function all<T extends Resource>(query: string): Promise<T[]> {
  const bundle = (await e2e.sandbox.fhir.repository.search<T>({ ...parse(query), count: 1000 })) as Bundle<T>;
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}
function parse(query: string): { resourceType: never; filters: { code: string; operator: never; value: string }[] } {
  const [type, params] = query.split('?') as [string, string | undefined];
  const filters = [...new URLSearchParams(params ?? '')].map(([code, value]) => ({ code, operator: 'eq' as never, value }));
  return { resourceType: type as never, filters };
}

/**
 * A cohort person the GP coordinates, in a no-contact break: the one with the fewest other reasons for attention
 * (breaks a contact does not clear, overdue tasks or activities, open discharges); `others` says how many.
 */
async function personInBreak(): Promise<{ id: string; name: string; others: number }> {
  const flags = (await all<Flag>('Flag')).filter((f) => f.status === 'active');
  const rulesOf = (patient: string): string[] => flags.filter((f) => f.subject?.reference === patient).map((f) => f.code?.coding?.[0]?.code ?? '');
  const teams = await all<Resource & { resourceType: 'CareTeam' }>('CareTeam?status=active');
  const tasks = await all<Task>('Task');
  const plans = await all<CarePlan>('CarePlan?status=active');
  const today = new Date().toISOString().slice(0, 10);
  const late = (due: string | undefined): boolean => /^\d{4}-\d{2}-\d{2}/.test(due ?? '') && (due ?? '').slice(0, 10) < today;
  const candidates: { patient: string; others: number }[] = [];
  for (const team of teams) {
    const patient = team.subject?.reference ?? '';
    const rules = rulesOf(patient);
    const coordinated = (team.participant ?? []).some((p) => GP.includes(p.member?.reference ?? '') && !p.period?.end && (p.role ?? []).some((r) => r.coding?.some((c) => c.code === 'coordinateur')));
    if (!coordinated || !patient.startsWith('Patient/cohort-') || !rules.includes('sans-contact')) continue;
    const openTasks = tasks.filter((t) => t.for?.reference === patient && !['completed', 'cancelled', 'rejected', 'entered-in-error'].includes(t.status)
      && ((t.code?.coding ?? []).some((c) => c.code === 'suivi-post-sortie') || late(t.restriction?.period?.end ?? t.executionPeriod?.end))).length;
    const lateActivities = plans.filter((p) => p.subject?.reference === patient).flatMap((p) => p.activity ?? [])
      .filter((a) => a.detail && !['completed', 'cancelled', 'stopped', 'on-hold', 'entered-in-error'].includes(a.detail.status) && late(a.detail.scheduledPeriod?.end ?? a.detail.scheduledPeriod?.start)).length;
    candidates.push({ patient, others: rules.filter((r) => r !== 'sans-contact' && r !== 'rendez-vous-manques').length + openTasks + lateActivities });
  }
  const best = candidates.sort((a, b) => a.others - b.others)[0];
  if (!best) throw new Error('no person of the GP’s teams in a no-contact break in the sandbox cohort');
  const person = (await e2e.sandbox.fhir.repository.readResource('Patient', best.patient.slice('Patient/'.length))) as { id: string; name?: { given?: string[]; family?: string }[] };
  return { id: person.id, name: [...(person.name?.[0]?.given ?? []), person.name?.[0]?.family].join(' '), others: best.others };
}

describe('the caseload', () => {
  it('a coordinator filters « à voir », opens a person in a care break, records a contact, the watch clears the Flag and the row updates', async () => {
    const person = await personInBreak();
    const page = await launchWorkspace(e2e, 'gp', { viewport: { width: 1400, height: 900 } });
    const total = Number(/sur (\d+)/.exec(await page.getByTestId('caseload-count').innerText())?.[1]);
    expect(total).toBeGreaterThan(10);
    await page.screenshot({ path: join(artifacts, 'caseload-gp.png'), fullPage: false });

    await page.getByTestId('filter-attention').check();
    const attention = Number(/^(\d+)/.exec(await page.getByTestId('caseload-count').innerText())?.[1]);
    expect(attention).toBeGreaterThan(0);
    expect(attention).toBeLessThan(total);
    await page.getByLabel('Nom', { exact: true }).fill(person.name);
    const row = page.getByTestId('caseload-row').filter({ hasText: person.name });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('care-breaks').innerText()).toMatch(/sans contact depuis le \d\d\/\d\d\/\d{4}/);
    await page.getByLabel('Nom', { exact: true }).fill('');
    await page.screenshot({ path: join(artifacts, 'caseload-a-voir.png'), fullPage: false });
    await page.selectOption('.lang select', 'en');
    await page.getByTestId('caseload-table').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Care breaks' }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'caseload-a-voir-en.png'), fullPage: false });
    await page.selectOption('.lang select', 'fr');

    // Her plan, in the same session: the status line says the break; a contact is recorded.
    await page.getByLabel('Nom', { exact: true }).fill(person.name);
    await page.getByRole('button', { name: `Ouvrir le plan de ${person.name}` }).click();
    await page.getByTestId('workspace-plan').getByTestId('stage').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('workspace-plan').getByTestId('status').innerText()).toMatch(/contact/i);
    // A phone call with her (a review in a synthesis meeting would not do: the team holds it without the person).
    await page.getByRole('button', { name: 'Noter une rencontre' }).click();
    const contact = page.getByRole('form', { name: 'Noter une rencontre' });
    await contact.getByLabel('Modalité').selectOption('VR');
    await contact.getByLabel('Durée (minutes)').fill('15');
    await contact.getByLabel('Addiction').check();
    await contact.getByLabel('Note').fill(CONTACT_NOTE);
    await contact.getByRole('button', { name: 'Enregistrer' }).click();
    await orScreenshot(page, 'caseload-contact-failed', page.getByTestId('workspace-plan').getByTestId('contacts').getByText(CONTACT_NOTE).waitFor({ timeout: 30_000 }));

    // The watch's next pass sees the contact and clears the Flag (the sandbox's watch may also have run on the change).
    const activeRules = async (): Promise<(string | undefined)[]> => {
      await e2e.sandbox.watch!.incrementalPass();
      return (await all<Flag>(`Flag?subject=Patient/${person.id}`)).filter((f) => f.status === 'active').map((f) => f.code?.coding?.[0]?.code);
    };
    await expect.poll(activeRules, { timeout: 30_000, interval: 1_000 }).not.toContain('sans-contact');
    const flags = await activeRules();
    const cleared = (await all<Flag>(`Flag?subject=Patient/${person.id}`)).filter((f) => f.status === 'inactive' && f.code?.coding?.[0]?.code === 'sans-contact');
    expect(cleared.length).toBeGreaterThan(0);
    expect(flags).not.toContain('rendez-vous-manques');

    // Back to the caseload, reloaded: the row no longer shows the break nor « à voir ».
    await page.reload();
    await page.getByTestId('caseload-table').waitFor({ timeout: 60_000 });
    await page.getByLabel('Nom', { exact: true }).fill(person.name);
    const updated = page.getByTestId('caseload-row').filter({ hasText: person.name });
    await expect.poll(() => updated.count()).toBe(1);
    expect(await updated.getByTestId('care-breaks').innerText()).not.toMatch(/sans contact|rendez-vous manqués/);
    await page.screenshot({ path: join(artifacts, 'caseload-after-contact.png'), fullPage: false });
    if (person.others === 0) {
      // Nothing else needed attention: the person leaves « à voir ».
      expect(await updated.getByTestId('care-breaks').innerText()).toBe('—');
      await page.getByTestId('filter-attention').check();
      await expect.poll(() => updated.count()).toBe(0);
    }
    await page.close();
  });
});
