import type { OutcomeKind } from '../domain/workflow.ts';

/** Read models over job orders, shortlists, candidacies and placements: nothing here writes. */

export interface Stats {
  jobcentre: string[];
  orders: number;
  ordersWithShortlist: number;
  /** Medians over orders, in seconds; null when there is nothing to measure yet. */
  medianSecondsOrderToShortlist: number | null;
  medianSecondsShortlistToChoice: number | null;
  medianSecondsOrderToChoice: number | null;
  sentToCompany: number;
  chosen: number;
  /** chosen / sent to company; null when nothing was sent. */
  hitRate: number | null;
  /** Placements of candidates whose home jobcenter is one of `jobcentre`. */
  placements: number;
  outcomes: Record<OutcomeKind | 'none', number>;
}

export interface PoolContribution {
  jobcenter: string;
  /** Searchable, complete candidates of this member who consented to sharing with the pool. */
  candidatesShared: number;
  /** Times one of its candidates was on a shortlist for another member's order. */
  shortlisted: number;
  /** Placements of its candidates in other members' orders. */
  placed: number;
}

export interface StatsReadModel {
  /** Orders of these jobcentre (candidacies counted by the order's jobcenter, placements by the candidate's). */
  summary(jobcentre: string[]): Promise<Stats>;
  /** One row per member of the pool, in member order; empty for an unknown pool. */
  poolContribution(poolId: string): Promise<PoolContribution[]>;
}
