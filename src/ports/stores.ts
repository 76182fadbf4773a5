import type { AccessStore } from './access.ts';
import type { AuditLog } from './audit.ts';
import type { BundleStore } from './bundles.ts';
import type { CandidacyStore } from './candidacies.ts';
import type { CandidateStore } from './candidates.ts';
import type { ContactReleaseStore } from './contact-releases.ts';
import type { CandidateErasure } from './erasure.ts';
import type { ImportRunStore } from './import-runs.ts';
import type { JobOrderStore } from './job-orders.ts';
import type { OverviewReadModel } from './overview.ts';
import type { PlacementStore } from './placements.ts';
import type { PoolStore } from './pools.ts';
import type { SessionStore } from './sessions.ts';
import type { ShortlistStore } from './shortlists.ts';
import type { StatsReadModel } from './stats.ts';

/**
 * The system of record, one store per aggregate, all on one database (so a store may read another's tables in a
 * query, as the read models do). One adapter family implements all of them: SQLite embedded, PostgreSQL for
 * scale; test/ports/*.contract.ts run against each.
 */
export interface Stores {
  candidates: CandidateStore;
  jobOrders: JobOrderStore;
  shortlists: ShortlistStore;
  importRuns: ImportRunStore;
  candidacies: CandidacyStore;
  bundles: BundleStore;
  pools: PoolStore;
  placements: PlacementStore;
  audit: AuditLog;
  contactReleases: ContactReleaseStore;
  access: AccessStore;
  stats: StatsReadModel;
  erasure: CandidateErasure;
  sessions: SessionStore;
  overview: OverviewReadModel;
}

/** The database under the stores: schema, readiness and shutdown. */
export interface StoreDatabase {
  /** Creates or upgrades the schema; idempotent. Stores answer only after it ran. */
  migrate(): Promise<void>;
  /** A cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
