import type pg from 'pg';
import type { Migration } from './migration.ts';
import { CANDIDATE_CHANGES_MIGRATIONS } from './migrations-candidate-changes.ts';
import { WEB_MIGRATIONS } from './migrations-web.ts';
import { WORKFLOW_MIGRATIONS } from './migrations-workflow.ts';

/**
 * The PostgreSQL schema, as an append-only history like SQLite's (its own version numbers: it starts from the
 * schema SQLite reached, not from SQLite's first version). Timestamps are ISO-8601 text, as in SQLite, so every
 * adapter hands back the same strings and their text order is their time order. The candidate and job order JSON
 * stays text: its canonical form is what the content hash covers. Lists the database looks into are JSONB. Ids
 * collate as bytes ("C"): keyset pages compare them with >, whatever the database's default collation.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'candidates, job orders, shortlists, import runs',
    sql: `
      CREATE TABLE candidates (
        id TEXT COLLATE "C" PRIMARY KEY,
        jobcenter TEXT NOT NULL,
        external_id TEXT NOT NULL,
        -- Folded in JS, as for SQLite, so both adapters match text alike.
        external_id_fold TEXT NOT NULL,
        name_fold TEXT,
        benefit TEXT,
        searchable BOOLEAN NOT NULL,
        incomplete BOOLEAN NOT NULL,
        candidate_json TEXT NOT NULL,
        facts_json TEXT NOT NULL,
        incomplete_json TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        cpr_hash TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (jobcenter, external_id)
      );
      CREATE INDEX candidates_jobcenter_id ON candidates (jobcenter, id);
      CREATE INDEX candidates_cpr_hash ON candidates (cpr_hash, jobcenter) WHERE cpr_hash IS NOT NULL;

      CREATE TABLE job_orders (
        id TEXT COLLATE "C" PRIMARY KEY,
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
        id TEXT COLLATE "C" PRIMARY KEY,
        -- Breaks ties between lists created in the same millisecond (SQLite's rowid).
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        job_order_id TEXT NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        scope TEXT NOT NULL,
        size INTEGER NOT NULL,
        strategy TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        completed_at TEXT,
        candidates_considered INTEGER NOT NULL DEFAULT 0,
        entries_json JSONB NOT NULL DEFAULT '[]',
        near_misses_json JSONB NOT NULL DEFAULT '[]',
        error TEXT,
        effective_scope TEXT,
        widened BOOLEAN
      );
      CREATE INDEX shortlists_job_order ON shortlists (job_order_id, created_at, seq);
      CREATE INDEX shortlists_unfinished ON shortlists (created_at, seq) WHERE status IN ('queued', 'running');

      CREATE TABLE import_runs (
        id TEXT COLLATE "C" PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('candidates', 'job-orders')),
        source TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'interrupted')),
        jobcenter TEXT,
        owner TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        imported INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        incomplete INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        errors_json JSONB NOT NULL DEFAULT '[]'
      );
      CREATE INDEX import_runs_running ON import_runs (status) WHERE status = 'running';

      CREATE TABLE import_rejections (
        run_id TEXT NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        external_id TEXT,
        reason TEXT NOT NULL,
        errors_json JSONB NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
    `,
  },
  ...CANDIDATE_CHANGES_MIGRATIONS,
  ...WORKFLOW_MIGRATIONS,
  ...WEB_MIGRATIONS,
];

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
 * Brings the schema up to the newest known version; running it again does nothing. Several hosts start at once
 * against one database, so the whole check-and-apply runs under an advisory lock (keyed by schema, so separate
 * schemas migrate independently) on one connection; the pending migrations apply in one transaction, so a
 * failure leaves the version it had. Returns the versions applied now.
 */
export async function migrate(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  checkOrder(migrations);
  const known = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  const lock = "hashtext('vikarmatch schema migrations ' || current_schema())";
  try {
    await client.query(`SELECT pg_advisory_lock(${lock})`);
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`);
      const { rows } = await client.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM schema_migrations',
      );
      const current = rows[0]?.v ?? 0;
      if (current > known) {
        throw new Error(
          `the PostgreSQL database has schema version ${current}, but this version of Vikarmatch only knows ` +
            `migrations up to version ${known}: it was written by a newer release. Upgrade Vikarmatch; the ` +
            'database was left untouched.',
        );
      }
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
      return applied;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${lock})`);
    }
  } finally {
    client.release();
  }
}
