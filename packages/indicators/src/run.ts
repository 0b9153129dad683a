// Every asked Measure for one structure and period, over one shared source (searches read once for all).
import type { Bundle, Measure, MeasureReport, Organization } from '@medplum/fhirtypes';
import { evaluateMeasure } from './evaluate.ts';
import { CliError } from './client.ts';
import { findMeasure, MEASURES } from './measures.ts';
import type { Period } from './period.ts';
import type { FhirSource, PagingClient } from './source.ts';
import { cachedSource, httpSource } from './source.ts';

export interface RunOptions {
  period: Period;
  structure: string;
  /** Measure ids (default: every Parcours indicator). */
  measures?: string[];
  onProgress?: (label: string, done: number, total: number, fetched: number) => void;
  onMeasure?: (measure: Measure, ms: number) => void;
}

/** The Measures asked for, each known (else a sentence naming the unknown one and the known ids). */
export function pickMeasures(ids: string[] | undefined): Measure[] {
  if (!ids?.length) return [...MEASURES];
  return ids.map((id) => findMeasure(id) ?? (() => {
    throw new CliError(`Indicateur inconnu « ${id} ». Indicateurs connus : ${MEASURES.map((m) => m.id).join(', ')}. / Unknown measure.`);
  })());
}

/** Reads the structure first: an unknown or unreadable one stops here, before any figure is computed. */
export async function runIndicators(client: PagingClient, options: RunOptions): Promise<MeasureReport[]> {
  const measures = pickMeasures(options.measures);
  const organization = await client.request<Organization>('GET', `Organization/${encodeURIComponent(options.structure)}`);
  if (organization?.resourceType !== 'Organization') throw new CliError(`Structure inconnue sur ce serveur : Organization/${options.structure}. Vérifiez --structure. / Unknown structure.`);
  const http = httpSource(client);
  const source: FhirSource = cachedSource(http);
  const reports: MeasureReport[] = [];
  for (const [index, measure] of measures.entries()) {
    const started = performance.now();
    reports.push(await evaluateMeasure(measure, source, {
      period: options.period,
      structure: options.structure,
      progress: ({ query, fetched }) => options.onProgress?.(`${measure.id}: ${query.split('?')[0]}`, index, measures.length, fetched),
    }));
    options.onMeasure?.(measure, performance.now() - started);
  }
  return reports;
}

/** The reports as one collection Bundle (the CLI's JSON output). */
export function reportBundle(reports: MeasureReport[]): Bundle<MeasureReport> {
  return { resourceType: 'Bundle', type: 'collection', entry: reports.map((resource) => ({ resource })) };
}
