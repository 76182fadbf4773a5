import type { OutcomeKind } from '../../domain/workflow.ts';
import type { PoolContribution, Stats, StatsReadModel } from '../../ports/stats.ts';
import { emptyStats, type OrderTimes, toStats } from '../shared/stats.ts';
import { placeholders, type SqliteDatabase } from './connection.ts';

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
}
