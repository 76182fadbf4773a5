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
  monthBounds,
  type OrderTimes,
  toMemberMonths,
  toMonths,
  toStats,
} from '../shared/stats.ts';
import { placeholders, type SqliteDatabase } from './connection.ts';

/** The months of the range as a table `m(month, lo, hi)`: a timestamp t is in the month when lo <= t < hi. */
const monthTable = (months: number) =>
  `m(month, lo, hi) AS (VALUES ${Array.from({ length: months }, () => '(?, ?, ?)').join(', ')})`;

const MONTHLY = {
  // The range's orders with their month, first finished shortlist and first choice.
  orders: (inList: string) => `o AS (
      SELECT m.month, o.created_at,
        (SELECT min(s.completed_at) FROM shortlists s WHERE s.job_order_id = o.id AND s.status = 'done') AS shortlist_at,
        (SELECT min(e.at) FROM workflow_events e WHERE e.job_order_id = o.id AND e.to_state = 'chosen') AS chosen_at
      FROM job_orders o JOIN m ON o.created_at >= m.lo AND o.created_at < m.hi
      WHERE o.jobcenter IN (${inList}))`,
  // The median per month and kind: the middle row, or the mean of the two middle rows, of each partition.
  medians: `d AS (
      SELECT month, 'shortlist' AS kind, round((julianday(shortlist_at) - julianday(created_at)) * 86400) AS secs
        FROM o WHERE shortlist_at IS NOT NULL
      UNION ALL
      SELECT month, 'choice', round((julianday(chosen_at) - julianday(created_at)) * 86400)
        FROM o WHERE chosen_at IS NOT NULL),
    r AS (
      SELECT month, kind, secs, row_number() OVER (PARTITION BY month, kind ORDER BY secs) AS rn,
        count(*) OVER (PARTITION BY month, kind) AS n
      FROM d)
    SELECT month, kind, avg(secs) AS median FROM r WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY month, kind`,
  shortlists: (inList: string) => `SELECT m.month, count(*) AS n
    FROM shortlists s JOIN job_orders o ON o.id = s.job_order_id
      JOIN m ON s.completed_at >= m.lo AND s.completed_at < m.hi
    WHERE s.status = 'done' AND o.jobcenter IN (${inList}) GROUP BY m.month`,
  // A pair is counted in the month it was first sent (first chosen), as the totals count it once.
  decisions: (inList: string) => `f AS (
      SELECT to_state, min(at) AS at FROM workflow_events
      WHERE order_jobcenter IN (${inList}) AND to_state IN ('sent_to_company', 'chosen')
      GROUP BY job_order_id, candidate_id, to_state)
    SELECT m.month, sum(f.to_state = 'sent_to_company') AS sent, sum(f.to_state = 'chosen') AS chosen
    FROM f JOIN m ON f.at >= m.lo AND f.at < m.hi GROUP BY m.month`,
  placements: (inList: string) => `SELECT m.month, count(*) AS n
    FROM placements p JOIN m ON p.created_at >= m.lo AND p.created_at < m.hi
    WHERE p.home_jobcenter IN (${inList}) GROUP BY m.month`,
  // A member's candidates on (placed in) the orders of the pool's other members, by the month it happened.
  contribution: (table: string) => `SELECT a.jobcenter, m.month, count(*) AS n
    FROM ${table} t
      JOIN pool_members a ON a.pool_id = ? AND a.jobcenter = t.home_jobcenter
      JOIN pool_members b ON b.pool_id = a.pool_id AND b.jobcenter = t.order_jobcenter AND b.jobcenter <> a.jobcenter
      JOIN m ON t.created_at >= m.lo AND t.created_at < m.hi
    GROUP BY a.jobcenter, m.month`,
} as const;

/** Statistics and pool reports, read across job orders, shortlists, candidacies and placements. */
export class SqliteStatsReadModel implements StatsReadModel {
  constructor(private readonly db: SqliteDatabase) {}

