import type {
  Actor,
  DeclineReason,
  OutcomeKind,
  TransitionRequest,
  WorkflowState,
} from '../../domain/workflow.ts';
import {
  type Candidacy,
  type CandidacyEvent,
  CandidacyNotFoundError,
  type CandidacySource,
} from '../../ports/candidacies.ts';
import type { Placement, PlacementOutcome } from '../../ports/placements.ts';

/**
 * The workflow tables (workflow_entries, workflow_events, placements, placement_outcomes) as every SQL store reads
 * them. Generated ids differ per database (an INTEGER, or a BIGINT the driver hands over as text), so the mappers
 * take them either way.
 */

export interface CandidacyRow {
  job_order_id: string;
  candidate_id: string;
  home_jobcenter: string;
  order_jobcenter: string;
  state: WorkflowState;
  source: CandidacySource;
  first_shortlist_id: string | null;
  decline_reason: DeclineReason | null;
  company_reason: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface CandidacyEventRow {
  id: number | string;
  job_order_id: string;
  candidate_id: string;
  from_state: WorkflowState | null;
  to_state: WorkflowState;
  reason: string | null;
  note: string | null;
  actor_token_id: string;
  actor_label: string;
  actor_role: Actor['role'];
  at: string;
}

export const CANDIDACY_COLUMNS = `job_order_id, candidate_id, home_jobcenter, order_jobcenter, state, source,
  first_shortlist_id, decline_reason, company_reason, note, created_at, updated_at`;

export const CANDIDACY_EVENT_COLUMNS = `id, job_order_id, candidate_id, from_state, to_state, reason, note,
  actor_token_id, actor_label, actor_role, at`;

export function toCandidacy(r: CandidacyRow): Candidacy {
  return {
    jobOrderId: r.job_order_id,
    candidateId: r.candidate_id,
    homeJobcenter: r.home_jobcenter,
    orderJobcenter: r.order_jobcenter,
    state: r.state,
    source: r.source,
    firstShortlistId: r.first_shortlist_id,
    declineReason: r.decline_reason,
    companyReason: r.company_reason,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toCandidacyEvent(r: CandidacyEventRow): CandidacyEvent {
  return {
    id: Number(r.id),
    jobOrderId: r.job_order_id,
    candidateId: r.candidate_id,
    from: r.from_state,
    to: r.to_state,
    reason: r.reason,
    note: r.note,
    actor: { tokenId: r.actor_token_id, label: r.actor_label, role: r.actor_role },
    at: r.at,
  };
}

export const notOnOrder = (jobOrderId: string, candidateId: string) =>
  new CandidacyNotFoundError(`candidate ${candidateId} is not on job order ${jobOrderId}`);

/** What a step records besides the new state: the reason of a step that has one, and the note; null when absent. */
export function stepFields(request: TransitionRequest): { reason: string | null; note: string | null } {
  return { reason: 'reason' in request ? (request.reason ?? null) : null, note: request.note ?? null };
}

export interface PlacementRow {
  id: string;
  job_order_id: string;
  candidate_id: string;
  home_jobcenter: string;
  order_jobcenter: string;
  outcome: OutcomeKind | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlacementOutcomeRow {
  outcome: OutcomeKind;
  date: string;
  reason: string | null;
  note: string | null;
  actor_token_id: string;
  actor_label: string;
  at: string;
}

export const PLACEMENT_COLUMNS =
  'id, job_order_id, candidate_id, home_jobcenter, order_jobcenter, outcome, reason, created_at, updated_at';

export const PLACEMENT_OUTCOME_COLUMNS = 'outcome, date, reason, note, actor_token_id, actor_label, at';

export const toPlacementOutcome = (o: PlacementOutcomeRow): PlacementOutcome => ({
  outcome: o.outcome,
  date: o.date,
  reason: o.reason,
  note: o.note,
  actor: { tokenId: o.actor_token_id, label: o.actor_label },
  at: o.at,
});

export function toPlacement(row: PlacementRow, outcomes: PlacementOutcome[]): Placement {
  return {
    id: row.id,
    jobOrderId: row.job_order_id,
    candidateId: row.candidate_id,
    homeJobcenter: row.home_jobcenter,
    orderJobcenter: row.order_jobcenter,
    outcome: row.outcome,
    reason: row.reason,
    outcomes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The date an outcome is recorded under when the request names none: the day it was recorded. */
export const outcomeDate = (requested: string | undefined, at: string): string =>
  requested ?? at.slice(0, 10);
