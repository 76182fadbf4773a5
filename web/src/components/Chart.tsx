import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import { formatMonth, formatMonthShort, formatNumber } from '../lib/format';

/** DKFDS primary blue and its neutral greys, so charts sit in the design system's palette. */
export const CHART_COLORS = ['#0059b3', '#008139', '#b25e00', '#6b0f9c', '#454545'];

/** A horizontal bar chart with Observable Plot, labelled in Danish, plus the same numbers as a visually hidden table. */
export function BarChart({
  title,
  data,
  unit,
}: {
  title: string;
  data: { label: string; value: number }[];
  unit?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // All zeros would give Plot an empty domain and full-width bars: keep at least 0..1.
    const top = Math.max(1, ...data.map((d) => d.value));
    // Counts get whole-number ticks only: half a placement means nothing.
    const whole = data.every((d) => Number.isInteger(d.value));
    const chart = Plot.plot({
      width: Math.min(640, el.clientWidth || 640),
      height: 40 + data.length * 34,
      marginLeft: 190,
      marginRight: 48,
      style: { fontFamily: 'IBM Plex Sans, Arial, sans-serif', fontSize: '14px', color: '#1a1a1a' },
      x: {
        grid: true,
        domain: [0, top],
        label: unit ?? null,
        ...(whole ? { ticks: Math.min(top, 8) } : {}),
        tickFormat: (d: number) => formatNumber(d),
      },
      y: { label: null },
      marks: [
        Plot.barX(data, { x: 'value', y: 'label', fill: CHART_COLORS[0], sort: { y: null } }),
        Plot.text(data, {
          x: 'value',
          y: 'label',
          text: (d: { value: number }) => formatNumber(d.value),
          dx: 6,
          textAnchor: 'start',
          fill: '#1a1a1a',
        }),
        Plot.ruleX([0]),
      ],
    });
    // Plot puts a <style> element into each chart; the server's CSP refuses inline styles, so the same few rules
    // live in styles.css (.vm-chart svg) and the element goes before the chart reaches the document.
    for (const el of chart.querySelectorAll('style')) el.remove();
    chart.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [data, unit]);
  return (
    <figure className="vm-chart">
      <figcaption className="h4">{title}</figcaption>
      <div ref={ref} />
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>
                {formatNumber(d.value)}
                {unit ? ` ${unit}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Month labels on the x axis: at most about eight, so "nov. 2026" never overlaps its neighbour. */
function monthTicks(months: string[]): string[] {
  const step = Math.max(1, Math.ceil(months.length / 8));
  return months.filter((_, i) => i % step === 0);
}

/**
 * One line per series over calendar months ('YYYY-MM'), with Observable Plot; a missing value (null) leaves a gap
 * instead of pretending to be zero. The legend and the chart are hidden from screen readers, which get the same
 * numbers as a table: one row per month, one column per series.
 */
export function MonthChart({
  title,
  months,
  series,
  unit,
  format = (v) => formatNumber(v),
  max,
}: {
  title: string;
  months: string[];
  series: { label: string; values: (number | null)[] }[];
  unit?: string;
  /** How a value reads in the axis and the table; default a Danish number. */
  format?: (value: number | null) => string;
  /** The top of the y axis when it has a natural one (1 for a rate); default the largest value. */
  max?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const rows = series.flatMap((s) =>
      months.map((month, i) => ({ month, series: s.label, value: s.values[i] ?? Number.NaN })),
    );
    const values = rows.map((r) => r.value).filter((v) => Number.isFinite(v));
    const top = max ?? Math.max(1, ...values);
    const whole = max === undefined && values.every((v) => Number.isInteger(v));
    const chart = Plot.plot({
      width: Math.min(640, el.clientWidth || 640),
      height: 280,
      marginLeft: 56,
      marginRight: 24,
      marginBottom: 48,
      style: { fontFamily: 'IBM Plex Sans, Arial, sans-serif', fontSize: '14px', color: '#1a1a1a' },
      x: {
        type: 'point',
        domain: months,
        label: null,
        padding: 0.4,
        ticks: monthTicks(months),
        tickFormat: (m: string) => formatMonthShort(m).replace(' ', '\n'),
      },
      y: {
        grid: true,
        domain: [0, top],
        // The unit is in the title and the table: an axis label here collides with the top tick.
        label: null,
        ...(whole ? { ticks: Math.min(top, 6) } : {}),
        tickFormat: (d: number) => format(d),
      },
      color: { domain: series.map((s) => s.label), range: CHART_COLORS },
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(rows, { x: 'month', y: 'value', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'month', y: 'value', fill: 'series', r: 3 }),
      ],
    });
    // As in BarChart: the CSP refuses Plot's inline <style>; styles.css carries its rules.
    for (const style of chart.querySelectorAll('style')) style.remove();
    chart.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [months, series, format, max]);
  return (
    <figure className="vm-chart">
      <figcaption className="h4">{title}</figcaption>
      {series.length > 1 && (
        <ul className="vm-legend unstyled-list" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.label}>
              <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                <rect width="12" height="12" fill={CHART_COLORS[i % CHART_COLORS.length]} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={ref} />
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Måned</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((month, i) => (
            <tr key={month}>
              <th scope="row">{formatMonth(month)}</th>
              {series.map((s) => (
                <td key={s.label}>
                  {format(s.values[i] ?? null)}
                  {unit && s.values[i] !== null && s.values[i] !== undefined ? ` ${unit}` : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
