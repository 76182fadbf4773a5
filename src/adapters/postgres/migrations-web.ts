import type { Migration } from './migration.ts';

/**
 * What the web app needs, as on SQLite: browser sessions (only a hash of the session id), and whether and how
 * often the company opened a CV-pakke. The session timestamps collate as bytes ("C"): expiry is a text comparison
 * of ISO-8601 strings, whatever the database's default collation. Spread into MIGRATIONS.
 */
export const WEB_MIGRATIONS: readonly Migration[] = [
  {
    version: 11,
    name: 'browser sessions and bundle views',
    sql: `
      CREATE TABLE sessions (
        id_hash TEXT COLLATE "C" PRIMARY KEY,
        token_id TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL,
        idle_expires_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX sessions_token ON sessions (token_id);
      CREATE INDEX sessions_expiry ON sessions (idle_expires_at);

      ALTER TABLE bundles ADD COLUMN opened_at TEXT;
      ALTER TABLE bundles ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
