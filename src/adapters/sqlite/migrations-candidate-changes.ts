import type { Migration } from './migration.ts';

/**
 * A change feed of the candidates table, kept by triggers so every writer (API, CLI import, a worker erasing a
 * candidate) feeds it without knowing about it. An in-process index in another process (a `vikar worker`, the
 * server while the CLI imports) reads it to catch up, instead of serving a pool frozen at its start.
 *
 * One row per candidate that ever changed, holding the sequence number of its latest change: the feed stays the
 * size of the candidates table however often they are re-imported. Sequence numbers only grow: SQLite runs one
 * write transaction at a time and each takes max + 1 inside it, so a reader that has seen everything up to N
 * never later finds a committed change below N. A deleted candidate's row stays (it holds a random id and no
 * personal data), so a reader learns of the erasure however late it looks.
 */
export const CANDIDATE_CHANGES_MIGRATIONS: readonly Migration[] = [
  {
    version: 5,
    name: 'candidate change feed',
    sql: `
      CREATE TABLE candidate_changes (
        candidate_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX candidate_changes_seq ON candidate_changes (seq);

      CREATE TRIGGER candidate_changes_insert AFTER INSERT ON candidates BEGIN
        INSERT OR REPLACE INTO candidate_changes (candidate_id, seq)
        VALUES (NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM candidate_changes));
      END;
      CREATE TRIGGER candidate_changes_update AFTER UPDATE ON candidates BEGIN
        INSERT OR REPLACE INTO candidate_changes (candidate_id, seq)
        VALUES (NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM candidate_changes));
      END;
      CREATE TRIGGER candidate_changes_delete AFTER DELETE ON candidates BEGIN
        INSERT OR REPLACE INTO candidate_changes (candidate_id, seq)
        VALUES (OLD.id, (SELECT coalesce(max(seq), 0) + 1 FROM candidate_changes));
      END;
    `,
  },
];
