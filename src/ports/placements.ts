import type { Actor, OutcomeKind, OutcomeRequest } from '../domain/workflow.ts';

/** A chosen candidate's placement and what came of it (started, completed, hired ordinarily, left early). */

export interface PlacementOutcome {
  outcome: OutcomeKind;
  date: string;
  reason: string | null;
  note: string | null;
  actor: { tokenId: string; label: string };
  at: string;
}

export interface Placement {
  id: string;
  jobOrderId: string;
  candidateId: string;
  homeJobcenter: string;
  orderJobcenter: string;
  /** The latest outcome; null until the first is recorded. */
  outcome: OutcomeKind | null;
  reason: string | null;
  /** Oldest first. */
  outcomes: PlacementOutcome[];
  createdAt: string;
  updatedAt: string;
}

export interface PlacementStore {
  /**
   * Creates the placement on the first outcome (the candidacy must be `chosen`) and checks the outcome order,
   * atomically. Throws CandidacyNotFoundError, InvalidOutcomeError.
   */
  recordOutcome(input: {
    jobOrderId: string;
    candidateId: string;
    request: OutcomeRequest;
    actor: Actor;
  }): Promise<Placement>;
  get(jobOrderId: string, candidateId: string): Promise<Placement | undefined>;
  /** The candidate's placements on every order, oldest first (what an access request exports). */
  listByCandidate(candidateId: string): Promise<Placement[]>;
}
