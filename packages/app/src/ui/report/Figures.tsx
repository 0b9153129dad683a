// One indicator group as the seeds write it (« 104 entretiens en présentiel posés, 64 effectifs »), a bar chart of
// its first breakdown and a table of every breakdown. Counts only: a report names no person.
import type { MeasureReportGroup } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { STRATUM_SYSTEMS, count } from '../../fhir/indicators.ts';
import { GROUP_TITLES, REPORT_STRATA, messageIn, rw } from '../../i18n/dict-report.ts';
import type { Lang } from '../../i18n/dict.ts';
import { codeWord } from '../../i18n/terms.ts';

const ACT_MODES = ['AMB', 'VR', 'HH', 'FLD'] as const;

/** The words of a stratum value (a code of the stratifier's system), else the code itself. */
export function stratumWord(stratifier: string, value: string, lang: Lang): string {
  if (value === 'non-renseigne') return rw(lang, 'notRecorded');
  const reportWords = REPORT_STRATA[value];
  if (reportWords) return reportWords[lang === 'en' ? 1 : 0];
  if ((ACT_MODES as readonly string[]).includes(value)) return rw(lang, `mode${value}` as 'modeAMB');
  const system = STRATUM_SYSTEMS[stratifier.split(' / ')[0] ?? ''];
  return (system ? codeWord(system, value, lang) : undefined) ?? value;
}

function headline(group: MeasureReportGroup, lang: Lang): string[] {
  const has = (code: string): boolean => (group.population ?? []).some((p) => p.code?.coding?.[0]?.code === code);
  if (group.id === 'entretiens') {
    const byMode = (group.stratifier?.[0]?.stratum ?? []).map((s) => rw(lang, 'appointments', {
      planned: count(group, 'denominator', { stratifier: 0, value: s.value?.text ?? '' }),
      held: count(group, 'numerator', { stratifier: 0, value: s.value?.text ?? '' }),
      mode: stratumWord('mode', s.value?.text ?? '', lang),
    }));
    return [rw(lang, 'appointmentsAll', { planned: count(group, 'denominator'), held: count(group, 'numerator') }), ...byMode];
  }
  if (has('numerator') && has('denominator')) {
    const numerator = count(group, 'numerator');
    const denominator = count(group, 'denominator');
    return [rw(lang, 'share', { numerator, denominator, percent: denominator ? Math.round((numerator / denominator) * 100) : 0 })];
  }
  return [String(count(group, 'initial-population'))];
}

function Bars({ group, lang }: { group: MeasureReportGroup; lang: Lang }): ReactNode {
  const stratifier = group.stratifier?.[0];
  const strata = (stratifier?.stratum ?? []).filter((s) => (s.population?.[0]?.count ?? 0) > 0);
  if (!stratifier || strata.length < 2) return null;
  const max = Math.max(...strata.map((s) => s.population?.[0]?.count ?? 0), 1);
  const label = stratifier.code?.[0]?.text ?? '';
  return (
    <div className="bars" role="img" aria-label={strata.map((s) => `${stratumWord(label, s.value?.text ?? '', lang)} ${s.population?.[0]?.count ?? 0}`).join(', ')}>
      {strata.map((s) => (
        <div className="bar" key={s.value?.text}>
          <span className="bar-label">{stratumWord(label, s.value?.text ?? '', lang)}</span>
          <span className="bar-track"><span className="bar-fill" style={{ width: `${((s.population?.[0]?.count ?? 0) / max) * 100}%` }} /></span>
          <span className="bar-value">{s.population?.[0]?.count ?? 0}</span>
        </div>
      ))}
    </div>
  );
}

function Table({ group, lang }: { group: MeasureReportGroup; lang: Lang }): ReactNode {
  if (!group.stratifier?.length) return null;
  const codes = (group.population ?? []).map((p) => p.code?.coding?.[0]?.code ?? '');
  // Planned / held for appointments; elsewhere a denominator is « Ensemble » and its numerator « Dont ».
  const appointments = group.id === 'entretiens';
  const word = (code: string): string =>
    code === 'numerator' ? rw(lang, appointments ? 'held' : 'ofWhich') : code === 'denominator' ? rw(lang, appointments ? 'planned' : 'all') : rw(lang, 'count');
  return (
    <table className="strata">
      <caption>{rw(lang, 'table')}</caption>
      <thead><tr><th scope="col">{rw(lang, 'value')}</th>{codes.map((c) => <th scope="col" key={c}>{word(c)}</th>)}</tr></thead>
      {group.stratifier.map((s) => (
        <tbody key={s.code?.[0]?.text}>
          <tr><th colSpan={codes.length + 1} scope="rowgroup">{messageIn(lang, s.code?.[0]?.text ?? '')}</th></tr>
          {(s.stratum ?? []).map((st) => (
            <tr key={st.value?.text}>
              <th scope="row">{stratumWord(s.code?.[0]?.text ?? '', st.value?.text ?? '', lang)}</th>
              {codes.map((c) => <td key={c}>{st.population?.find((p) => p.code?.coding?.[0]?.code === c)?.count ?? 0}</td>)}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

export function GroupFigures({ group, lang }: { group: MeasureReportGroup; lang: Lang }): ReactNode {
  const [first, ...rest] = headline(group, lang);
  return (
    <section className="indicator" data-group={group.id}>
      <h4>{GROUP_TITLES[group.id ?? '']?.[lang === 'en' ? 1 : 0] ?? group.code?.text}</h4>
      <p className="figure" data-testid={`figure-${group.id}`}>{first}</p>
      {rest.length > 0 && <ul className="figures">{rest.map((line) => <li key={line}>{line}</li>)}</ul>}
      <Bars group={group} lang={lang} />
      <Table group={group} lang={lang} />
    </section>
  );
}
