import { monthSpans } from '../../domain/months.ts';
import type { OutcomeKind } from '../../domain/workflow.ts';
import type {
  MemberMonth,
  MonthRange,
  MonthStats,
  PoolContribution,
  Stats,
  StatsReadModel,
} from '../../ports/stats.ts';
import {
  emptyStats,
  type MonthlyRows,
  type OrderTimes,
  toMemberMonths,
  toMonths,
  toStats,
} from '../shared/stats.ts';
import type { PostgresDatabase, Queryable } from './connection.ts';

const SQL = {
  // Per order: when it was made, its first finished shortlist and its first choice.
  orders: `SELECT o.created_at,
      (SELECT min(s.completed_at) FROM shortlists s WHERE s.job_order_id = o.id AND s.status = 'done') AS shortlist_at,
      (SELECT min(e.at) FROM workflow_events e WHERE e.job_order_id = o.id AND e.to_state = 'chosen') AS chosen_at
    FROM job_orders o WHERE o.jobcenter = ANY($1::text[])`,
  // Distinct (order, candidate) pairs: a candidate sent once counts once, whatever happened after.
  counts: `SELECT
      count(DISTINCT (job_order_id, candidate_id)) FILTER (WHERE to_state = 'sent_to_company')::int AS sent,
      count(DISTINCT (job_order_id, candidate_id)) FILTER (WHERE to_state = 'chosen')::int AS chosen
    FROM workflow_events WHERE order_jobcenter = ANY($1::text[])`,
  placements: `SELECT outcome, count(*)::int AS n FROM placements WHERE home_jobcenter = ANY($1::text[])
    GROUP BY outcome`,
  // One row per member; candidate_json is the canonical text the content hash covers, read as JSONB here.
  contribution: `SELECT m.jobcenter,
      (SELECT count(*)::int FROM candidates c WHERE c.jobcenter = m.jobcenter AND c.searchable AND NOT c.incomplete
        AND (c.candidate_json::jsonb -> 'consent' -> 'shareWithPool') = 'true'::jsonb) AS candidates_shared,
      (SELECT count(*)::int FROM workflow_entries w WHERE w.home_jobcenter = m.jobcenter
        AND w.order_jobcenter IN (SELECT o.jobcenter FROM pool_members o
          WHERE o.pool_id = m.pool_id AND o.jobcenter <> m.jobcenter)) AS shortlisted,
      (SELECT count(*)::int FROM placements p WHERE p.home_jobcenter = m.jobcenter
        AND p.order_jobcenter IN (SELECT o.jobcenter FROM pool_members o
          WHERE o.pool_id = m.pool_id AND o.jobcenter <> m.jobcenter)) AS placed
    FROM pool_members m WHERE m.pool_id = $1 ORDER BY m.jobcenter`,
} as const;

/**
 * The months of the range ($1..$3) as a table `m(month, lo, hi)`: a timestamp t is in the month when lo <= t < hi.
 * The timestamps are ISO text; "C" collation compares them as the instants they are, whatever the database's locale.
 */
const MONTHS = `WITH m AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS m(month, lo, hi))`;
const inMonth = (column: string) => `${column} COLLATE "C" >= m.lo AND ${column} COLLATE "C" < m.hi`;

const MONTHLY = {
  // The range's orders ($4: the jobcentre) with their month, first finished shortlist and first choice.
  orders: `o AS (
      SELECT m.month, o.created_at,
        (SELECT min(s.completed_at) FROM shortlists s WHERE s.job_order_id = o.id AND s.status = 'done') AS shortlist_at,
        (SELECT min(e.at) FROM workflow_events e WHERE e.job_order_id = o.id AND e.to_state = 'chosen') AS chosen_at
      FROM job_orders o JOIN m ON ${inMonth('o.created_at')}
      WHERE o.jobcenter = ANY($4::text[]))`,
  // The median per month and kind: the middle row, or the mean of the two middle rows, of each partition.
  medians: `d AS (
      SELECT month, 'shortlist' AS kind,
          round(extract(epoch FROM shortlist_at::timestamptz - created_at::timestamptz)) AS secs
        FROM o WHERE shortlist_at IS NOT NULL
      UNION ALL
      SELECT month, 'choice', round(extract(epoch FROM chosen_at::timestamptz - created_at::timestamptz))
        FROM o WHERE chosen_at IS NOT NULL),
    r AS (
      SELECT month, kind, secs, row_number() OVER (PARTITION BY month, kind ORDER BY secs) AS rn,
        count(*) OVER (PARTITION BY month, kind) AS n
      FROM d)
    SELECT month, kind, avg(secs)::float8 AS median FROM r WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY month, kind`,
  shortlists: `SELECT m.month, count(*)::int AS n
    FROM shortlists s JOIN job_orders o ON o.id = s.job_order_id JOIN m ON ${inMonth('s.completed_at')}
    WHERE s.status = 'done' AND o.jobcenter = ANY($4::text[]) GROUP BY m.month`,
  // A pair is counted in the month it was first sent (first chosen), as the totals count it once.
  decisions: `f AS (
      SELECT to_state, min(at) AS at FROM workflow_events
      WHERE order_jobcenter = ANY($4::text[]) AND to_state IN ('sent_to_company', 'chosen')
      GROUP BY job_order_id, candidate_id, to_state)
    SELECT m.month, count(*) FILTER (WHERE f.to_state = 'sent_to_company')::int AS sent,
      count(*) FILTER (WHERE f.to_state = 'chosen')::int AS chosen
    FROM f JOIN m ON ${inMonth('f.at')} GROUP BY m.month`,
  placements: `SELECT m.month, count(*)::int AS n FROM placements p JOIN m ON ${inMonth('p.created_at')}
    WHERE p.home_jobcenter = ANY($4::text[]) GROUP BY m.month`,
  // A member's candidates on (placed in) the orders of the pool ($4)'s other members, by the month it happened.
  contribution: (table: string) => `SELECT a.jobcenter, m.month, count(*)::int AS n
    FROM ${table} t
      JOIN pool_members a ON a.pool_id = $4 AND a.jobcenter = t.home_jobcenter
      JOIN pool_members b ON b.pool_id = a.pool_id AND b.jobcenter = t.order_jobcenter AND b.jobcenter <> a.jobcenter
      JOIN m ON ${inMonth('t.created_at')}
    GROUP BY a.jobcenter, m.month`,
} as const;

