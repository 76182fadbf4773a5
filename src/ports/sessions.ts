/**
 * Browser sessions: a konsulent or admin exchanges a token for one, a company exchanges its link's secret. The
 * cookie carries a random session id; the store keeps only its SHA-256 hash, so a leaked database opens no session.
 * A session acts exactly as the token it was made from, and ends when that token is revoked.
 */

export interface SessionRecord {
  /** Hex SHA-256 of the cookie value. */
  idHash: string;
  tokenId: string;
  /** Sent back in X-CSRF-Token with every state-changing request. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute end, whatever the activity. */
  expiresAt: string;
  /** End when idle: moved on by touch(). */
  idleExpiresAt: string;
}

export interface NewSession {
  idHash: string;
  tokenId: string;
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface SessionStore {
  create(input: NewSession): Promise<SessionRecord>;
  /** The session when it exists and neither its absolute nor its idle expiry has passed at `now`. */
  get(idHash: string, now?: Date): Promise<SessionRecord | undefined>;
  /** Records activity: moves the idle expiry (never past the absolute one). */
  touch(idHash: string, idleExpiresAt: string, now?: Date): Promise<void>;
  /** True when there was such a session. */
  delete(idHash: string): Promise<boolean>;
  /** Ends every session of the token (when it is revoked); returns how many. */
  deleteByToken(tokenId: string): Promise<number>;
  /** Removes sessions expired at `now`; returns how many. */
  purgeExpired(now?: Date): Promise<number>;
}
