// The GP's EHR ("DPI du cabinet"): a second FHIR server and its own SMART authorization server on the sandbox's
// origin, under /dpi/fhir and /dpi/auth, with its own keys, its own patient ids and the GP's local records
// (@parcours/cohort generateEhrRecords). The plan server (/fhir) trusts it as a token-exchange issuer.
import { join } from 'node:path';
import type { CareTeam, Patient, Resource } from '@medplum/fhirtypes';
import { generateEhrRecords } from '@parcours/cohort';
import { createFhirServer } from '@parcours/fhir-server';
import type { FhirServer } from '@parcours/fhir-server';
import { createSmartServer } from '@parcours/smart';
import type { PatientSummary, SmartServer, SyntheticUser, TrustedIssuer } from '@parcours/smart';
import { IdentifierSystem } from '@parcours/profiles';
import { dataMarker, seedResources } from './seed.ts';
import type { SeedOptions } from './seed.ts';

export const EHR_PATH = '/dpi';
/** The EHR registered the Parcours app under the same client id as the plan server (they need not match). */
export const EHR_APP_CLIENT_ID = 'parcours-app';
/** Another app of the EHR: its id_tokens are not for Parcours (the wrong-audience case). */
export const EHR_OTHER_CLIENT_ID = 'dpi-agenda';
export const EHR_NAME = 'DPI du cabinet (simulateur) / Practice EHR (simulator)';
const MARKER_SYSTEM = 'https://fhir.parcours.fr/sandbox/ehr-loaded';

/** The EHR's users: the two sandbox GPs (their RPPS as on the plan server) and the practice's secretary (no RPPS). */
export const EHR_USERS: readonly (SyntheticUser & { plan?: string })[] = [
  { id: 'dpi-rossi', fhirUser: 'Practitioner/dpi-prat-rossi', name: 'Dr Claire Rossi — DPI du cabinet de la Belle de Mai', role: 'Médecin généraliste / GP', plan: 'Practitioner/PractitionerMicrostructureGpExample' },
  { id: 'dpi-caron', fhirUser: 'Practitioner/dpi-prat-caron', name: 'Dr Julien Caron — DPI du cabinet de Roubaix', role: 'Médecin généraliste / GP', plan: 'Practitioner/PractitionerRdrAlcoolGpExample' },
  { id: 'dpi-secretariat', fhirUser: 'Practitioner/dpi-secretariat', name: 'Secrétariat médical (sans RPPS) / Medical secretary (no RPPS)', role: 'Secrétariat / Secretary' },
];

/**
 * People of the EHR outside the GPs' plan caseload, for the refusals: Dr Rossi also sees Martine (her plan team is
 * Dr Caron's), a person whose identity is not qualified (no INS) and one not followed in Parcours (INS unknown there).
 */
const EXTRA_PEOPLE = { 'dpi-prat-rossi': ['PatientRdrAlcoolExample'] };
const UNLINKED: Patient[] = [
  { resourceType: 'Patient', id: 'dpi-sans-ins', name: [{ family: 'Marchand', given: ['Lucie'] }], gender: 'female', birthDate: '1979-04-02', identifier: [{ system: 'https://dpi-cabinet.exemple.fr/fhir/identifiers/dossier', value: 'D900001' }] },
  { resourceType: 'Patient', id: 'dpi-hors-parcours', name: [{ family: 'Giraud', given: ['Paul'] }], gender: 'male', birthDate: '1964-09-17', identifier: [{ system: IdentifierSystem.INS, value: '164091305512378' }] },
];

