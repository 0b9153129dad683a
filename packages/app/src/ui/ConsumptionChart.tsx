// Consumption over time (lazily loaded with uPlot): one panel per measure with its unit and latest value, goal
// targets as dashed lines inside the axis range, gaps of months left blank, hospital stays, synthesis meetings and
// care breaks as bands. The same figures are in a table for screen readers.
import type { ReactNode } from 'react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PlanData } from '../fhir/load-plan.ts';
import { careBreaks, consumptionSeries, encounterRows, goalProgress, meetings } from '../fhir/plan-model.ts';
import type { SeriesName } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/dict.ts';

const COLORS: Record<SeriesName, string> = { drinksPerDay: '#b3261e', auditC: '#6a1b9a', tobacco: '#5d4037', otherSubstance: '#00695c', ost: '#1565c0' };
const NAMES: SeriesName[] = ['drinksPerDay', 'auditC', 'tobacco', 'otherSubstance', 'ost'];

interface Band { from: number; to: number; color: string }

export function chartModel(data: PlanData): { names: SeriesName[]; targets: { name: SeriesName; value: number }[]; bands: Band[] } {
  const series = consumptionSeries(data);
  const names = NAMES.filter((n) => series[n].length > 0);
  const targets = data.goals.flatMap((g) => {
    const p = goalProgress(g, data.observations);
    return p.target?.code === '74013-4' ? [{ name: 'drinksPerDay' as const, value: p.target.value }] : [];
  });
  const secs = (d: string): number => Math.floor(new Date(d).getTime() / 1000);
  const rows = encounterRows(data);
  const hospital = data.encounters.filter((e) => ['IMP', 'ACUTE', 'NONAC'].includes(e.class?.code ?? '') && e.period?.start);
  const bands: Band[] = [
    ...hospital.map((e) => ({ from: secs(e.period?.start as string), to: secs(e.period?.end ?? (e.period?.start as string)) + 86400, color: 'rgba(21,101,192,0.15)' })),
    ...careBreaks(rows).map((b) => ({ from: secs(b.date), to: secs(b.end ?? b.date), color: 'rgba(230,81,0,0.12)' })),
    ...meetings(data).map((m) => ({ from: secs(m.date), to: secs(m.date) + 86400, color: 'rgba(46,125,50,0.6)' })),
  ];
  return { names, targets, bands };
}

/** The chart's figures as table rows (one per date, a column per measure): built only when the table is opened. */
export function chartTable(data: PlanData, names: SeriesName[]): (number | null)[][] {
  const series = consumptionSeries(data);
  const times = [...new Set(names.flatMap((n) => series[n].map((p) => p.t)))].sort((a, b) => a - b);
  return [times, ...names.map((n) => {
    const byT = new Map(series[n].map((p) => [p.t, p.v]));
    return times.map((t) => byT.get(t) ?? null);
  })];
}

/** A gap longer than this between two measures is left blank: no line drawn across months without data. */
const GAP_S = 45 * 86400;
const UNIT_KEY: Record<SeriesName, MessageKey> = { drinksPerDay: 'unitDrinks', auditC: 'unitAuditC', tobacco: 'unitCigarettes', otherSubstance: 'unitOther', ost: 'unitMg' };

/** One series with a null after each point followed by a long gap (uPlot breaks the line at nulls). */
export function withGaps(points: { t: number; v: number }[]): [number[], (number | null)[]] {
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev && p.t - prev.t > GAP_S) {
      xs.push(Math.round((prev.t + p.t) / 2));
      ys.push(null);
    }
    xs.push(p.t);
    ys.push(p.v);
  });
  return [xs, ys];
}

