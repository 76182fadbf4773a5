import {
  type Actor,
  assertOutcome,
  InvalidOutcomeError,
  type OutcomeRequest,
} from '../../domain/workflow.ts';
import type { Placement, PlacementStore } from '../../ports/placements.ts';
import { newId } from '../shared/ids.ts';
import {
  type CandidacyRow,
  notOnOrder,
  outcomeDate,
  PLACEMENT_COLUMNS,
  PLACEMENT_OUTCOME_COLUMNS,
  type PlacementOutcomeRow,
  type PlacementRow,
  toPlacement,
  toPlacementOutcome,
} from '../shared/workflow-rows.ts';
import { CANDIDACY_SQL } from './candidacy-store.ts';
import { now, type SqliteDatabase } from './connection.ts';

const SQL = {
  get: `SELECT ${PLACEMENT_COLUMNS} FROM placements WHERE job_order_id = ? AND candidate_id = ?`,
  byCandidate: `SELECT ${PLACEMENT_COLUMNS} FROM placements WHERE candidate_id = ? ORDER BY created_at, id`,
  insert: `INSERT INTO placements (id, job_order_id, candidate_id, home_jobcenter, order_jobcenter, created_at,
      updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  setOutcome: 'UPDATE placements SET outcome = ?, reason = ?, updated_at = ? WHERE id = ?',
  addOutcome: `INSERT INTO placement_outcomes (placement_id, outcome, date, reason, note, actor_token_id, actor_label,
      at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  outcomes: `SELECT ${PLACEMENT_OUTCOME_COLUMNS} FROM placement_outcomes WHERE placement_id = ? ORDER BY id`,
} as const;

export class SqlitePlacementStore implements PlacementStore {
  constructor(private readonly db: SqliteDatabase) {}

  async recordOutcome(input: {
    jobOrderId: string;
    candidateId: string;
    request: OutcomeRequest;
    actor: Actor;
  }): Promise<Placement> {
    const { jobOrderId, candidateId, request, actor } = input;
    const candidacy = this.db.statement<[string, string], CandidacyRow>(CANDIDACY_SQL.get);
    const get = this.db.statement<[string, string], PlacementRow>(SQL.get);
    const write = this.db.transaction(() => {
      const entry = candidacy.get(jobOrderId, candidateId);
      if (!entry) throw notOnOrder(jobOrderId, candidateId);
      if (entry.state !== 'chosen') {
        throw new InvalidOutcomeError(
          `an outcome needs a placement: the candidate's state is '${entry.state}', not 'chosen'`,
        );
      }
      const at = now();
      const placement = get.get(jobOrderId, candidateId);
      assertOutcome(placement?.outcome ?? null, request.outcome);
      let id = placement?.id;
      if (id === undefined) {
        id = newId();
        this.db
          .statement(SQL.insert)
          .run(id, jobOrderId, candidateId, entry.home_jobcenter, entry.order_jobcenter, at, at);
      }
      this.db.statement(SQL.setOutcome).run(request.outcome, request.reason ?? null, at, id);
      this.db
        .statement(SQL.addOutcome)
        .run(
          id,
          request.outcome,
          outcomeDate(request.date, at),
          request.reason ?? null,
          request.note ?? null,
          actor.tokenId,
          actor.label,
          at,
        );
    });
    // IMMEDIATE: two outcomes arriving at once must see each other, or the order check means nothing.
    write.immediate();
    return (await this.get(jobOrderId, candidateId))!;
  }

  async get(jobOrderId: string, candidateId: string): Promise<Placement | undefined> {
    const row = this.db.statement<[string, string], PlacementRow>(SQL.get).get(jobOrderId, candidateId);
    return row && this.toPlacement(row);
  }

  async listByCandidate(candidateId: string): Promise<Placement[]> {
    return this.db
      .statement<[string], PlacementRow>(SQL.byCandidate)
      .all(candidateId)
      .map((row) => this.toPlacement(row));
  }

  private toPlacement(row: PlacementRow): Placement {
    const outcomes = this.db
      .statement<[string], PlacementOutcomeRow>(SQL.outcomes)
      .all(row.id)
      .map(toPlacementOutcome);
    return toPlacement(row, outcomes);
  }
}
