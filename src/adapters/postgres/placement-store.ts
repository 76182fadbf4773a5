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
import { now, type PostgresDatabase, type Queryable } from './connection.ts';

interface PlacementWithOutcomes extends PlacementRow {
  outcomes: PlacementOutcomeRow[];
}

/** A placement and its outcomes, oldest first, in one row; filter: the WHERE on placements p. */
const placementsWhere = (filter: string) => `SELECT ${PLACEMENT_COLUMNS.replace(/(\w+)/g, 'p.$1')},
    coalesce((SELECT json_agg(o ORDER BY o.id) FROM (
      SELECT id, ${PLACEMENT_OUTCOME_COLUMNS} FROM placement_outcomes WHERE placement_id = p.id) o), '[]') AS outcomes
  FROM placements p WHERE ${filter}`;

const SQL = {
  get: placementsWhere('p.job_order_id = $1 AND p.candidate_id = $2'),
  byCandidate: `${placementsWhere('p.candidate_id = $1')} ORDER BY p.created_at, p.id`,
  current: 'SELECT id, outcome FROM placements WHERE job_order_id = $1 AND candidate_id = $2',
  insert: `INSERT INTO placements (id, job_order_id, candidate_id, home_jobcenter, order_jobcenter, created_at,
      updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6)`,
  setOutcome: 'UPDATE placements SET outcome = $1, reason = $2, updated_at = $3 WHERE id = $4',
  addOutcome: `INSERT INTO placement_outcomes (placement_id, outcome, date, reason, note, actor_token_id, actor_label,
      at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
} as const;

const toPlacementOf = (row: PlacementWithOutcomes): Placement =>
  toPlacement(row, row.outcomes.map(toPlacementOutcome));

export class PostgresPlacementStore implements PlacementStore {
  constructor(private readonly database: PostgresDatabase) {}

  /**
   * Under the candidacy's row lock (the same one a step takes): two outcomes arriving at once through two hosts
   * see each other, or the order check would mean nothing, and the placement is created once.
   */
  async recordOutcome(input: {
    jobOrderId: string;
    candidateId: string;
    request: OutcomeRequest;
    actor: Actor;
  }): Promise<Placement> {
    const { jobOrderId, candidateId, request, actor } = input;
    return this.database.transaction(async (client: Queryable) => {
      const [entry] = (await client.query<CandidacyRow>(CANDIDACY_SQL.lock, [jobOrderId, candidateId])).rows;
      if (!entry) throw notOnOrder(jobOrderId, candidateId);
      if (entry.state !== 'chosen') {
        throw new InvalidOutcomeError(
          `an outcome needs a placement: the candidate's state is '${entry.state}', not 'chosen'`,
        );
      }
      const at = now();
      const [placement] = (
        await client.query<Pick<PlacementRow, 'id' | 'outcome'>>(SQL.current, [jobOrderId, candidateId])
      ).rows;
      assertOutcome(placement?.outcome ?? null, request.outcome);
      let id = placement?.id;
      if (id === undefined) {
        id = newId();
        await client.query(SQL.insert, [
          id,
          jobOrderId,
          candidateId,
          entry.home_jobcenter,
          entry.order_jobcenter,
          at,
        ]);
      }
      await client.query(SQL.setOutcome, [request.outcome, request.reason ?? null, at, id]);
      await client.query(SQL.addOutcome, [
        id,
        request.outcome,
        outcomeDate(request.date, at),
        request.reason ?? null,
        request.note ?? null,
        actor.tokenId,
        actor.label,
        at,
      ]);
      const [written] = (await client.query<PlacementWithOutcomes>(SQL.get, [jobOrderId, candidateId])).rows;
      return toPlacementOf(written!);
    });
  }

  async get(jobOrderId: string, candidateId: string): Promise<Placement | undefined> {
    const { rows } = await this.database.db.query<PlacementWithOutcomes>(SQL.get, [jobOrderId, candidateId]);
    return rows[0] && toPlacementOf(rows[0]);
  }

  async listByCandidate(candidateId: string): Promise<Placement[]> {
    const { rows } = await this.database.db.query<PlacementWithOutcomes>(SQL.byCandidate, [candidateId]);
    return rows.map(toPlacementOf);
  }
}