function Panel({ name, points, target, bands }: { name: SeriesName; points: { t: number; v: number }[]; target: number | undefined; bands: Band[] }): ReactNode {
  const { t, date, lang } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const last = points.at(-1);
  const unit = t(UNIT_KEY[name]);
  // Drawn before the browser paints the freshly rendered plan (a layout effect): drawn in an effect, after that
  // paint, the chart cost a second paint of the whole plan. Reading the width lays the plan out once (the layout its
  // paint needs anyway); each panel's box has a fixed size and contains its layout (styles.css), so what a panel adds
  // is laid out within it, and the next panel's read does not lay out the whole plan again.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || points.length === 0 || navigator.userAgent.includes('jsdom')) return undefined;
    const width = el.clientWidth;
    const [xs, ys] = withGaps(points);
    const first = xs[0] ?? 0;
    const end = xs.at(-1) ?? first;
    // The time axis spans the data (at least a month, centred on a lone point), whatever uPlot would guess.
    const pad = Math.max(86400 * 2, (30 * 86400 - (end - first)) / 2);
    const xRange: [number, number] = [first - pad, end + pad];
    const values = ys.filter((v): v is number => v !== null);
    const yMax = Math.max(...values, target ?? 0) * 1.15 || 1;
    const spanDays = (xRange[1] - xRange[0]) / 86400;
    const drawBands = (u: uPlot): void => {
      const ctx = u.ctx;
      ctx.save();
      for (const b of bands) {
        if (b.to < xRange[0] || b.from > xRange[1]) continue;
        const x0 = u.valToPos(Math.max(b.from, xRange[0]), 'x', true);
        const x1 = Math.max(u.valToPos(Math.min(b.to, xRange[1]), 'x', true), x0 + 2);
        ctx.fillStyle = b.color;
        ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
      }
      if (target !== undefined) {
        const y = u.valToPos(target, 'y', true);
        ctx.strokeStyle = COLORS[name];
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(u.bbox.left, y);
        ctx.lineTo(u.bbox.left + u.bbox.width, y);
        ctx.stroke();
      }
      ctx.restore();
    };
    const label = (v: number): string => {
      const iso = new Date(v * 1000).toISOString();
      // Months for long spans (« 03/2024 »), days for short ones.
      return spanDays > 120 ? date(iso).slice(3) : date(iso).slice(0, 5);
    };
    const plot = new uPlot(
      {
        width: Math.max(320, width || 720),
        height: 170,
        legend: { show: false },
        scales: { x: { time: true, range: () => xRange }, y: { range: () => [0, yMax] } },
        series: [{}, { label: t(name), stroke: COLORS[name], width: 2, spanGaps: false, points: { show: true, size: 5 } }],
        axes: [{ space: 70, values: (_u: uPlot, splits: number[]) => splits.map(label) }, { size: 44 }],
        hooks: { draw: [drawBands] },
      },
      [xs, ys] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [points, target, bands, name, unit, t, date]);
  return (
    <div className="chart-panel" data-testid={`chart-${name}`}>
      <h3>
        {t(name)} <span className="muted">({unit})</span>
      </h3>
      <p className="muted">
        {last ? t('chartLast', { value: `${last.v} ${unit}`, date: date(new Date(last.t * 1000).toISOString()) }) : ''}
        {target !== undefined ? ` · ${t('goalTarget')}${lang === 'fr' ? ' : ' : ': '}${target} ${unit}` : ''}
        {` · ${t(points.length === 1 ? 'chartCountOne' : 'chartCount', { count: points.length })}`}
      </p>
      <div ref={host} className="chart" role="img" aria-label={`${t(name)} (${unit})${last ? ` : ${t('chartLast', { value: `${last.v} ${unit}`, date: date(new Date(last.t * 1000).toISOString()) })}` : ''}`} />
    </div>
  );
}

function ChartTable({ data, names }: { data: PlanData; names: SeriesName[] }): ReactNode {
  const { t, date } = useI18n();
  const aligned = useMemo(() => chartTable(data, names), [data, names]);
  return (
    <table data-testid="chart-table">
      <thead><tr><th scope="col">{t('date')}</th>{names.map((n) => <th scope="col" key={n}>{t(n)} ({t(UNIT_KEY[n])})</th>)}</tr></thead>
      <tbody>
        {(aligned[0] ?? []).map((time, i) => (
          <tr key={`${time}-${i}`}>
            <td>{date(new Date((time as number) * 1000).toISOString())}</td>
            {names.map((n, j) => <td key={n}>{aligned[j + 1]?.[i] ?? ''}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ConsumptionChart({ data }: { data: PlanData }): ReactNode {
  const { t } = useI18n();
  const model = useMemo(() => chartModel(data), [data]);
  const series = useMemo(() => consumptionSeries(data), [data]);
  // The table holds every point (thousands for some people): built only when someone opens it.
  const [tableOpen, setTableOpen] = useState(false);

  useEffect(() => {
    // The whole plan is on screen once the chart (the last, lazily loaded part) is drawn: the benchmark reads this.
    performance.mark('parcours:chart-effect');
    if (!document.body.dataset.planRendered) requestAnimationFrame(() => (document.body.dataset.planRendered = String(Date.now())));
  }, [model]);

  return (
    <div data-testid="chart">
      {model.names.length === 0 && <p>{t('noChartData')}</p>}
      {model.names.map((n) => (
        <Panel key={n} name={n} points={series[n]} target={model.targets.find((x) => x.name === n)?.value} bands={model.bands} />
      ))}
      {model.names.length > 0 && (
        <p className="legend muted">
          <span className="swatch" style={{ background: 'rgba(21,101,192,0.3)' }} /> {t('hospital')} ·{' '}
          <span className="swatch" style={{ background: 'rgba(46,125,50,0.6)' }} /> {t('meetings')} ·{' '}
          <span className="swatch" style={{ background: 'rgba(230,81,0,0.3)' }} /> {t('careBreak')} · --- {t('goalTarget')}
        </p>
      )}
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('chartTable')}</summary>
        {tableOpen && <ChartTable data={data} names={model.names} />}
      </details>
    </div>
  );
}
