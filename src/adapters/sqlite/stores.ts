import type { Stores } from '../../ports/stores.ts';
import { SqliteAccessStore } from './access-store.ts';
import { SqliteAuditLog } from './audit-log.ts';
import { SqliteBundleStore } from './bundle-store.ts';
import { SqliteCandidacyStore } from './candidacy-store.ts';
import { SqliteCandidateStore } from './candidate-store.ts';
import { SqliteDatabase } from './connection.ts';
import { SqliteContactReleaseStore } from './contact-release-store.ts';
import { SqliteCandidateErasure } from './erasure.ts';
import { SqliteImportRunStore } from './import-run-store.ts';
import { SqliteJobOrderStore } from './job-order-store.ts';
import { SqliteOverviewReadModel } from './overview-read-model.ts';
import { SqlitePlacementStore } from './placement-store.ts';
import { SqlitePoolStore } from './pool-store.ts';
import { SqliteSessionStore } from './session-store.ts';
import { SqliteShortlistStore } from './shortlist-store.ts';
import { SqliteStatsReadModel } from './stats-read-model.ts';

export interface SqliteStoresOptions {
  /** A path, or ':memory:' (unit tests of other modules only: WAL and durability need a file). */
  file: string;
  /** Secret for the keyed CPR hash. */
  cprKey: Buffer;
}

/**
 * Every store on one SQLite file and one connection. The stores answer only after `database.migrate()`; the
 * connection is there for the change feed, which reads the same file.
 */
export function openSqliteStores(opts: SqliteStoresOptions): { database: SqliteDatabase; stores: Stores } {
  const database = new SqliteDatabase(opts.file);
  try {
    const candidates = new SqliteCandidateStore(database, opts.cprKey);
    return {
      database,
      stores: {
        candidates,
        jobOrders: new SqliteJobOrderStore(database),
        shortlists: new SqliteShortlistStore(database),
        importRuns: new SqliteImportRunStore(database),
        candidacies: new SqliteCandidacyStore(database),
        bundles: new SqliteBundleStore(database),
        pools: new SqlitePoolStore(database),
        placements: new SqlitePlacementStore(database),
        audit: new SqliteAuditLog(database),
        contactReleases: new SqliteContactReleaseStore(database),
        access: new SqliteAccessStore(database),
        stats: new SqliteStatsReadModel(database),
        erasure: new SqliteCandidateErasure(database),
        sessions: new SqliteSessionStore(database),
        overview: new SqliteOverviewReadModel(database),
      },
    };
  } catch (error) {
    database.connection.close();
    throw error;
  }
}
