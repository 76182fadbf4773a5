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
import { now, type SqliteDatabase } from './connection.ts';

export const CANDIDACY_SQL = {
  get: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE job_order_id = ? AND candidate_id = ?`,
} as const;

const SQL = {
  ...CANDIDACY_SQL,
  fromShortlist: `INSERT INTO workflow_entries (job_order_id, candidate_id, home_jobcenter, order_jobcenter, state,
      source, first_shortlist_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'suggested', 'shortlist', ?, ?, ?)
    ON CONFLICT (job_order_id, candidate_id) DO NOTHING`,
  add: `INSERT INTO workflow_entries (job_order_id, candidate_id, home_jobcenter, order_jobcenter, state, source,
      created_at, updated_at)
    VALUES (?, ?, ?, ?, 'suggested', ?, ?, ?)
    ON CONFLICT (job_order_id, candidate_id) DO NOTHING`,
  list: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE job_order_id = ? ORDER BY created_at, candidate_id`,
  byCandidate: `SELECT ${CANDIDACY_COLUMNS} FROM workflow_entries WHERE candidate_id = ?
    ORDER BY created_at, job_order_id`,
  step: `UPDATE workflow_entries SET state = @to, updated_at = @now,
      decline_reason = CASE WHEN @to = 'declined' THEN @reason ELSE decline_reason END,
      company_reason = CASE WHEN @to = 'not_chosen' THEN @reason ELSE company_reason END,
      note = COALESCE(@note, note)
    WHERE job_order_id = @jobOrderId AND candidate_id = @candidateId`,
  event: `INSERT INTO workflow_events (job_order_id, candidate_id, order_jobcenter, from_state, to_state, reason, note,
      actor_token_id, actor_label, actor_role, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  history: `SELECT ${CANDIDACY_EVENT_COLUMNS} FROM workflow_events WHERE job_order_id = ? AND candidate_id = ?
    ORDER BY id`,
} as const;

/** Candidacies (table workflow_entries) and their steps (workflow_events). */
export class SqliteCandidacyStore implements CandidacyStore {
  constructor(private readonly db: SqliteDatabase) {}

  async syncShortlist(input: {
    shortlistId: string;
    jobOrderId: string;
    orderJobcenter: string;
    entries: ReadonlyArray<{ candidateId: string; jobcenter: string }>;
  }): Promise<void> {
    const insert = this.db.statement(SQL.fromShortlist);
    const at = now();
    this.db.transaction(() => {
      for (const e of input.entries) {
        insert.run(
          input.jobOrderId,
          e.candidateId,
          e.jobcenter,
          input.orderJobcenter,
          input.shortlistId,
          at,
          at,
        );
      }
    })();
  }

  async add(input: {
    jobOrderId: string;
    orderJobcenter: string;
    candidateId: string;
    homeJobcenter: string;
    source: CandidacySource;
    actor: Actor;
  }): Promise<Candidacy> {
    const at = now();
    this.db
      .statement(SQL.add)
      .run(
        input.jobOrderId,
        input.candidateId,
        input.homeJobcenter,
        input.orderJobcenter,
        input.source,
        at,
        at,
      );
    return (await this.get(input.jobOrderId, input.candidateId))!;
  }

  async get(jobOrderId: string, candidateId: string): Promise<Candidacy | undefined> {
    const row = this.db.statement<[string, string], CandidacyRow>(SQL.get).get(jobOrderId, candidateId);
    return row && toCandidacy(row);
  }

  async list(jobOrderId: string): Promise<Candidacy[]> {
    return this.db.statement<[string], CandidacyRow>(SQL.list).all(jobOrderId).map(toCandidacy);
  }

  async listByCandidate(candidateId: string): Promise<Candidacy[]> {
    return this.db.statement<[string], CandidacyRow>(SQL.byCandidate).all(candidateId).map(toCandidacy);
  }

  async transition(
    jobOrderId: string,
    candidateId: string,
    request: TransitionRequest,
    actor: Actor,
  ): Promise<Candidacy> {
    const get = this.db.statement<[string, string], CandidacyRow>(SQL.get);
    const update = this.db.statement<[object]>(SQL.step);
    const event = this.db.statement(SQL.event);
    const step = this.db.transaction(() => {
      const row = get.get(jobOrderId, candidateId);
      if (!row) throw notOnOrder(jobOrderId, candidateId);
      assertTransition(row.state, request.to);
      const at = now();
      const { reason, note } = stepFields(request);
      update.run({ to: request.to, now: at, reason, note, jobOrderId, candidateId });
      event.run(
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
      );
    });
    // IMMEDIATE: the read of the current state and the write must not interleave with another process's step.
    step.immediate();
    return (await this.get(jobOrderId, candidateId))!;
  }

  async history(jobOrderId: string, candidateId: string): Promise<CandidacyEvent[]> {
    return this.db
      .statement<[string, string], CandidacyEventRow>(SQL.history)
      .all(jobOrderId, candidateId)
      .map(toCandidacyEvent);
  }
}
