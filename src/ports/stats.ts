import type { MonthRange } from '../domain/months.ts';
import type { OutcomeKind } from '../domain/workflow.ts';

export type { MonthRange } from '../domain/months.ts';

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

/** One Copenhagen calendar month of a jobcenter's figures; every count is attributed as in `Stats`. */
export interface MonthStats {
  /** 'YYYY-MM'. */
  month: string;
  /** Job orders created this month. */
  orders: number;
  /** Shortlists (bruttolister) finished this month. */
  shortlists: number;
  /** Candidates first sent to a company this month (each order+candidate counts once). */
  sentToCompany: number;
  /** Candidates first chosen this month. */
  chosen: number;
  /** Placements made this month. */
  placements: number;
  /** chosen / sentToCompany of this month; null when nothing was sent. */
  hitRate: number | null;
  /** Medians over the orders created this month, in seconds; null when none of them got that far. */
  medianSecondsOrderToShortlist: number | null;
  medianSecondsOrderToChoice: number | null;
}

/** A pool member's contribution in one month, counted as in `PoolContribution`. */
export interface MemberMonth {
  month: string;
  shortlisted: number;
  placed: number;
}

export interface StatsReadModel {
  /** Orders of these jobcentre (candidacies counted by the order's jobcenter, placements by the candidate's). */
  summary(jobcentre: string[]): Promise<Stats>;
  /** One row per member of the pool, in member order; empty for an unknown pool. */
  poolContribution(poolId: string): Promise<PoolContribution[]>;
  /** One row per month of the range, oldest first, months with nothing in them as zeros. */
  months(jobcentre: string[], range: MonthRange): Promise<MonthStats[]>;
  /** Per member (in member order) one row per month of the range; empty for an unknown pool. */
  poolMonths(poolId: string, range: MonthRange): Promise<Array<{ jobcenter: string; months: MemberMonth[] }>>;
}
