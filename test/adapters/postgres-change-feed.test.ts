import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeCandidateBatch } from '../../indexer/import.ts';
import { validateCandidate } from '../../indexer/validate.ts';
import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { PostgresCandidateChanges } from '../../src/adapters/postgres/candidate-changes.ts';
import type { PostgresDatabase } from '../../src/adapters/postgres/connection.ts';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/postgres/stores.ts';
import { generateCandidates } from '../../src/demo/generate.ts';
import { IndexFollower } from '../../src/index-follower.ts';
import type { CandidateIndex } from '../../src/ports/candidate-index.ts';
import type { CandidateWrite } from '../../src/ports/candidates.ts';
import { rebuildIndex } from '../../workers/reindex.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { waitFor } from '../support/wait.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');
const TODAY = '2026-11-23';
const unavailable = postgresUnavailable();

let server: TestPostgres | undefined;
let databaseUrl = '';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function writes(count: number, seed: number): CandidateWrite[] {
  return [...generateCandidates(count, { seed, today: TODAY, jobcentre: ['751'] })].map((raw) => {
    const v = validateCandidate({ ...raw, externalId: `s${seed}-${raw.externalId}` });
    if (!v.ok) throw new Error(v.reason);
    return v.value;
  });
}

/** What one host holds: its own pool, its own index following the feed over its own connections. */
interface Host {
  stores: PostgresStores;
  database: PostgresDatabase;
  index: EmbeddedCandidateIndex;
  follower: IndexFollower;
  /** The index as the host's writers (API, importer) use it. */
  writer: CandidateIndex;
  listenerPid(): Promise<number | undefined>;
}

async function host(schema: string, name: string): Promise<Host> {
  const { stores, database } = openPostgresStores({
    connectionString: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${name}`,
    schema,
    poolSize: 3,
    cprKey: CPR_KEY,
  });
  await database.migrate();
  const index = new EmbeddedCandidateIndex();
  const follower = new IndexFollower(index, new PostgresCandidateChanges(database), () =>
    rebuildIndex(stores.candidates, index),
  );
  await follower.rebuild();
  await follower.follow();
  cleanups.push(async () => {
    await follower.stop();
    await database.close();
  });
  return {
    stores,
    database,
    index,
    follower,
    writer: follower.writer,
    async listenerPid() {
      const { rows } = await database.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
        [name],
      );
      return rows[0]?.pid;
    },
  };
}

/** Every candidate id a shortlist over all of Denmark could retrieve from this index. */
async function retrievable(index: CandidateIndex): Promise<Set<string>> {
  const { candidates } = await index.retrieve({
    location: { lat: 56, lon: 10.5 },
    radiusKm: 1000,
    homeJobcentre: ['751'],
    sharingJobcentre: '*',
    terms: [],
    limit: 1_000_000,
  });
  const ids = new Set<string>();
  for (const c of candidates) ids.add(c.id);
  return ids;
}

let adminPool: pg.Pool | undefined;
/** A connection outside every host, as an operator's psql. */
const admin = (): pg.Pool => {
  adminPool ??= new pg.Pool({ connectionString: databaseUrl, max: 1 });
  return adminPool;
};

const searchableIn = (h: Host) => h.stores.candidates.count({ searchable: true, incomplete: false });

describe.skipIf(unavailable)('PostgreSQL change feed across processes', () => {
  beforeAll(async () => {
    server = await startPostgres();
    databaseUrl = await server.createDatabase();
  });
  afterAll(async () => {
    await adminPool?.end();
    await server?.stop();
  });

  it('brings a write and an erasure made on one host into the other host before its next shortlist', async () => {
    const schema = await server!.createSchema(databaseUrl);
    const a = await host(schema, 'host_a');
    const b = await host(schema, 'host_b');

    await writeCandidateBatch({ stores: a.stores, index: a.writer }, writes(120, 21));
    // B follows on its own, woken by the notification: no catch-up called.
    await waitFor(
      async () => (await b.index.count()) === (await searchableIn(a)) || undefined,
      10_000,
      'host B to follow the import on host A',
    );
    const before = await retrievable(b.index);
    expect(before.size).toBeGreaterThan(0);

    // Erasure on A (Store, then A's own index, as the API does); B catches up as a shortlist job does first.
    const erased = [...before][0]!;
    expect(await a.stores.candidates.delete(erased)).toBe(true);
    await a.writer.remove([erased]);
    await b.follower.catchUp();
    expect((await retrievable(b.index)).has(erased)).toBe(false);
    expect((await retrievable(a.index)).has(erased)).toBe(false);
    expect(await b.index.count()).toBe(await searchableIn(a));
    // A skipped its own writes: nothing of them left to apply.
    expect(await a.follower.catchUp()).toBe(0);
  });

  it('catches up from its last position after it was down, and after its LISTEN connection was killed', async () => {
    const schema = await server!.createSchema(databaseUrl);
    const a = await host(schema, 'host_c');
    const b = await host(schema, 'host_d');
    await writeCandidateBatch({ stores: a.stores, index: a.writer }, writes(30, 22));
    await waitFor(async () => (await b.index.count()) === (await searchableIn(a)) || undefined);

    // B stops listening: the notifications of these writes go nowhere.
    await b.follower.stop();
    const downWrites = writes(25, 23);
    await writeCandidateBatch({ stores: a.stores, index: a.writer }, downWrites);
    const gone = (await a.stores.candidates.find(downWrites[0]!.jobcenter, downWrites[0]!.externalId))!;
    await a.stores.candidates.delete(gone.id);
    expect(await b.index.count()).toBeLessThan(await searchableIn(a));
    // Back up: it reads from where it stopped, without waiting for a new write.
    await b.follower.follow();
    await waitFor(
      async () => (await b.index.count()) === (await searchableIn(a)) || undefined,
      10_000,
      'host B to catch up after being down',
    );
    expect((await retrievable(b.index)).has(gone.id)).toBe(false);

    // The server drops B's LISTEN connection: B reconnects by itself and still sees the next writes.
    const pid = await waitFor(() => b.listenerPid(), 5_000, "B's LISTEN connection");
    const { rows } = await admin().query('SELECT pg_terminate_backend($1) AS done', [pid]);
    expect(rows[0]).toEqual({ done: true });
    await waitFor(async () => ((await b.listenerPid()) ?? pid) !== pid || undefined, 10_000, 'a new LISTEN');
    await writeCandidateBatch({ stores: a.stores, index: a.writer }, writes(10, 24));
    await waitFor(
      async () => (await b.index.count()) === (await searchableIn(a)) || undefined,
      10_000,
      'host B to follow after its LISTEN connection was replaced',
    );
  });

  it('survives the server dropping idle pooled connections: the next query opens a new one', async () => {
    const schema = await server!.createSchema(databaseUrl);
    const a = await host(schema, 'host_e');
    await a.stores.candidates.count();
    expect(a.database.pool.totalCount).toBeGreaterThan(0);
    const { rowCount } = await admin().query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'host_e' AND query NOT LIKE 'LISTEN%'`,
    );
    expect(rowCount).toBeGreaterThan(0);
    // Without an 'error' listener on the pool, the dropped idle connections end the whole process here.
    await waitFor(() => a.database.pool.totalCount === 0 || undefined, 5_000, 'the pool to drop them');
    await expect(a.stores.candidates.count()).resolves.toBeGreaterThanOrEqual(0);
  });
});
