import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, type Schemas, unwrap } from '../api/client';
import { BarChart, MonthChart } from '../components/Chart';
import { Select } from '../components/ds';
import { QueryError } from '../components/QueryError';
import { formatMonth, formatNumber, formatPercent, secondsToDays } from '../lib/format';
import { useTitle } from '../lib/router';
import type { Principal } from '../lib/session';
import { OUTCOMES } from '../lib/text';

/** The unit the largest median reads best in: minutes, hours or days. */
function durationUnit(values: (number | null)[]): { unit: string; divide: number } {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  if (max >= 2 * 86400) return { unit: 'dage', divide: 86400 };
  if (max >= 2 * 3600) return { unit: 'timer', divide: 3600 };
  return { unit: 'minutter', divide: 60 };
}

/** The API answers at most 36 months; the picker offers exactly the last 36, so every choice it allows is valid. */
const PICKER_MONTHS = 36;

const monthOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const percent = (v: number | null) => formatPercent(v);
const days = (v: number | null) => formatNumber(v);

export default function StatsPage({ principal }: { principal: Principal }) {
  useTitle('Statistik');
  // The browser's month; the server counts in Danish time, which differs at most for an hour around midnight.
  const current = useMemo(() => monthOf(new Date()), []);
  const [from, setFrom] = useState(() => addMonths(current, -11));
  const [to, setTo] = useState(current);
  const choices = useMemo(
    () =>
      Array.from({ length: PICKER_MONTHS }, (_, i) => addMonths(current, -i)).map((m) => ({
        value: m,
        label: formatMonth(m),
      })),
    [current],
  );
  const rangeError = from > to ? '“Fra” skal være før eller samme måned som “til”.' : undefined;
  const query = { from, to };

  const stats = useQuery({
    queryKey: ['stats', from, to],
    queryFn: () => unwrap(api.GET('/v1/stats', { params: { query } })),
    enabled: !rangeError,
    placeholderData: (previous) => previous,
  });
  const pools = useQuery({ queryKey: ['pools'], queryFn: () => unwrap(api.GET('/v1/pools', {})) });
  const poolStats = useQueries({
    queries: (pools.data?.items ?? []).map((p) => ({
      queryKey: ['pool-stats', p.id, from, to],
      queryFn: () => unwrap(api.GET('/v1/pools/{id}/stats', { params: { path: { id: p.id }, query } })),
      enabled: !rangeError,
    })),
  });
  const s = stats.data;
  return (
    <div>
      <h1>Statistik</h1>
      <p className="font-lead">
        {principal.jobcenter ? `Jobcenter ${principal.jobcenter}` : 'Alle jobcentre'}: fra jobordre til
        placering.
      </p>
      <form className="vm-inline" aria-label="Periode" onSubmit={(e) => e.preventDefault()}>
        <Select
          id="stats-from"
          label="Fra måned"
          value={from}
          options={[...choices].reverse()}
          error={rangeError}
          onChange={(e) => setFrom(e.target.value)}
        />
        <Select
          id="stats-to"
          label="Til måned"
          value={to}
          options={choices}
          onChange={(e) => setTo(e.target.value)}
        />
      </form>
      <QueryError error={stats.error} />
      {s && <Monthly months={s.months} />}
      {s && <Totals s={s} />}
      {poolStats.map((q) => (q.data ? <PoolSection key={q.data.pool.id} p={q.data} /> : null))}
    </div>
  );
}

