import type { OutcomeKind } from '../../domain/workflow.ts';
import type { PoolContribution, Stats, StatsReadModel } from '../../ports/stats.ts';
import { emptyStats, type OrderTimes, toStats } from '../shared/stats.ts';
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

  private snapshot<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    return this.database.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return fn(client);
    });
  }
}
