import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { searchFactsFor } from '../../indexer/facts.ts';
import { prepareQuery } from '../../scoring/query.ts';
import { rankCandidates } from '../../scoring/rank.ts';
import { activeTaxonomy } from '../../scoring/taxonomy/active.ts';
import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { readSnapshot, writeSnapshot } from '../../src/adapters/embedded-index/snapshot.ts';
import { generateCandidates } from '../../src/demo/generate.ts';
import { generateJobOrders } from '../../src/demo/job-orders.ts';
import { candidateInput } from '../../src/domain/candidate.ts';
import { type JobOrder, jobOrderInput } from '../../src/domain/job-order.ts';
import type { IndexDocument } from '../../src/ports/candidate-index.ts';
import { loadRuleSet } from '../../src/rulesets/load.ts';

const TODAY = '2026-12-01';
const STAMP = { schemaVersion: 7, taxonomyVersion: 'tax-a' };
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-snapshot-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'index.snapshot');
}

async function lists(index: EmbeddedCandidateIndex, orders: JobOrder[]) {
  const out = [];
  for (const order of orders) {
    for (const strategy of ['fit-first', 'weighted'] as const) {
      const retrieval = await index.retrieve({
        location: order.location,
        radiusKm: order.radiusKm.max + 5,
        homeJobcentre: [order.jobcenter],
        sharingJobcentre: '*',
        terms: [],
        limit: 5000,
      });
      const query = prepareQuery(
        order,
        loadRuleSet(order.ruleSet),
        retrieval.vocabulary,
        activeTaxonomy(),
        strategy,
      );
      const ranked = rankCandidates(retrieval.holding!(query.queryTerms), query, { size: 25 });
      out.push({ entries: ranked.entries, nearMisses: ranked.nearMisses });
    }
  }
  return out;
}

/** Every number to 12 significant digits. */
const rounded = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));

describe('embedded index snapshot', () => {
  const docs: IndexDocument[] = [];
  const live = new Map<string, IndexDocument>();
  const orders: JobOrder[] = [];
  const index = new EmbeddedCandidateIndex();

  beforeAll(async () => {
    let n = 0;
    for (const raw of generateCandidates(2000, { seed: 9, today: TODAY })) {
      const c = candidateInput.parse(raw);
      docs.push({
        id: `c${n++}`,
        jobcenter: c.jobcenter,
        externalId: c.externalId,
        facts: searchFactsFor(c),
      });
    }
    await index.upsert(docs);
    // Replaced and removed candidates leave dead slots and postings the snapshot must carry faithfully.
    const replaced = docs
      .slice(0, 150)
      .map((d) => ({ ...d, facts: { ...d.facts, terms: d.facts.terms.slice(2), weeklyHours: 20 } }));
    await index.upsert(replaced);
    await index.remove(docs.slice(150, 250).map((d) => d.id));
    for (const d of [...replaced, ...docs.slice(250)]) if (d.facts.searchable) live.set(d.id, d);
    for (const o of generateJobOrders(12, { seed: 4, today: TODAY })) orders.push(jobOrderInput.parse(o));
  });

  it('a restored index gives the lists of the index it was written from and of one rebuilt from scratch', async () => {
    const file = tempFile();
    writeSnapshot(file, index, STAMP, 42);
    const loaded = readSnapshot(file, STAMP);
    if (!loaded.ok) throw new Error(loaded.detail);
    expect(loaded.feedPosition).toBe(42);
    expect(await loaded.index.count()).toBe(live.size);

    // Bit for bit the lists of the index written out: same term ids, same sums in the same order.
    const expected = await lists(index, orders);
    expect(expected.some((l) => l.entries.length > 0)).toBe(true);
    expect(await lists(loaded.index, orders)).toEqual(expected);
    // A rebuild numbers the terms in another order, so a score may differ in its last bit; the lists do not.
    const rebuilt = new EmbeddedCandidateIndex();
    await rebuilt.upsert([...live.values()]);
    expect(rounded(await lists(loaded.index, orders))).toEqual(rounded(await lists(rebuilt, orders)));

    // Still a working index: changes after the load land as in any other.
    await loaded.index.remove([...live.keys()].slice(0, 10));
    await loaded.index.upsert(docs.slice(150, 160));
    await rebuilt.remove([...live.keys()].slice(0, 10));
    await rebuilt.upsert(docs.slice(150, 160));
    expect(rounded(await lists(loaded.index, orders))).toEqual(rounded(await lists(rebuilt, orders)));
  });

  it('a flipped byte anywhere, a truncated file, another taxonomy or schema: never loaded', () => {
    const file = tempFile();
    const size = writeSnapshot(file, index, STAMP, 1);
    const good = readFileSync(file);
    expect(good.length).toBe(size);

    for (const at of [3, 20, Math.floor(size / 2), size - 40, size - 1]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x10;
      writeFileSync(file, bad);
      const read = readSnapshot(file, STAMP);
      expect(read.ok ? 'loaded' : read.reason, `byte ${at}`).toBe('corrupt');
    }

    for (const length of [0, 10, 100, size - 1, Math.floor(size / 3)]) {
      writeFileSync(file, good);
      truncateSync(file, length);
      const read = readSnapshot(file, STAMP);
      expect(read.ok ? 'loaded' : read.reason, `length ${length}`).toBe('corrupt');
    }

    writeFileSync(file, good);
    const otherTaxonomy = readSnapshot(file, { ...STAMP, taxonomyVersion: 'tax-b' });
    expect(otherTaxonomy.ok ? 'loaded' : otherTaxonomy.reason).toBe('other-taxonomy');
    const otherSchema = readSnapshot(file, { ...STAMP, schemaVersion: 8 });
    expect(otherSchema.ok ? 'loaded' : otherSchema.reason).toBe('stale');
    expect(readSnapshot(join(file, '..', 'none'), STAMP)).toMatchObject({ ok: false, reason: 'missing' });
    expect(readSnapshot(file, STAMP).ok).toBe(true);
  });

  it('reports its live bytes per candidate', () => {
    const memory = index.memory();
    expect(memory.candidates).toBe(live.size);
    expect(memory.bytesPerCandidate).toBeGreaterThan(0);
    expect(memory.bytes).toBeGreaterThan(memory.candidates * 50);
  });
});