  async summary(jobcentre: string[]): Promise<Stats> {
    if (jobcentre.length === 0) return emptyStats(jobcentre);
    const inList = placeholders(jobcentre.length);
    // Per order: when it was made, its first finished shortlist and its first choice.
    const orders = this.db
      .statement<unknown[], OrderTimes>(
        `SELECT o.created_at,
           (SELECT min(s.completed_at) FROM shortlists s WHERE s.job_order_id = o.id AND s.status = 'done') AS shortlist_at,
           (SELECT min(e.at) FROM workflow_events e WHERE e.job_order_id = o.id AND e.to_state = 'chosen') AS chosen_at
         FROM job_orders o WHERE o.jobcenter IN (${inList})`,
      )
      .all(...jobcentre);
    // Distinct (order, candidate) pairs: a candidate sent once counts once, whatever happened after.
    const counts = this.db
      .statement<unknown[], { sent: number; chosen: number }>(
        `SELECT
           count(DISTINCT CASE WHEN to_state = 'sent_to_company' THEN job_order_id || '|' || candidate_id END) AS sent,
           count(DISTINCT CASE WHEN to_state = 'chosen' THEN job_order_id || '|' || candidate_id END) AS chosen
         FROM workflow_events WHERE order_jobcenter IN (${inList})`,
      )
      .get(...jobcentre)!;
    const placements = this.db
      .statement<unknown[], { outcome: OutcomeKind | null; n: number }>(
        `SELECT outcome, count(*) AS n FROM placements WHERE home_jobcenter IN (${inList}) GROUP BY outcome`,
      )
      .all(...jobcentre);
    return toStats(jobcentre, orders, counts, placements);
  }

  async poolContribution(poolId: string): Promise<PoolContribution[]> {
    const members = this.db
      .statement<[string], { jobcenter: string }>(
        'SELECT jobcenter FROM pool_members WHERE pool_id = ? ORDER BY jobcenter',
      )
      .all(poolId)
      .map((m) => m.jobcenter);
    return members.map((jobcenter) => {
      const shared = this.db
        .statement<[string], { n: number }>(
          `SELECT count(*) AS n FROM candidates WHERE jobcenter = ? AND searchable = 1 AND incomplete = 0
             AND json_extract(candidate_json, '$.consent.shareWithPool') = 1`,
        )
        .get(jobcenter)!.n;
      const others = members.filter((m) => m !== jobcenter);
      if (others.length === 0) return { jobcenter, candidatesShared: shared, shortlisted: 0, placed: 0 };
      const otherList = placeholders(others.length);
      const count = (table: string) =>
        this.db
          .statement<unknown[], { n: number }>(
            `SELECT count(*) AS n FROM ${table} WHERE home_jobcenter = ? AND order_jobcenter IN (${otherList})`,
          )
          .get(jobcenter, ...others)!.n;
      return {
        jobcenter,
        candidatesShared: shared,
        shortlisted: count('workflow_entries'),
        placed: count('placements'),
      };
    });
  }

  async months(jobcentre: string[], range: MonthRange): Promise<MonthStats[]> {
    const empty: MonthlyRows = { orders: [], shortlists: [], decisions: [], placements: [], medians: [] };
    if (jobcentre.length === 0) return toMonths(range, empty);
    const bounds = monthBounds(range);
    const months = `WITH ${monthTable(bounds.length / 3)}`;
    const inList = placeholders(jobcentre.length);
    const all = <R>(sql: string) => this.db.statement<unknown[], R>(sql).all(...bounds, ...jobcentre);
    // One read transaction: a shortlist finishing between two of the queries cannot make them disagree.
    return this.db.connection.transaction(() =>
      toMonths(range, {
        orders: all(`${months}, ${MONTHLY.orders(inList)} SELECT month, count(*) AS n FROM o GROUP BY month`),
        medians: all(`${months}, ${MONTHLY.orders(inList)}, ${MONTHLY.medians}`),
        shortlists: all(`${months} ${MONTHLY.shortlists(inList)}`),
        decisions: all(`${months}, ${MONTHLY.decisions(inList)}`),
        placements: all(`${months} ${MONTHLY.placements(inList)}`),
      }),
    )();
  }

  async poolMonths(
    poolId: string,
    range: MonthRange,
  ): Promise<Array<{ jobcenter: string; months: MemberMonth[] }>> {
    const members = this.db
      .statement<[string], { jobcenter: string }>(
        'SELECT jobcenter FROM pool_members WHERE pool_id = ? ORDER BY jobcenter',
      )
      .all(poolId)
      .map((m) => m.jobcenter);
    const bounds = monthBounds(range);
    const count = (table: string) =>
      this.db
        .statement<unknown[], { jobcenter: string; month: string; n: number }>(
          `WITH ${monthTable(bounds.length / 3)} ${MONTHLY.contribution(table)}`,
        )
        .all(...bounds, poolId);
    return toMemberMonths(range, members, {
      shortlisted: count('workflow_entries'),
      placed: count('placements'),
    });
  }
}
