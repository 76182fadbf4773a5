import type { Stores } from '../../ports/stores.ts';
import { PostgresCandidateStore } from './candidate-store.ts';
import { PostgresDatabase, type PostgresOptions } from './connection.ts';
import { PostgresImportRunStore } from './import-run-store.ts';
import { PostgresJobOrderStore } from './job-order-store.ts';
import { PostgresShortlistStore } from './shortlist-store.ts';

/** The stores this adapter family implements so far; the others are still SQLite-only. */
export type PostgresStores = Pick<Stores, 'candidates' | 'jobOrders' | 'shortlists' | 'importRuns'>;

/** Every PostgreSQL store on one pool. Call database.migrate() before using a store. */
export function openPostgresStores(options: PostgresOptions & { cprKey: Buffer }): {
  stores: PostgresStores;
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
    },
  };
}
