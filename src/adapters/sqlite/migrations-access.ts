import type { Migration } from './migration.ts';

/** Tables of the access store (jobcentre, API tokens); spread into MIGRATIONS so one history covers the file. */
export const ACCESS_MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    name: 'jobcentre and api tokens',
    sql: `
      CREATE TABLE jobcentre (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        -- SHA-256 of the clear token: the clear token is shown once and never stored.
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'konsulent', 'virksomhed')),
        jobcenter TEXT,
        job_order_id TEXT,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT,
        last_used_at TEXT
      );
      CREATE INDEX api_tokens_jobcenter ON api_tokens (jobcenter, created_at);
    `,
  },
];
