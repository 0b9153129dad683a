import { bypass, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { fhir, MICRO, practitionerRole, psychotherapyNote, RDR, server, testApi } from '../test/server.ts';
import { loadMoreObservations, loadPlan } from './load-plan.ts';

const CARE_BREAK = 'CommunicationRdrAlcoolCareBreakExample';

describe('loadPlan', () => {
  it('loads the whole plan of a GP in three requests', async () => {
    await fhir.reset({ add: [psychotherapyNote(MICRO.patient, MICRO.psychologist)] });
    const api = testApi(MICRO.patient);
    const plan = await loadPlan(api, MICRO.patient, MICRO.gp);
    expect(api.requestCount).toBe(3);
    expect(plan.patient.name?.[0]?.family).toBe('Haddad');
    expect(plan.carePlan?.id).toBe('CarePlanMicrostructureExample');
    expect(plan.careTeams.map((t) => t.id)).toEqual(['CareTeamMicrostructureExample']);
    expect(plan.goals.map((g) => g.id).sort()).toEqual(['GoalMicrostructureHepatitisCExample', 'GoalMicrostructureStabiliseExample']);
    expect(plan.observations.map((o) => o.id).sort()).toEqual(['ObservationMicrostructureCocaineExample', 'ObservationMicrostructureTobaccoExample']);
    expect(plan.medicationStatements.map((m) => m.id)).toEqual(['MedicationStatementMicrostructureBuprenorphineExample']);
    // Karim's review in the January synthesis meeting is his own record (the meeting itself is nobody's), with its
    // notes and its decision, in the same request.
    expect(plan.encounters.map((e) => e.id).sort()).toEqual(['EncounterMicrostructureCaseReviewExample', 'EncounterPsychotherapyTest']);
    expect(plan.communications.map((c) => c.id).sort()).toEqual(['CommunicationMicrostructureReviewNoteGpExample', 'CommunicationMicrostructureReviewNotePsyExample']);
    expect(plan.tasks.map((t) => t.id)).toContain('TaskMicrostructureMeetingDecisionExample');
    // The team, through _include:iterate: the GP's role and organisation, the psychologist, the pharmacist.
    for (const ref of ['PractitionerRole/PractitionerRoleMicrostructureGpExample', 'Organization/OrganizationMicrostructureOfficeExample', MICRO.psychologist, 'Practitioner/PractitionerMicrostructurePharmacistExample']) {
      expect(plan.refs.get(ref), ref).toBeDefined();
    }
    expect(plan.user.role).toBe('gp');
    expect(plan.user.organization?.reference).toBe('Organization/OrganizationMicrostructureOfficeExample');
    expect(plan.hiddenCount).toBe(0);
    // Nothing of another person.
    expect([...plan.refs.keys()].filter((k) => /RdrAlcool|Sortie|Residence|Referent/.test(k))).toEqual([]);
  });

  it('gathers the tasks, the care-break message and the consumption series with the plan, in the same requests', async () => {
    await fhir.reset();
    const api = testApi(RDR.patient);
    const plan = await loadPlan(api, RDR.patient, RDR.gp);
    expect(api.requestCount).toBe(3);
    expect(plan.tasks.map((t) => t.id)).toEqual(['TaskRdrAlcoolRecontactExample']);
    expect(plan.communications.map((c) => c.id)).toEqual([CARE_BREAK]);
    // The care-break watch's Flag about Martine comes in the same request.
    expect(plan.flags.map((f) => f.id)).toEqual(['FlagCareBreakMissedExample']);
    expect(plan.observations.map((o) => o.effectiveDateTime)).toEqual(['2024-03-18', '2024-03-18', '2024-01-15']);
    expect(plan.refs.get(RDR.worker)).toBeDefined();
  });

  it('withholds psychotherapy-labelled resources from a social worker', async () => {
    await fhir.reset({ add: [psychotherapyNote(MICRO.patient, MICRO.psychologist), practitionerRole(MICRO.socialWorker, 'travailleur-social')] });
    const plan = await loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.socialWorker);
    expect(plan.user.role).toBe('social-worker');
    expect(plan.encounters.map((e) => e.id)).toEqual(['EncounterMicrostructureCaseReviewExample']);
    // The psychotherapy note and the psychologist's note in the synthesis meeting.
    expect(plan.communications.map((c) => c.id)).toEqual(['CommunicationMicrostructureReviewNoteGpExample']);
    expect(plan.hiddenCount).toBe(2);
  });

  it('falls back to per-type searches and reads when the server ignores _revinclude and _include', async () => {
    await fhir.reset();
    // In front of the real server: the same searches, without their _include and _revinclude parameters.
    server.use(
      http.get(`${fhir.base}/:type`, async ({ request }) => {
        const url = new URL(request.url);
        for (const name of [...url.searchParams.keys()]) if (name.startsWith('_include') || name === '_revinclude') url.searchParams.delete(name);
        const response = await fetch(bypass(new Request(url, { headers: request.headers })));
        // fetch has already decoded a compressed answer: passed on with its encoding headers, it would be cut short.
        const headers = new Headers(response.headers);
        headers.delete('content-encoding');
        headers.delete('content-length');
        return new Response(await response.arrayBuffer(), { status: response.status, headers });
      }),
    );
    const api = testApi(MICRO.patient);
    const plan = await loadPlan(api, MICRO.patient, MICRO.gp);
    expect(plan.carePlan?.id).toBe('CarePlanMicrostructureExample');
    expect(plan.goals).toHaveLength(2);
    expect(plan.refs.get(MICRO.socialWorker)).toBeDefined();
    expect(plan.refs.get('PractitionerRole/PractitionerRoleMicrostructureGpExample')).toBeDefined();
    expect(plan.user.role).toBe('gp');
    expect(plan.user.organization?.reference).toBe('Organization/OrganizationMicrostructureOfficeExample');
    expect(api.requestCount).toBeGreaterThan(3);
  });

  it('gives an unknown user the least-privileged role', async () => {
    await fhir.reset({ add: [psychotherapyNote(MICRO.patient, MICRO.psychologist)] });
    const plan = await loadPlan(testApi(MICRO.patient), MICRO.patient, 'Practitioner/nobody');
    expect(plan.user.role).toBe('other');
    expect(plan.hiddenCount).toBe(2);
  });
});

describe('observation history', () => {
  it('shows the latest page first and fetches older pages after', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({
      resourceType: 'Observation' as const,
      id: `h${i}`,
      status: 'final' as const,
      code: { coding: [{ system: 'http://loinc.org', code: '74013-4' }] },
      subject: { reference: `Patient/${RDR.patient}` },
      effectiveDateTime: new Date(Date.UTC(2022, 0, 1) + i * 86400000).toISOString(),
      valueQuantity: { value: i % 7 },
    }));
    await fhir.reset({ add: many });
    const api = testApi(RDR.patient);
    const plan = await loadPlan(api, RDR.patient, RDR.gp);
    expect(api.requestCount).toBe(3);
    expect(plan.observations).toHaveLength(500);
    expect(plan.observations[0]?.id).toBe('h1202');
    const older = await loadMoreObservations(api, plan);
    // 1,203 added + the scenario's own 3, less the first page.
    expect(older).toHaveLength(706);
  });
});
