/**
 * The indicators report (issue 16), a workspace screen for a coordinator or a funder: choose a structure and a
 * period, the server computes each indicator (`Measure/[id]/$evaluate-measure`, aggregates only: who may see a
 * structure's figures is the server's access policy), the figures are written the seeds' way with charts and
 * tables, printed to PDF by the browser (report.css `@media print`) or exported as CSV.
 */
import type { MeasureReport } from '@medplum/fhirtypes';
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { FhirApi } from '../../fhir/api.ts';
import { toFhirError } from '../../fhir/api.ts';
import { outcomeText } from '../../fhir/writes.ts';
import { INDICATORS, loadReports, reportsCsv, structureChoices } from '../../fhir/indicators.ts';
import type { StructureChoice } from '../../fhir/indicators.ts';
import { messageIn, rw } from '../../i18n/dict-report.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { GroupFigures } from './Figures.tsx';
import './report.css';

const TITLES: Record<(typeof INDICATORS)[number], [string, string]> = {
  'parcours-file-active': ['File active', 'Active caseload'],
  'parcours-entretiens': ['Entretiens posés et effectifs', 'Appointments planned and held'],
  'parcours-contacts': ['Contacts tenus', 'Contacts held'],
  'parcours-reunions-synthese': ['Réunions de synthèse', 'Synthesis meetings'],
  'parcours-ateliers': ['Ateliers collectifs', 'Collective workshops'],
  'parcours-orientations': ['Orientations vers les partenaires', 'Partner orientations'],
  'parcours-ruptures': ['Ruptures de soins et reprises', 'Care breaks and re-engagement'],
  'parcours-sorties-hospitalieres': ['Sorties d’hospitalisation', 'Hospital discharges'],
  'parcours-consommations': ['Consommations', 'Consumption goals'],
};

/** How long the report waits for the server before saying it did not answer (the computation takes seconds). */
export const NO_ANSWER_MS = 60_000;

export interface ReportProps {
  session: { api: FhirApi; fhirUser?: string | undefined };
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; reports: MeasureReport[]; name: string; at: string };

/** The server's own words (its OperationOutcome), in the reader's half, else the error's first line. */
function refusalReason(lang: 'fr' | 'en', error: unknown): string {
  const failed = toFhirError(error);
  return messageIn(lang, outcomeText(failed.outcome) || failed.message.split('\n')[0] || '');
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

export function Report({ session }: ReportProps): ReactNode {
  const { lang, date } = useI18n();
  const year = new Date().getFullYear();
  const [choices, setChoices] = useState<StructureChoice[]>([]);
  const [structure, setStructure] = useState('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The latest « Calculer » wins: an answer to an earlier one, or one after the no-answer notice, is dropped.
  const attempt = useRef(0);
  useEffect(() => {
    let live = true;
    void structureChoices(session.api, session.fhirUser).then((found) => {
      if (!live) return;
      setChoices(found);
      setStructure((current) => current || found[0]?.id || '');
    });
    return () => {
      live = false;
    };
  }, [session]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!structure.trim()) return setState({ kind: 'error', message: rw(lang, 'noStructure') });
    if (to < from) return setState({ kind: 'error', message: rw(lang, 'badPeriod') });
    setState({ kind: 'loading' });
    const id = structure.trim();
    const mine = ++attempt.current;
    const timer = setTimeout(() => {
      if (attempt.current !== mine) return;
      attempt.current++;
      setState({ kind: 'error', message: rw(lang, 'noAnswer', { seconds: NO_ANSWER_MS / 1000 }) });
    }, NO_ANSWER_MS);
    const settle = (next: State): void => {
      clearTimeout(timer);
      if (attempt.current === mine) setState(next);
    };
    loadReports(session.api, id, from, to).then(
      (reports) => settle({ kind: 'done', reports, name: choices.find((c) => c.id === id)?.name ?? id, at: new Date().toISOString() }),
      (error: unknown) => settle({ kind: 'error', message: rw(lang, 'refused', { reason: refusalReason(lang, error) }) }),
    );
  };

  return (
    <div className="report">
      <h2>{rw(lang, 'title')}</h2>
      <p>{rw(lang, 'intro')}</p>
      <form onSubmit={submit} aria-label={rw(lang, 'title')}>
        <label>
          {rw(lang, 'structure')}
          <input list="report-structures" name="structure" value={structure} onChange={(e) => setStructure(e.target.value)} />
          <datalist id="report-structures">{choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</datalist>
        </label>
        <label>{rw(lang, 'from')}<input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} required /></label>
        <label>{rw(lang, 'to')}<input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} required /></label>
        <button type="submit" disabled={state.kind === 'loading'}>{rw(lang, 'compute')}</button>
      </form>
      {state.kind === 'loading' && <p role="status">{rw(lang, 'computing')}</p>}
      {state.kind === 'error' && <p role="alert" className="error">{state.message}</p>}
      {state.kind === 'done' && (
        <article aria-label={rw(lang, 'title')} data-testid="report">
          <h3>{state.name} — {rw(lang, 'period', { from: date(from), to: date(to) })}</h3>
          <p className="actions">
            <button type="button" onClick={() => window.print()}>{rw(lang, 'print')}</button>{' '}
            <button type="button" onClick={() => download(reportsCsv(state.reports), `indicateurs-${structure}-${from}-${to}.csv`)}>{rw(lang, 'csv')}</button>
          </p>
          {state.reports.map((report, i) => (
            <section key={report.measure} className="measure">
              <h3>{TITLES[INDICATORS[i] as (typeof INDICATORS)[number]]?.[lang === 'en' ? 1 : 0]}</h3>
              {(report.group ?? []).map((group) => <GroupFigures key={group.id} group={group} lang={lang} />)}
            </section>
          ))}
          <p className="generated">{rw(lang, 'generatedOn', { date: date(state.at), server: new URL(session.api.baseUrl).host })}</p>
        </article>
      )}
    </div>
  );
}

export default Report;
