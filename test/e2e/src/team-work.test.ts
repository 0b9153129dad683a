// Issue 15 in headless Chromium against the real sandbox: the social-housing psychologist marks appointments held
// and missed (a future one can only be rescheduled or cancelled), records a phone interview and a workshop with three residents, each of whom sees it in their plan;
// the health-pathway referent records an accompaniment and an orientation to the CMP, then its outcome.
// Screenshots of the forms go to test/e2e/artifacts/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launchFromEhr, shownDay, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const work = (page: Page): ReturnType<Page['locator']> => page.locator('#team-work');
const saved = async (page: Page): Promise<void> => {
  try {
    await work(page).locator('form').waitFor({ state: 'detached', timeout: 20_000 });
  } catch (error) {
    // The form stayed open: say what it says (a refusal in words) rather than only "timeout".
    const said = await work(page).locator('form [role="alert"]').allInnerTexts();
    await page.screenshot({ path: join(artifacts, 'team-work-refused.png'), fullPage: true });
    throw new Error(`The form did not close: ${said.join(' | ') || 'no message'}`, { cause: error });
  }
};

// Three residents followed by the psychologist in the cohort (active care teams, Élodie Muller a member).
const RESIDENTS = ['cohort-residence-sociale-001', 'cohort-residence-sociale-003', 'cohort-residence-sociale-004'];
const THEME = 'Tabac : en parler, diminuer';
/** The browser's zone (harness BROWSER_TIME_ZONE, Pacific/Kiritimati) as an offset: what a datetime-local field means. */
const BROWSER_OFFSET = '+14:00';

