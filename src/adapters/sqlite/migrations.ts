import type Database from 'better-sqlite3';
import type { Migration } from './migration.ts';
import { ACCESS_MIGRATIONS } from './migrations-access.ts';
import { CANDIDATE_CHANGES_MIGRATIONS } from './migrations-candidate-changes.ts';
import { CONSENT_MIGRATIONS } from './migrations-consent.ts';
import { IMPORT_RUN_MIGRATIONS } from './migrations-import-runs.ts';
import { WEB_MIGRATIONS } from './migrations-web.ts';
import { WORKFLOW_MIGRATIONS } from './migrations-workflow.ts';

/**
 * The schema, as an append-only history: never edit a migration that has shipped, add the next version instead.
 * Each row's JSON columns hold the domain objects whole; the few fields that are filtered on are copied into
 * columns of their own so a list never has to parse JSON.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE candidates (
        id TEXT PRIMARY KEY,
        jobcenter TEXT NOT NULL,
        external_id TEXT NOT NULL,
        -- Lower-cased in JS: SQLite's LIKE and lower() fold ASCII only, and names carry æ, ø and å.
        external_id_fold TEXT NOT NULL,
        name_fold TEXT,
        benefit TEXT,
        searchable INTEGER NOT NULL,
        incomplete INTEGER NOT NULL,
        candidate_json TEXT NOT NULL,
        facts_json TEXT NOT NULL,
        incomplete_json TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        cpr_hash TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (jobcenter, external_id)
      );
      -- Keyset pages of one jobcenter, without sorting the whole jobcenter per page.
      CREATE INDEX candidates_jobcenter_id ON candidates (jobcenter, id);
      CREATE INDEX candidates_cpr_hash ON candidates (cpr_hash, jobcenter) WHERE cpr_hash IS NOT NULL;

      CREATE TABLE job_orders (
        id TEXT PRIMARY KEY,
        jobcenter TEXT NOT NULL,
        external_id TEXT NOT NULL,
        job_order_json TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (jobcenter, external_id)
      );
      CREATE INDEX job_orders_jobcenter_id ON job_orders (jobcenter, id);

      CREATE TABLE shortlists (
        id TEXT PRIMARY KEY,
        job_order_id TEXT NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        scope TEXT NOT NULL,
        size INTEGER NOT NULL,
        strategy TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        completed_at TEXT,
        candidates_considered INTEGER NOT NULL DEFAULT 0,
        entries_json TEXT NOT NULL DEFAULT '[]',
        near_misses_json TEXT NOT NULL DEFAULT '[]',
        error TEXT
      );
      -- Also serves the cascade: without an index on the child key every job order delete scans all shortlists.
      CREATE INDEX shortlists_job_order ON shortlists (job_order_id, created_at);

      CREATE TABLE import_runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('candidates', 'job-orders')),
        source TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        imported INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        incomplete INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        errors_json TEXT NOT NULL DEFAULT '[]'
      );
    `,
  },
  ...ACCESS_MIGRATIONS,
  ...CANDIDATE_CHANGES_MIGRATIONS,
  ...WORKFLOW_MIGRATIONS,
  ...IMPORT_RUN_MIGRATIONS,
  ...CONSENT_MIGRATIONS,
  ...WEB_MIGRATIONS,
];

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
    where: string,
  ) {
    super(
      `the database ${where} has schema version ${databaseVersion}, but this version of Vikarmatch only knows ` +
        `migrations up to version ${knownVersion}: it was written by a newer release. Upgrade Vikarmatch, or ` +
        'point DATA_DIR at another directory; the database was left untouched.',
    );
    this.name = 'SchemaTooNewError';
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(
        `migration "${m.name}" has version ${m.version}: versions must be integers that increase`,
      );
    }
  });
}

/**
 * Brings the schema up to the newest known version; running it again does nothing. All pending migrations apply
 * in one transaction, so a failure leaves the database at the version it had. IMMEDIATE takes the write lock
 * before reading the version: the server and a worker process starting together must not both apply version N.
 * Returns the versions applied now.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  where = db.name,
): number[] {
  checkOrder(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const known = migrations.at(-1)?.version ?? 0;
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    if (current > known) throw new SchemaTooNewError(current, known, where);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  return apply.immediate();
}
