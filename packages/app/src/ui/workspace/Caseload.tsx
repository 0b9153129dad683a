// « File active »: one row per person of the user's care teams (issue 14), filtered (mine / my teams', « à voir »,
// programme, name) and sorted, PAGE_SIZE rows at a time (500 people stay fast: only one page is in the DOM, and its
// first screen is drawn first). A row's name opens the person's plan.
import type { ReactNode } from 'react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { lastContactOf } from '../../fhir/caseload.ts';
import type { CaseloadData } from '../../fhir/caseload.ts';
import { filterRows, programmes } from '../../fhir/caseload-rows.ts';
import type { CaseloadFilter, CaseloadRow, CaseloadSort, RowContact } from '../../fhir/caseload-rows.ts';
import { workspaceWord, ww } from '../../i18n/dict-workspace.ts';
import type { WorkspaceKey } from '../../i18n/dict-workspace.ts';
import type { Lang } from '../../i18n/dict.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { codeWord } from '../../i18n/terms.ts';
import { SessionProblem } from '../App.tsx';
import type { WorkspaceScreenProps } from './Workspace.tsx';

export const PAGE_SIZE = 50;
/** Rows drawn in the first frame once the data is here (about a screen's worth); the rest of the page follows. */
export const FIRST_SCREEN = 20;
const SORTS: [CaseloadSort, WorkspaceKey][] = [['attention', 'sortAttention'], ['name', 'sortName'], ['lastContact', 'sortLastContact'], ['careBreak', 'sortCareBreak'], ['nextAppointment', 'sortNext']];

function contactText(c: RowContact, lang: Lang, date: (d: string) => string): string {
  const mode = workspaceWord(lang, `mode.${c.mode}`);
  return [date(c.date), c.who, mode].filter(Boolean).join(' · ');
}

/** Exact last contacts of the rows on screen that had none in the searched window: one small search each, once. */
function useOlderContacts(rows: CaseloadRow[], data: CaseloadData | undefined, api: WorkspaceScreenProps['session']['api']): Map<string, RowContact | null> {
  const [found, setFound] = useState(new Map<string, RowContact | null>());
  const asked = useRef({ data, ids: new Set<string>() });
  useEffect(() => {
    if (!data) return;
    if (asked.current.data !== data) {
      // Fresh rows (a reload): ask again, what was recorded meanwhile may have changed the answer.
      asked.current = { data, ids: new Set() };
      setFound(new Map());
    }
    const ids = asked.current.ids;
    const missing = rows.filter((r) => !r.lastContact && !ids.has(r.patientId));
    for (const r of missing) ids.add(r.patientId);
    if (missing.length === 0) return;
    // null: there is none at all; a failed look-up leaves the row as it was (« aucun contact depuis » the window's start, still true).
    void Promise.all(missing.map(async (r) => [r.patientId, await lastContactOf(api, data, r.patientId).then((c) => c ?? null, () => undefined)] as const)).then((pairs) => {
      const answered = pairs.filter((p): p is [string, RowContact | null] => p[1] !== undefined);
      if (asked.current.data === data) setFound((before) => new Map([...before, ...answered]));
    });
  }, [rows, data, api]);
  return found;
}

function Row({ row, older, lang, date, onOpen }: { row: CaseloadRow; older: RowContact | null | undefined; lang: Lang; date: (d: string) => string; onOpen(): void }): ReactNode {
  const none = ww(lang, 'none');
  const last = row.lastContact ?? older ?? undefined;
  const stage = row.stage ? codeWord(row.stage.system, row.stage.code, lang) ?? row.stage.display ?? row.stage.code : undefined;
  return (
    <tr data-testid="caseload-row" className={row.attention ? 'attention' : undefined}>
      <th scope="row">
        <button type="button" className="link" aria-label={ww(lang, 'openPlan', { name: row.name })} onClick={onOpen}>{row.name}</button>
        {row.birthDate && <span className="muted"> {ww(lang, 'born', { date: date(row.birthDate) })}</span>}
        {row.attention && <> <span className="badge alert">{ww(lang, 'attentionBadge')}</span></>}
      </th>
      <td>{row.programme?.label ?? none}</td>
      <td>{stage ?? none}</td>
      <td>{row.intensity ? (workspaceWord(lang, `intensity.${row.intensity}`) ?? row.intensity) : none}</td>
      <td data-testid="last-contact">{last ? contactText(last, lang, date) : older === null ? ww(lang, 'noContact') : ww(lang, 'noContactSince', { date: date(row.noContactSince ?? '') })}</td>
      <td>{row.nextAppointment ? contactText(row.nextAppointment, lang, date) : none}</td>
      <td className={row.missedInARow >= 2 ? 'num alert' : 'num'}>{row.missedInARow || none}</td>
      <td data-testid="care-breaks">
        {row.careBreaks.length === 0 ? none : (
          <ul className="plain">
            {row.careBreaks.map((b) => <li key={b.rule} className="alert">{workspaceWord(lang, `rule.${b.rule}`) ?? b.rule} <span className="since">{ww(lang, 'since', { date: date(b.since) })}</span></li>)}
          </ul>
        )}
      </td>
      <td className={row.overdueTasks ? 'num alert' : 'num'}>{row.overdueTasks || none}</td>
      <td className={row.openDischarges ? 'num alert' : 'num'}>{row.openDischarges || none}</td>
      <td>{row.referent ?? none}</td>
    </tr>
  );
}

