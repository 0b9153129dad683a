// Consumption over time (lazily loaded with uPlot): one line per measure, goal targets as dashed lines, hospital
// stays, synthesis meetings and care breaks as bands and marks. The same figures are in a table for screen readers.
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PlanData } from '../fhir/load-plan.ts';
import { careBreaks, consumptionSeries, encounterRows, goalProgress, meetings } from '../fhir/plan-model.ts';
import type { SeriesName } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';

const COLORS: Record<SeriesName, string> = { drinksPerDay: '#b3261e', auditC: '#6a1b9a', tobacco: '#5d4037', otherSubstance: '#00695c', ost: '#1565c0' };
const NAMES: SeriesName[] = ['drinksPerDay', 'auditC', 'tobacco', 'otherSubstance', 'ost'];

interface Band { from: number; to: number; color: string }

export function chartModel(data: PlanData): { names: SeriesName[]; aligned: (number | null)[][]; targets: { name: SeriesName; value: number }[]; bands: Band[] } {
  const series = consumptionSeries(data);
  const names = NAMES.filter((n) => series[n].length > 0);
  const times = [...new Set(names.flatMap((n) => series[n].map((p) => p.t)))].sort((a, b) => a - b);
  const aligned: (number | null)[][] = [times, ...names.map((n) => {
    const byT = new Map(series[n].map((p) => [p.t, p.v]));
    return times.map((t) => byT.get(t) ?? null);
  })];
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
  return { names, aligned, targets, bands };
}

export default function ConsumptionChart({ data }: { data: PlanData }): ReactNode {
  const { t, date } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const model = useMemo(() => chartModel(data), [data]);
  // The table holds every point (thousands for some people): built only when someone opens it.
  const [tableOpen, setTableOpen] = useState(false);

  useEffect(() => {
    const el = host.current;
    // The whole plan is on screen once the chart (the last, lazily loaded part) is drawn: the benchmark reads this.
    performance.mark('parcours:chart-effect');
    const markRendered = (): void => {
      if (!document.body.dataset.planRendered) requestAnimationFrame(() => (document.body.dataset.planRendered = String(Date.now())));
    };
    // jsdom has no canvas: the table below carries the figures there.
    if (!el || model.names.length === 0 || navigator.userAgent.includes('jsdom')) {
      markRendered();
      return undefined;
    }
    const drawBands = (u: uPlot): void => {
      const ctx = u.ctx;
      ctx.save();
      for (const b of model.bands) {
        const x0 = u.valToPos(b.from, 'x', true);
        const x1 = Math.max(u.valToPos(b.to, 'x', true), x0 + 2);
        ctx.fillStyle = b.color;
        ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
      }
      for (const target of model.targets) {
        const y = u.valToPos(target.value, 'y', true);
        ctx.strokeStyle = COLORS[target.name];
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(u.bbox.left, y);
        ctx.lineTo(u.bbox.left + u.bbox.width, y);
        ctx.stroke();
      }
      ctx.restore();
    };
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 720),
        height: 280,
        series: [{ label: t('date'), value: (_u: uPlot, v: number | null) => (v == null ? '--' : date(new Date(v * 1000).toISOString())) }, ...model.names.map((n) => ({ label: t(n), stroke: COLORS[n], width: 2, spanGaps: true, points: { show: true, size: 5 } }))],
        // Dates the French way (dd/mm/yyyy) on the time axis, whatever the browser's locale.
        axes: [{ space: 90, values: (_u: uPlot, splits: number[]) => splits.map((v) => date(new Date(v * 1000).toISOString())) }, {}],
        hooks: { draw: [drawBands] },
      },
      model.aligned as uPlot.AlignedData,
      el,
    );
    markRendered();
    return () => plot.destroy();
  }, [model, t, date]);

  const rows = model.aligned[0] ?? [];
  return (
    <div>
      <div ref={host} className="chart" role="img" aria-label={`${t('chart')}: ${model.names.map((n) => t(n)).join(', ')}`} data-testid="chart" />
      <p className="legend muted">
        <span className="swatch" style={{ background: 'rgba(21,101,192,0.3)' }} /> {t('hospital')} ·{' '}
        <span className="swatch" style={{ background: 'rgba(46,125,50,0.6)' }} /> {t('meetings')} ·{' '}
        <span className="swatch" style={{ background: 'rgba(230,81,0,0.3)' }} /> {t('careBreak')} · --- {t('goalTarget')}
      </p>
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('chartTable')}</summary>
        {tableOpen && (
        <table data-testid="chart-table">
          <thead><tr><th scope="col">{t('date')}</th>{model.names.map((n) => <th scope="col" key={n}>{t(n)}</th>)}</tr></thead>
          <tbody>
            {rows.map((time, i) => (
              <tr key={`${time}-${i}`}>
                <td>{date(new Date((time as number) * 1000).toISOString())}</td>
                {model.names.map((n, j) => <td key={n}>{model.aligned[j + 1]?.[i] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
        )}
      </details>
    </div>
  );
}
