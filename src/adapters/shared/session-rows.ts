import type { NewSession, SessionRecord } from '../../ports/sessions.ts';

/** The sessions table as every SQL store reads it: ISO-8601 text timestamps, so expiry is a text comparison. */
export interface SessionRow {
  id_hash: string;
  token_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  idle_expires_at: string;
}

export const toSession = (row: SessionRow): SessionRecord => ({
  idHash: row.id_hash,
  tokenId: row.token_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  idleExpiresAt: row.idle_expires_at,
});

/**
 * The record a new session is stored as: timestamps normalised to the one ISO form the text comparisons rely on,
 * and an idle expiry never past the absolute one.
 */
export function newSessionRecord(input: NewSession, at = new Date()): SessionRecord {
  const created = at.toISOString();
  return {
    ...input,
    expiresAt: new Date(input.expiresAt).toISOString(),
    idleExpiresAt: new Date(
      Math.min(Date.parse(input.idleExpiresAt), Date.parse(input.expiresAt)),
    ).toISOString(),
    createdAt: created,
    lastSeenAt: created,
  };
}
