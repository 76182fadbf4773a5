import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import { formatNumber } from '../lib/format';

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
