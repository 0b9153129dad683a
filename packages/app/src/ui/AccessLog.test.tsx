// « Qui a consulté ce dossier » against the real FHIR server: AuditEvents in the server's BALP shape (audit.ts),
// stored as the server writes them (past the API, which refuses AuditEvent writes). The GP and the coordinator see
// who opened the record, with role, date and outcome, newest first; a social worker gets no such section, and the
// plan's own requests do not include the audit search.
import type { AuditEvent } from '@medplum/fhirtypes';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import type { Session } from '../smart/session.ts';
import { fhir, MICRO, practitionerRole, RDR, testApi } from '../test/server.ts';
import { App } from './App.tsx';

const GOAL = 'Boire moins, pas plus de 3 verres par jour';

function audit(id: string, patient: string, recorded: string, interaction: string, outcome: '0' | '4', user?: string, display?: string): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: interaction }],
    action: interaction === 'create' ? 'C' : 'R',
    recorded,
    outcome,
    agent: [
      ...(user ? [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] }, who: { reference: user, ...(display ? { display } : {}) }, requestor: true }] : []),
      { type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110150' }] }, who: { identifier: { system: 'https://fhir.parcours.fr/identifier/smart-client', value: 'parcours-exchange' } }, requestor: !user },
    ],
    source: { observer: { display: 'Serveur FHIR Parcours' } },
    entity: [{ what: { reference: `Patient/${patient}` }, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1' } }],
  };
}

const EVENTS = [
  audit('AuditWorkerRead', RDR.patient, '2024-05-15T08:30:00Z', 'read', '0', RDR.worker),
  // Someone outside Martine's team: the server names them in the event (their name is not in the plan's data).
  audit('AuditOutsiderRefused', RDR.patient, '2024-05-16T12:05:00Z', 'search-type', '4', MICRO.socialWorker, 'Leïla Mansouri'),
  audit('AuditGpWrite', RDR.patient, '2024-05-14T07:00:00Z', 'create', '0', RDR.gp),
  audit('AuditExchange', RDR.patient, '2024-05-13T07:00:00Z', 'create', '0'),
  // Another person's record: never in Martine's list.
  audit('AuditOtherPerson', MICRO.patient, '2024-05-17T09:00:00Z', 'read', '0', MICRO.psychologist),
];

beforeAll(() =>
  fhir.reset({
    add: [practitionerRole(RDR.gp, 'medecin-traitant'), practitionerRole(RDR.worker, 'intervenant-rdr-alcool'), practitionerRole(MICRO.socialWorker, 'travailleur-social')],
    unvalidated: EVENTS,
  }),
);

