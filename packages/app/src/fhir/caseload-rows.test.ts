import type { Appointment, CareTeam, Encounter, Flag, Patient, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { caseloadRows, filterRows, peopleWithContactAfter, peopleWithRunEndedAfter } from './caseload-rows.ts';
import type { CaseloadSources } from './caseload-rows.ts';

const NOW = '2026-12-01T10:00:00Z';
const person = (id: string, family: string): Patient => ({ resourceType: 'Patient', id, name: [{ family, given: ['A'] }] });
const appointment = (id: string, patient: string, start: string, status: Appointment['status']): Appointment => ({ resourceType: 'Appointment', id, status, start, participant: [{ actor: { reference: `Patient/${patient}` }, status: 'accepted' }] });
const team = (patient: string, member: string, role: string, end?: string): CareTeam => ({
  resourceType: 'CareTeam', status: 'active', subject: { reference: `Patient/${patient}` },
  participant: [{ member: { reference: member }, role: [{ coding: [{ code: role }] }], ...(end ? { period: { end } } : {}) }],
});

function sources(extra: Partial<CaseloadSources>): CaseloadSources {
  return { patients: [], careTeams: [], carePlans: [], flags: [], tasks: [], encounters: [], appointments: [], refs: new Map(), me: new Set(['Practitioner/me']), windowStart: '2026-08-03', ...extra };
}

describe('caseload rows', () => {
  it('counts no-shows in a row back to the last held contact, skipping cancellations', () => {
    const encounters: Encounter[] = [{ resourceType: 'Encounter', status: 'finished', class: { code: 'HH' }, subject: { reference: 'Patient/p' }, period: { start: '2026-11-01T09:00:00Z' } }];
    const rows = caseloadRows(sources({
      patients: [person('p', 'P')],
      encounters,
      appointments: [
        appointment('a1', 'p', '2026-10-20T09:00:00Z', 'noshow'), // before the contact: not in the run
        appointment('a2', 'p', '2026-11-10T09:00:00Z', 'noshow'),
        appointment('a3', 'p', '2026-11-17T09:00:00Z', 'cancelled'),
        appointment('a4', 'p', '2026-11-24T09:00:00Z', 'noshow'),
        appointment('a5', 'p', '2026-12-08T09:00:00Z', 'booked'),
      ],
    }), NOW);
    expect(rows[0]).toMatchObject({ missedInARow: 2, lastContact: { date: '2026-11-01T09:00:00Z', mode: 'HH' }, nextAppointment: { date: '2026-12-08T09:00:00Z' }, attention: false });
  });

  it('takes the latest held contact: not a synthesis meeting, not one to come; the first listed of two starting together', () => {
    const encounter = (id: string, start: string, code: string, type?: string): Encounter => ({
      resourceType: 'Encounter', id, status: 'finished', class: { code }, subject: { reference: 'Patient/p' }, period: { start }, ...(type ? { type: [{ coding: [{ code: type }] }] } : {}),
    });
    const rows = caseloadRows(sources({
      patients: [person('p', 'P')],
      encounters: [
        encounter('old', '2026-10-01T09:00:00Z', 'VR'),
        encounter('first', '2026-11-01T09:00:00Z', 'AMB'),
        encounter('meeting', '2026-11-20T09:00:00Z', 'AMB', 'reunion-synthese'),
        encounter('same', '2026-11-01T09:00:00Z', 'HH'),
        encounter('later', '2026-12-05T09:00:00Z', 'FLD'),
      ],
    }), NOW);
    expect(rows[0]?.lastContact).toEqual({ date: '2026-11-01T09:00:00Z', who: '', mode: 'AMB' });
  });

  it('knows whose last contact and no-show run the recent parts hold: a contact or a kept appointment a day after their start', () => {
    const held = (patient: string, start: string, type?: string): Encounter => ({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: `Patient/${patient}` }, period: { start }, ...(type ? { type: [{ coding: [{ code: type }] }] } : {}) });
    const encounters = [held('c', '2026-11-20T09:00:00Z'), held('edge', '2026-11-10T20:00:00Z'), held('s', '2026-11-25T09:00:00Z', 'reunion-synthese'), held('f', '2026-12-02T09:00:00Z')];
    expect([...peopleWithContactAfter(encounters, '2026-11-10', NOW)]).toEqual(['c']);
    const appointments = [
      appointment('a1', 'kept', '2026-11-20T09:00:00Z', 'fulfilled'),
      appointment('a2', 'missed', '2026-11-20T09:00:00Z', 'noshow'),
      appointment('a3', 'cancelled', '2026-11-20T09:00:00Z', 'cancelled'),
      appointment('a4', 'booked', '2026-11-28T09:00:00Z', 'booked'), // past and still booked: it ends a run
      appointment('a5', 'future', '2026-12-08T09:00:00Z', 'fulfilled'),
    ];
    expect([...peopleWithRunEndedAfter(appointments, encounters, '2026-11-10', NOW)].sort()).toEqual(['booked', 'c', 'kept']);
  });

  it('needs attention for an active Flag, an overdue task or an open discharge; inactive Flags and done tasks do not count', () => {
    const flag = (patient: string, status: Flag['status']): Flag => ({ resourceType: 'Flag', status, code: { coding: [{ code: 'sans-contact' }] }, subject: { reference: `Patient/${patient}` }, period: { start: '2026-10-01' } });
    const task = (patient: string, status: Task['status'], end: string, code?: string): Task => ({ resourceType: 'Task', status, intent: 'order', for: { reference: `Patient/${patient}` }, restriction: { period: { end } }, ...(code ? { code: { coding: [{ code }] } } : {}) });
    const rows = caseloadRows(sources({
      patients: [person('f', 'F'), person('t', 'T'), person('d', 'D'), person('q', 'Q'), person('a', 'A')],
      carePlans: [{ resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: 'Patient/a' }, activity: [
        { detail: { status: 'in-progress', scheduledPeriod: { end: '2026-11-01' } } },
        { detail: { status: 'completed', scheduledPeriod: { end: '2026-10-01' } } },
        { detail: { status: 'scheduled', scheduledPeriod: { end: '2027-01-01' } } },
      ] }],
      flags: [flag('f', 'active'), flag('q', 'inactive')],
      tasks: [task('t', 'in-progress', '2026-11-20'), task('q', 'completed', '2026-11-20'), task('q', 'requested', '2026-12-20'), task('d', 'failed', '2026-11-20', 'suivi-post-sortie')],
    }), NOW);
    const by = new Map(rows.map((r) => [r.patientId, r]));
    expect(by.get('f')).toMatchObject({ attention: true, careBreaks: [{ rule: 'sans-contact', since: '2026-10-01' }] });
    expect(by.get('t')).toMatchObject({ attention: true, overdueTasks: 1 });
    expect(by.get('d')).toMatchObject({ attention: true, openDischarges: 1, overdueTasks: 0 });
    expect(by.get('a')).toMatchObject({ attention: true, overdueTasks: 1 }); // a plan activity past its date, as the status line counts it
    expect(by.get('q')).toMatchObject({ attention: false, careBreaks: [], overdueTasks: 0, noContactSince: '2026-08-03' });
  });

  it('« mine » when the user is the active referent or coordinator, not a mere member or a past one', () => {
    const rows = caseloadRows(sources({
      patients: [person('r', 'R'), person('c', 'C'), person('m', 'M'), person('x', 'X')],
      careTeams: [team('r', 'Practitioner/me', 'referent-parcours-sante'), team('c', 'Practitioner/me', 'coordinateur'), team('m', 'Practitioner/me', 'psychologue'), team('x', 'Practitioner/me', 'coordinateur', '2026-01-01')],
    }), NOW);
    expect(filterRows(rows, { scope: 'mine', attention: false }, 'name').map((r) => r.patientId)).toEqual(['c', 'r']);
    expect(filterRows(rows, { scope: 'team', attention: false }, 'name')).toHaveLength(4);
  });
});