const monthArrays = (range: MonthRange): [string[], string[], string[]] => {
  const spans = monthSpans(range);
  return [spans.map((s) => s.month), spans.map((s) => s.start), spans.map((s) => s.end)];
};

/**
 * Statistics and pool reports, read across job orders, shortlists, candidacies and placements. A summary's
 * queries share one snapshot (REPEATABLE READ): writes from other hosts between them cannot make the counts
 * disagree with each other.
 */
export class PostgresStatsReadModel implements StatsReadModel {
  constructor(private readonly database: PostgresDatabase) {}

  async summary(jobcentre: string[]): Promise<Stats> {
    if (jobcentre.length === 0) return emptyStats(jobcentre);
    return this.snapshot(async (client) => {
      const orders = (await client.query<OrderTimes>(SQL.orders, [jobcentre])).rows;
      const counts = (await client.query<{ sent: number; chosen: number }>(SQL.counts, [jobcentre])).rows[0]!;
      const placements = (
        await client.query<{ outcome: OutcomeKind | null; n: number }>(SQL.placements, [jobcentre])
      ).rows;
      return toStats(jobcentre, orders, counts, placements);
    });
  }

  async poolContribution(poolId: string): Promise<PoolContribution[]> {
    const { rows } = await this.database.db.query<{
      jobcenter: string;
      candidates_shared: number;
      shortlisted: number;
      placed: number;
    }>(SQL.contribution, [poolId]);
    return rows.map((r) => ({
      jobcenter: r.jobcenter,
      candidatesShared: r.candidates_shared,
      shortlisted: r.shortlisted,
      placed: r.placed,
    }));
  }

  async months(jobcentre: string[], range: MonthRange): Promise<MonthStats[]> {
    const empty: MonthlyRows = { orders: [], shortlists: [], decisions: [], placements: [], medians: [] };
    if (jobcentre.length === 0) return toMonths(range, empty);
    const params = [...monthArrays(range), jobcentre];
    return this.snapshot(async (client) => {
      const rows = async <R extends object>(sql: string) => (await client.query<R>(sql, params)).rows;
      return toMonths(range, {
        orders: await rows(
          `${MONTHS}, ${MONTHLY.orders} SELECT month, count(*)::int AS n FROM o GROUP BY month`,
        ),
        medians: await rows(`${MONTHS}, ${MONTHLY.orders}, ${MONTHLY.medians}`),
        shortlists: await rows(`${MONTHS} ${MONTHLY.shortlists}`),
        decisions: await rows(`${MONTHS}, ${MONTHLY.decisions}`),
        placements: await rows(`${MONTHS} ${MONTHLY.placements}`),
      });
    });
  }

  async poolMonths(
    poolId: string,
    range: MonthRange,
  ): Promise<Array<{ jobcenter: string; months: MemberMonth[] }>> {
    const params = [...monthArrays(range), poolId];
    return this.snapshot(async (client) => {
      const members = (
        await client.query<{ jobcenter: string }>(
          'SELECT jobcenter FROM pool_members WHERE pool_id = $1 ORDER BY jobcenter',
          [poolId],
        )
      ).rows.map((m) => m.jobcenter);
      const count = async (table: string) =>
        (
          await client.query<{ jobcenter: string; month: string; n: number }>(
            `${MONTHS} ${MONTHLY.contribution(table)}`,
            params,
          )
        ).rows;
      return toMemberMonths(range, members, {
        shortlisted: await count('workflow_entries'),
        placed: await count('placements'),
      });
    });
  }

  private snapshot<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    return this.database.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return fn(client);
    });
  }
}
