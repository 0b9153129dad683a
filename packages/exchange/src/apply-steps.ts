// The named steps of applying a discharge that read the FHIR server or build a resource: the person, the plan and
// the team, the GP's follow-up Task (with its line in the summary), the notification to the team, and the plan's
// new activity. apply.ts runs them in order; apply-transaction.ts turns the result into one transaction.
import { randomUUID } from 'node:crypto';
import type { BundleEntry, CarePlan, CareTeam, Communication, Identifier, Patient, Resource, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl } from '@parcours/profiles';
import type { Stay } from './apply-bundle.ts';
import { EXCHANGE_IDENTIFIER_SYSTEM, FOLLOW_UP_DAYS, LOINC_PLAN_OF_CARE } from './constants.ts';
import { ApplyError } from './fhir-client.ts';
import type { FhirClient } from './fhir-client.ts';
import { addDays } from './hl7/dates.ts';
import { matchPatient } from './match.ts';

export function ownIdentifier(hash: string, role: string): Identifier {
  return { system: EXCHANGE_IDENTIFIER_SYSTEM, value: `${hash}/${role}` };
}

/** 2026-11-21 → 21/11/2026, for the French sentences people read (the English ones keep ISO dates). */
function frenchDay(isoDay: string): string {
  const [y, m, d] = isoDay.slice(0, 10).split('-');
  return y && m && d ? `${d}/${m}/${y}` : isoDay;
}

function displayName(patient: Patient): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || 'la personne');
}

