import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCandidateChanges } from '../../src/adapters/postgres/candidate-changes.ts';
import { PostgresDatabase } from '../../src/adapters/postgres/connection.ts';
import { MIGRATIONS } from '../../src/adapters/postgres/migrations.ts';
import { openPostgresStores } from '../../src/adapters/postgres/stores.ts';
import { InvalidOutcomeError, InvalidTransitionError } from '../../src/domain/workflow.ts';
import { accessStoreContract } from '../ports/access.contract.ts';
import { auditLogContract } from '../ports/audit.contract.ts';
import { bundleStoreContract } from '../ports/bundles.contract.ts';
import { anOrder, candidacyStoreContract, KONSULENT } from '../ports/candidacies.contract.ts';
import { candidateStoreContract } from '../ports/candidates.contract.ts';
import { candidateChangeFeedContract } from '../ports/change-feed.contract.ts';
import { contactReleaseStoreContract } from '../ports/contact-releases.contract.ts';
import { storeDatabaseContract } from '../ports/database.contract.ts';
import { candidateErasureContract } from '../ports/erasure.contract.ts';
import { candidateWrite } from '../ports/fixtures.ts';
import type { OpenedStores, StoresFactory } from '../ports/harness.ts';
import { importRunStoreContract } from '../ports/import-runs.contract.ts';
import { jobOrderStoreContract } from '../ports/job-orders.contract.ts';
import { overviewReadModelContract } from '../ports/overview.contract.ts';
import { chosenCandidacy, placementStoreContract } from '../ports/placements.contract.ts';
import { poolStoreContract } from '../ports/pools.contract.ts';
import { sessionStoreContract } from '../ports/sessions.contract.ts';
import { shortlistStoreContract } from '../ports/shortlists.contract.ts';
import { statsReadModelContract } from '../ports/stats.contract.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');

const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

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
    const opened: OpenedStores = { database, stores };
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
  candidateChangeFeedContract('postgres', {
    ...postgres,
    feed: (opened) => new PostgresCandidateChanges(opened.database as PostgresDatabase),
  });
  candidacyStoreContract('postgres', postgres);
  bundleStoreContract('postgres', postgres);
  poolStoreContract('postgres', postgres);
  placementStoreContract('postgres', postgres);
  auditLogContract('postgres', postgres);
  contactReleaseStoreContract('postgres', postgres);
  accessStoreContract('postgres', postgres);
  statsReadModelContract('postgres', postgres);
  candidateErasureContract('postgres', postgres);
  sessionStoreContract('postgres', postgres);
  overviewReadModelContract('postgres', postgres);

  describe('PostgreSQL stores on two hosts at once', () => {
    /** Two processes' worth of stores (a pool each) on one schema, and a bare client for what no store does. */
    async function twoHosts() {
      const schema = await server!.createSchema(databaseUrl);
      const open = async () => {
        const host = openPostgresStores({
          connectionString: databaseUrl,
          schema,
          poolSize: 4,
          cprKey: CPR_KEY,
        });
        await host.database.migrate();
        return host;
      };
      const a = await open();
      const b = await open();
      const raw = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
      await raw.connect();
      return {
        a: a.stores,
        b: b.stores,
        raw,
        async close() {
          await raw.end();
          await a.database.close();
          await b.database.close();
          await server!.dropSchema(schema, databaseUrl);
        },
      };
    }

    it('let one of several simultaneous steps of one candidacy win; the others see the state it left', async () => {
      const { a, b, close } = await twoHosts();
      try {
        const order = await anOrder(a);
        await a.candidacies.syncShortlist({
          shortlistId: 's-1',
          jobOrderId: order,
          orderJobcenter: '751',
          entries: [{ candidateId: 'c-1', jobcenter: '751' }],
        });
        const steps = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? a : b).candidacies.transition(order, 'c-1', { to: 'contacted' }, KONSULENT),
          ),
        );
        expect(steps.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        for (const s of steps) {
          if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(InvalidTransitionError);
        }
        expect(await b.candidacies.history(order, 'c-1')).toHaveLength(1);
      } finally {
        await close();
      }
    });

    it('record one placement and one first outcome when two hosts send it at once', async () => {
      const { a, b, close } = await twoHosts();
      try {
        const order = await anOrder(a);
        await chosenCandidacy(a, order, 'c-1');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? a : b).placements.recordOutcome({
              jobOrderId: order,
              candidateId: 'c-1',
              request: { outcome: 'started' },
              actor: KONSULENT,
            }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(InvalidOutcomeError);
        }
        expect((await b.placements.get(order, 'c-1'))?.outcomes).toHaveLength(1);
      } finally {
        await close();
      }
    });

    it('redo a batch row by row when another host inserts one of its new keys while it runs', async () => {
      const { b, raw, close } = await twoHosts();
      try {
        const raced = candidateWrite({ name: 'Kapløb Person' });
        const fresh = candidateWrite();
        // Another host's import, not yet committed, holds the key the batch is about to insert.
        await raw.query('BEGIN');
        await raw.query(
          `INSERT INTO candidates (id, jobcenter, external_id, external_id_fold, searchable, incomplete,
             candidate_json, facts_json, incomplete_json, content_hash, created_at, updated_at)
           VALUES ('00000000-0000-7000-8000-000000000001', $1, $2, $3, true, false, '{}', '{}', '[]', 'other',
             '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
          [raced.jobcenter, raced.externalId, raced.externalId.toLowerCase()],
        );
        const batch = b.candidates.upsert([raced, fresh]);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await raw.query(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
          );
          if (rows.length > 0) break;
          if (Date.now() > deadline) throw new Error('the batch never waited for the other insert');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await raw.query('COMMIT');
        const results = await batch;
        expect(results.map((r) => r.status)).toEqual(['updated', 'created']);
        expect(results[0]!.id).toBe('00000000-0000-7000-8000-000000000001');
        expect((await b.candidates.get(results[0]!.id))?.candidate.name).toBe('Kapløb Person');
        expect(await b.candidates.get(results[1]!.id)).toBeDefined();
        expect(await b.candidates.count()).toBe(2);
      } finally {
        await close();
      }
    });

    it('create each candidate once when two hosts import the same new batch at once', async () => {
      const { a, b, close } = await twoHosts();
      try {
        const batch = Array.from({ length: 40 }, () => candidateWrite());
        const [fromA, fromB] = await Promise.all([a.candidates.upsert(batch), b.candidates.upsert(batch)]);
        expect(await a.candidates.count()).toBe(40);
        batch.forEach((_, i) => {
          expect(fromA[i]!.id).toBe(fromB[i]!.id);
          expect([fromA[i]!.status, fromB[i]!.status].sort()).toEqual(['created', 'unchanged']);
        });
      } finally {
        await close();
      }
    });
  });

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
