// The team's-work forms (issue 15) against the real FHIR server holding the profiles' examples: the social-housing
// psychologist (Jean-Marc: appointments, phone interview, workshop, orientation to the CMP) and the health-pathway
// referent (Nadia: accompaniment, orientation and its follow-through), in French and in English. Every write is
// validated before it is sent; a refused one changes nothing and says why.
import type { Appointment, CarePlan, Encounter, Provenance, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { FhirApi } from '../../fhir/api.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import type { Lang } from '../../i18n/dict.ts';
import type { Session } from '../../smart/session.ts';
import { fhir, practitionerRole, server, smartClient } from '../../test/server.ts';
import { loadPlan } from '../../fhir/load-plan.ts';
import type { Change } from '../../fhir/writes.ts';
import { App } from '../App.tsx';
import type { WriteResult } from '../usePlan.ts';
import ContactForms from './ContactForms.tsx';

const HOUSING = { patient: 'PatientResidenceSocialeExample', psychologist: 'Practitioner/PractitionerResidenceSocialePsychologistExample', org: 'Organization/OrganizationResidenceSocialeExample' };
const REFERENT = { patient: 'PatientReferentExample', referent: 'Practitioner/PractitionerReferentExample' };
const T = { timeout: 15000 };

async function open(patient: string, fhirUser: string, role: string, lang: Lang = 'fr', more: Resource[] = []): Promise<HTMLElement> {
  await fhir.reset({ add: [practitionerRole(fhirUser, role, role === 'psychologue' ? HOUSING.org : undefined), ...more] });
  const api = new FhirApi(smartClient(patient), fhir.base);
  const session: Session = { api, patientId: patient, fhirUser, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch` };
  render(<I18nProvider initial={lang}><main><App session={session} /></main></I18nProvider>);
  return screen.findByRole('region', { name: lang === 'fr' ? 'Rencontres, ateliers et orientations' : 'Contacts, workshops and orientations' }, T);
}

const posts = async (): Promise<string[]> => (await fhir.log()).filter((l) => l.startsWith('POST'));

describe('the psychologist of the social housing', () => {
  it('sees contacts with mode and domains, the workshop with its theme and outside count, the CMP orientation and the intensity', async () => {
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue');
    expect(within(section).getByTestId('intensity').textContent).toContain('Accompagnement renforcé');
    const contacts = within(section).getByTestId('contacts').textContent ?? '';
    expect(contacts).toContain('Consultation individuelle · Téléphone · 15 min · Élodie Muller · Santé mentale');
    expect(contacts).toContain('Rendez-vous du 19 oublié');
    expect(contacts).toContain('Présentiel · 45 min');
    expect(within(section).getByTestId('workshops').textContent).toBe('27/02/2024 · « Prendre soin de soi » · Résidence sociale Les Tilleuls · animé par Élodie Muller, Marc Weber · + 9 hors Parcours');
    expect(within(section).getByTestId('orientations').textContent).toContain('CMP, psychiatrie · par Élodie Muller · Rendez-vous pris');
  });

  it('marks the booked appointment missed (one click, with its Provenance) and schedules a phone interview', async () => {
    const user = userEvent.setup();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue');
    await user.click(within(section).getByRole('button', { name: 'Non venu·e : 04/03/2024' }));
    await within(section).findByText('Enregistré.', {}, T);
    const missed = await fhir.read<Appointment>('Appointment/AppointmentResidenceSocialeBookedExample');
    expect(missed?.status).toBe('noshow');
    const provenance = await fhir.search<Provenance>('Provenance?target=Appointment/AppointmentResidenceSocialeBookedExample');
    expect(provenance[0]?.agent[0]?.who?.reference).toBe(HOUSING.psychologist);

    await user.click(within(section).getByRole('button', { name: 'Prévoir un rendez-vous' }));
    const form = await within(section).findByRole('form', { name: 'Prévoir un rendez-vous' }, T);
    fireEvent.change(within(form).getByLabelText('Date et heure'), { target: { value: '2024-03-18T14:00' } });
    await user.selectOptions(within(form).getByLabelText('Modalité'), 'VR');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    const booked = (await fhir.search<Appointment>(`Appointment?patient=Patient/${HOUSING.patient}&status=booked`))[0];
    expect(booked?.appointmentType?.coding?.[0]?.code).toBe('VR');
    expect(booked?.participant.map((p) => p.actor?.reference)).toEqual([`Patient/${HOUSING.patient}`, HOUSING.psychologist]);
    expect(new Date(booked?.start ?? '').getTime()).toBe(new Date('2024-03-18T14:00').getTime());
  }, 60_000);

  it('records a phone consultation: class VR, length, domains, note, labelled PSY', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue');
    await user.click(within(section).getByRole('button', { name: 'Noter une rencontre' }));
    const form = await within(section).findByRole('form', { name: 'Noter une rencontre' }, T);
    await user.selectOptions(within(form).getByLabelText('Type de rencontre'), 'entretien');
    await user.selectOptions(within(form).getByLabelText('Modalité'), 'VR');
    await user.clear(within(form).getByLabelText('Durée (minutes)'));
    await user.type(within(form).getByLabelText('Durée (minutes)'), '0');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(within(form).getByRole('alert').textContent).toBe('La durée doit être un nombre de minutes entre 1 et 600.');
    const before = (await posts()).length;
    await user.clear(within(form).getByLabelText('Durée (minutes)'));
    await user.type(within(form).getByLabelText('Durée (minutes)'), '25');
    await user.click(within(form).getByLabelText('Santé mentale'));
    await user.click(within(form).getByLabelText('Logement'));
    await user.type(within(form).getByLabelText('Note'), 'Parle de sa fille ; dort mieux.');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    expect((await posts()).length).toBe(before + 1);
    const held = (await fhir.search<Encounter>(`Encounter?subject=Patient/${HOUSING.patient}&type=entretien`))[0];
    expect(held?.class.code).toBe('VR');
    expect(held?.length).toEqual({ value: 25, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' });
    expect(held?.reasonCode?.map((c) => c.coding?.[0]?.code)).toEqual(['sante-mentale', 'logement']);
    expect(held?.meta?.security?.map((s) => s.code)).toEqual(['PSY']);
    expect(within(section).getByTestId('contacts').textContent).toContain('Entretien · Téléphone · 25 min · Élodie Muller · Santé mentale, Logement PSY');
  });

  it('records a workshop in English: a session without subject, the person partOf it, the outside count', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue', 'en');
    await user.click(within(section).getByRole('button', { name: 'Record a workshop' }));
    const form = await within(section).findByRole('form', { name: 'Record a workshop' }, T);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe('Give the workshop’s theme.');
    await user.type(within(form).getByLabelText('Theme'), 'Tabac : en parler');
    await user.click(within(form).getByLabelText('Jean-Marc Schmitt'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe('Choose at least one person or give a number of participants outside Parcours.');
    await user.click(within(form).getByLabelText('Jean-Marc Schmitt'));
    await user.clear(within(form).getByLabelText('Participants outside Parcours'));
    await user.type(within(form).getByLabelText('Participants outside Parcours'), '4');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    const participation = (await fhir.search<Encounter>(`Encounter?subject=Patient/${HOUSING.patient}&type=atelier-groupe`)).find((e) => e.id !== 'EncounterResidenceSocialeWorkshopExample');
    const session = await fhir.read<Encounter>(participation?.partOf?.reference ?? '');
    expect(session?.subject).toBeUndefined();
    expect(session?.extension?.map((x) => x.valueString ?? x.valueUnsignedInt)).toEqual(['Tabac : en parler', 4]);
    expect(session?.participant?.[0]?.individual?.reference).toBe(HOUSING.psychologist);
    expect(within(section).getByTestId('workshops').textContent).toContain('« Tabac : en parler » · Résidence sociale Les Tilleuls · run by Élodie Muller · + 4 outside Parcours');
  });

  it('adds the person to a workshop already recorded from another resident\'s plan', { timeout: 60_000 }, async () => {
    const start = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const session: Encounter = {
      resourceType: 'Encounter', id: 'SessionRecent', meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-encounter'] }, status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, type: [{ coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type', code: 'atelier-groupe' }] }],
      extension: [{ url: 'https://fhir.parcours.fr/StructureDefinition/parcours-workshop-theme', valueString: 'Le sommeil' }, { url: 'https://fhir.parcours.fr/StructureDefinition/parcours-outside-participants', valueUnsignedInt: 3 }],
      participant: [{ individual: { reference: HOUSING.psychologist } }], period: { start, end: start }, serviceProvider: { reference: HOUSING.org },
    };
    const user = userEvent.setup();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue', 'fr', [session]);
    await user.click(within(section).getByRole('button', { name: 'Noter un atelier' }));
    const form = await within(section).findByRole('form', { name: 'Noter un atelier' }, T);
    await user.selectOptions(await within(form).findByLabelText('Atelier déjà noté', {}, T), 'SessionRecent');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    const mine = (await fhir.search<Encounter>('Encounter?part-of=Encounter/SessionRecent'));
    expect(mine.map((e) => e.subject?.reference)).toEqual([`Patient/${HOUSING.patient}`]);
    expect(within(section).getByTestId('workshops').textContent).toContain('« Le sommeil » · Résidence sociale Les Tilleuls · animé par Élodie Muller · + 3 hors Parcours');
  });

  it('a refused write changes nothing and says why, in French words', async () => {
    const user = userEvent.setup();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue');
    server.use(http.post(fhir.base, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', details: { text: 'Constraint parcours-appointment-cancelled not met' }, expression: ['Appointment.cancelationReason'] }] }, { status: 422 })));
    await user.click(within(section).getByRole('button', { name: 'Annulé : 04/03/2024' }));
    const form = await within(section).findByRole('form', { name: 'Annuler le rendez-vous' }, T);
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect((await within(form).findByRole('alert', {}, T)).textContent).toContain('Le motif d’annulation : une règle du profil n’est pas respectée');
    expect(within(section).getByTestId('appointments').textContent).toContain('04/03/2024 · Consultation de psychologue · Téléphone · Élodie Muller · réservé');
    expect((await fhir.read<Appointment>('Appointment/AppointmentResidenceSocialeBookedExample'))?.status).toBe('booked');
  });
});

/** A phone appointment next week with the psychologist: not held yet, whatever day the tests run. */
function futureAppointment(): Appointment {
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return {
    resourceType: 'Appointment', id: 'AppointmentFutureTest', meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-appointment'] }, status: 'booked',
    appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' }] },
    serviceType: [{ coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-activity', code: 'consultation-psychologue' }] }],
    start: start.toISOString(), end: new Date(start.getTime() + 45 * 60_000).toISOString(),
    participant: [{ actor: { reference: `Patient/${HOUSING.patient}` }, status: 'accepted' }, { actor: { reference: HOUSING.psychologist }, status: 'accepted' }],
  };
}
const shown = (iso: string): string => new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

describe('an appointment still to come', () => {
  it('can be cancelled or rescheduled, not marked held or missed; rescheduled, it stays booked at its new time', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const future = futureAppointment();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue', 'fr', [future]);
    const day = shown(future.start ?? '');
    expect(within(section).queryByRole('button', { name: `Tenu : ${day}` })).toBeNull();
    expect(within(section).queryByRole('button', { name: `Non venu·e : ${day}` })).toBeNull();
    expect(within(section).getByRole('button', { name: `Annulé : ${day}` })).toBeTruthy();
    // The past booked appointment (04/03/2024) can still be closed either way.
    expect(within(section).getByRole('button', { name: 'Tenu : 04/03/2024' })).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: `Déplacer : ${day}` }));
    const form = await within(section).findByRole('form', { name: 'Déplacer le rendez-vous' }, T);
    fireEvent.change(within(form).getByLabelText('Date et heure'), { target: { value: '2020-01-06T10:00' } });
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(within(form).getByRole('alert').textContent).toBe('La nouvelle date doit être à venir.');
    const later = new Date(Date.parse(future.start ?? '') + 2 * 86_400_000);
    const value = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}T15:30`;
    fireEvent.change(within(form).getByLabelText('Date et heure'), { target: { value } });
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    const moved = await fhir.read<Appointment>('Appointment/AppointmentFutureTest');
    expect(moved?.status).toBe('booked');
    expect(new Date(moved?.start ?? '').getTime()).toBe(new Date(value).getTime());
    expect(new Date(moved?.end ?? '').getTime() - new Date(moved?.start ?? '').getTime()).toBe(45 * 60_000);
    expect(moved?.appointmentType?.coding?.[0]?.code).toBe('VR');
  });

  it('in English: Reschedule and Cancelled only', async () => {
    const future = futureAppointment();
    const section = await open(HOUSING.patient, HOUSING.psychologist, 'psychologue', 'en', [future]);
    const day = shown(future.start ?? '');
    expect(within(section).queryByRole('button', { name: `Held : ${day}` })).toBeNull();
    expect(within(section).queryByRole('button', { name: `Did not come : ${day}` })).toBeNull();
    expect(within(section).getByRole('button', { name: `Reschedule : ${day}` })).toBeTruthy();
    expect(within(section).getByRole('button', { name: `Cancelled : ${day}` })).toBeTruthy();
  }, 60_000);

  for (const [lang, words, save] of [['fr', 'Ce rendez-vous n’a pas encore eu lieu', 'Enregistrer'], ['en', 'This appointment has not taken place yet', 'Save']] as const) {
    it(`the held form refuses it before its time and sends nothing (${lang})`, async () => {
      const user = userEvent.setup();
      await fhir.reset({ add: [practitionerRole(HOUSING.psychologist, 'psychologue', HOUSING.org), futureAppointment()] });
      const data = await loadPlan(new FhirApi(smartClient(HOUSING.patient), fhir.base), HOUSING.patient, HOUSING.psychologist);
      const sent: Change[] = [];
      const write = (changes: Change[]): Promise<WriteResult> => {
        sent.push(...changes);
        return Promise.resolve({ ok: true });
      };
      render(<I18nProvider initial={lang}><ContactForms form={{ kind: 'hold', appointment: futureAppointment() }} data={data} api={new FhirApi(smartClient(HOUSING.patient), fhir.base)} write={write} onClose={() => undefined} /></I18nProvider>);
      await user.click(screen.getByRole('button', { name: save }));
      expect(screen.getByRole('alert').textContent).toContain(words);
      expect(sent).toEqual([]);
    }, 60_000);
  }
});

