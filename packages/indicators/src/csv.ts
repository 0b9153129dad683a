// A MeasureReport as rows (one per population, overall and per stratum) and as CSV (RFC 4180, `;`-free: commas,
// quoted when needed), for spreadsheets. Aggregates only: the rows hold counts and codes, never a person.
import type { MeasureReport } from '@medplum/fhirtypes';

export interface ReportRow {
  measure: string;
  group: string;
  groupText: string;
  stratifier: string;
  stratum: string;
  population: string;
  count: number;
}

/** Every count of the reports, overall (stratifier and stratum empty) then per stratum. */
export function reportRows(reports: readonly MeasureReport[]): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const report of reports) {
    const measure = report.measure.split('/').pop() ?? report.measure;
    for (const group of report.group ?? []) {
      const base = { measure, group: group.id ?? '', groupText: group.code?.text ?? '' };
      for (const p of group.population ?? []) rows.push({ ...base, stratifier: '', stratum: '', population: p.code?.coding?.[0]?.code ?? '', count: p.count ?? 0 });
      for (const s of group.stratifier ?? []) {
        for (const stratum of s.stratum ?? []) {
          for (const p of stratum.population ?? []) {
            rows.push({ ...base, stratifier: s.code?.[0]?.text ?? '', stratum: stratum.value?.text ?? '', population: p.code?.coding?.[0]?.code ?? '', count: p.count ?? 0 });
          }
        }
      }
    }
  }
  return rows;
}

function cell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV with a header line (period and structure repeated on each row). */
export function toCsv(reports: readonly MeasureReport[]): string {
  const header = ['structure', 'periode_debut', 'periode_fin', 'indicateur', 'groupe', 'libelle', 'ventilation', 'valeur', 'population', 'nombre'];
  const lines = [header.join(',')];
  for (const report of reports) {
    const context = [report.reporter?.reference ?? '', report.period.start ?? '', report.period.end ?? ''];
    for (const row of reportRows([report])) {
      lines.push([...context, row.measure, row.group, row.groupText, row.stratifier, row.stratum, row.population, row.count].map(cell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