function renderApp(patientId: string, fhirUser: string, lang: Lang = 'fr'): void {
  const session: Session = { api: testApi(patientId), patientId, fhirUser, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch` };
  render(<I18nProvider initial={lang}><main><App session={session} /></main></I18nProvider>);
}

const auditSearches = async (): Promise<string[]> => (await fhir.log()).filter((l) => l.startsWith('GET AuditEvent'));

async function openLog(summary: RegExp): Promise<HTMLElement[]> {
  const before = await auditSearches();
  await userEvent.setup().click(await screen.findByText(summary, {}, { timeout: 10000 }));
  const table = await screen.findByTestId('access-log', {}, { timeout: 10000 });
  // Read on opening only, with the standard search: one request more than before.
  expect((await auditSearches()).length).toBe(before.length + 1);
  expect((await auditSearches()).at(-1)).toBe(`GET AuditEvent?patient=Patient%2F${RDR.patient}&_sort=-date&_count=20`);
  return within(table).getAllByRole('row').slice(1);
}

describe('who opened this record', () => {
  it('shows the GP who consulted, with role, date and outcome, newest first, in French', async () => {
    renderApp(RDR.patient, RDR.gp);
    await screen.findByText(GOAL, { exact: false }, { timeout: 15000 });
    expect(await screen.findByRole('heading', { name: 'Qui a consulté ce dossier' }, { timeout: 10000 })).toBeTruthy();
    expect(screen.queryByTestId('access-log')).toBeNull();
    const rows = (await openLog(/derniers accès au dossier/)).map((r) => r.textContent ?? '');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/Leïla Mansouri.*hors de l’équipe.*16\/05\/2024 14:05.*Recherche.*Refusé/);
    expect(rows[1]).toMatch(/Samia Benali.*[Cc]oordinat.*15\/05\/2024 10:30.*Lecture.*Autorisé/);
    expect(rows[2]).toMatch(/Caron.*14\/05\/2024.*Écriture.*Autorisé/);
    expect(rows[3]).toMatch(/Application parcours-exchange.*13\/05\/2024.*Écriture/);
    expect(rows.join(' ')).not.toContain('17/05/2024');
  });

  it('says the same in English', async () => {
    renderApp(RDR.patient, RDR.gp, 'en');
    await screen.findByText(GOAL, { exact: false }, { timeout: 15000 });
    expect(await screen.findByRole('heading', { name: 'Who opened this record' }, { timeout: 10000 })).toBeTruthy();
    const rows = (await openLog(/latest 20 accesses/)).map((r) => r.textContent ?? '');
    expect(rows[0]).toMatch(/Leïla Mansouri.*not in the team.*16\/05\/2024.*14:05.*Search.*Refused/);
    expect(rows[1]).toMatch(/Samia Benali.*[Cc]oordinat.*15\/05\/2024.*10:30.*Read.*Allowed/);
  });

  it('shows it to the coordinator too (the harm-reduction worker coordinates Martine’s team)', async () => {
    renderApp(RDR.patient, RDR.worker);
    await screen.findByText(GOAL, { exact: false }, { timeout: 15000 });
    expect((await openLog(/derniers accès au dossier/)).length).toBe(4);
  });

  it('gives a social worker no such section, and no audit search', async () => {
    const before = await auditSearches();
    renderApp(MICRO.patient, MICRO.socialWorker);
    await screen.findByTestId('restricted', {}, { timeout: 15000 });
    await screen.findByRole('region', { name: 'Activités et tâches' }, { timeout: 10000 }); // the sections below the goals are drawn (later.ts)
    expect(screen.queryByText('Qui a consulté ce dossier')).toBeNull();
    expect(screen.queryByText(/derniers accès/)).toBeNull();
    expect(await auditSearches()).toEqual(before);
  });
});

describe('who opened this record, when nobody did', () => {
  it('says so in a sentence', async () => {
    await fhir.reset({ add: [practitionerRole(RDR.gp, 'medecin-traitant')] });
    renderApp(RDR.patient, RDR.gp);
    await screen.findByText(GOAL, { exact: false }, { timeout: 15000 });
    await userEvent.setup().click(await screen.findByText(/derniers accès au dossier/, {}, { timeout: 10000 }));
    expect((await screen.findByTestId('access-empty', {}, { timeout: 10000 })).textContent).toBe('Aucun accès enregistré pour ce dossier.');
  });
});

describe('who opened this record, by breaking the glass', () => {
  it('marks an emergency access (purpose of use BTG) and gives its reason', async () => {
    const reason = 'Urgences : personne inconsciente';
    const btg: AuditEvent = {
      ...audit('AuditBreakGlass', RDR.patient, '2024-05-18T08:10:00Z', 'read', '0', MICRO.socialWorker, 'Leïla Mansouri'),
      purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG' }], text: reason }],
    };
    await fhir.reset({ add: [practitionerRole(RDR.gp, 'medecin-traitant')], unvalidated: [btg, EVENTS[0]!] });
    renderApp(RDR.patient, RDR.gp);
    await screen.findByText(GOAL, { exact: false }, { timeout: 15000 });
    const rows = await openLog(/derniers accès au dossier/);
    expect(rows[0]?.textContent).toMatch(/Leïla Mansouri.*hors de l’équipe.*18\/05\/2024.*Lecture.*Bris de glace.*motif : Urgences : personne inconsciente/);
    expect(within(rows[1]!).queryByTestId('access-emergency')).toBeNull(); // an ordinary access is not marked
  });
});
