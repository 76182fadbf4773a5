import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCandidateBatch } from '../../indexer/import.ts';
import { validateCandidate, validateJobOrder } from '../../indexer/validate.ts';
import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { SqliteCandidateChanges } from '../../src/adapters/sqlite/candidate-changes.ts';
import { openSqliteStores } from '../../src/adapters/sqlite/stores.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';
import { generateCandidates, generateJobOrders } from '../../src/demo/generate.ts';
import { IndexFollower } from '../../src/index-follower.ts';
import type { CandidateWrite } from '../../src/ports/candidates.ts';
import type { CandidateChangeFeed } from '../../src/ports/change-feed.ts';
import { rebuildIndex } from '../../workers/reindex.ts';
import { waitFor } from '../support/wait.ts';

const TODAY = '2026-11-23';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Generated candidates of jobcenter 751; the prefix keeps two seeds' externalIds apart. */
function writes(count: number, seed: number): CandidateWrite[] {
  return [...generateCandidates(count, { seed, today: TODAY, jobcentre: ['751'] })].map((raw) => {
    const v = validateCandidate({ ...raw, externalId: `s${seed}-${raw.externalId}` });
    if (!v.ok) throw new Error(v.reason);
    return v.value;
  });
}

async function twoProcesses(): Promise<[AppContext, AppContext]> {
  const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-follow-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dir, CPR_HASH_KEY: 'k'.repeat(32) });
  // Two contexts on one DATA_DIR are what the API process and a `vikar worker` process hold.
  const api = await createContext(config);
  cleanups.push(() => api.close());
  const worker = await createContext(config);
  cleanups.push(() => worker.close());
  return [api, worker];
}

async function shortlistIn(ctx: AppContext, jobOrderId: string) {
  const s = await ctx.stores.shortlists.create({
    jobOrderId,
    scope: 'own',
    size: 500,
    strategy: 'fit-first',
  });
  await ctx.handlers.shortlist({ shortlistId: s.id }, { id: `job-${s.id}`, attempt: 1, maxAttempts: 3 });
  const done = await ctx.stores.shortlists.get(s.id);
  expect(done?.status).toBe('done');
  return done!;
}

