import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { BarChart } from '../components/Chart';
import { QueryError } from '../components/QueryError';
import { formatPercent } from '../lib/format';
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

export default function StatsPage({ principal }: { principal: Principal }) {
  useTitle('Statistik');
  const stats = useQuery({ queryKey: ['stats'], queryFn: () => unwrap(api.GET('/v1/stats', {})) });
  const pools = useQuery({ queryKey: ['pools'], queryFn: () => unwrap(api.GET('/v1/pools', {})) });
  const poolStats = useQueries({
    queries: (pools.data?.items ?? []).map((p) => ({
      queryKey: ['pool-stats', p.id],
      queryFn: () => unwrap(api.GET('/v1/pools/{id}/stats', { params: { path: { id: p.id } } })),
    })),
  });
  const s = stats.data;
  const medians = s
    ? ([
        ['Jobordre → bruttoliste', s.medianSecondsOrderToShortlist],
        ['Bruttoliste → valg', s.medianSecondsShortlistToChoice],
        ['Jobordre → valg', s.medianSecondsOrderToChoice],
      ] as const)
    : [];
  const mu = durationUnit(medians.map(([, v]) => v));
  return (
    <div>
      <h1>Statistik</h1>
      <p className="font-lead">
        {principal.jobcenter ? `Jobcenter ${principal.jobcenter}` : 'Alle jobcentre'}: fra jobordre til
        placering.
      </p>
      <QueryError error={stats.error} />
      {s && (
        <>
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
        </>
      )}
      {poolStats.map((q) =>
        q.data ? (
          <section key={q.data.pool.id} className="mt-6" aria-label={`Fællesskab ${q.data.pool.name}`}>
            <h2>Rekrutteringsfællesskab: {q.data.pool.name}</h2>
            <div className="row">
              <div className="col-12 col-lg-6">
                <BarChart
                  title="Kandidater delt pr. jobcenter"
                  data={q.data.members.map((m) => ({
                    label: `Jobcenter ${m.jobcenter}`,
                    value: m.candidatesShared,
                  }))}
                />
              </div>
              <div className="col-12 col-lg-6">
                <BarChart
                  title="Placeringer pr. jobcenter"
                  data={q.data.members.map((m) => ({ label: `Jobcenter ${m.jobcenter}`, value: m.placed }))}
                />
              </div>
            </div>
          </section>
        ) : null,
      )}
      <p className="vm-muted mt-6">
        Tal pr. måned kræver en månedsopdeling i statistik-API'et; den findes ikke endnu.
      </p>
    </div>
  );
}
