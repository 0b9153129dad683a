// « Qui a consulté ce dossier »: the person's recent accesses, read from the AuditEvents the FHIR server writes for
// every request (IHE Basic Audit Log Patterns, https://profiles.ihe.net/ITI/BALP/). Shown to the GP and the
// coordinator only; the server's own care-team policy still decides which AuditEvents come back.
import type { AuditEvent, CareTeamParticipant, Reference } from '@medplum/fhirtypes';
import type { Lang } from '../i18n/dict.ts';
import { conceptLabel } from '../i18n/terms.ts';
import type { FhirApi } from './api.ts';
import { CARE_TEAM_ROLE_SYSTEM, CareTeamRoleCode } from './codes.ts';
import { refLabel } from './labels.ts';
import { refKey } from './load-plan.ts';
import type { PlanData } from './load-plan.ts';

/** At most this many accesses are shown (the newest). */
export const ACCESS_LOG_SIZE = 20;

export type AccessKind = 'read' | 'search' | 'write';
export type AccessOutcome = 'ok' | 'refused' | 'failed';

export interface AccessRow {
  key: string;
  /** The user's name; empty when the request came from an application without a user (see `client`). */
  who: string;
  /** The application's client id, for a request without a user (a backend service). */
  client: string | undefined;
  /** Their role(s) in the person's care team; empty when they are not (or no longer) a member. */
  role: string;
  when: string;
  what: AccessKind;
  outcome: AccessOutcome;
}

/** One request: `AuditEvent?patient=Patient/<id>&_sort=-date&_count=20` (R4 search parameters `patient`, `date`). */
export async function loadAccessLog(api: FhirApi, patientId: string): Promise<AuditEvent[]> {
  const page = await api.searchPage<AuditEvent>('AuditEvent', [
    ['patient', `Patient/${patientId}`],
    ['_sort', '-date'],
    ['_count', String(ACCESS_LOG_SIZE)],
  ]);
  return page.resources.filter((r) => r.resourceType === 'AuditEvent');
}

function covers(period: { start?: string; end?: string } | undefined, today: string): boolean {
  return (!period?.start || period.start.slice(0, 10) <= today) && (!period?.end || period.end.slice(0, 10) >= today);
}

function isCoordinator(p: CareTeamParticipant): boolean {
  return (p.role ?? []).some((r) => (r.coding ?? []).some((c) => c.system === CARE_TEAM_ROLE_SYSTEM && c.code === CareTeamRoleCode.Coordinator));
}

/** The references that stand for a participant: the member, and the practitioner of a PractitionerRole member. */
function memberKeys(p: CareTeamParticipant, data: PlanData): string[] {
  const k = refKey(p.member);
  if (!k) return [];
  const resource = data.refs.get(k);
  const practitioner = resource?.resourceType === 'PractitionerRole' ? refKey(resource.practitioner) : undefined;
  return practitioner ? [k, practitioner] : [k];
}

/** The user's own references: their fhirUser and their PractitionerRole. */
function userKeys(data: PlanData): string[] {
  const role = data.user.practitionerRole?.id ? `PractitionerRole/${data.user.practitionerRole.id}` : undefined;
  return [data.user.reference, role].filter((k): k is string => !!k);
}

/** The GP sees the access log, and so does the team's coordinator (an active participant with the coordinator role). */
export function mayReadAccessLog(data: PlanData, today = new Date().toISOString().slice(0, 10)): boolean {
  if (data.user.role === 'gp') return true;
  const mine = new Set(userKeys(data));
  return data.careTeams.some((team) =>
    (team.participant ?? []).some((p) => covers(p.period, today) && isCoordinator(p) && memberKeys(p, data).some((k) => mine.has(k))),
  );
}

function kind(event: AuditEvent): AccessKind {
  const interaction = event.subtype?.find((c) => c.system === 'http://hl7.org/fhir/restful-interaction')?.code ?? '';
  if (interaction.startsWith('search')) return 'search';
  if (event.action === 'C' || event.action === 'U' || event.action === 'D' || event.action === 'E') return 'write';
  return 'read';
}

/** The person's roles (all participations, current or past: someone who left may still have read). */
function roleOf(who: Reference | undefined, data: PlanData, lang: Lang): string {
  const k = refKey(who);
  if (!k) return '';
  const labels = new Set<string>();
  for (const team of data.careTeams) {
    for (const p of team.participant ?? []) {
      if (!memberKeys(p, data).includes(k)) continue;
      for (const role of p.role ?? []) labels.add(conceptLabel(role, lang));
    }
  }
  return [...labels].filter(Boolean).join(', ');
}

/** Rows for display, newest first, at most ACCESS_LOG_SIZE. */
export function accessRows(events: readonly AuditEvent[], data: PlanData, lang: Lang): AccessRow[] {
  return [...events]
    .filter((e) => e.recorded)
    .sort((a, b) => (b.recorded ?? '').localeCompare(a.recorded ?? ''))
    .slice(0, ACCESS_LOG_SIZE)
    .map((event, index) => {
      const requestor = event.agent?.find((a) => a.requestor) ?? event.agent?.[0];
      const user = requestor?.who?.reference ? requestor.who : undefined;
      return {
        key: event.id ?? `${index}`,
        who: user ? refLabel(user, data.refs) : '',
        client: user ? undefined : requestor?.who?.identifier?.value ?? requestor?.who?.display,
        role: roleOf(user, data, lang),
        when: event.recorded ?? '',
        what: kind(event),
        outcome: event.outcome === '0' || !event.outcome ? 'ok' : event.outcome === '4' ? 'refused' : 'failed',
      };
    });
}