/** Everything the EHR holds, derived from the plan data the same options load (same people, same INS). */
export function ehrResources(options: SeedOptions = {}): Resource[] {
  const plan = seedResources(options);
  const gps = EHR_USERS.filter((u) => u.plan).map((u) => ({ planPractitioner: u.plan ?? '', ehrId: u.fhirUser.slice('Practitioner/'.length) }));
  const records = generateEhrRecords(plan, gps, EXTRA_PEOPLE);
  // The practice's secretary works with Dr Rossi's files (the EHR's policy), but has no RPPS.
  for (const r of records) {
    if (r.resourceType === 'CareTeam' && r.id?.endsWith('-team-dpi-prat-rossi')) (r as CareTeam).participant?.push({ member: { reference: 'Practitioner/dpi-secretariat' } });
  }
  const unlinkedTeams: CareTeam[] = UNLINKED.map((p) => ({
    resourceType: 'CareTeam', id: `${p.id}-team`, status: 'active', subject: { reference: `Patient/${p.id}` },
    participant: [{ member: { reference: 'Practitioner/dpi-prat-rossi' } }, { member: { reference: 'Practitioner/dpi-secretariat' } }],
  }));
  const secretary: Resource = { resourceType: 'Practitioner', id: 'dpi-secretariat', name: [{ family: 'Secrétariat médical', given: ['Cabinet'] }], meta: { tag: [{ system: MARKER_SYSTEM, code: dataMarker(options) }] } };
  return [...records, ...UNLINKED, ...unlinkedTeams, secretary];
}

function summary(patient: Patient): PatientSummary {
  const name = patient.name?.[0];
  return { id: patient.id ?? '', name: [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || (patient.id ?? ''), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) };
}

export interface Ehr {
  fhir: FhirServer;
  smart: SmartServer;
  fhirBaseUrl: string;
  /** How the plan server registers this EHR as a trusted issuer. */
  trustedIssuer: TrustedIssuer;
  listPatients(): Promise<PatientSummary[]>;
  close(): Promise<void>;
}

/** Creates the EHR's SMART server (its own keys) and FHIR server, and loads its records unless already there. */
export async function createEhr(url: string, dataDir: string, seedOptions: SeedOptions = {}): Promise<Ehr> {
  const memory = dataDir === ':memory:';
  const fhirBaseUrl = `${url}${EHR_PATH}/fhir`;
  const store: { fhir?: FhirServer } = {};
  const listPatients = async (): Promise<PatientSummary[]> => {
    const bundle = await store.fhir!.repository.search<Patient>({ resourceType: 'Patient', count: 1000 });
    return (bundle.entry ?? []).flatMap((e) => (e.resource ? [summary(e.resource)] : []));
  };
  const smart = createSmartServer({
    fhirBaseUrl,
    authBaseUrl: `${url}${EHR_PATH}/auth`,
    clients: [
      { clientId: EHR_APP_CLIENT_ID, name: 'Parcours', type: 'public', redirectUris: [`${url}/app/index.html`], scopes: 'openid fhirUser launch online_access patient/*.rs', launchUrl: `${url}/app/launch.html` },
      { clientId: EHR_OTHER_CLIENT_ID, name: 'Agenda du cabinet', type: 'public', redirectUris: [`${url}${EHR_PATH}/agenda`], scopes: 'openid fhirUser launch patient/*.rs' },
    ],
    users: EHR_USERS.map(({ id, fhirUser, name, role }) => ({ id, fhirUser, name, ...(role ? { role } : {}) })),
    listPatients,
    ...(memory ? {} : { keyFile: join(dataDir, 'ehr-signing-key.json') }),
  });
  await smart.ready();
  const fhir = await createFhirServer({ dataDir: memory ? ':memory:' : join(dataDir, 'ehr'), baseUrl: fhirBaseUrl, guard: smart.guard, capabilitySecurity: smart.capabilitySecurity() });
  store.fhir = fhir;
  const marker = dataMarker(seedOptions);
  const stored = await fhir.repository.readResource('Practitioner', 'dpi-secretariat').catch(() => undefined);
  if (!stored?.meta?.tag?.some((t) => t.system === MARKER_SYSTEM && t.code === marker)) {
    const resources = ehrResources(seedOptions);
    await fhir.repository.withTransaction(async (tx) => {
      for (const resource of resources) await tx.updateResource(resource as Resource & { id: string });
    }, { resourceTypes: [...new Set(resources.map((r) => r.resourceType))] });
  }
  const jwks = (await smart.jwks()) as unknown as NonNullable<TrustedIssuer['jwks']>;
  const alg = (jwks.keys[0]?.alg as string | undefined) ?? 'ES256';
  return {
    fhir, smart, fhirBaseUrl, listPatients,
    trustedIssuer: { issuer: fhirBaseUrl, name: EHR_NAME, fhirBaseUrl, jwks, algorithms: [alg], clients: { [EHR_APP_CLIENT_ID]: 'parcours-app' } },
    close: () => fhir.close(),
  };
}
