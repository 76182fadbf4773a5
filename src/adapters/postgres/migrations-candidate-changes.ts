import type { Migration } from './migration.ts';

/**
 * The candidate change feed every in-process index follows, on every host (candidate-changes.ts reads it). One
 * row per candidate that ever changed, holding the sequence number of its latest change, as on SQLite: the feed
 * stays the size of the candidates table however often they are re-imported, and an erased candidate's row stays
 * (a random id, no personal data) so a reader learns of the erasure however late it looks.
 *
 * The numbers come from a one-row counter that each writing transaction updates as its last step, so its row
 * lock orders writers by commit: a reader that has seen N never later finds a committed change below N (a plain
 * sequence would hand out numbers in start order, and a reader could pass a number whose transaction had not yet
 * committed, and skip it for good).
 */
export const CANDIDATE_CHANGES_MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    name: 'candidate change feed',
    sql: `
      CREATE TABLE candidate_changes (
        candidate_id TEXT COLLATE "C" PRIMARY KEY,
        seq BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX candidate_changes_seq ON candidate_changes (seq);

      CREATE TABLE candidate_change_head (
        only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
        seq BIGINT NOT NULL
      );
      INSERT INTO candidate_change_head (seq) VALUES (0);
    `,
  },
];