/** Step "match the person": the operator's choice, or a sure match (INS, then IPP); else parked. */
export async function matchPerson(
  client: FhirClient, chosen: string | undefined, source: Patient,
): Promise<{ kind: 'matched'; patient: Patient; matchedBy: string } | { kind: 'parked'; reason: string }> {
  if (chosen) {
    const id = chosen.replace(/^Patient\//, '');
    const res = await client.request<Patient>('GET', `Patient/${encodeURIComponent(id)}`);
    if (!res.body) throw new ApplyError(`Patient ${id} introuvable / not found`, false);
    return { kind: 'matched', patient: res.body, matchedBy: 'operator' };
  }
  const match = await matchPatient(client, source.identifier ?? []);
  return match.kind === 'parked' ? match : { kind: 'matched', patient: match.patient, matchedBy: match.by };
}

export interface Care {
  plan?: CarePlan;
  team?: CareTeam;
  /** The team's GP (medecin-traitant role, still in the team). */
  gp?: string;
}

function isActive(period: { start?: string; end?: string } | undefined, today: string): boolean {
  return !period?.end || period.end.slice(0, 10) >= today;
}

function latest<T extends Resource>(resources: T[]): T | undefined {
  return [...resources].sort((a, b) => (b.meta?.lastUpdated ?? '').localeCompare(a.meta?.lastUpdated ?? ''))[0];
}

/** Step "find the plan and the team": the latest active shared plan; its teams first when looking for the GP. */
export async function findCare(client: FhirClient, patientRef: string, today: string): Promise<Care> {
  const plans = await client.search<CarePlan>('CarePlan', {
    subject: patientRef, status: 'active', category: `${CodeSystemUrl.CarePlanCategory}|plan-partage`, _count: '20',
  });
  const plan = latest(plans);
  const teams = await client.search<CareTeam>('CareTeam', { subject: patientRef, status: 'active', _count: '20' });
  const planTeams = new Set((plan?.careTeam ?? []).map((r) => r.reference));
  const ordered = [...teams.filter((t) => planTeams.has(`CareTeam/${t.id}`)), ...teams.filter((t) => !planTeams.has(`CareTeam/${t.id}`))];
  for (const team of ordered) {
    for (const p of team.participant ?? []) {
      const gp = (p.role ?? []).some((r) => r.coding?.some((c) => c.system === CodeSystemUrl.CareTeamRole && c.code === 'medecin-traitant'));
      if (gp && p.member?.reference && isActive(p.period, today)) return { ...(plan ? { plan } : {}), team, gp: p.member.reference };
    }
  }
  return { ...(plan ? { plan } : {}), ...(ordered[0] ? { team: ordered[0] } : {}) };
}

export interface FollowUp {
  entry: BundleEntry;
  task: Task;
  urn: string;
  owner: string;
  plannedEnd: string;
}

/** The sender's follow-up Task, or a new one, listed in the summary's plan-of-care section. */
function taskEntryOf(stay: Stay): BundleEntry {
  const taskEntries = stay.entries.filter((e) => e.resource?.resourceType === 'Task');
  const sent = taskEntries.find((e) => (e.resource as Task).code?.coding?.some((c) => c.code === 'suivi-post-sortie')) ?? taskEntries[0];
  if (sent) return sent;
  const entry: BundleEntry = { fullUrl: `urn:uuid:${randomUUID()}`, resource: { resourceType: 'Task', status: 'requested', intent: 'order' } as Task };
  stay.urnOf.set(entry, entry.fullUrl as string);
  stay.entries.push(entry);
  // Step "summary": the Composition says what follows.
  const composition = stay.composition;
  const followUp = composition.section?.find((s) => s.code?.coding?.some((c) => c.code === LOINC_PLAN_OF_CARE));
  const ref = { reference: entry.fullUrl as string };
  if (followUp) followUp.entry = [...(followUp.entry ?? []), ref];
  else {
    composition.section = [
      ...(composition.section ?? []),
      {
        title: 'Suites à donner',
        code: { coding: [{ system: 'http://loinc.org', code: LOINC_PLAN_OF_CARE }] },
        text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">Consultation chez le médecin traitant sous ${FOLLOW_UP_DAYS} jours.</div>` },
        entry: [ref],
      },
    ];
  }
  return entry;
}

/** Step "follow-up Task": owned by the team's GP (else the person's, else the sender's), due within 7 days; undefined when no GP is known. */
export function followUpTask(stay: Stay, patient: Patient, care: Care, taskIdentifier: Identifier): FollowUp | undefined {
  const entry = taskEntryOf(stay);
  const task = entry.resource as Task;
  const patientRef = `Patient/${patient.id}`;
  const owner = care.gp ?? patient.generalPractitioner?.[0]?.reference ?? stay.sourcePatient.generalPractitioner?.[0]?.reference ?? task.owner?.reference;
  if (!owner) return undefined;
  const { composition, dischargeAt, dischargeDay } = stay;
  const plannedEnd = task.restriction?.period?.end ?? addDays(dischargeDay, FOLLOW_UP_DAYS);
  const requester = task.requester ?? composition.author?.[0];
  const planRef = care.plan ? `CarePlan/${care.plan.id}` : undefined;
  Object.assign(task, {
    meta: { profile: [ProfileUrl.Task] },
    identifier: [...(task.identifier ?? []), taskIdentifier],
    status: 'requested',
    intent: task.intent ?? 'order',
    code: task.code ?? { coding: [{ system: CodeSystemUrl.TaskCode, code: 'suivi-post-sortie', display: "Suivi après sortie d'hospitalisation" }] },
    description:
      task.description ??
      `Revoir ${displayName(patient)} sous ${FOLLOW_UP_DAYS} jours après sa sortie d'hospitalisation du ${frenchDay(dischargeDay)}. / See the person within ${FOLLOW_UP_DAYS} days of discharge (${dischargeDay}).`,
    for: { reference: patientRef },
    encounter: { reference: stay.encounterUrn },
    authoredOn: task.authoredOn ?? dischargeAt,
    ...(requester ? { requester } : {}),
    owner: { reference: owner },
    restriction: { ...task.restriction, period: { start: task.restriction?.period?.start ?? dischargeDay, end: plannedEnd } },
    ...(planRef ? { focus: { reference: planRef }, basedOn: [{ reference: planRef }] } : {}),
  } satisfies Partial<Task>);
  return { entry, task, urn: stay.urnOf.get(entry) as string, owner, plannedEnd };
}

/** Step "notification": a ParcoursCommunication to the team (French and English payloads). */
export function notification(stay: Stay, patient: Patient, care: Care, followUp: FollowUp, hash: string, now: Date): Communication {
  const { encounter, composition, dischargeDay } = stay;
  const sender: Communication['sender'] = encounter.serviceProvider ?? composition.custodian ?? composition.author?.[0];
  const name = displayName(patient);
  return {
    resourceType: 'Communication',
    meta: { profile: [ProfileUrl.Communication] },
    identifier: [ownIdentifier(hash, 'communication')],
    status: 'completed',
    category: [{ coding: [{ system: CodeSystemUrl.CommunicationCategory, code: 'sortie-hospitaliere', display: "Sortie d'hospitalisation" }] }],
    subject: { reference: `Patient/${patient.id}` },
    encounter: { reference: stay.encounterUrn },
    about: [{ reference: stay.compositionUrn }, { reference: followUp.urn }],
    sent: now.toISOString(),
    recipient: [care.team ? { reference: `CareTeam/${care.team.id}` } : { reference: followUp.owner }],
    ...(sender ? { sender } : {}),
    payload: [
      { contentString: `${name} est sorti(e) d'hospitalisation le ${frenchDay(dischargeDay)}. Le médecin traitant est invité à le/la revoir avant le ${frenchDay(followUp.plannedEnd)}.` },
      { contentString: `${name} was discharged from hospital on ${dischargeDay}. The GP is asked for a follow-up visit by ${followUp.plannedEnd}.` },
    ],
  };
}

/** Step "plan": the shared CarePlan with the Task as a new activity, written with If-Match (a concurrent change is a retry). */
export function planActivity(plan: CarePlan, taskUrn: string): BundleEntry {
  const updated: CarePlan = {
    ...plan,
    activity: [...(plan.activity ?? []), { reference: { reference: taskUrn, display: "Suivi après sortie d'hospitalisation / post-discharge follow-up" } }],
  };
  return {
    fullUrl: `${plan.resourceType}/${plan.id}`,
    resource: updated,
    request: { method: 'PUT', url: `CarePlan/${plan.id}`, ...(plan.meta?.versionId ? { ifMatch: `W/"${plan.meta.versionId}"` } : {}) },
  };
}
