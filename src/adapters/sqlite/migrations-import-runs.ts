import type { Migration } from './migration.ts';

/**
 * Import runs that survive a crash: a status (a run whose process died is marked `interrupted` at the next start),
 * the tenant and process that own it, and every kept rejection in a table of its own, paged for the per-line
 * report instead of a capped JSON column. Append-only like MIGRATIONS; spread into it.
 */
export const IMPORT_RUN_MIGRATIONS: readonly Migration[] = [
  {
    version: 13,
    name: 'import run status, owner and rejections',
    sql: `
      ALTER TABLE import_runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'finished', 'interrupted'));
      ALTER TABLE import_runs ADD COLUMN jobcenter TEXT;
      ALTER TABLE import_runs ADD COLUMN owner TEXT;
      UPDATE import_runs SET status = 'finished' WHERE finished_at IS NOT NULL;
      CREATE INDEX import_runs_running ON import_runs (status) WHERE status = 'running';

      CREATE TABLE import_rejections (
        run_id TEXT NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        external_id TEXT,
        reason TEXT NOT NULL,
        errors_json TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
    `,
  },
];
