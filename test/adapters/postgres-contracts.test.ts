import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/adapters/postgres/connection.ts';
import { MIGRATIONS } from '../../src/adapters/postgres/migrations.ts';
import { openPostgresStores } from '../../src/adapters/postgres/stores.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { candidateStoreContract } from '../ports/candidates.contract.ts';
import { storeDatabaseContract } from '../ports/database.contract.ts';
import type { OpenedStores, StoresFactory } from '../ports/harness.ts';
import { importRunStoreContract } from '../ports/import-runs.contract.ts';
import { jobOrderStoreContract } from '../ports/job-orders.contract.ts';
import { shortlistStoreContract } from '../ports/shortlists.contract.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');

const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

/** A store this adapter family does not have yet: any use says so instead of passing a contract by accident. */
function notYet<K extends keyof Stores>(name: K): Stores[K] {
  return new Proxy({} as Stores[K], {
    get(_target, property) {
      if (property === 'then') return undefined;
      throw new Error(`not implemented on PostgreSQL yet: stores.${name}.${String(property)}`);
    },
  });
}

let server: TestPostgres | undefined;
let databaseUrl = '';
const schemas = new WeakMap<OpenedStores, string>();

/** Every test gets a schema of its own in one database of the throwaway server, dropped after it. */
const postgres: StoresFactory = {
  async open() {
    if (!server) throw new Error('the PostgreSQL server did not start');
    const schema = await server.createSchema(databaseUrl);
    const { stores, database } = openPostgresStores({
      connectionString: databaseUrl,
      schema,
      poolSize: 4,
      cprKey: CPR_KEY,
    });
    await database.migrate();
    const opened: OpenedStores = {
      database,
      stores: {
        ...stores,
        candidacies: notYet('candidacies'),
        bundles: notYet('bundles'),
        pools: notYet('pools'),
        placements: notYet('placements'),
        audit: notYet('audit'),
        contactReleases: notYet('contactReleases'),
        access: notYet('access'),
        stats: notYet('stats'),
        erasure: notYet('erasure'),
        sessions: notYet('sessions'),
        overview: notYet('overview'),
      },
    };
    schemas.set(opened, schema);
    return opened;
  },
  async cleanup(opened) {
    await opened.database.close();
    const schema = schemas.get(opened);
    if (server && schema) await server.dropSchema(schema, databaseUrl);
  },
};

if (unavailable) {
  describe.skip(`PostgreSQL contracts (${unavailable})`, () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  beforeAll(async () => {
    server = await startPostgres();
    databaseUrl = await server.createDatabase();
  });
  afterAll(async () => {
    await server?.stop();
  });

  storeDatabaseContract('postgres', postgres);
  candidateStoreContract('postgres', postgres);
  jobOrderStoreContract('postgres', postgres);
  shortlistStoreContract('postgres', postgres);
  importRunStoreContract('postgres', postgres);

  describe('PostgreSQL migrations', () => {
    it('apply once when several hosts start against one empty database at the same moment', async () => {
      const schema = await server!.createSchema(databaseUrl);
      const hosts = Array.from(
        { length: 4 },
        () => new PostgresDatabase({ connectionString: databaseUrl, schema, poolSize: 1 }),
      );
      try {
        await Promise.all(hosts.map((h) => h.migrate()));
        const { rows } = await hosts[0]!.pool.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await Promise.all(hosts.map((h) => h.close()));
        await server!.dropSchema(schema, databaseUrl);
      }
    });

    it('take a rejection cursor past any int4 position as SQLite does: an empty page, not an error', async () => {
      const opened = await postgres.open();
      try {
        const run = await opened.stores.importRuns.start('candidates', 'x.csv');
        const after = Buffer.from('r999999999999999', 'utf8').toString('base64url');
        await expect(opened.stores.importRuns.rejections(run.id, { limit: 5, after })).resolves.toEqual({
          items: [],
          next: null,
        });
      } finally {
        await postgres.cleanup!(opened);
      }
    });

    it('refuse to use a store before migrate()', async () => {
      const { stores, database } = openPostgresStores({ connectionString: databaseUrl, cprKey: CPR_KEY });
      try {
        await expect(stores.candidates.get('x')).rejects.toThrow(/call migrate\(\) before using a store/);
      } finally {
        await database.close();
      }
    });
  });
}
