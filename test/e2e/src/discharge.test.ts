// Hospital → exchange → FHIR server → app, end to end: the demo hospital sends an HL7 v2 ADT^A03 for Martine Lefebvre
// (alcohol harm-reduction scenario) to the sandbox's exchange with a SMART Backend Services token; the discharge is
// applied as one transaction; the GP launches Parcours from the EHR, finds the follow-up in the discharge inbox,
// acknowledges it, and after a reload the follow-up is acknowledged and completed in the plan.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launchFromEhr, NOW, shownDay, orScreenshot, root, startE2e } from './harness.ts';
import type { E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const DAY = 86_400_000;

/** HL7 v2 timestamp (YYYYMMDDHHMMSS) of a date, in Paris time as French hospitals send it (no offset). */
function hl7(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`;
}

function adtA03(messageId: string, admitted: Date, discharged: Date): string {
  return [
    `MSH|^~\\&|SIH-ROUBAIX|CHU-ROUBAIX^590000456^FINESS|PARCOURS|PARCOURS|${hl7(discharged)}||ADT^A03^ADT_A03|${messageId}|P|2.5^FRA^2.10|||||FRA|UNICODE UTF-8`,
    `EVN||${hl7(discharged)}|||LEROY`,
    'PID|1||268045935012345^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS~IPP-0101^^^CHU-ROUBAIX&1.2.250.1.71.4.2.2.590000456&ISO^PI||LEFEBVRE^MARTINE^ODILE^^^^L||19680412|F|||^^Lille^^^FRA^BDL^^59350',
    `PV1|1|I|ADDICTO^^^CHU-ROUBAIX||||810004445556^LEROY^SOPHIE^^^DR^^^ASIP-SANTE-PS&1.2.250.1.71.4.2.1&ISO^D^^^RPPS||||||||||||SEJ-E2E-0001^^^CHU-ROUBAIX&1.2.250.1.71.4.2.2.590000456&ISO^VN|||||||||||||||||01||||||||${hl7(admitted)}|${hl7(discharged)}`,
    "DG1|1||F10.3^Syndrome de sevrage alcoolique^I10|||F",
    'OBX|1|TX|SYNTHESE^Synthèse du séjour||Sevrage alcool de 5 jours sans complication. Revoir Mme Lefebvre sous 7 jours.||||||F',
    'RXE|1|A11DA01^Thiamine 250 mg^ATC|250||mg|CP|^1 comprimé matin et soir pendant 1 mois',
  ].join('\r') + '\r';
}

describe('hospital discharge reaches the GP', () => {
  it('an ADT^A03 lands in the plan, the GP acknowledges it, then marks the follow-up done', async () => {
    // Asynchronously: the sandbox answering the token request runs in this process.
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(root, 'packages', 'exchange', 'src', 'token.ts'), join(e2e.dataDir, 'exchange-keys.json'), 'hopital-demo',
      `${e2e.sandbox.url}/auth/token`, 'system/Bundle.crus', 'hospital',
    ], { encoding: 'utf8' });
    const token = stdout.trim();
    // Two days before the browser's NOW: the follow-up (7 days after discharge) is due, not overdue.
    const discharged = new Date(NOW.getTime() - 2 * DAY);
    const admitted = new Date(discharged.getTime() - 5 * DAY);
    const sent = await fetch(`${e2e.sandbox.url}/exchange/hl7v2`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'x-application/hl7-v2+er7; charset=utf-8' },
      body: adtA03('E2E-0001', admitted, discharged),
    });
    const ack = await sent.text();
    expect(ack).toMatch(/MSA\|AA\|E2E-0001/);
    expect(sent.status).toBe(200);

    // Applied asynchronously by the exchange's worker: wait for it (bounded), as an operator would check.
    await expect.poll(async () => {
      const status = await fetch(`${e2e.sandbox.url}/exchange/status`, { headers: { Authorization: `Bearer ${token}` } });
      return JSON.stringify(await status.json());
    }, { timeout: 30_000, interval: 250 }).toMatch(/"applied":1/);

    const page = await launchFromEhr(e2e, 'gp-rdr', 'PatientRdrAlcoolExample'); // her GP, in her care team
    const followUp = page.getByTestId('discharge').filter({ hasText: 'Thiamine' });
    await orScreenshot(page, 'gp-discharge-failed', followUp.waitFor({ timeout: 15_000 }));
    // A calendar date: the hospital's (Paris) day of discharge plus 7, shown as it is in any zone.
    const due = shownDay(new Date(discharged.getTime() + 7 * DAY));
    await expect(followUp.getByTestId('discharge-due').innerText()).resolves.toBe(`À voir sous 7 jours, avant le ${due}`);
    await expect(followUp.innerText()).resolves.toMatch(/Sevrage alcool de 5 jours/);
    await page.screenshot({ path: join(artifacts, 'gp-discharge-inbox.png'), fullPage: true });

    await followUp.getByRole('button', { name: /Accuser réception/ }).click();
    await orScreenshot(page, 'gp-discharge-ack-failed', page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor({ timeout: 15_000 }));
    // Acknowledging is not seeing the person (issue 17): the follow-up stays open until « Suivi fait ».
    await page.reload();
    await page.getByTestId('stage').waitFor({ timeout: 30_000 });
    await page.getByTestId('discharge').filter({ hasText: 'Thiamine' }).getByRole('button', { name: /Suivi fait/ }).click();
    await orScreenshot(page, 'gp-discharge-done-failed', page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor({ timeout: 15_000 }));
    await page.reload();
    await page.getByTestId('stage').waitFor({ timeout: 30_000 });
    // Followed-up discharges are folded under the open ones.
    await page.locator('summary', { hasText: /Sorties déjà suivies \(1\)/ }).click();
    const after = page.getByTestId('discharge').filter({ hasText: 'Thiamine' });
    await orScreenshot(page, 'gp-discharge-failed', after.locator('.badge.ok').waitFor({ timeout: 15_000 }));
    await expect(after.getByRole('button', { name: /Accuser réception/ }).count()).resolves.toBe(0);
    // The follow-up Task is in the plan's activities, completed.
    await expect(page.locator('tr', { hasText: /sous 7 jours après sa sortie/ }).first().innerText()).resolves.toMatch(/completed|terminée?/i);
    await page.screenshot({ path: join(artifacts, 'gp-discharge-acknowledged.png'), fullPage: true });
    await page.close();
  });
});