describe('the team records its own work', () => {
  it('the psychologist marks an appointment missed, another held by phone, and records a phone consultation', async () => {
    const page = await launchFromEhr(e2e, 'psychologist-housing', 'PatientResidenceSocialeExample');
    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.getByRole('button', { name: 'Non venu·e : 04/03/2024' }).click();
    await expect.poll(() => work(page).getByTestId('appointments').innerText(), { timeout: 20_000 }).toContain('04/03/2024 · Consultation de psychologue · Téléphone · Élodie Muller · absence');

    // Booked for next week: it can be cancelled or rescheduled, not marked held or missed before its time.
    const book = async (at: string, screenshot?: string): Promise<void> => {
      await page.getByRole('button', { name: 'Prévoir un rendez-vous' }).click();
      const booking = page.getByRole('form', { name: 'Prévoir un rendez-vous' });
      await booking.getByLabel('Date et heure').fill(at);
      await booking.getByLabel('Modalité').selectOption('VR');
      if (screenshot) await booking.screenshot({ path: join(artifacts, screenshot) });
      await booking.getByRole('button', { name: 'Enregistrer' }).click();
      await saved(page);
    };
    await book('2026-12-07T10:00', 'form-appointment.png');
    const next = shownDay(new Date(`2026-12-07T10:00:00${BROWSER_OFFSET}`));
    await page.getByRole('button', { name: `Déplacer : ${next}` }).waitFor();
    expect(await page.getByRole('button', { name: `Annulé : ${next}` }).count()).toBe(1);
    expect(await page.getByRole('button', { name: `Tenu : ${next}` }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `Non venu·e : ${next}` }).count()).toBe(0);
    // One booked for last week (recorded late) has taken place: it is marked held.
    await book('2026-11-24T10:00');
    await page.getByRole('button', { name: `Tenu : ${shownDay(new Date(`2026-11-24T10:00:00${BROWSER_OFFSET}`))}` }).click();
    const held = page.getByRole('form', { name: 'Rendez-vous tenu' });
    await held.getByLabel('Type de rencontre').selectOption('entretien');
    await held.getByLabel('Santé mentale').check();
    await held.getByLabel('Addiction').check();
    await held.screenshot({ path: join(artifacts, 'form-appointment-held.png') });
    await held.getByRole('button', { name: 'Enregistrer' }).click();
    await saved(page);
    expect(await work(page).getByTestId('contacts').innerText()).toMatch(/Entretien · Téléphone · 45 min · Élodie Muller · Addiction, Santé mentale\s*PSY/);

    await page.getByRole('button', { name: 'Noter une rencontre' }).click();
    const contact = page.getByRole('form', { name: 'Noter une rencontre' });
    await contact.getByLabel('Modalité').selectOption('VR');
    await contact.getByLabel('Durée (minutes)').fill('20');
    await contact.getByLabel('Logement').check();
    await contact.getByLabel('Note').fill('Appel après l’absence : il va mieux, reprend rendez-vous.');
    await contact.screenshot({ path: join(artifacts, 'form-contact.png') });
    await contact.getByRole('button', { name: 'Enregistrer' }).click();
    await saved(page);
    const contacts = await work(page).getByTestId('contacts').innerText();
    expect(contacts).toContain('Consultation individuelle · Téléphone · 20 min · Élodie Muller · Logement');
    expect(contacts).toContain('Appel après l’absence');
    await work(page).screenshot({ path: join(artifacts, 'team-work-psychologist.png') });
    await page.close();
  });

  it('the psychologist records a workshop with three residents, and each resident\'s plan shows it', async () => {
    const first = await launchFromEhr(e2e, 'psychologist-housing', RESIDENTS[0] as string);
    await first.setViewportSize({ width: 1200, height: 1000 });
    await first.getByRole('button', { name: 'Noter un atelier' }).click();
    const form = first.getByRole('form', { name: 'Noter un atelier' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await form.getByRole('alert').innerText()).toBe('Indiquez le thème de l’atelier.');
    await form.getByLabel('Thème').fill(THEME);
    await form.getByLabel('Participants hors Parcours').fill('6');
    await form.getByLabel('Addiction').check();
    await form.screenshot({ path: join(artifacts, 'form-workshop.png') });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await saved(first);
    await first.close();
    // The two others are added from their own plans, to the session just recorded.
    for (const resident of RESIDENTS.slice(1)) {
      const page = await launchFromEhr(e2e, 'psychologist-housing', resident);
      await page.getByRole('button', { name: 'Noter un atelier' }).click();
      const join_ = page.getByRole('form', { name: 'Noter un atelier' });
      const known = join_.getByLabel('Atelier déjà noté');
      await known.waitFor({ timeout: 20_000 });
      await known.selectOption({ index: 1 });
      if (resident === RESIDENTS[1]) await join_.screenshot({ path: join(artifacts, 'form-workshop-join.png') });
      await join_.getByRole('button', { name: 'Enregistrer' }).click();
      await saved(page);
      await page.close();
    }
    for (const resident of RESIDENTS) {
      const page = await launchFromEhr(e2e, 'psychologist-housing', resident);
      const shown = await work(page).getByTestId('workshops').innerText();
      expect(shown, resident).toContain(`« ${THEME} » · Résidence sociale Les Tilleuls · animé par Élodie Muller · + 6 hors Parcours`);
      await page.close();
    }
  });

  it('the referent records an accompaniment and an orientation to the CMP, then its outcome', async () => {
    const page = await launchFromEhr(e2e, 'referent', 'PatientReferentExample');
    await page.setViewportSize({ width: 1200, height: 1000 });
    expect(await work(page).getByTestId('intensity').innerText()).toContain('Accompagnement renforcé');
    await page.getByRole('button', { name: 'Noter une rencontre' }).click();
    const contact = page.getByRole('form', { name: 'Noter une rencontre' });
    await contact.getByLabel('Type de rencontre').selectOption('accompagnement');
    await contact.getByLabel('Modalité').selectOption('FLD');
    await contact.getByLabel('Durée (minutes)').fill('150');
    await contact.getByLabel('Santé', { exact: true }).check();
    await contact.getByLabel('Droits').check();
    expect(await contact.getByLabel(/Contenu psychothérapeutique/).count()).toBe(0);
    await contact.screenshot({ path: join(artifacts, 'form-accompaniment.png') });
    await contact.getByRole('button', { name: 'Enregistrer' }).click();
    await saved(page);
    expect(await work(page).getByTestId('contacts').innerText()).toContain('Accompagnement · Hors les murs · 150 min · Hugo Lambert · Santé, Droits');

    await page.getByRole('button', { name: 'Orienter vers un partenaire' }).click();
    const orient = page.getByRole('form', { name: 'Orienter vers un partenaire' });
    await orient.getByLabel('Type de partenaire').selectOption('cmp-psychiatrie');
    await orient.getByLabel('Santé mentale').check();
    await orient.screenshot({ path: join(artifacts, 'form-orientation.png') });
    await orient.getByRole('button', { name: 'Enregistrer' }).click();
    await saved(page);
    const row = work(page).getByTestId('orientations').locator('li', { hasText: 'CMP, psychiatrie' });
    expect(await row.innerText()).toContain('Orientation proposée');
    await page.getByRole('button', { name: 'Mettre à jour la suite : CMP, psychiatrie' }).click();
    const outcome = page.getByRole('form', { name: 'Mettre à jour la suite' });
    await outcome.getByLabel('Où en est l’orientation').selectOption('rdv-pris');
    await outcome.getByLabel('Date du rendez-vous chez le partenaire').fill('2026-12-10T09:30');
    await outcome.screenshot({ path: join(artifacts, 'form-orientation-outcome.png') });
    await outcome.getByRole('button', { name: 'Enregistrer' }).click();
    await saved(page);
    expect(await row.innerText()).toMatch(/Rendez-vous pris · rendez-vous le \d{2}\/12\/2026/);
    await page.getByRole('button', { name: 'Mettre à jour la suite : CMP, psychiatrie' }).click();
    await page.getByRole('form', { name: 'Mettre à jour la suite' }).getByLabel('Où en est l’orientation').selectOption('vue');
    await page.getByRole('form', { name: 'Mettre à jour la suite' }).getByRole('button', { name: 'Enregistrer' }).click();
    await saved(page);
    expect(await row.innerText()).toContain('Personne reçue');
    await work(page).screenshot({ path: join(artifacts, 'team-work-referent.png') });
    await page.close();
  });
});
