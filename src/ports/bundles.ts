/** CV-pakker: the CVs sent to a company for its own final choice, rendered to PDF by the bundle job. */

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
  /** When the company first opened it (null: not yet). */
  openedAt: string | null;
  /** How many times the company opened it. */
  viewCount: number;
}

export interface BundleStore {
  create(input: {
    jobOrderId: string;
    jobcenter: string;
    candidateIds: string[];
    createdBy: string;
  }): Promise<Bundle>;
  setToken(id: string, tokenId: string): Promise<void>;
  /** Only a queued or rendering bundle moves; a finished one stays as it is. */
  markRendering(id: string): Promise<void>;
  /** A finished bundle is never re-rendered: a retried job keeps the PDF the company may already have seen. */
  complete(id: string, pdf: Buffer, candidateIds: string[]): Promise<void>;
  /** No effect on a finished bundle. */
  fail(id: string, error: string): Promise<void>;
  /** The company opened the bundle: counts the view, and records the first one's time. */
  recordView(id: string, at?: Date): Promise<void>;
  get(id: string): Promise<Bundle | undefined>;
  /** The PDF of a finished bundle; undefined until it is done (or after erasure). */
  getPdf(id: string): Promise<Buffer | undefined>;
  /** The order's bundles, oldest first. */
  list(jobOrderId: string): Promise<Bundle[]>;
  /** Every bundle the candidate is in, on any order, oldest first (what an access request exports). */
  listByCandidate(candidateId: string): Promise<Bundle[]>;
  /** Queued or rendering bundles of every order, oldest first: what the reconciler checks against the queue. */
  unfinished(limit: number): Promise<Array<Pick<Bundle, 'id' | 'status' | 'createdAt'>>>;
}
