// The app tests' side of the real FHIR server (fhir-host.ts, started by global-setup.ts): each test file gets its
// own in-memory @parcours/fhir-server loaded with the profiles' examples, msw in front of it (msw.ts).
import { host, server } from './msw.ts';
import type { Bundle, Encounter, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl, SecurityLabel } from '@parcours/profiles';
import FHIR from 'fhirclient/lib/entry/browser';
import type Client from 'fhirclient/lib/Client';
import { FhirApi } from '../fhir/api.ts';
import type { InstanceData } from './fhir-host.ts';

export { server };

/** The profiles' alcohol harm-reduction scenario: Martine Lefebvre, her GP and her harm-reduction worker. */
export const RDR = { patient: 'PatientRdrAlcoolExample', gp: 'Practitioner/PractitionerRdrAlcoolGpExample', worker: 'Practitioner/PractitionerRdrAlcoolWorkerExample' };
/** The profiles' microstructure scenario: Karim Haddad, a GP (through a PractitionerRole), a psychologist, a social worker. */
export const MICRO = {
  patient: 'PatientMicrostructureExample',
  gp: 'Practitioner/PractitionerMicrostructureGpExample',
  psychologist: 'Practitioner/PractitionerMicrostructurePsychologistExample',
  socialWorker: 'Practitioner/PractitionerMicrostructureSocialWorkerExample',
};
/** The profiles' hospital discharge scenario (scenario-sortie-hospitaliere.fsh), as the exchange applies it. */
export const SORTIE = { patient: 'PatientSortieExample', gp: 'Practitioner/PractitionerSortieGpExample', task: 'TaskSortieGpFollowUpExample' };

/**
 * The examples give a PractitionerRole to the microstructure GP only; the app reads a user's role from theirs. A
 * role for another example practitioner (Parcours care-team role code), and optionally their organisation.
 */
export function practitionerRole(practitioner: string, code: string, organization?: string): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: `${practitioner.split('/')[1]}Role`,
    active: true,
    practitioner: { reference: practitioner },
    ...(organization ? { organization: { reference: organization } } : {}),
    code: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code }] }],
  };
}

/** A psychotherapy session note (labelled PSY, as the psychologist would record it): none in the examples. */
export function psychotherapyNote(patient: string, psychologist: string): Encounter {
  return {
    resourceType: 'Encounter',
    id: 'EncounterPsychotherapyTest',
    meta: { security: [{ system: SecurityLabel.System, code: SecurityLabel.Psychotherapy }, { system: SecurityLabel.System, code: SecurityLabel.SubstanceUse }] },
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [{ text: 'Séance de psychothérapie' }],
    subject: { reference: `Patient/${patient}` },
    participant: [{ individual: { reference: psychologist } }],
    period: { start: '2024-02-06T15:00:00+01:00' },
  };
}

/** This file's FHIR server: base URL, and reads that bypass the app (and its request counts). */
export class TestFhir {
  base = '';
  private id = '';

  /** A new database holding the profiles' examples, with `add` replacing those of the same id, less `remove` (`Type/id`). */
  async reset(data: InstanceData = {}): Promise<void> {
    const response = await fetch(`${host}/t`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });
    if (!response.ok) throw new Error(`no test FHIR server: ${response.status} ${await response.text()}`);
    const created = (await response.json()) as { base: string; id: string };
    this.base = created.base;
    this.id = created.id;
  }

  /** The requests the server received since the reset, `METHOD path?query` relative to the base (the harness's own included). */
  async log(): Promise<string[]> {
    return (await (await fetch(`${host}/t/${this.id}/log`)).json()) as string[];
  }

  /** The resource as the server holds it now; undefined when absent. */
  async read<T extends Resource = Resource>(reference: string): Promise<T | undefined> {
    const response = await fetch(`${this.base}/${reference}`, { headers: { Accept: 'application/fhir+json' } });
    if (response.status === 404 || response.status === 410) return undefined;
    if (!response.ok) throw new Error(`GET ${reference}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Every match of a search such as `Provenance?target=Task/x` (first 1,000). */
  async search<T extends Resource = Resource>(query: string): Promise<T[]> {
    const response = await fetch(`${this.base}/${query}${query.includes('?') ? '&' : '?'}_count=1000`, { headers: { Accept: 'application/fhir+json' } });
    if (!response.ok) throw new Error(`GET ${query}: ${response.status} ${await response.text()}`);
    const bundle = (await response.json()) as Bundle<T>;
    return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').flatMap((e) => (e.resource ? [e.resource] : []));
  }
}

export const fhir = new TestFhir();
await fhir.reset();

/** A launched fhirclient Client, as `FHIR.oauth2.ready()` would return it after an EHR launch. */
export function smartClient(patient: string): Client {
  return FHIR.client({
    serverUrl: fhir.base,
    tokenResponse: { access_token: 'test-token', token_type: 'Bearer', patient, scope: 'launch openid fhirUser patient/*.rs', need_patient_banner: true },
  });
}

export function testApi(patient: string): FhirApi {
  return new FhirApi(smartClient(patient), fhir.base);
}
