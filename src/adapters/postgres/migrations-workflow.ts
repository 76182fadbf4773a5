import type { Migration } from './migration.ts';

/**
 * Access (jobcentre, API tokens), the workflow (candidacies and their steps), CV bundles with their PDF, pools,
 * placements and the audit log: the tables SQLite reached by its version 20, in one step. Spread into MIGRATIONS.
 * As on SQLite, candidate ids here are plain text, not foreign keys: erasure replaces them with an anonymous id so
 * the counts behind the statistics survive while the link to the person does not. Generated ids are BIGINT
 * identities (SQLite's AUTOINCREMENT): they order a history and the audit log. The ids and timestamps that lists
 * are sorted by collate as bytes ("C"), so every order matches SQLite's whatever the database's default collation.
 */
export const WORKFLOW_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'access, workflow, bundles, pools, placements, audit',
    sql: `
      CREATE TABLE jobcentre (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE api_tokens (
        id TEXT COLLATE "C" PRIMARY KEY,
        -- Breaks ties between tokens created in the same millisecond (SQLite's rowid).
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        -- SHA-256 of the clear token: the clear token is shown once and never stored.
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'konsulent', 'virksomhed')),
        jobcenter TEXT,
        job_order_id TEXT,
        bundle_id TEXT,
        national_scope BOOLEAN NOT NULL DEFAULT false,
        label TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C",
        revoked_at TEXT,
        last_used_at TEXT
      );
      CREATE INDEX api_tokens_jobcenter ON api_tokens (jobcenter, created_at);
      CREATE INDEX api_tokens_bundle ON api_tokens (bundle_id) WHERE bundle_id IS NOT NULL;

      CREATE TABLE workflow_entries (
        job_order_id TEXT COLLATE "C" NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        candidate_id TEXT COLLATE "C" NOT NULL,
        home_jobcenter TEXT NOT NULL,
        order_jobcenter TEXT NOT NULL,
        state TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('shortlist', 'company_proposal')),
        first_shortlist_id TEXT,
        decline_reason TEXT,
        company_reason TEXT,
        note TEXT,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (job_order_id, candidate_id)
      );
      CREATE INDEX workflow_entries_candidate ON workflow_entries (candidate_id);
      CREATE INDEX workflow_entries_home ON workflow_entries (home_jobcenter);
      CREATE INDEX workflow_entries_order_jc ON workflow_entries (order_jobcenter);

      CREATE TABLE workflow_events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_order_id TEXT COLLATE "C" NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        candidate_id TEXT COLLATE "C" NOT NULL,
        order_jobcenter TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        reason TEXT,
        note TEXT,
        actor_token_id TEXT NOT NULL,
        actor_label TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX workflow_events_entry ON workflow_events (job_order_id, candidate_id, id);
      CREATE INDEX workflow_events_candidate ON workflow_events (candidate_id);
      CREATE INDEX workflow_events_order_jc ON workflow_events (order_jobcenter);

      CREATE TABLE bundles (
        id TEXT COLLATE "C" PRIMARY KEY,
        job_order_id TEXT COLLATE "C" NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        jobcenter TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'rendering', 'done', 'failed', 'erased')),
        candidate_ids_json JSONB NOT NULL,
        token_id TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        completed_at TEXT,
        error TEXT,
        -- In the database, not on a host's disk: every API host serves every bundle.
        pdf BYTEA,
        pdf_bytes INTEGER
      );
      CREATE INDEX bundles_job_order ON bundles (job_order_id, created_at);
      -- Which bundles hold a person: an access request's export, and erasure.
      CREATE INDEX bundles_candidate_ids ON bundles USING gin (candidate_ids_json jsonb_path_ops);
      CREATE INDEX bundles_unfinished ON bundles (created_at, id) WHERE status IN ('queued', 'rendering');

      CREATE TABLE contact_releases (
        candidate_id TEXT NOT NULL,
        to_jobcenter TEXT NOT NULL,
        released_by TEXT NOT NULL,
        released_at TEXT NOT NULL,
        PRIMARY KEY (candidate_id, to_jobcenter)
      );

      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        actor_token_id TEXT NOT NULL,
        actor_label TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        actor_jobcenter TEXT,
        action TEXT NOT NULL,
        candidate_id TEXT,
        home_jobcenter TEXT,
        job_order_id TEXT,
        bundle_id TEXT,
        detail TEXT
      );
      CREATE INDEX audit_log_candidate ON audit_log (candidate_id, id);
      CREATE INDEX audit_log_home ON audit_log (home_jobcenter, id);

      CREATE TABLE pools (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE pool_members (
        pool_id TEXT COLLATE "C" NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
        jobcenter TEXT COLLATE "C" NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (pool_id, jobcenter)
      );
      CREATE INDEX pool_members_jobcenter ON pool_members (jobcenter);

      CREATE TABLE placements (
        id TEXT COLLATE "C" PRIMARY KEY,
        job_order_id TEXT COLLATE "C" NOT NULL,
        candidate_id TEXT COLLATE "C" NOT NULL,
        home_jobcenter TEXT NOT NULL,
        order_jobcenter TEXT NOT NULL,
        outcome TEXT,
        reason TEXT,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (job_order_id, candidate_id)
      );
      CREATE INDEX placements_home ON placements (home_jobcenter);
      CREATE INDEX placements_order_jc ON placements (order_jobcenter);
      CREATE INDEX placements_candidate ON placements (candidate_id);

      CREATE TABLE placement_outcomes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        placement_id TEXT COLLATE "C" NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
        outcome TEXT NOT NULL,
        date TEXT NOT NULL,
        reason TEXT,
        note TEXT,
        actor_token_id TEXT NOT NULL,
        actor_label TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX placement_outcomes_placement ON placement_outcomes (placement_id, id);
    `,
  },
];
