import { type Actor, assertTransition, type TransitionRequest } from '../../domain/workflow.ts';
import type { Candidacy, CandidacyEvent, CandidacySource, CandidacyStore } from '../../ports/candidacies.ts';
import {
  CANDIDACY_COLUMNS,
  CANDIDACY_EVENT_COLUMNS,
  type CandidacyEventRow,
  type CandidacyRow,
  notOnOrder,
  stepFields,
  toCandidacy,
  toCandidacyEvent,
} from '../shared/workflow-rows.ts';
import { now, type PostgresDatabase, type Queryable } from './connection.ts';

export const CANDIDACY_SQL = {
  get: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE job_order_id = $1 AND candidate_id = $2`,
  /**
   * The row lock every read-modify-write of one candidacy takes first (a step, an outcome): two API hosts acting
   * on the same person queue here, and the second reads the state the first left.
   */
  lock: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE job_order_id = $1 AND candidate_id = $2
    FOR UPDATE`,
} as const;

const SQL = {
  ...CANDIDACY_SQL,
  // One statement for the whole list; the batch's order is kept so created_at ties resolve as on SQLite.
  fromShortlist: `INSERT INTO workflow_entries (job_order_id, candidate_id, home_jobcenter, order_jobcenter, state,
      source, first_shortlist_id, created_at, updated_at)
    SELECT $1, e.candidate_id, e.jobcenter, $2, 'suggested', 'shortlist', $3, $4, $4
    FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS e(candidate_id, jobcenter, n)
    ORDER BY e.n
    ON CONFLICT (job_order_id, candidate_id) DO NOTHING`,
  add: `INSERT INTO workflow_entries (job_order_id, candidate_id, home_jobcenter, order_jobcenter, state, source,
      created_at, updated_at)
    VALUES ($1, $2, $3, $4, 'suggested', $5, $6, $6)
    ON CONFLICT (job_order_id, candidate_id) DO NOTHING`,
  list: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE job_order_id = $1 ORDER BY created_at, candidate_id`,
  byCandidate: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE candidate_id = $1
    ORDER BY created_at, job_order_id`,
  step: `UPDATE workflow_entries SET state = $3, updated_at = $4,
      decline_reason = CASE WHEN $3 = 'declined' THEN $5 ELSE decline_reason END,
      company_reason = CASE WHEN $3 = 'not_chosen' THEN $5 ELSE company_reason END,
      note = COALESCE($6, note)
    WHERE job_order_id = $1 AND candidate_id = $2
    RETURNING ${CANDIDACY_COLUMNS}`,
  event: `INSERT INTO workflow_events (job_order_id, candidate_id, order_jobcenter, from_state, to_state, reason, note,
      actor_token_id, actor_label, actor_role, at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  history: `SELECT ${CANDIDACY_EVENT_COLUMNS} FROM workflow_events WHERE job_order_id = $1 AND candidate_id = $2
    ORDER BY id`,
} as const;

/** Candidacies (table workflow_entries) and their steps (workflow_events). */
export class PostgresCandidacyStore implements CandidacyStore {
  constructor(private readonly database: PostgresDatabase) {}

  async syncShortlist(input: {
    shortlistId: string;
    jobOrderId: string;
    orderJobcenter: string;
    entries: ReadonlyArray<{ candidateId: string; jobcenter: string }>;
  }): Promise<void> {
    if (input.entries.length === 0) return;
    await this.database.db.query(SQL.fromShortlist, [
      input.jobOrderId,
      input.orderJobcenter,
      input.shortlistId,
      now(),
      input.entries.map((e) => e.candidateId),
      input.entries.map((e) => e.jobcenter),
    ]);
  }

  async add(input: {
    jobOrderId: string;
    orderJobcenter: string;
    candidateId: string;
    homeJobcenter: string;
    source: CandidacySource;
    actor: Actor;
  }): Promise<Candidacy> {
    await this.database.db.query(SQL.add, [
      input.jobOrderId,
      input.candidateId,
      input.homeJobcenter,
      input.orderJobcenter,
      input.source,
      now(),
    ]);
    return (await this.get(input.jobOrderId, input.candidateId))!;
  }

  async get(jobOrderId: string, candidateId: string): Promise<Candidacy | undefined> {
    const { rows } = await this.database.db.query<CandidacyRow>(SQL.get, [jobOrderId, candidateId]);
    return rows[0] && toCandidacy(rows[0]);
  }

  async list(jobOrderId: string): Promise<Candidacy[]> {
    return (await this.database.db.query<CandidacyRow>(SQL.list, [jobOrderId])).rows.map(toCandidacy);
  }

  async listByCandidate(candidateId: string): Promise<Candidacy[]> {
    return (await this.database.db.query<CandidacyRow>(SQL.byCandidate, [candidateId])).rows.map(toCandidacy);
  }

  /** The check and the write under the candidacy's row lock, so a concurrent step on another host waits for it. */
  async transition(
    jobOrderId: string,
    candidateId: string,
    request: TransitionRequest,
    actor: Actor,
  ): Promise<Candidacy> {
    return this.database.transaction(async (client: Queryable) => {
      const [row] = (await client.query<CandidacyRow>(SQL.lock, [jobOrderId, candidateId])).rows;
      if (!row) throw notOnOrder(jobOrderId, candidateId);
      assertTransition(row.state, request.to);
      const at = now();
      const { reason, note } = stepFields(request);
      const [updated] = (
        await client.query<CandidacyRow>(SQL.step, [jobOrderId, candidateId, request.to, at, reason, note])
      ).rows;
      await client.query(SQL.event, [
        jobOrderId,
        candidateId,
        row.order_jobcenter,
        row.state,
        request.to,
        reason,
        note,
        actor.tokenId,
        actor.label,
        actor.role,
        at,
      ]);
      return toCandidacy(updated!);
    });
  }

  async history(jobOrderId: string, candidateId: string): Promise<CandidacyEvent[]> {
    const { rows } = await this.database.db.query<CandidacyEventRow>(SQL.history, [jobOrderId, candidateId]);
    return rows.map(toCandidacyEvent);
  }
}
