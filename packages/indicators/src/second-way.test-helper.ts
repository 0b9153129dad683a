// The tests' "second way": each indicator computed in plain TypeScript straight from the resources, without the
// Measures' expressions, searches or the engine. Keys: `<measure>/<group>/<population>` and
// `<measure>/<group>/<population>@<stratum>`, as `figures()` reads a MeasureReport.
import type { Appointment, CarePlan, CareTeam, Communication, Encounter, Goal, MeasureReport, PractitionerRole, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';

const PARCOURS = 'https://fhir.parcours.fr';
const ET = `${PARCOURS}/CodeSystem/parcours-encounter-type`;
const NOT_CONTACTS = ['sejour-hospitalier', 'reunion-synthese', 'revue-synthese', 'atelier-groupe'];
const DAY = 86_400_000;

/** Every count of a report as `<measure>/<group>/<population>[@<stratum>]` → count (strata of the first stratifier only when `first`). */
export function figures(report: MeasureReport): Map<string, number> {
  const out = new Map<string, number>();
  const measure = report.measure.split('/').pop();
  for (const g of report.group ?? []) {
    for (const p of g.population ?? []) out.set(`${measure}/${g.id}/${p.code?.coding?.[0]?.code}`, p.count ?? 0);
    for (const s of g.stratifier ?? []) {
      for (const st of s.stratum ?? []) for (const p of st.population ?? []) out.set(`${measure}/${g.id}/${p.code?.coding?.[0]?.code}@${s.code?.[0]?.text}=${st.value?.text}`, p.count ?? 0);
    }
  }
  return out;
}

const day = (v: string | undefined): string => (v ?? '').slice(0, 10);
const typeOf = (e: Encounter): string[] => (e.type ?? []).flatMap((t) => t.coding ?? []).filter((c) => c.system === ET).map((c) => c.code ?? '');
const ms = (v: string | undefined): number => Date.parse(v && v.length === 10 ? `${v}T00:00:00Z` : (v ?? ''));

function add(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function expectedFigures(all: readonly Resource[], structure: string, start: string, end: string): Map<string, number> {
  const org = `Organization/${structure}`;
  const after = new Date(Date.parse(`${end}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  const inPeriod = (v: string | undefined): boolean => day(v) >= start && day(v) < after;
  const of = <T extends Resource>(type: T['resourceType']): T[] => all.filter((r): r is T => r.resourceType === type);
  const people = new Set(of<CareTeam>('CareTeam').filter((t) => (t.managingOrganization ?? []).some((o) => o.reference === org)).map((t) => t.subject?.reference ?? ''));
  const mine = (ref: string | undefined): boolean => !!ref && people.has(ref);
  const out = new Map<string, number>();
  // File active
  const intensity = (p: CarePlan): string => p.extension?.find((e) => e.url === `${PARCOURS}/StructureDefinition/parcours-follow-up-intensity`)?.valueCoding?.code ?? 'non-renseigne';
  const plans = of<CarePlan>('CarePlan').filter((p) => mine(p.subject.reference) && p.category?.some((c) => c.coding?.some((x) => x.code === 'plan-partage')) && p.status !== 'entered-in-error');
  const s = (p: CarePlan): string => day(p.period?.start);
  const e = (p: CarePlan): string | undefined => (p.period?.end ? day(p.period.end) : undefined);
  const groups: [string, (p: CarePlan) => boolean][] = [
    ['suivies', (p) => p.status !== 'draft' && s(p) < after && (!e(p) || (e(p) as string) >= start)],
    ['nouvelles', (p) => p.status !== 'draft' && s(p) >= start && s(p) < after],
    ['en-cours', (p) => p.status !== 'draft' && s(p) < after && (!e(p) || (e(p) as string) >= after)],
    ['terminees', (p) => !!e(p) && (e(p) as string) >= start && (e(p) as string) < after],
  ];
  for (const [id, test] of groups) {
    const hit = plans.filter(test);
    out.set(`parcours-file-active/${id}/initial-population`, hit.length);
    for (const p of hit) add(out, `parcours-file-active/${id}/initial-population@Intensité du suivi / follow-up intensity=${intensity(p)}`);
  }
  const atStart = plans.filter((p) => s(p) < start && (!e(p) || (e(p) as string) >= start));
  out.set('parcours-file-active/non-abandon/denominator', atStart.length);
  const reason = (p: CarePlan): string | undefined => p.extension?.find((x) => x.url === `${PARCOURS}/StructureDefinition/parcours-end-of-care-reason`)?.valueCoding?.code;
  const notDropping = ['objectifs-atteints', 'relais-partenaire', 'demenagement', 'deces'];
  out.set('parcours-file-active/non-abandon/numerator', atStart.filter((p) => !e(p) || (e(p) as string) >= after || notDropping.includes(reason(p) ?? '')).length);
  // Entretiens
  const roles = new Map<string, string>();
  for (const r of of<PractitionerRole>('PractitionerRole')) {
    const code = r.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === `${PARCOURS}/CodeSystem/parcours-careteam-role`)?.code;
    if (!code) continue;
    roles.set(`PractitionerRole/${r.id}`, code);
    if (r.practitioner?.reference && !roles.has(r.practitioner.reference)) roles.set(r.practitioner.reference, code);
  }
  const apts = of<Appointment>('Appointment').filter((a) => mine(a.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference) && a.status !== 'entered-in-error' && inPeriod(a.start));
  out.set('parcours-entretiens/entretiens/denominator', apts.length);
  out.set('parcours-entretiens/entretiens/numerator', apts.filter((a) => a.status === 'fulfilled').length);
  for (const a of apts) {
    const mode = a.appointmentType?.coding?.find((c) => c.system === 'http://terminology.hl7.org/CodeSystem/v3-ActCode')?.code ?? 'non-renseigne';
    add(out, `parcours-entretiens/entretiens/denominator@Mode prévu / planned mode=${mode}`);
    add(out, `parcours-entretiens/entretiens/numerator@Mode prévu / planned mode=${mode}`, a.status === 'fulfilled' ? 1 : 0);
    const professions = new Set(a.participant.map((p) => p.actor?.reference ?? '').filter((r) => r.startsWith('Practitioner')).map((r) => roles.get(r) ?? 'non-renseigne'));
    for (const prof of professions.size ? professions : ['non-renseigne']) add(out, `parcours-entretiens/entretiens/denominator@Profession / profession=${prof}`);
  }
  // Contacts
  const encounters = of<Encounter>('Encounter');
  const isContact = (x: Encounter): boolean => x.status === 'finished' && !!x.subject && !typeOf(x).some((t) => NOT_CONTACTS.includes(t));
  const contacts = encounters.filter((x) => isContact(x) && mine(x.subject?.reference) && inPeriod(x.period?.start));
  out.set('parcours-contacts/contacts/initial-population', contacts.length);
  for (const c of contacts) add(out, `parcours-contacts/contacts/initial-population@Mode / mode=${c.class.code}`);
  out.set('parcours-contacts/personnes-vues/initial-population', new Set(contacts.map((c) => c.subject?.reference)).size);
  out.set('parcours-contacts/lieux/initial-population', new Set(contacts.flatMap((c) => [c.serviceProvider?.reference, ...(c.location ?? []).map((l) => l.location.reference)]).filter(Boolean)).size);
  // Meetings
  const scoped = (x: Encounter): boolean => (x.subject ? mine(x.subject.reference) : x.serviceProvider?.reference === org);
  const meetings = encounters.filter((x) => typeOf(x).includes('reunion-synthese') && scoped(x) && inPeriod(x.period?.start));
  out.set('parcours-reunions-synthese/reunions/initial-population', meetings.filter((m) => m.status === 'finished' && !m.subject).length);
  const reviewed = new Set<string>();
  for (const x of encounters.filter((y) => (typeOf(y).includes('reunion-synthese') || typeOf(y).includes('revue-synthese')) && scoped(y) && inPeriod(y.period?.start) && y.status !== 'entered-in-error' && y.status !== 'cancelled')) {
    if (x.subject?.reference) reviewed.add(x.subject.reference);
    for (const ext of x.extension ?? []) for (const sub of ext.extension ?? []) if (sub.url === 'patient' && sub.valueReference?.reference) reviewed.add(sub.valueReference.reference);
  }
  out.set('parcours-reunions-synthese/personnes-revues/initial-population', reviewed.size);
  // Workshops
  const workshops = encounters.filter((x) => typeOf(x).includes('atelier-groupe') && x.status === 'finished' && scoped(x) && inPeriod(x.period?.start));
  out.set('parcours-ateliers/seances/initial-population', workshops.filter((w) => !w.subject).length);
  out.set('parcours-ateliers/participants/initial-population', new Set(workshops.filter((w) => w.subject).map((w) => w.subject?.reference)).size);
  out.set('parcours-ateliers/participants-exterieurs/initial-population', workshops.filter((w) => !w.subject).reduce((n, w) => n + (w.extension?.find((x) => x.url.endsWith('parcours-outside-participants'))?.valueUnsignedInt ?? 0), 0));
  // Orientations
  const orientations = of<ServiceRequest>('ServiceRequest').filter((r) => mine(r.subject.reference) && r.status !== 'entered-in-error' && inPeriod(r.authoredOn));
  out.set('parcours-orientations/orientations/initial-population', orientations.length);
  for (const r of orientations) {
    const type = r.performerType?.coding?.find((c) => c.system === `${PARCOURS}/CodeSystem/parcours-partner-type`)?.code ?? 'non-renseigne';
    add(out, `parcours-orientations/orientations/initial-population@Type de partenaire / partner type=${type}`);
  }
  // Care breaks reported by the team, re-engaged within 30 days
  const contactsOf = new Map<string, number[]>();
  for (const c of encounters.filter(isContact)) contactsOf.set(c.subject?.reference ?? '', [...(contactsOf.get(c.subject?.reference ?? '') ?? []), ms(c.period?.start)]);
  const breaks = of<Communication>('Communication').filter((c) => c.category?.some((x) => x.coding?.some((y) => y.code === 'rupture-de-soins')) && mine(c.subject?.reference) && c.status !== 'entered-in-error' && inPeriod(c.sent));
  out.set('parcours-ruptures/signalements/denominator', breaks.length);
  out.set('parcours-ruptures/signalements/numerator', breaks.filter((b) => (contactsOf.get(b.subject?.reference ?? '') ?? []).some((t) => t > ms(b.sent) && t <= ms(b.sent) + 30 * DAY)).length);
  // Discharges followed up within 7 days
  const tasks = of<Task>('Task').filter((t) => t.code?.coding?.some((c) => c.code === 'suivi-post-sortie'));
  const stays = encounters.filter((x) => typeOf(x).includes('sejour-hospitalier') && x.status === 'finished' && mine(x.subject?.reference) && inPeriod(x.period?.end));
  out.set('parcours-sorties-hospitalieres/sorties/denominator', stays.length);
  out.set('parcours-sorties-hospitalieres/sorties/numerator', stays.filter((x) => tasks.some((t) => t.encounter?.reference === `Encounter/${x.id}` && t.status === 'completed' && ms(t.executionPeriod?.end) > ms(x.period?.end) && ms(t.executionPeriod?.end) <= ms(x.period?.end) + 7 * DAY)).length);
  // Consumption goals
  const goals = of<Goal>('Goal').filter((g) => mine(g.subject.reference) && g.category?.some((c) => c.coding?.some((x) => x.code === 'consommation')) && !['entered-in-error', 'cancelled', 'rejected'].includes(g.lifecycleStatus)
    && g.description.coding?.some((c) => c.code === 'abstinence' || c.code === 'reduire-consommation') && day(g.startDate) < after);
  out.set('parcours-consommations/objectifs/denominator', new Set(goals.map((g) => g.subject.reference)).size);
  out.set('parcours-consommations/objectifs/numerator', new Set(goals.filter((g) => g.achievementStatus?.coding?.some((c) => c.code === 'achieved' || c.code === 'improving')).map((g) => g.subject.reference)).size);
  return out;
}
