import type { Actor, DeclineReason, TransitionRequest, WorkflowState } from '../domain/workflow.ts';

/**
 * A candidacy: one candidate's standing on one job order after the bruttoliste (suggested, interested, sent to
 * the company, chosen…), with the history of its steps. Keyed by job order rather than shortlist: re-running the
 * shortlist for the same order must find the same person in the state they already have.
 */

export type CandidacySource = 'shortlist' | 'company_proposal';

export interface Candidacy {
  jobOrderId: string;
  candidateId: string;
  /** The candidate's home jobcenter: pool reports and placements are attributed to it. */
  homeJobcenter: string;
  orderJobcenter: string;
  state: WorkflowState;
  source: CandidacySource;
  /** The shortlist the candidate first appeared in (null for a company proposal). */
  firstShortlistId: string | null;
  /** Category only; for `health` nothing more is ever stored. */
  declineReason: DeclineReason | null;
  companyReason: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One recorded step of a candidacy. */
export interface CandidacyEvent {
  id: number;
  jobOrderId: string;
  candidateId: string;
  from: WorkflowState | null;
  to: WorkflowState;
  reason: string | null;
  note: string | null;
  actor: Actor;
  at: string;
}

export class CandidacyNotFoundError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'CandidacyNotFoundError';
  }
}

export interface CandidacyStore {
  /**
   * Adds every entry of a finished shortlist that has no candidacy on the order yet, as `suggested`, remembering
   * the shortlist it came from. Idempotent; existing candidacies keep their state.
   */
  syncShortlist(input: {
    shortlistId: string;
    jobOrderId: string;
    orderJobcenter: string;
    entries: ReadonlyArray<{ candidateId: string; jobcenter: string }>;
  }): Promise<void>;
  /** A candidate added outside a shortlist (the company proposed them); returns the existing one when there is one. */
  add(input: {
    jobOrderId: string;
    orderJobcenter: string;
    candidateId: string;
    homeJobcenter: string;
    source: CandidacySource;
    actor: Actor;
  }): Promise<Candidacy>;
  get(jobOrderId: string, candidateId: string): Promise<Candidacy | undefined>;
  /** The order's candidacies, oldest first. */
  list(jobOrderId: string): Promise<Candidacy[]>;
  /** One candidate's candidacies on every order, oldest first (what an access request exports). */
  listByCandidate(candidateId: string): Promise<Candidacy[]>;
  /**
   * Checks the transition table against the stored state and records the step with who and when, atomically.
   * Throws CandidacyNotFoundError or InvalidTransitionError.
   */
  transition(
    jobOrderId: string,
    candidateId: string,
    request: TransitionRequest,
    actor: Actor,
  ): Promise<Candidacy>;
  /** Every step, oldest first. */
  history(jobOrderId: string, candidateId: string): Promise<CandidacyEvent[]>;
}
