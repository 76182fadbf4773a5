import type { WorkflowState } from '../domain/workflow.ts';
import type { ShortlistStatus } from './shortlists.ts';

/**
 * What a jobcenter's konsulent has on their plate, for the web app's front page: open orders, lists being
 * computed, candidates and companies that owe an answer, CV-pakker not yet opened, recent company decisions. A read
 * model over the workflow tables; candidate names are added by the caller, through the sharing rules.
 */

export interface OverviewQuery {
  /** Only this jobcenter's orders; undefined: every jobcenter (admin). */
  jobcenter?: string | undefined;
  /** ISO date: an order is open while its period has not ended before it. */
  today: string;
  /** ISO timestamp: decisions since then count as recent. */
  choicesSince: string;
  /** Most rows per section. */
  limit: number;
}

export interface OverviewOrder {
  id: string;
  externalId: string;
  title: string;
  company: { cvr: string; name: string | null };
  period: { from: string; to: string };
  lastShortlist: { id: string; status: ShortlistStatus; createdAt: string } | null;
}

export interface OverviewData {
  /** Orders whose period has not ended, the soonest starting first. */
  openJobOrders: OverviewOrder[];
  /** Queued or running bruttolister, oldest first. */
  shortlistsInProgress: Array<{
    id: string;
    jobOrderId: string;
    status: 'queued' | 'running';
    createdAt: string;
  }>;
  /** Workflow entries waiting for the candidate (contacted) or the company (sent_to_company, interview), longest waiting first. */
  awaitingReply: Array<{
    jobOrderId: string;
    jobOrderTitle: string;
    /** The order's jobcenter: whose sharing rules decide whether the candidate may be named. */
    orderJobcenter: string;
    candidateId: string;
    state: WorkflowState;
    since: string;
  }>;
  /** Finished CV-pakker whose company link still works and was never opened, oldest first. */
  bundlesNotOpened: Array<{
    id: string;
    jobOrderId: string;
    jobOrderTitle: string;
    createdAt: string;
    expiresAt: string | null;
  }>;
  /** The company's decisions (interview, chosen, not_chosen) since `choicesSince`, newest first. */
  recentChoices: Array<{
    jobOrderId: string;
    jobOrderTitle: string;
    orderJobcenter: string;
    candidateId: string;
    choice: 'interview' | 'chosen' | 'not_chosen';
    at: string;
  }>;
}

export interface OverviewReadModel {
  overview(query: OverviewQuery): Promise<OverviewData>;
}
