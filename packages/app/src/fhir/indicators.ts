// The indicators report's data (issue 16): one `Measure/[id]/$evaluate-measure` per indicator for a structure and a
// period (the server computes, the app only reads summary MeasureReports: counts, no person), the structures the
// user may choose (the organisations of their roles), and the reports as CSV rows.
import type { MeasureReport, MeasureReportGroup, Organization, OrganizationAffiliation, PractitionerRole } from '@medplum/fhirtypes';
import type { FhirApi } from './api.ts';
import { CARE_TEAM_ROLE_SYSTEM } from './codes.ts';

/** The Parcours indicators (Measures of @parcours/profiles, instances/measures/), in the report's order. */
export const INDICATORS = [
  'parcours-file-active', 'parcours-entretiens', 'parcours-contacts', 'parcours-reunions-synthese', 'parcours-ateliers',
  'parcours-orientations', 'parcours-ruptures', 'parcours-sorties-hospitalieres', 'parcours-consommations',
] as const;

const CS = 'https://fhir.parcours.fr/CodeSystem';
/** Stratifier (by its text's French part) → the code system of its values, for their words. */
export const STRATUM_SYSTEMS: Record<string, string> = {
  'Intensité du suivi': `${CS}/parcours-follow-up-intensity`,
  'Motif de fin': `${CS}/parcours-end-of-care-reason`,
  Profession: `${CS}/parcours-careteam-role`,
  'Type de partenaire': `${CS}/parcours-partner-type`,
  Issue: `${CS}/parcours-orientation-outcome`,
  Domaine: `${CS}/parcours-domain`,
  'Règle': `${CS}/parcours-care-break-rule`,
  'Évolution': 'http://terminology.hl7.org/CodeSystem/goal-achievement',
};

export interface StructureChoice {
  id: string;
  name: string;
}

// A funder (PractitionerRole code `financeur`) chooses among the structures their agency funds (OrganizationAffiliation
// `organization` the agency, `participatingOrganization` the structure, role `payer`).
const FUNDER_ROLE = 'financeur';

function isFunderRole(role: PractitionerRole): boolean {
  return role.active !== false && (role.code ?? []).some((c) => (c.coding ?? []).some((x) => x.system === CARE_TEAM_ROLE_SYSTEM && x.code === FUNDER_ROLE));
}

/** The agencies the user works for as a funder (the organisations of their `financeur` roles). */
export function funderAgencies(roles: readonly PractitionerRole[]): string[] {
  return [...new Set(roles.filter(isFunderRole).flatMap((r) => (r.organization?.reference ? [r.organization.reference] : [])))];
}

/** The structures the agencies fund (ids of the participating organisations of their `payer` affiliations). */
async function fundedStructures(api: FhirApi, agencies: readonly string[]): Promise<string[]> {
  if (!agencies.length) return [];
  const funding = await api.search<OrganizationAffiliation>('OrganizationAffiliation', [['primary-organization', agencies.join(',')], ['role', 'http://hl7.org/fhir/organization-role|payer']], 2).catch(() => []);
  return [...new Set(funding.filter((a) => a.active !== false).flatMap((a) => {
    const ref = a.participatingOrganization?.reference;
    return ref?.startsWith('Organization/') ? [ref.slice('Organization/'.length)] : [];
  }))];
}

/** The organisations of the user's roles (the structures they coordinate), and for a funder those their agency funds. */
export async function structureChoices(api: FhirApi, fhirUser: string | undefined): Promise<StructureChoice[]> {
  if (!fhirUser?.startsWith('Practitioner/')) return [];
  const roles = await api.search<PractitionerRole>('PractitionerRole', [['practitioner', fhirUser]], 2).catch(() => []);
  const agencies = funderAgencies(roles);
  const own = roles.flatMap((r) => (r.organization?.reference?.startsWith('Organization/') && !agencies.includes(r.organization.reference) ? [r.organization.reference.slice('Organization/'.length)] : []));
  const ids = [...new Set([...own, ...(await fundedStructures(api, agencies))])];
  const named = await Promise.all(ids.map(async (id) => ({ id, name: (await api.read<Organization>('Organization', id).catch(() => undefined))?.name ?? id })));
  return named.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every indicator of the structure over the period; the first refusal (403, 400…) is thrown as is. */
export async function loadReports(api: FhirApi, structure: string, start: string, end: string): Promise<MeasureReport[]> {
  const query: [string, string][] = [['periodStart', start], ['periodEnd', end], ['subject', `Organization/${structure}`]];
  return Promise.all(INDICATORS.map((id) => api.operation<MeasureReport>(`Measure/${id}/$evaluate-measure`, query)));
}

/** The count of a group's population (`initial-population`, `numerator`, `denominator`). */
export function count(group: MeasureReportGroup | undefined, code: string, stratum?: { stratifier: number; value: string }): number {
  const populations = stratum
    ? group?.stratifier?.[stratum.stratifier]?.stratum?.find((s) => s.value?.text === stratum.value)?.population
    : group?.population;
  return populations?.find((p) => p.code?.coding?.[0]?.code === code)?.count ?? 0;
}

export function groupOf(reports: readonly MeasureReport[], measure: string, group: string): MeasureReportGroup | undefined {
  return reports.find((r) => r.measure.endsWith(`/${measure}`))?.group?.find((g) => g.id === group);
}

function cell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The reports as CSV (the columns of the CLI's `--format csv`), for a spreadsheet. */
export function reportsCsv(reports: readonly MeasureReport[]): string {
  const lines = ['structure,periode_debut,periode_fin,indicateur,groupe,libelle,ventilation,valeur,population,nombre'];
  for (const report of reports) {
    const head = [report.reporter?.reference ?? '', report.period.start ?? '', report.period.end ?? '', report.measure.split('/').pop() ?? ''];
    for (const group of report.group ?? []) {
      const base = [...head, group.id ?? '', group.code?.text ?? ''];
      for (const p of group.population ?? []) lines.push([...base, '', '', p.code?.coding?.[0]?.code ?? '', p.count ?? 0].map(cell).join(','));
      for (const s of group.stratifier ?? []) {
        for (const stratum of s.stratum ?? []) {
          for (const p of stratum.population ?? []) lines.push([...base, s.code?.[0]?.text ?? '', stratum.value?.text ?? '', p.code?.coding?.[0]?.code ?? '', p.count ?? 0].map(cell).join(','));
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
