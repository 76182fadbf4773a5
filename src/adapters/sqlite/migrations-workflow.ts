import type { Migration } from './migration.ts';

/**
 * Workflow, CV bundles, pools, outcomes and the audit log. Append-only like MIGRATIONS; spread into it.
 * Candidate ids in these tables are plain text, not foreign keys: erasure replaces them with an anonymous id so
 * the counts behind the statistics survive while the link to the person does not.
 */
export const WORKFLOW_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'workflow, bundles, pools, outcomes, audit',
    sql: `
      ALTER TABLE shortlists ADD COLUMN effective_scope TEXT;
      ALTER TABLE shortlists ADD COLUMN widened INTEGER;

      CREATE TABLE workflow_entries (
        job_order_id TEXT NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        candidate_id TEXT NOT NULL,
        home_jobcenter TEXT NOT NULL,
        order_jobcenter TEXT NOT NULL,
        state TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('shortlist', 'company_proposal')),
        first_shortlist_id TEXT,
        decline_reason TEXT,
        company_reason TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (job_order_id, candidate_id)
      );
      CREATE INDEX workflow_entries_candidate ON workflow_entries (candidate_id);
      CREATE INDEX workflow_entries_home ON workflow_entries (home_jobcenter);
      CREATE INDEX workflow_entries_order_jc ON workflow_entries (order_jobcenter);

      CREATE TABLE workflow_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_order_id TEXT NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        candidate_id TEXT NOT NULL,
        order_jobcenter TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        reason TEXT,
        note TEXT,
        actor_token_id TEXT NOT NULL,
        actor_label TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX workflow_events_entry ON workflow_events (job_order_id, candidate_id, id);
      CREATE INDEX workflow_events_candidate ON workflow_events (candidate_id);

      CREATE TABLE bundles (
        id TEXT PRIMARY KEY,
        job_order_id TEXT NOT NULL REFERENCES job_orders (id) ON DELETE CASCADE,
        jobcenter TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'rendering', 'done', 'failed', 'erased')),
        candidate_ids_json TEXT NOT NULL,
        token_id TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        completed_at TEXT,
        error TEXT,
        pdf BLOB,
        pdf_bytes INTEGER
      );
      CREATE INDEX bundles_job_order ON bundles (job_order_id, created_at);

      CREATE TABLE contact_releases (
        candidate_id TEXT NOT NULL,
        to_jobcenter TEXT NOT NULL,
        released_by TEXT NOT NULL,
        released_at TEXT NOT NULL,
        PRIMARY KEY (candidate_id, to_jobcenter)
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE pool_members (
        pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
        jobcenter TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (pool_id, jobcenter)
      );
      CREATE INDEX pool_members_jobcenter ON pool_members (jobcenter);

      CREATE TABLE placements (
        id TEXT PRIMARY KEY,
        job_order_id TEXT NOT NULL,
        candidate_id TEXT NOT NULL,
        home_jobcenter TEXT NOT NULL,
        order_jobcenter TEXT NOT NULL,
        outcome TEXT,
        reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (job_order_id, candidate_id)
      );
      CREATE INDEX placements_home ON placements (home_jobcenter);
      CREATE INDEX placements_order_jc ON placements (order_jobcenter);
      CREATE INDEX placements_candidate ON placements (candidate_id);

      CREATE TABLE placement_outcomes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        placement_id TEXT NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
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
