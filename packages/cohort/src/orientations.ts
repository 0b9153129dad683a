// Partner orientations (issue 15): a ServiceRequest per orientation (partner type, requester, date, areas of work)
// and its follow-through Task (focus the request, businessStatus from parcours-orientation-outcome). Partner types
// follow the field's figures (social-housing psychologist: GP 10, specialists 3, dentists 1, emergency 8, CSAPA 5,
// CAARUD 4, AIDES 1, mission locale 0, CMP 10); referents mostly social services and GPs.
import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import type { PartnerTypeCode } from '@parcours/profiles';
import { CodeSystemUrl, OrientationOutcomeCode, ProfileUrl, ReferralCategory } from '@parcours/profiles';
import { fromDay } from './dates.ts';
import { code, meta, ref } from './fhir.ts';
import { domain } from './contacts.ts';
import type { ProgrammeId } from './network.ts';
import type { Person } from './person.ts';
import type { Rng } from './prng.ts';
import type { Emit, Next } from './events.ts';

type Partner = (typeof PartnerTypeCode)[keyof typeof PartnerTypeCode];

const MIX: Record<ProgrammeId, readonly (readonly [Partner, number])[]> = {
  'residence-sociale': [['medecin-generaliste', 10], ['specialiste', 3], ['dentiste', 1], ['urgences', 8], ['csapa', 5], ['caarud', 4], ['aides-trod', 1], ['cmp-psychiatrie', 10]],
  referent: [['services-sociaux', 8], ['medecin-generaliste', 6], ['specialiste', 4], ['csapa', 3], ['mission-locale', 2], ['cmp-psychiatrie', 2], ['dentiste', 2]],
  'rdr-alcool': [['medecin-generaliste', 6], ['csapa', 4], ['services-sociaux', 5], ['specialiste', 3], ['caarud', 2], ['urgences', 1]],
  microstructure: [['csapa', 3], ['cmp-psychiatrie', 3], ['specialiste', 3], ['dentiste', 2], ['services-sociaux', 2]],
};

const WORDS: Record<Partner, string> = {
  'medecin-generaliste': 'Médecin généraliste', specialiste: 'Médecin spécialiste', dentiste: 'Dentiste', urgences: 'Urgences hospitalières',
  csapa: 'CSAPA', caarud: 'CAARUD', 'aides-trod': 'AIDES (TROD)', 'mission-locale': 'Mission locale', 'cmp-psychiatrie': 'CMP, psychiatrie',
  'services-sociaux': 'Services sociaux', autre: 'Autre partenaire',
};

const AREA: Record<Partner, string> = {
  'medecin-generaliste': 'sante', specialiste: 'sante', dentiste: 'sante', urgences: 'sante', csapa: 'addiction', caarud: 'addiction',
  'aides-trod': 'sante', 'mission-locale': 'emploi-formation', 'cmp-psychiatrie': 'sante-mentale', 'services-sociaux': 'droits', autre: 'sante',
};

const OUTCOME_STATUS: Record<string, { task: Task['status']; request: ServiceRequest['status'] }> = {
  envoyee: { task: 'requested', request: 'active' },
  acceptee: { task: 'accepted', request: 'active' },
  'rdv-pris': { task: 'in-progress', request: 'active' },
  vue: { task: 'completed', request: 'completed' },
  refusee: { task: 'rejected', request: 'revoked' },
  'sans-suite': { task: 'cancelled', request: 'revoked' },
};

const OUTCOME_WORDS: Record<string, string> = { envoyee: 'Orientation proposée', acceptee: 'Acceptée', 'rdv-pris': 'Rendez-vous pris', vue: 'Personne reçue', refusee: 'Refusée', 'sans-suite': 'Sans suite' };

export interface Orientation {
  partner: Partner;
  day: number;
  organization?: string;
}

