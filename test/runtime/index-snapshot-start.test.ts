import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCandidateBatch } from '../../indexer/import.ts';
import { validateCandidate, validateJobOrder } from '../../indexer/validate.ts';
import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { writeSnapshot } from '../../src/adapters/embedded-index/snapshot.ts';
import { openSqliteStores } from '../../src/adapters/sqlite/stores.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type AppContext, createContext, type IndexStart } from '../../src/context.ts';
import { generateCandidates, generateJobOrders } from '../../src/demo/generate.ts';
import type { CandidateWrite } from '../../src/ports/candidates.ts';

const TODAY = '2026-11-23';
const KEY = 'k'.repeat(32);
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

function dataDir(): Config {
  const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-snapstart-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return loadConfig({ DATA_DIR: dir, CPR_HASH_KEY: KEY });
}

interface Started {
  ctx: AppContext;
  start: IndexStart;
  notices: string[];
}

async function start(config: Config): Promise<Started> {
  let start: IndexStart | undefined;
  const notices: string[] = [];
  const ctx = await createContext(config, {
    onIndexReady: (s) => {
      start = s;
    },
    onNotice: (fields, message) => notices.push(`${message} ${JSON.stringify(fields)}`),
  });
  return { ctx, start: start!, notices };
}

async function shortlist(ctx: AppContext, jobOrderId: string) {
  const s = await ctx.stores.shortlists.create({ jobOrderId, scope: 'own', size: 50, strategy: 'fit-first' });
  await ctx.handlers.shortlist({ shortlistId: s.id }, { id: `job-${s.id}`, attempt: 1, maxAttempts: 3 });
  const done = await ctx.stores.shortlists.get(s.id);
  expect(done?.status).toBe('done');
  return done!.entries.map((e) => [e.candidateId, Number(e.score.toPrecision(12))]);
}

describe('the in-process index across restarts', () => {
  it('loads its snapshot, replays the changes made after it, and lists as a rebuilt index does', async () => {
    const config = dataDir();
    const snapshot = join(config.DATA_DIR, 'index.snapshot');
    const first = await start(config);
    expect(first.start.source).toBe('rebuild');
    expect(first.start.snapshotRejected).toBeUndefined();
    await writeCandidateBatch(first.ctx, writes(300, 21));
    const order = validateJobOrder(
      generateJobOrders(1, { seed: 5, today: TODAY, jobcentre: ['751'] }).next().value,
    );
    if (!order.ok) throw new Error(order.reason);
    const [written] = await first.ctx.stores.jobOrders.upsert([
      { jobOrder: { ...order.value, jobrotation: false } },
    ]);
    const count = await first.ctx.index.count();
    expect(count).toBeGreaterThan(200);
    await first.ctx.close();
    expect(existsSync(snapshot)).toBe(true);

    // Written while no server ran (an importer, another host): only in the feed, after the snapshot.
    const { database, stores } = openSqliteStores({
      file: join(config.DATA_DIR, 'vikarmatch.db'),
      cprKey: Buffer.from(KEY, 'utf8'),
    });
    await database.migrate();
    await stores.candidates.upsert(writes(20, 22));
    const firstIds: string[] = [];
    for await (const batch of stores.candidates.scan(10)) {
      firstIds.push(...batch.map((r) => r.id));
      break;
    }
    for (const id of firstIds.slice(0, 5)) await stores.candidates.delete(id);
    await database.close();

    const second = await start(config);
    cleanups.push(() => second.ctx.close());
    expect(second.start).toMatchObject({ source: 'snapshot', replayed: 25 });
    expect(second.notices).toEqual([]);
    const restored = await shortlist(second.ctx, written!.id);
    expect(restored.length).toBeGreaterThan(0);
    expect(restored.some(([id]) => firstIds.slice(0, 5).includes(id as string))).toBe(false);

    // The same DATA_DIR without the snapshot: rebuilt from the database, and the same list.
    const copy = dataDir();
    for (const f of ['vikarmatch.db', 'vikarmatch.db-wal', 'vikarmatch.db-shm']) {
      const from = join(config.DATA_DIR, f);
      if (existsSync(from)) writeFileSync(join(copy.DATA_DIR, f), readFileSync(from));
    }
    const third = await start(copy);
    cleanups.push(() => third.ctx.close());
    expect(third.start.source).toBe('rebuild');
    expect(await third.ctx.index.count()).toBe(await second.ctx.index.count());
    expect(await shortlist(third.ctx, written!.id)).toEqual(restored);
  });

  it('a corrupt snapshot, a truncated one, one of another schema: logged, rebuilt, and written anew', async () => {
    const config = dataDir();
    const snapshot = join(config.DATA_DIR, 'index.snapshot');
    const first = await start(config);
    await writeCandidateBatch(first.ctx, writes(100, 31));
    const count = await first.ctx.index.count();
    await first.ctx.close();
    const good = readFileSync(snapshot);

    const damaged = Buffer.from(good);
    damaged[Math.floor(damaged.length / 2)]! ^= 1;
    const otherTaxonomy = join(config.DATA_DIR, 'other.snapshot');
    const index = new EmbeddedCandidateIndex();
    writeSnapshot(otherTaxonomy, index, { schemaVersion: 999, taxonomyVersion: 'another' }, 0);
    const cases: Array<[string, Buffer]> = [
      ['corrupt: checksum mismatch', damaged],
      ['corrupt: truncated', good.subarray(0, good.length - 100)],
      ['stale: written under schema version 999', readFileSync(otherTaxonomy)],
    ];
    for (const [reason, bytes] of cases) {
      writeFileSync(snapshot, bytes);
      const again = await start(config);
      expect(again.start.source, reason).toBe('rebuild');
      expect(again.start.snapshotRejected).toContain(reason);
      expect(again.notices.join('\n')).toContain('index snapshot not used');
      expect(await again.ctx.index.count()).toBe(count);
      await again.ctx.close();
      // The rebuild replaced it with a good one.
      const next = await start(config);
      expect(next.start.source).toBe('snapshot');
      expect(await next.ctx.index.count()).toBe(count);
      await next.ctx.close();
    }
  });

  it('a snapshot written under another taxonomy is rebuilt', async () => {
    const config = dataDir();
    const first = await start(config);
    await writeCandidateBatch(first.ctx, writes(50, 41));
    await first.ctx.close();
    const { database } = openSqliteStores({
      file: join(config.DATA_DIR, 'vikarmatch.db'),
      cprKey: Buffer.from(KEY, 'utf8'),
    });
    await database.migrate();
    const schema = (
      database.connection.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }
    ).v;
    await database.close();
    writeSnapshot(
      join(config.DATA_DIR, 'index.snapshot'),
      new EmbeddedCandidateIndex(),
      { schemaVersion: schema, taxonomyVersion: 'another' },
      0,
    );
    const again = await start(config);
    cleanups.push(() => again.ctx.close());
    expect(again.start.source).toBe('rebuild');
    expect(again.start.snapshotRejected).toContain('other-taxonomy');
    expect(again.notices.join('\n')).toContain('index snapshot not used');
    expect(await again.ctx.index.count()).toBeGreaterThan(30);
  });
});
