// 500 people: one page of rows in the DOM at a time, the filters over all of them.
import type { Encounter, Flag, Patient } from '@medplum/fhirtypes';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { caseloadRows } from '../../fhir/caseload-rows.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { testApi } from '../../test/server.ts';
import { CaseloadScreen, FIRST_SCREEN, PAGE_SIZE } from './Caseload.tsx';

const NOW = '2026-12-01T10:00:00Z';

function fiveHundred(): ReturnType<typeof caseloadRows> {
  const ids = Array.from({ length: 500 }, (_, i) => `p${String(i).padStart(3, '0')}`);
  const patients: Patient[] = ids.map((id) => ({ resourceType: 'Patient', id, name: [{ family: `Nom${id}`, given: ['Prénom'] }] }));
  const encounters: Encounter[] = ids.map((id) => ({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: `Patient/${id}` }, period: { start: '2026-11-20T10:00:00Z' } }));
  const flags: Flag[] = ids.filter((_, i) => i % 10 === 0).map((id) => ({ resourceType: 'Flag', status: 'active', code: { coding: [{ code: 'rendez-vous-manques' }] }, subject: { reference: `Patient/${id}` }, period: { start: '2026-11-25' } }));
  return caseloadRows({ patients, careTeams: [], carePlans: [], flags, tasks: [], encounters, appointments: [], refs: new Map(), me: new Set(), windowStart: '2026-08-03' }, NOW);
}

describe('a caseload of 500 people', () => {
  it('renders one page at a time and filters over all of them', async () => {
    const user = userEvent.setup();
    const rows = fiveHundred();
    const data = { rows, role: 'gp' as const, refs: new Map(), at: NOW, windowStart: '2026-08-03', requests: 10 };
    render(
      <I18nProvider>
        <CaseloadScreen session={{ api: testApi(''), fhirUser: undefined, needPatientBanner: true, relaunchUrl: '/' }} caseload={{ status: 'ready', data, refreshing: false }} reloadCaseload={() => undefined} openPerson={() => undefined} />
      </I18nProvider>,
    );
    // The first screen first, then the rest of the page.
    expect(screen.getAllByTestId('caseload-row')).toHaveLength(FIRST_SCREEN);
    await waitFor(() => expect(screen.getAllByTestId('caseload-row')).toHaveLength(PAGE_SIZE));
    expect(screen.getByText('Page 1 sur 10')).toBeTruthy();
    // « À voir d'abord »: the 50 people in a care break fill the first page.
    expect(screen.getAllByTestId('caseload-row').every((r) => r.className === 'attention')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Suivantes' }));
    expect(screen.getByText('Page 2 sur 10')).toBeTruthy();
    expect(screen.getAllByTestId('caseload-row').some((r) => r.className === 'attention')).toBe(false);
    await user.click(screen.getByTestId('filter-attention'));
    expect(screen.getAllByTestId('caseload-row')).toHaveLength(50);
    expect(screen.queryByText(/^Page/)).toBeNull();
    expect(screen.getByTestId('caseload-count').textContent).toMatch(/^50 personnes affichées sur 500/);
  });
});
