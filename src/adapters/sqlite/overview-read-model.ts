import type { OverviewData, OverviewQuery, OverviewReadModel } from '../../ports/overview.ts';
import {
  type OverviewRow,
  toAwaitingReply,
  toBundleNotOpened,
  toOpenOrder,
  toRecentChoice,
  toShortlistInProgress,
} from '../shared/overview-rows.ts';
import type { SqliteDatabase } from './connection.ts';

const TITLE = "json_extract(o.job_order_json, '$.title')";
/** `@jobcenter IS NULL` lets one statement serve a konsulent (one jobcenter) and admin (all). */
const OF_JOBCENTER = '(@jobcenter IS NULL OR o.jobcenter = @jobcenter)';

const SQL = {
  openOrders: `SELECT o.id, o.external_id, ${TITLE} AS title,
        json_extract(o.job_order_json, '$.company.cvr') AS cvr,
        json_extract(o.job_order_json, '$.company.name') AS company_name,
        json_extract(o.job_order_json, '$.period.from') AS period_from,
        json_extract(o.job_order_json, '$.period.to') AS period_to,
        s.id AS shortlist_id, s.status AS shortlist_status, s.created_at AS shortlist_created_at
      FROM job_orders o
      LEFT JOIN shortlists s ON s.id = (
        SELECT id FROM shortlists WHERE job_order_id = o.id ORDER BY created_at DESC, id DESC LIMIT 1)
      WHERE ${OF_JOBCENTER} AND json_extract(o.job_order_json, '$.period.to') >= @today
      ORDER BY period_from, o.id LIMIT @limit`,
  inProgress: `SELECT s.id, s.job_order_id, s.status, s.created_at
      FROM shortlists s JOIN job_orders o ON o.id = s.job_order_id
      WHERE ${OF_JOBCENTER} AND s.status IN ('queued', 'running')
      ORDER BY s.created_at, s.id LIMIT @limit`,
  awaiting: `SELECT w.job_order_id, ${TITLE} AS title, o.jobcenter, w.candidate_id, w.state, w.updated_at
      FROM workflow_entries w JOIN job_orders o ON o.id = w.job_order_id
      WHERE ${OF_JOBCENTER} AND w.state IN ('contacted', 'sent_to_company', 'interview')
      ORDER BY w.updated_at, w.job_order_id, w.candidate_id LIMIT @limit`,
  notOpened: `SELECT b.id, b.job_order_id, ${TITLE} AS title, b.created_at, t.expires_at
      FROM bundles b JOIN job_orders o ON o.id = b.job_order_id
      JOIN api_tokens t ON t.id = b.token_id
      WHERE ${OF_JOBCENTER} AND b.opened_at IS NULL AND b.status = 'done'
        AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > @now)
      ORDER BY b.created_at, b.id LIMIT @limit`,
  choices: `SELECT e.job_order_id, ${TITLE} AS title, o.jobcenter, e.candidate_id, e.to_state, e.at
      FROM workflow_events e JOIN job_orders o ON o.id = e.job_order_id
      WHERE ${OF_JOBCENTER} AND e.to_state IN ('interview', 'chosen', 'not_chosen') AND e.at >= @since
      ORDER BY e.at DESC, e.id DESC LIMIT @limit`,
} as const;

/** The overview in five indexed queries on the shared SQLite file. */
export class SqliteOverviewReadModel implements OverviewReadModel {
  constructor(private readonly db: SqliteDatabase) {}

  async overview(q: OverviewQuery): Promise<OverviewData> {
    const params = {
      jobcenter: q.jobcenter ?? null,
      today: q.today,
      since: q.choicesSince,
      now: new Date().toISOString(),
      limit: q.limit,
    };
    const all = (sql: string) => this.db.statement<[object], OverviewRow>(sql).all(params);
    return {
      openJobOrders: all(SQL.openOrders).map(toOpenOrder),
      shortlistsInProgress: all(SQL.inProgress).map(toShortlistInProgress),
      awaitingReply: all(SQL.awaiting).map(toAwaitingReply),
      bundlesNotOpened: all(SQL.notOpened).map(toBundleNotOpened),
      recentChoices: all(SQL.choices).map(toRecentChoice),
    };
  }
}