function Monthly({ months }: { months: Schemas['MonthStats'][] }) {
  const labels = months.map((m) => m.month);
  const sum = (key: 'orders' | 'shortlists' | 'sentToCompany' | 'chosen' | 'placements') =>
    months.reduce((n, m) => n + m[key], 0);
  return (
    <section aria-labelledby="stats-monthly">
      <h2 id="stats-monthly">Pr. måned</h2>
      <p data-testid="month-summary">
        {`I perioden ${formatMonth(labels[0] ?? '')} – ${formatMonth(labels.at(-1) ?? '')}: `}
        {`${formatNumber(sum('orders'))} jobordrer, ${formatNumber(sum('shortlists'))} bruttolister, `}
        {`${formatNumber(sum('sentToCompany'))} sendt, ${formatNumber(sum('chosen'))} valgt og `}
        {`${formatNumber(sum('placements'))} ansættelser.`}
      </p>
      <div className="row">
        <div className="col-12 col-lg-6">
          <MonthChart
            title="Jobordrer, bruttolister, sendt, valgt og ansættelser"
            months={labels}
            series={[
              { label: 'Jobordrer', values: months.map((m) => m.orders) },
              { label: 'Bruttolister', values: months.map((m) => m.shortlists) },
              { label: 'Sendt', values: months.map((m) => m.sentToCompany) },
              { label: 'Valgt', values: months.map((m) => m.chosen) },
              { label: 'Ansættelser', values: months.map((m) => m.placements) },
            ]}
          />
        </div>
        <div className="col-12 col-lg-6">
          <MonthChart
            title="Træfsikkerhed (valgt af sendt)"
            months={labels}
            series={[{ label: 'Træfsikkerhed', values: months.map((m) => m.hitRate) }]}
            format={percent}
            max={1}
          />
        </div>
        <div className="col-12 col-lg-6">
          <MonthChart
            title="Mediantid i dage for jobordrer oprettet i måneden"
            months={labels}
            unit="dage"
            format={days}
            series={[
              {
                label: 'Jobordre → liste',
                values: months.map((m) => secondsToDays(m.medianSecondsOrderToShortlist)),
              },
              {
                label: 'Jobordre → valg',
                values: months.map((m) => secondsToDays(m.medianSecondsOrderToChoice)),
              },
            ]}
          />
        </div>
      </div>
    </section>
  );
}

function Totals({ s }: { s: Schemas['Stats'] }) {
  const medians = [
    ['Jobordre → bruttoliste', s.medianSecondsOrderToShortlist],
    ['Bruttoliste → valg', s.medianSecondsShortlistToChoice],
    ['Jobordre → valg', s.medianSecondsOrderToChoice],
  ] as const;
  const mu = durationUnit(medians.map(([, v]) => v));
  return (
    <section aria-labelledby="stats-totals" className="mt-6">
      <h2 id="stats-totals">I alt</h2>
      <p data-testid="hit-rate">
        Træfsikkerhed: <strong>{formatPercent(s.hitRate)}</strong> af de kandidater, der blev sendt til en
        virksomhed, blev valgt.
      </p>
      <div className="row">
        <div className="col-12 col-lg-6">
          <BarChart
            title="Fra jobordre til placering"
            data={[
              { label: 'Jobordrer', value: s.orders },
              { label: 'Med bruttoliste', value: s.ordersWithShortlist },
              { label: 'Sendt til virksomhed', value: s.sentToCompany },
              { label: 'Valgt', value: s.chosen },
              { label: 'Placeringer', value: s.placements },
            ]}
          />
        </div>
        <div className="col-12 col-lg-6">
          <BarChart
            title={`Mediantid (${mu.unit})`}
            unit={mu.unit}
            data={medians.map(([label, v]) => ({
              label,
              value: v === null ? 0 : Math.round((v / mu.divide) * 10) / 10,
            }))}
          />
        </div>
        <div className="col-12 col-lg-6">
          <BarChart
            title="Udfald af placeringer"
            data={Object.entries(s.outcomes).map(([k, v]) => ({ label: OUTCOMES[k] ?? k, value: v }))}
          />
        </div>
      </div>
    </section>
  );
}

function PoolSection({ p }: { p: Schemas['PoolStats'] }) {
  const labels = p.totals.months.map((m) => m.month);
  const perMember = (key: 'shortlisted' | 'placed') =>
    p.memberMonths.map((m) => ({
      label: `Jobcenter ${m.jobcenter}`,
      values: m.months.map((x) => x[key]),
    }));
  return (
    <section className="mt-6" aria-label={`Fællesskab ${p.pool.name}`}>
      <h2>Rekrutteringsfællesskab: {p.pool.name}</h2>
      <div className="row">
        <div className="col-12 col-lg-6">
          <BarChart
            title="Kandidater delt pr. jobcenter"
            data={p.members.map((m) => ({ label: `Jobcenter ${m.jobcenter}`, value: m.candidatesShared }))}
          />
        </div>
        <div className="col-12 col-lg-6">
          <BarChart
            title="Placeringer pr. jobcenter"
            data={p.members.map((m) => ({ label: `Jobcenter ${m.jobcenter}`, value: m.placed }))}
          />
        </div>
        <div className="col-12 col-lg-6">
          <MonthChart
            title="Kandidater på de andre jobcentres bruttolister, pr. måned"
            months={labels}
            series={perMember('shortlisted')}
          />
        </div>
        <div className="col-12 col-lg-6">
          <MonthChart
            title="Placeringer hos de andre jobcentre, pr. måned"
            months={labels}
            series={perMember('placed')}
          />
        </div>
      </div>
    </section>
  );
}