export function CaseloadScreen({ session, caseload, reloadCaseload, openPerson }: WorkspaceScreenProps): ReactNode {
  const { lang, date } = useI18n();
  const [filter, setFilter] = useState<CaseloadFilter>({ scope: 'team', attention: false });
  const [sort, setSort] = useState<CaseloadSort>('attention');
  const [page, setPage] = useState(0);
  const data = caseload.status === 'ready' ? caseload.data : undefined;
  const rows = useMemo(() => (data ? filterRows(data.rows, filter, sort) : []), [data, filter, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const at = Math.min(page, pages - 1);
  const shown = useMemo(() => rows.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE), [rows, at]);
  const older = useOlderContacts(shown, data, session.api);
  // The first screen of rows is drawn first: the rest of the page once that frame is painted (after its animation
  // frame, a task), not in the same frame.
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (!data || whole) return;
    let task: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      task = setTimeout(() => setWhole(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(task);
    };
  }, [data, whole]);
  const drawn = whole ? shown : shown.slice(0, FIRST_SCREEN);
  // For the benchmark (a performance entry, no data in it): the rows committed to the DOM, before their frame.
  useLayoutEffect(() => {
    if (data) performance.mark('caseload-committed');
  }, [data]);
  useEffect(() => {
    if (data) requestAnimationFrame(() => (document.body.dataset.caseloadRendered = String(Date.now())));
  }, [data]);
  if (caseload.status === 'loading') return <p role="status">{ww(lang, 'loadingCaseload')}</p>;
  if (caseload.status === 'error') return <SessionProblem error={caseload.error} relaunchUrl={session.relaunchUrl} onRetry={reloadCaseload} />;
  const all = caseload.data.rows;
  const change = (next: Partial<CaseloadFilter>): void => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(0);
  };
  return (
    <section className="card caseload" aria-labelledby="caseload-title">
      <h2 id="caseload-title">{ww(lang, 'caseloadTitle')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{ww(lang, 'scope')}</legend>
          <label><input type="radio" name="scope" checked={filter.scope === 'mine'} onChange={() => change({ scope: 'mine' })} /> {ww(lang, 'scopeMine')}</label>
          <label><input type="radio" name="scope" checked={filter.scope === 'team'} onChange={() => change({ scope: 'team' })} /> {ww(lang, 'scopeTeam')}</label>
        </fieldset>
        <label title={ww(lang, 'attentionHint')}><input type="checkbox" data-testid="filter-attention" checked={filter.attention} onChange={(e) => change({ attention: e.target.checked })} /> {ww(lang, 'attention')}</label>
        <label>{ww(lang, 'programme')}{' '}
          <select value={filter.programme ?? ''} onChange={(e) => change({ ...(e.target.value ? { programme: e.target.value } : { programme: undefined }) } as Partial<CaseloadFilter>)}>
            <option value="">{ww(lang, 'programmeAll')}</option>
            {programmes(all).map((p) => <option key={p.key} value={p.key}>{p.label} ({p.count})</option>)}
          </select>
        </label>
        <label>{ww(lang, 'search')} <input type="search" value={filter.text ?? ''} onChange={(e) => change({ text: e.target.value })} /></label>
        <label>{ww(lang, 'sort')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as CaseloadSort)}>
            {SORTS.map(([value, key]) => <option key={value} value={value}>{ww(lang, key)}</option>)}
          </select>
        </label>
        <button type="button" onClick={reloadCaseload} disabled={caseload.refreshing}>{ww(lang, 'refresh')}</button>
      </form>
      <p role="status" data-testid="caseload-count">
        {rows.length === 1 ? ww(lang, 'countOne', { total: all.length }) : ww(lang, 'count', { shown: rows.length, total: all.length })}
        {' · '}{ww(lang, 'updatedAt', { time: new Date(caseload.data.at).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) })}
      </p>
      {all.length === 0 ? <p>{ww(lang, 'noPeople')}</p> : rows.length === 0 ? <p>{ww(lang, 'empty')}</p> : (
        <div className="table-scroll">
          <table data-testid="caseload-table">
            <thead>
              <tr>
                {(['colName', 'colProgramme', 'colStage', 'colIntensity', 'colLastContact', 'colNext', 'colMissed', 'colBreaks', 'colOverdue', 'colDischarges', 'colReferent'] as const).map((k) => <th key={k} scope="col">{ww(lang, k)}</th>)}
              </tr>
            </thead>
            <tbody>
              {drawn.map((row) => <Row key={row.patientId} row={row} older={older.get(row.patientId)} lang={lang} date={date} onOpen={() => openPerson(row.patientId)} />)}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={ww(lang, 'page', { n: at + 1, pages })}>
          <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)}>{ww(lang, 'previous')}</button>
          <span>{ww(lang, 'page', { n: at + 1, pages })}</span>
          <button type="button" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>{ww(lang, 'next')}</button>
        </nav>
      )}
    </section>
  );
}