describe('the health-pathway referent', () => {
  it('records an accompaniment and orients Nadia to the CMP, then marks her seen', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const section = await open(REFERENT.patient, REFERENT.referent, 'referent-parcours-sante');
    await user.click(within(section).getByRole('button', { name: 'Noter une rencontre' }));
    let form = await within(section).findByRole('form', { name: 'Noter une rencontre' }, T);
    await user.selectOptions(within(form).getByLabelText('Type de rencontre'), 'accompagnement');
    await user.selectOptions(within(form).getByLabelText('Modalité'), 'FLD');
    await user.clear(within(form).getByLabelText('Durée (minutes)'));
    await user.type(within(form).getByLabelText('Durée (minutes)'), '120');
    await user.click(within(form).getByLabelText('Droits'));
    expect(within(form).queryByLabelText(/Contenu psychothérapeutique/)).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    expect(within(section).getByTestId('contacts').textContent).toContain('Accompagnement · Hors les murs · 120 min · Hugo Lambert · Droits');

    await user.click(within(section).getByRole('button', { name: 'Orienter vers un partenaire' }));
    form = await within(section).findByRole('form', { name: 'Orienter vers un partenaire' }, T);
    await user.selectOptions(within(form).getByLabelText('Type de partenaire'), 'cmp-psychiatrie');
    await user.click(within(form).getByLabelText('Santé mentale'));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    const request = (await fhir.search<ServiceRequest>(`ServiceRequest?subject=Patient/${REFERENT.patient}&status=active`))[0];
    expect(request?.performerType?.coding?.[0]?.code).toBe('cmp-psychiatrie');
    const task = (await fhir.search<Task>(`Task?focus=ServiceRequest/${request?.id ?? ''}`))[0];
    expect([task?.status, task?.businessStatus?.coding?.[0]?.code]).toEqual(['requested', 'envoyee']);

    await user.click(within(section).getByRole('button', { name: 'Mettre à jour la suite : CMP, psychiatrie' }));
    form = await within(section).findByRole('form', { name: 'Mettre à jour la suite' }, T);
    await user.selectOptions(within(form).getByLabelText('Où en est l’orientation'), 'vue');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull(), T);
    expect((await fhir.read<Task>(`Task/${task?.id ?? ''}`))?.status).toBe('completed');
    expect((await fhir.read<ServiceRequest>(`ServiceRequest/${request?.id ?? ''}`))?.status).toBe('completed');
    expect(within(section).getByTestId('orientations').textContent).toContain('CMP, psychiatrie · par Hugo Lambert · Personne reçue');
  });

  it('changes the intensity of the follow-up, in English', async () => {
    const user = userEvent.setup();
    const section = await open(REFERENT.patient, REFERENT.referent, 'referent-parcours-sante', 'en');
    expect(within(section).getByTestId('intensity').textContent).toContain('Intensive accompaniment');
    await user.click(within(section).getByRole('button', { name: 'Change the intensity' }));
    const form = await within(section).findByRole('form', { name: 'Change the intensity' }, T);
    await user.selectOptions(within(form).getByLabelText('Follow-up intensity'), 'orientation-telephonique');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(section).getByTestId('intensity').textContent).toContain('Phone orientation'), T);
    const plan = await fhir.read<CarePlan>('CarePlan/CarePlanReferentExample');
    expect(plan?.extension?.find((x) => x.url.endsWith('parcours-follow-up-intensity'))?.valueCoding?.code).toBe('orientation-telephonique');
  });
});
