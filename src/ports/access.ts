/**
 * Who may call the API: jobcentre (the tenants) and API tokens. A token is shown in clear once, when it is made;
 * the store keeps only its SHA-256 hash, so a leaked database does not leak working tokens.
 */

export const ROLES = ['admin', 'konsulent', 'virksomhed'] as const;
export type Role = (typeof ROLES)[number];

/** The id the env bootstrap token (ADMIN_TOKEN) appears under: it is never stored, so it has no row id. */
export const BOOTSTRAP_TOKEN_ID = 'bootstrap-admin';

export interface Jobcenter {
  /** The kommunekode, e.g. '751' (Aarhus). */
  id: string;
  name: string;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  role: Role;
  /** Set for konsulent tokens (their tenant) and virksomhed tokens (the order's jobcenter). */
  jobcenter: string | null;
  /** Set for virksomhed tokens: the job order of the bundle the company may see. */
  jobOrderId: string | null;
  /**
   * Set for virksomhed tokens: the one CV-pakke the company may read. A token without one reads no bundle, so
   * revoking one bundle's token closes that bundle whatever other tokens the same order has.
   */
  bundleId: string | null;
  /**
   * Konsulent tokens only, granted by admin when the token is made: lists may reach every jobcenter's sharing
   * candidates (scope 'all'), not just those of the pools the jobcenter is in.
   */
  nationalScope: boolean;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewToken {
  role: Role;
  jobcenter?: string | null | undefined;
  jobOrderId?: string | null | undefined;
  bundleId?: string | null | undefined;
  /** Only for role konsulent. */
  nationalScope?: boolean | undefined;
  label: string;
  /** ISO timestamp; the token stops working from then on. */
  expiresAt?: string | null | undefined;
}

export interface TokenFilter {
  role?: Role;
  jobcenter?: string;
  jobOrderId?: string;
  bundleId?: string;
  /** Include revoked and expired tokens (default: only the ones that still work). */
  includeInactive?: boolean;
}

export class JobcenterExistsError extends Error {
  constructor(readonly jobcenterId: string) {
    super(`jobcenter ${jobcenterId} already exists`);
    this.name = 'JobcenterExistsError';
  }
}

export interface AccessStore {
  createJobcenter(input: { id: string; name: string }): Promise<Jobcenter>;
  listJobcentre(): Promise<Jobcenter[]>;
  getJobcenter(id: string): Promise<Jobcenter | undefined>;
  /** The clear token is in the result only: it cannot be read back later. */
  createToken(input: NewToken): Promise<{ token: string; record: TokenRecord }>;
  /** The token's record when it is known, not expired and not revoked; otherwise undefined. */
  authenticate(token: string): Promise<TokenRecord | undefined>;
  getToken(id: string): Promise<TokenRecord | undefined>;
  /** True when the token existed and was not already revoked. */
  revokeToken(id: string): Promise<boolean>;
  listTokens(filter?: TokenFilter): Promise<TokenRecord[]>;
}
