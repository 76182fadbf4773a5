import { createHash, randomBytes } from 'node:crypto';
import type { Jobcenter, NewToken, Role, TokenRecord } from '../../ports/access.ts';
import { newId } from './ids.ts';

/**
 * The jobcentre and api_tokens tables as every SQL store reads them, and what a new token is before it is
 * stored. national_scope differs per database (0/1, or a boolean), so the mapper takes it decoded.
 */

export interface TokenRow {
  id: string;
  role: Role;
  jobcenter: string | null;
  job_order_id: string | null;
  bundle_id: string | null;
  national_scope: number | boolean;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface JobcenterRow {
  id: string;
  name: string;
  created_at: string;
}

export const TOKEN_COLUMNS =
  'id, role, jobcenter, job_order_id, bundle_id, national_scope, label, created_at, expires_at, revoked_at, last_used_at';

/** Recording every use would turn each API read into a write; once a minute per token says enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes; the prefix lets secret scanners and people recognise a Vikarmatch token. */
export function newToken(): string {
  return `vm_${randomBytes(32).toString('base64url')}`;
}

export function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: row.role,
    jobcenter: row.jobcenter,
    jobOrderId: row.job_order_id,
    bundleId: row.bundle_id,
    nationalScope: row.national_scope === 1 || row.national_scope === true,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export const toJobcenter = (row: JobcenterRow): Jobcenter => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

/** A checked new token: the clear token, its hash (all that is stored of it) and its record. */
export function prepareToken(input: NewToken): { token: string; hash: string; record: TokenRecord } {
  if (input.role === 'konsulent' && !input.jobcenter) {
    throw new RangeError('a konsulent token needs a jobcenter');
  }
  if (input.role === 'virksomhed' && !input.jobOrderId) {
    throw new RangeError('a virksomhed token needs a job order');
  }
  if (input.nationalScope && input.role !== 'konsulent') {
    throw new RangeError('only a konsulent token can be granted national scope');
  }
  if (input.bundleId && input.role !== 'virksomhed') {
    throw new RangeError('only a virksomhed token is bound to a bundle');
  }
  const token = newToken();
  const record: TokenRecord = {
    id: newId(),
    role: input.role,
    jobcenter: input.jobcenter ?? null,
    jobOrderId: input.jobOrderId ?? null,
    bundleId: input.bundleId ?? null,
    nationalScope: input.nationalScope === true,
    label: input.label,
    createdAt: new Date().toISOString(),
    // Normalised, so expiry is a plain string comparison with another toISOString().
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    revokedAt: null,
    lastUsedAt: null,
  };
  return { token, hash: hashToken(token), record };
}

/** Whether a stored token works at `now`: known, not revoked, not expired. */
export const tokenWorks = (row: TokenRow, now: Date): boolean =>
  row.revoked_at === null && (row.expires_at === null || row.expires_at > now.toISOString());

/** Whether this use should be recorded as last_used_at. */
export const dueForTouch = (row: TokenRow, now: Date): boolean =>
  row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS;
