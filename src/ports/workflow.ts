import type {
  Actor,
  DeclineReason,
  OutcomeKind,
  OutcomeRequest,
  TransitionRequest,
  WorkflowState,
} from '../domain/workflow.ts';

/**
 * What happens after the bruttoliste: workflow per (job order, candidate), CV bundles, pools, placements and their
 * outcomes, and the audit log of who read whose CV. Keyed by job order rather than shortlist: re-running the
 * shortlist for the same order must find the same person in the state they already have.
 */

export type EntrySource = 'shortlist' | 'company_proposal';

export interface WorkflowEntry {
  jobOrderId: string;
  candidateId: string;
  /** The candidate's home jobcenter: pool reports and placements are attributed to it. */
  homeJobcenter: string;
  orderJobcenter: string;
  state: WorkflowState;
  source: EntrySource;
  /** The shortlist the candidate first appeared in (null for a company proposal). */
  firstShortlistId: string | null;
  /** Category only; for `health` nothing more is ever stored. */
  declineReason: DeclineReason | null;
  companyReason: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowEvent {
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

export type BundleStatus = 'queued' | 'rendering' | 'done' | 'failed' | 'erased';

export interface Bundle {
  id: string;
  jobOrderId: string;
  jobcenter: string;
  status: BundleStatus;
  candidateIds: string[];
  /** The virksomhed token that may read it; revoke it to close the link. */
  tokenId: string | null;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
  error: string | null;
  pdfBytes: number | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: Actor & { jobcenter: string | null };
  /** e.g. company.bundle.view, company.bundle.download, candidate.cross_read, contact.release */
  action: string;
  candidateId: string | null;
  homeJobcenter: string | null;
  jobOrderId: string | null;
  bundleId: string | null;
  detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface Pool {
  id: string;
  name: string;
  members: string[];
  createdAt: string;
}

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
  outcomes: PlacementOutcome[];
  createdAt: string;
  updatedAt: string;
}

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
  /** Searchable candidates of this member who consented to sharing with the pool. */
  candidatesShared: number;
  /** Times one of its candidates was on a shortlist for another member's order. */
  shortlisted: number;
  /** Placements of its candidates in other members' orders. */
  placed: number;
}

export class WorkflowNotFoundError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'WorkflowNotFoundError';
  }
}

export interface WorkflowStore {
  /**
   * Adds every entry of a finished shortlist that has no workflow for the order yet, as `suggested`, remembering
   * the shortlist it came from. Idempotent; existing entries keep their state.
   */
  syncShortlist(input: {
    shortlistId: string;
    jobOrderId: string;
    orderJobcenter: string;
    entries: ReadonlyArray<{ candidateId: string; jobcenter: string }>;
  }): Promise<void>;
  /** A candidate the company proposed itself; returns the existing entry when there is one. */
  addEntry(input: {
    jobOrderId: string;
    orderJobcenter: string;
    candidateId: string;
    homeJobcenter: string;
    source: EntrySource;
    actor: Actor;
  }): Promise<WorkflowEntry>;
  getEntry(jobOrderId: string, candidateId: string): Promise<WorkflowEntry | undefined>;
  listEntries(jobOrderId: string): Promise<WorkflowEntry[]>;
  /**
   * Checks the transition table against the stored state and records the step with who and when, atomically.
   * Throws WorkflowNotFoundError or InvalidTransitionError.
   */
  transition(
    jobOrderId: string,
    candidateId: string,
    request: TransitionRequest,
    actor: Actor,
  ): Promise<WorkflowEntry>;
  history(jobOrderId: string, candidateId: string): Promise<WorkflowEvent[]>;

  createBundle(input: {
    jobOrderId: string;
    jobcenter: string;
    candidateIds: string[];
    createdBy: string;
  }): Promise<Bundle>;
  setBundleToken(id: string, tokenId: string): Promise<void>;
  markBundleRendering(id: string): Promise<void>;
  completeBundle(id: string, pdf: Buffer, candidateIds: string[]): Promise<void>;
  failBundle(id: string, error: string): Promise<void>;
  getBundle(id: string): Promise<Bundle | undefined>;
  getBundlePdf(id: string): Promise<Buffer | undefined>;
  listBundles(jobOrderId: string): Promise<Bundle[]>;

  releaseContact(input: { candidateId: string; toJobcenter: string; releasedBy: string }): Promise<void>;
  isContactReleased(candidateId: string, toJobcenter: string): Promise<boolean>;

  audit(entry: NewAuditEntry): Promise<void>;
  listAudit(filter: { candidateId?: string; homeJobcenter?: string; limit?: number }): Promise<AuditEntry[]>;

  createPool(input: { name: string; members: string[] }): Promise<Pool>;
  getPool(id: string): Promise<Pool | undefined>;
  listPools(filter?: { jobcenter?: string }): Promise<Pool[]>;
  addPoolMember(poolId: string, jobcenter: string): Promise<Pool | undefined>;
  removePoolMember(poolId: string, jobcenter: string): Promise<Pool | undefined>;
  /** Every other jobcenter that shares a pool with this one. */
  poolMembers(jobcenter: string): Promise<string[]>;

  /** Creates the placement on the first outcome (the candidate must be `chosen`); checks the outcome order. */
  recordOutcome(input: {
    jobOrderId: string;
    candidateId: string;
    request: OutcomeRequest;
    actor: Actor;
  }): Promise<Placement>;
  getPlacement(jobOrderId: string, candidateId: string): Promise<Placement | undefined>;

  stats(jobcentre: string[]): Promise<Stats>;
  poolContribution(poolId: string): Promise<PoolContribution[]>;

  /**
   * GDPR erasure: replaces the candidate's id with an anonymous one everywhere (keeps counts and statistics), drops
   * notes and contact releases, and deletes any bundle PDF that holds their CV. Returns the rows touched.
   */
  anonymiseCandidate(candidateId: string): Promise<number>;
}
