import type { OverviewData, OverviewQuery, OverviewReadModel } from '../../ports/overview.ts';
import {
  type OverviewRow,
  toAwaitingReply,
  toBundleNotOpened,
  toOpenOrder,
  toRecentChoice,
  toShortlistInProgress,
} from '../shared/overview-rows.ts';
import type { PostgresDatabase } from './connection.ts';

/** The order JSON is text (its canonical form is what the content hash covers): parsed where a query reads it. */
const TITLE = "(o.job_order_json::jsonb ->> 'title')";
/** A NULL `$1` lets one statement serve a konsulent (one jobcenter) and admin (all). */
const OF_JOBCENTER = '($1::text IS NULL OR o.jobcenter = $1::text)';

/**
 * Dates and timestamps taken out of the JSON, or from columns of the default collation, compare as bytes
 * ("C"): ISO-8601 text orders by time only so, whatever the database's collation.
 */
const SQL = {
  // $2 today, $3 limit.
  openOrders: `SELECT o.id, o.external_id, x.title, x.cvr, x.company_name, x.period_from, x.period_to,
        s.id AS shortlist_id, s.status AS shortlist_status, s.created_at AS shortlist_created_at
      FROM job_orders o
      CROSS JOIN LATERAL (
        SELECT d ->> 'title' AS title, d #>> '{company,cvr}' AS cvr, d #>> '{company,name}' AS company_name,
          (d #>> '{period,from}') COLLATE "C" AS period_from, (d #>> '{period,to}') COLLATE "C" AS period_to
        FROM (SELECT o.job_order_json::jsonb AS d) j) x
      -- The newest list; seq breaks ties between lists created in the same millisecond on different hosts.
      LEFT JOIN LATERAL (
        SELECT id, status, created_at FROM shortlists
        WHERE job_order_id = o.id ORDER BY created_at DESC, seq DESC LIMIT 1) s ON true
      WHERE ${OF_JOBCENTER} AND x.period_to >= $2::text
      ORDER BY x.period_from, o.id LIMIT $3`,
  // $2 limit.
  inProgress: `SELECT s.id, s.job_order_id, s.status, s.created_at
      FROM shortlists s JOIN job_orders o ON o.id = s.job_order_id
      WHERE ${OF_JOBCENTER} AND s.status IN ('queued', 'running')
      ORDER BY s.created_at COLLATE "C", s.seq LIMIT $2`,
  // $2 limit.
  awaiting: `SELECT w.job_order_id, ${TITLE} AS title, o.jobcenter, w.candidate_id, w.state, w.updated_at
      FROM workflow_entries w JOIN job_orders o ON o.id = w.job_order_id
      WHERE ${OF_JOBCENTER} AND w.state IN ('contacted', 'sent_to_company', 'interview')
      ORDER BY w.updated_at COLLATE "C", w.job_order_id, w.candidate_id LIMIT $2`,
  // $2 now, $3 limit.
  notOpened: `SELECT b.id, b.job_order_id, ${TITLE} AS title, b.created_at, t.expires_at
      FROM bundles b JOIN job_orders o ON o.id = b.job_order_id
      JOIN api_tokens t ON t.id = b.token_id
      WHERE ${OF_JOBCENTER} AND b.opened_at IS NULL AND b.status = 'done'
        AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
      ORDER BY b.created_at, b.id LIMIT $3`,
  // $2 since, $3 limit.
  choices: `SELECT e.job_order_id, ${TITLE} AS title, o.jobcenter, e.candidate_id, e.to_state, e.at
      FROM workflow_events e JOIN job_orders o ON o.id = e.job_order_id
      WHERE ${OF_JOBCENTER} AND e.to_state IN ('interview', 'chosen', 'not_chosen') AND e.at >= $2
      ORDER BY e.at DESC, e.id DESC LIMIT $3`,
} as const;

/** The overview in five queries on the shared database. */
export class PostgresOverviewReadModel implements OverviewReadModel {
  constructor(private readonly database: PostgresDatabase) {}

  async overview(q: OverviewQuery): Promise<OverviewData> {
    const jobcenter = q.jobcenter ?? null;
    const all = async (sql: string, params: unknown[]) =>
      (await this.database.db.query<OverviewRow>(sql, [jobcenter, ...params])).rows;
    // One after another: five connections at once per front page would starve the pool under load.
    const open = await all(SQL.openOrders, [q.today, q.limit]);
    const inProgress = await all(SQL.inProgress, [q.limit]);
    const awaiting = await all(SQL.awaiting, [q.limit]);
    const notOpened = await all(SQL.notOpened, [new Date().toISOString(), q.limit]);
    const choices = await all(SQL.choices, [q.choicesSince, q.limit]);
    return {
      openJobOrders: open.map(toOpenOrder),
      shortlistsInProgress: inProgress.map(toShortlistInProgress),
      awaitingReply: awaiting.map(toAwaitingReply),
      bundlesNotOpened: notOpened.map(toBundleNotOpened),
      recentChoices: choices.map(toRecentChoice),
    };
  }
}
