import type { Stores } from '../../ports/stores.ts';
import { PostgresAccessStore } from './access-store.ts';
import { PostgresAuditLog } from './audit-log.ts';
import { PostgresBundleStore } from './bundle-store.ts';
import { PostgresCandidacyStore } from './candidacy-store.ts';
import { PostgresCandidateStore } from './candidate-store.ts';
import { PostgresDatabase, type PostgresOptions } from './connection.ts';
import { PostgresContactReleaseStore } from './contact-release-store.ts';
import { PostgresCandidateErasure } from './erasure.ts';
import { PostgresImportRunStore } from './import-run-store.ts';
import { PostgresJobOrderStore } from './job-order-store.ts';
import { PostgresOverviewReadModel } from './overview-read-model.ts';
import { PostgresPlacementStore } from './placement-store.ts';
import { PostgresPoolStore } from './pool-store.ts';
import { PostgresSessionStore } from './session-store.ts';
import { PostgresShortlistStore } from './shortlist-store.ts';
import { PostgresStatsReadModel } from './stats-read-model.ts';

/** Every port has a PostgreSQL store now: the same shape as the SQLite family's. */
export type PostgresStores = Stores;

/** Every store on one pool. Call database.migrate() before using a store. */
export function openPostgresStores(options: PostgresOptions & { cprKey: Buffer }): {
  stores: Stores;
  database: PostgresDatabase;
} {
  const database = new PostgresDatabase(options);
  return {
    database,
    stores: {
      candidates: new PostgresCandidateStore(database, options.cprKey),
      jobOrders: new PostgresJobOrderStore(database),
      shortlists: new PostgresShortlistStore(database),
      importRuns: new PostgresImportRunStore(database),
      candidacies: new PostgresCandidacyStore(database),
      bundles: new PostgresBundleStore(database),
      pools: new PostgresPoolStore(database),
      placements: new PostgresPlacementStore(database),
      audit: new PostgresAuditLog(database),
      contactReleases: new PostgresContactReleaseStore(database),
      access: new PostgresAccessStore(database),
      stats: new PostgresStatsReadModel(database),
      erasure: new PostgresCandidateErasure(database),
      sessions: new PostgresSessionStore(database),
      overview: new PostgresOverviewReadModel(database),
    },
  };
}