/** The person's orientations: the plan's referral (CSAPA, CAARUD, CMP) if any, then 0-3 more by the programme's mix. */
export function orientationsOf(person: Person, rng: Rng): Orientation[] {
  const list: Orientation[] = [];
  if (person.orientation) {
    const { partner, organization, day } = person.orientation;
    list.push({ partner: partner === 'cmp' ? 'cmp-psychiatrie' : partner, organization, day });
  }
  const span = person.end - person.start;
  const more = span < 60 ? 0 : rng.weighted(person.programme === 'microstructure' ? [[0, 6], [1, 3]] : [[0, 2], [1, 4], [2, 3], [3, 1]]);
  for (let i = 0; i < more; i++) {
    const partner = rng.weighted(MIX[person.programme]);
    const organization = partner === 'csapa' ? person.site.csapa : partner === 'caarud' ? person.site.caarud : partner === 'cmp-psychiatrie' ? person.site.cmp : undefined;
    list.push({ partner, day: person.start + rng.int(14, span - 7), ...(organization ? { organization } : {}) });
  }
  return list;
}

function outcomeOf(age: number, rng: Rng): string {
  if (age < 21) return rng.weighted([[OrientationOutcomeCode.Sent, 4], [OrientationOutcomeCode.Accepted, 3], [OrientationOutcomeCode.AppointmentMade, 3]]);
  if (age < 60) return rng.weighted([[OrientationOutcomeCode.AppointmentMade, 4], [OrientationOutcomeCode.Seen, 5], [OrientationOutcomeCode.Declined, 1]]);
  return rng.weighted([[OrientationOutcomeCode.Seen, 13], [OrientationOutcomeCode.Declined, 3], [OrientationOutcomeCode.NoFollowThrough, 4]]);
}

/** Emits one ServiceRequest and its follow-through Task per orientation. */
export function orientationRecords(person: Person, orientations: readonly Orientation[], planId: string, next: Next, emit: Emit, rng: Rng): void {
  orientations.forEach((o, index) => {
    const requestId = `${person.id}-orient-${String(index + 1).padStart(2, '0')}`;
    const outcome = outcomeOf(person.end - o.day, rng);
    const status = OUTCOME_STATUS[outcome] ?? { task: 'requested', request: 'active' };
    const request: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: requestId,
      meta: meta(ProfileUrl.ServiceRequestOrientation),
      basedOn: [ref(`CarePlan/${planId}`)],
      status: status.request,
      intent: 'order',
      category: [code(ReferralCategory.system, ReferralCategory.code, 'Patient referral')],
      subject: ref(`Patient/${person.id}`),
      authoredOn: fromDay(o.day),
      requester: ref(person.coordinator.ref),
      performerType: code(CodeSystemUrl.PartnerType, o.partner, WORDS[o.partner]),
      ...(o.organization ? { performer: [ref(o.organization)] } : {}),
      reasonCode: [domain(AREA[o.partner])],
      ...(outcome === 'rdv-pris' || outcome === 'vue' ? { occurrenceDateTime: `${fromDay(o.day + 14)}T10:00:00+01:00` } : {}),
    };
    const done = status.task === 'completed' || status.task === 'rejected' || status.task === 'cancelled';
    const task: Task = {
      resourceType: 'Task',
      id: next('task'),
      meta: meta(ProfileUrl.Task),
      basedOn: [ref(`CarePlan/${planId}`)],
      status: status.task,
      businessStatus: code(CodeSystemUrl.OrientationOutcome, outcome, OUTCOME_WORDS[outcome]),
      intent: 'order',
      code: code(CodeSystemUrl.TaskCode, 'orientation'),
      description: `Orientation de ${person.given[0] ?? ''} : ${WORDS[o.partner]}.`,
      focus: ref(`ServiceRequest/${requestId}`),
      for: ref(`Patient/${person.id}`),
      authoredOn: fromDay(o.day),
      requester: ref(person.coordinator.ref),
      owner: ref(person.coordinator.ref),
      restriction: { period: { end: fromDay(o.day + 30) } },
      ...(done ? { executionPeriod: { end: fromDay(Math.min(person.end, o.day + 21)) } } : {}),
    };
    emit(o.day, 541, request);
    emit(o.day, 542, task);
  });
}
