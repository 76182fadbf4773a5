import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashCpr } from '../../src/adapters/shared/cpr-hash.ts';
import type { SqliteDatabase } from '../../src/adapters/sqlite/connection.ts';
import { MIGRATIONS, migrate, SchemaTooNewError } from '../../src/adapters/sqlite/migrations.ts';
import { openSqliteStores } from '../../src/adapters/sqlite/stores.ts';
import type { CandidateWrite } from '../../src/ports/candidates.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { candidateWrite, jobOrderInputFixture, OTHER_TEST_CPR, TEST_CPR } from '../ports/fixtures.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');

const dirs: string[] = [];
const opened = new Set<SqliteDatabase>();

/** One file's stores and the database under them, as the composition root opens them. */
interface Opened {
  stores: Stores;
  database: SqliteDatabase;
}

function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-'));
  dirs.push(dir);
  return path.join(dir, 'vikarmatch.db');
}

function open(file: string, cprKey = CPR_KEY): Opened {
  const store = openSqliteStores({ file, cprKey });
  opened.add(store.database);
  return store;
}

async function openMigrated(file = tmpFile()): Promise<Opened> {
  const store = open(file);
  await store.database.migrate();
  return store;
}

afterEach(async () => {
  for (const database of opened) await database.close();
  opened.clear();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite stores on a file', () => {
  it('keeps its data across close and reopen', async () => {
    const file = tmpFile();
    const first = await openMigrated(file);
    const w = candidateWrite({ cpr: TEST_CPR });
    const [written] = await first.stores.candidates.upsert([w]);
    await first.database.close();

    const second = await openMigrated(file);
    const found = await second.stores.candidates.find(w.jobcenter, w.externalId);
    expect(found?.id).toBe(written!.id);
    expect(found?.candidate).toEqual(w.candidate);
    expect(await second.stores.candidates.hasCpr(w.jobcenter, TEST_CPR)).toBe(true);
    expect(await second.stores.candidates.upsert([w])).toEqual([{ id: written!.id, status: 'unchanged' }]);
  });

  it('runs in WAL mode', async () => {
    const file = tmpFile();
    await openMigrated(file);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });

  it('records each migration once', async () => {
    const file = tmpFile();
    const { database } = await openMigrated(file);
    await database.migrate();
    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      raw.close();
    }
  });

  it('refuses a database written by a newer version, and leaves it untouched', async () => {
    const file = tmpFile();
    const { stores, database } = await openMigrated(file);
    await stores.candidates.upsert([candidateWrite()]);
    await database.close();
    const future = MIGRATIONS.at(-1)!.version + 1;
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(future, 'from the future', new Date().toISOString());
    raw.close();

    const again = open(file);
    const refusal = again.database.migrate();
    await expect(refusal).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `schema version ${future}.*only knows migrations up to version ${future - 1}.*newer release`,
      ),
    );
    await again.database.close();
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT count(*) AS n FROM candidates').get()).toEqual({ n: 1 });
      expect(check.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: future });
    } finally {
      check.close();
    }
  });

  it('tells the caller to migrate first', async () => {
    const { stores, database } = open(tmpFile());
    await expect(stores.candidates.get('x')).rejects.toThrow(/migrate\(\)/);
    await expect(stores.candidates.list({}, { limit: 1 })).rejects.toThrow(/migrate\(\)/);
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it('rejects a bad cursor or limit', async () => {
    const { stores } = await openMigrated();
    await expect(stores.candidates.list({}, { limit: 10, after: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    await expect(stores.candidates.list({}, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(stores.jobOrders.list({}, { limit: 1.5 })).rejects.toThrow(/limit/);
  });

  it('makes UUIDv7 ids, so a batch lands in creation order at the end of the key index', async () => {
    const { stores } = await openMigrated();
    const written = await stores.candidates.upsert([candidateWrite(), candidateWrite(), candidateWrite()]);
    const ids = written.map((w) => w.id);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    const [order] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
    expect(order!.id > ids.at(-1)!).toBe(true);
  });

  it('refuses a short CPR key', () => {
    expect(() => open(tmpFile(), Buffer.from('short'))).toThrow(/at least 16 bytes/);
  });
});

describe('CPR at rest', () => {
  function rawRows(file: string): Array<Record<string, unknown>> {
    const raw = new Database(file, { readonly: true });
    try {
      return raw.prepare('SELECT * FROM candidates').all() as Array<Record<string, unknown>>;
    } finally {
      raw.close();
    }
  }

  it('stores only the keyed hash, in its own column, even when the CPR is smuggled into the candidate', async () => {
    const file = tmpFile();
    const { stores, database } = await openMigrated(file);
    const explicit = candidateWrite({ cpr: TEST_CPR });
    const smuggled = candidateWrite();
    smuggled.candidate = { ...smuggled.candidate, cpr: OTHER_TEST_CPR } as CandidateWrite['candidate'];
    await stores.candidates.upsert([explicit, smuggled]);
    // Checkpoint so the main file holds everything, then search the raw bytes too.
    await database.close();

    const rows = rawRows(file);
    for (const row of rows) {
      expect(JSON.parse(row.candidate_json as string)).not.toHaveProperty('cpr');
      expect(row.cpr_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const hashes = rows.map((r) => r.cpr_hash).sort();
    expect(hashes).toEqual([hashCpr(CPR_KEY, TEST_CPR), hashCpr(CPR_KEY, OTHER_TEST_CPR)].sort());
    const bytes = fs.readFileSync(file).toString('latin1');
    for (const cpr of [TEST_CPR, OTHER_TEST_CPR]) {
      expect(JSON.stringify(rows)).not.toContain(cpr);
      expect(bytes).not.toContain(cpr);
    }
  });

  it('cannot be matched without the key', async () => {
    const file = tmpFile();
    const { stores, database } = await openMigrated(file);
    const w = candidateWrite({ cpr: TEST_CPR });
    await stores.candidates.upsert([w]);
    await database.close();
    const otherKey = open(file, Buffer.from('a-different-key-of-sufficient-length'));
    await otherKey.database.migrate();
    expect(await otherKey.stores.candidates.hasCpr(w.jobcenter, TEST_CPR)).toBe(false);
  });

  it('hashes the dashed and plain forms alike and never echoes a bad CPR', async () => {
    expect(hashCpr(CPR_KEY, '010190-1234')).toBe(hashCpr(CPR_KEY, TEST_CPR));
    expect(hashCpr(CPR_KEY, TEST_CPR)).not.toBe(hashCpr(Buffer.from('another-key-0123456789'), TEST_CPR));
    expect(() => hashCpr(CPR_KEY, '3213991234')).toThrow(/not a valid CPR/);
    try {
      hashCpr(CPR_KEY, '3213991234');
    } catch (error) {
      expect(String(error)).not.toContain('3213991234');
    }
    const { stores } = await openMigrated();
    const w = candidateWrite({ cpr: TEST_CPR });
    await stores.candidates.upsert([w]);
    expect(await stores.candidates.hasCpr(w.jobcenter, '010190-1234')).toBe(true);
    expect(await stores.candidates.hasCpr(w.jobcenter, 'garbage')).toBe(false);
  });
});

describe('migrate()', () => {
  function rawDb(): Database.Database {
    const db = new Database(tmpFile());
    return db;
  }

  it('applies pending migrations in order and reports them', () => {
    const db = rawDb();
    try {
      const steps = [
        { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
        { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y TEXT' },
      ];
      expect(migrate(db, steps.slice(0, 1))).toEqual([1]);
      expect(migrate(db, steps)).toEqual([2]);
      expect(migrate(db, steps)).toEqual([]);
      db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('ok');
    } finally {
      db.close();
    }
  });

  it('rolls back every pending migration when one fails', () => {
    const db = rawDb();
    try {
      const steps = [
        { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
        { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL' },
      ];
      expect(() => migrate(db, steps)).toThrow();
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      expect(tables).toEqual([{ name: 'schema_migrations' }]);
      expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('refuses migrations out of order', () => {
    const db = rawDb();
    try {
      expect(() =>
        migrate(db, [
          { version: 2, name: 'b', sql: 'SELECT 1' },
          { version: 1, name: 'a', sql: 'SELECT 1' },
        ]),
      ).toThrow(/must be integers that increase/);
    } finally {
      db.close();
    }
  });
});