describe('an in-process index in another process than the writer', () => {
  it('sees candidates written, changed and erased by the other process before its next shortlist', async () => {
    const [api, worker] = await twoProcesses();
    expect(await worker.index.count()).toBe(0);

    await writeCandidateBatch(api, writes(400, 11));
    const order = validateJobOrder(
      generateJobOrders(1, { seed: 5, today: TODAY, jobcentre: ['751'] }).next().value,
    );
    if (!order.ok) throw new Error(order.reason);
    const [written] = await api.stores.jobOrders.upsert([
      { jobOrder: { ...order.value, jobrotation: false } },
    ]);

    const first = await shortlistIn(worker, written!.id);
    expect(await worker.index.count()).toBe(await api.index.count());
    expect(first.candidatesConsidered).toBeGreaterThan(0);
    expect(first.entries.length).toBeGreaterThan(0);

    // Erasure in the API process, and a candidate withdrawing consent: both gone from the worker's next list.
    const erased = first.entries[0]!.candidateId;
    await api.stores.candidates.delete(erased);
    await api.index.remove([erased]);
    expect(first.entries.length).toBeGreaterThanOrEqual(2);
    const withdrawn = (await api.stores.candidates.get(first.entries[1]!.candidateId))!;
    await writeCandidateBatch(api, [
      {
        jobcenter: withdrawn.jobcenter,
        externalId: withdrawn.externalId,
        candidate: { ...withdrawn.candidate, consent: { ...withdrawn.candidate.consent, searchable: false } },
        facts: { ...withdrawn.facts, searchable: false },
        incomplete: [],
      },
    ]);
    const second = await shortlistIn(worker, written!.id);
    const ids = new Set([...second.entries, ...second.nearMisses].map((e) => e.candidateId));
    expect(ids.has(erased)).toBe(false);
    expect(ids.has(withdrawn.id)).toBe(false);
    expect(await worker.index.count()).toBe(await api.index.count());
  });

  it('re-reads only what changed since the last catch-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-follow-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { database, stores } = openSqliteStores({
      file: join(dir, 'db.sqlite'),
      cprKey: Buffer.from('k'.repeat(32)),
    });
    await database.migrate();
    cleanups.push(() => database.close());
    const index = new EmbeddedCandidateIndex();
    const feed = new SqliteCandidateChanges(database.connection);
    const follower = new IndexFollower(index, feed, () => rebuildIndex(stores.candidates, index));

    await stores.candidates.upsert(writes(30, 13));
    expect(await follower.rebuild()).toBe(30);
    expect(await follower.catchUp()).toBe(0);

    const more = writes(40, 14);
    await stores.candidates.upsert(more.slice(0, 10));
    // Unchanged rows are no change: only the ten new ones.
    await stores.candidates.upsert(writes(30, 13));
    expect(await follower.catchUp()).toBe(10);
    const searchable = () => stores.candidates.count({ searchable: true, incomplete: false });
    expect(await index.count()).toBe(await searchable());
    expect(await follower.catchUp()).toBe(0);

    const gone = await stores.candidates.find(more[0]!.jobcenter, more[0]!.externalId);
    await stores.candidates.delete(gone!.id);
    const [a, b] = await Promise.all([follower.catchUp(), follower.catchUp()]);
    expect(a + b).toBe(1);
    expect(await index.count()).toBe(await searchable());
    expect(await stores.candidates.count()).toBe(39);
  });

  it("skips this process's own writes, and still applies another writer's later change to the same candidate", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-follow-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const key = Buffer.from('k'.repeat(32));
    const { database, stores } = openSqliteStores({ file, cprKey: key });
    await database.migrate();
    cleanups.push(() => database.close());
    // Another process's connection to the same file.
    const other = openSqliteStores({ file, cprKey: key });
    await other.database.migrate();
    cleanups.push(() => other.database.close());
    const index = new EmbeddedCandidateIndex();
    const follower = new IndexFollower(index, new SqliteCandidateChanges(database.connection), () =>
      rebuildIndex(stores.candidates, index),
    );
    await follower.rebuild();

    const batch = writes(200, 15);
    await writeCandidateBatch({ stores, index: follower.writer }, batch);
    expect(await follower.catchUp()).toBe(0);
    const searchable = () => stores.candidates.count({ searchable: true, incomplete: false });
    expect(await index.count()).toBe(await searchable());

    // The other writer withdraws one candidate's consent, and changes another's hours.
    const [first, second] = batch.filter((w) => w.facts.searchable);
    await other.stores.candidates.upsert([
      { ...first!, facts: { ...first!.facts, searchable: false } },
      { ...second!, facts: { ...second!.facts, weeklyHours: 7 } },
    ]);
    expect(await follower.catchUp()).toBe(2);
    expect(await index.count()).toBe(await searchable());

    // Erased through this process (store, then index, as the API does): nothing left to apply.
    const own = await stores.candidates.find(second!.jobcenter, second!.externalId);
    await stores.candidates.delete(own!.id);
    await follower.writer.remove([own!.id]);
    expect(await follower.catchUp()).toBe(0);
    expect(await index.count()).toBe(await searchable());
  });

  it('resolves a removal only once no catch-up in flight can put the candidate back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-follow-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'db.sqlite');
    const key = Buffer.from('k'.repeat(32));
    const { database, stores } = openSqliteStores({ file, cprKey: key });
    await database.migrate();
    cleanups.push(() => database.close());
    const other = openSqliteStores({ file, cprKey: key });
    await other.database.migrate();
    cleanups.push(() => other.database.close());

    // A feed whose answers arrive late, as a server's do: each read is taken, then held until released.
    const feed = new SqliteCandidateChanges(database.connection);
    let hold = false;
    const held: Array<() => void> = [];
    const slow: CandidateChangeFeed = {
      head: () => feed.head(),
      digest: (facts) => feed.digest(facts),
      since: async (seq, limit) => {
        const batch = await feed.since(seq, limit);
        if (hold) await new Promise<void>((resolve) => held.push(resolve));
        return batch;
      },
    };
    const index = new EmbeddedCandidateIndex();
    const follower = new IndexFollower(index, slow, () => rebuildIndex(stores.candidates, index));
    await follower.rebuild();

    const [write] = writes(20, 16).filter((w) => w.facts.searchable && w.incomplete.length === 0);
    const [written] = await other.stores.candidates.upsert([write!]);
    hold = true;
    const catchingUp = follower.catchUp();
    await waitFor(() => held.length === 1 || undefined, 5_000, 'the first read');
    // The batch in flight still holds the candidate; now this process erases them (Store, then index).
    await stores.candidates.delete(written!.id);
    let removed = false;
    const removal = follower.writer.remove([written!.id]).then(() => {
      removed = true;
    });
    held.shift()!();
    // The catch-up applied its batch and reads on: whatever the index holds now, a resolved removal means gone.
    await waitFor(() => held.length === 1 || undefined, 5_000, 'the second read');
    if (removed) expect(await index.count()).toBe(0);
    hold = false;
    held.shift()!();
    await catchingUp;
    await removal;
    expect(removed).toBe(true);
    expect(await index.count()).toBe(0);
  });
});
