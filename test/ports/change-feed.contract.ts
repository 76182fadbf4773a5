import { describe, expect, it } from 'vitest';
import type { CandidateChangeFeed } from '../../src/ports/change-feed.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { waitFor } from '../support/wait.ts';
import { candidateWrite } from './fixtures.ts';
import type { OpenedStores, StoresFactory } from './harness.ts';
import { useStores } from './harness.ts';

/** The stores plus the change feed that reads what they write (same database). */
export interface ChangeFeedFactory extends StoresFactory {
  feed(opened: OpenedStores): CandidateChangeFeed;
}

/**
 * The candidate change feed an in-process index follows: every candidate write and erasure made through the
 * stores shows up, in order, with what an index should hold for the candidate now.
 */
export function candidateChangeFeedContract(name: string, factory: ChangeFeedFactory): void {
  describe(`CandidateChangeFeed contract: ${name}`, () => {
    const opened = useStores(factory);
    const setup = () => ({ stores: opened().stores as Stores, feed: factory.feed(opened()) });

    it('starts empty: head 0, nothing since 0', async () => {
      const { feed } = setup();
      expect(await feed.head()).toBe(0);
      expect(await feed.since(0, 10)).toEqual([]);
    });

    it('reports a written candidate with the digest of its facts and the document to index', async () => {
      const { stores, feed } = setup();
      const write = candidateWrite();
      const [result] = await stores.candidates.upsert([write]);
      const changes = await feed.since(0, 10);
      expect(changes.map((c) => c.candidateId)).toEqual([result!.id]);
      const [change] = changes;
      expect(change!.seq).toBe(await feed.head());
      expect(change!.digest).toBe(feed.digest(write.facts));
      expect(change!.document()).toEqual({
        id: result!.id,
        jobcenter: write.jobcenter,
        externalId: write.externalId,
        facts: write.facts,
      });
    });

    it('grows its sequence with each change and answers only what came after a position, up to the limit', async () => {
      const { stores, feed } = setup();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await stores.candidates.upsert([candidateWrite()]))[0]!.id);
      const all = await feed.since(0, 10);
      expect(all.map((c) => c.candidateId)).toEqual(ids);
      expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
      expect(new Set(all.map((c) => c.seq)).size).toBe(3);
      expect((await feed.since(all[0]!.seq, 10)).map((c) => c.candidateId)).toEqual(ids.slice(1));
      expect(await feed.since(0, 2)).toHaveLength(2);
      expect(await feed.since(await feed.head(), 10)).toEqual([]);
    });

    it('writes nothing for an unchanged re-write, and a new digest when the facts change', async () => {
      const { stores, feed } = setup();
      const write = candidateWrite();
      await stores.candidates.upsert([write]);
      const before = await feed.head();
      expect((await stores.candidates.upsert([write]))[0]!.status).toBe('unchanged');
      expect(await feed.since(before, 10)).toEqual([]);

      const moved = { ...write, facts: { ...write.facts, weeklyHours: 12 } };
      moved.candidate = { ...write.candidate, weeklyHours: 12 };
      await stores.candidates.upsert([moved]);
      const [change] = await feed.since(before, 10);
      expect(change!.digest).toBe(feed.digest(moved.facts));
      expect(change!.digest).not.toBe(feed.digest(write.facts));
    });

    it('says "hold nothing" for an erased, a non-searchable and an incomplete candidate', async () => {
      const { stores, feed } = setup();
      const [erased] = await stores.candidates.upsert([candidateWrite()]);
      const hidden = candidateWrite();
      hidden.facts = { ...hidden.facts, searchable: false };
      hidden.candidate = { ...hidden.candidate, consent: { ...hidden.candidate.consent, searchable: false } };
      const [notSearchable] = await stores.candidates.upsert([hidden]);
      const [incomplete] = await stores.candidates.upsert([
        candidateWrite({ incomplete: ['unemployedSince'] }),
      ]);
      const start = await feed.head();
      await stores.candidates.delete(erased!.id);
      const erasure = await feed.since(start, 10);
      expect(erasure.map((c) => [c.candidateId, c.digest])).toEqual([[erased!.id, null]]);
      expect(erasure[0]!.document()).toBeNull();

      const latest = new Map((await feed.since(0, 100)).map((c) => [c.candidateId, c]));
      expect(latest.get(notSearchable!.id)!.digest).toBeNull();
      expect(latest.get(incomplete!.id)!.digest).toBeNull();
    });

    it('records each write of a batch once, and an id written twice in one batch as one change', async () => {
      const { stores, feed } = setup();
      const write = candidateWrite();
      const other = candidateWrite();
      const changed = { ...write, facts: { ...write.facts, weeklyHours: 11 } };
      changed.candidate = { ...write.candidate, weeklyHours: 11 };
      const results = await stores.candidates.upsert([write, other, changed]);
      const changes = await feed.since(0, 10);
      expect(changes.map((c) => c.candidateId).sort()).toEqual([results[0]!.id, results[1]!.id].sort());
      expect(changes.find((c) => c.candidateId === results[0]!.id)!.digest).toBe(feed.digest(changed.facts));
    });

    it('never shows a change below a position already read, however many writers commit at once', async () => {
      const { stores, feed } = setup();
      const seen = new Set<string>();
      let cursor = 0;
      const read = async () => {
        for (const change of await feed.since(cursor, 1000)) {
          seen.add(change.candidateId);
          cursor = change.seq;
        }
      };
      let writing = true;
      const reader = (async () => {
        while (writing) {
          await read();
          // A feed that answers without I/O would otherwise keep the writers from ever running.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const written = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const batch = Array.from({ length: 1 + (i % 3) }, () => candidateWrite());
          return (await stores.candidates.upsert(batch)).map((r) => r.id);
        }),
      );
      writing = false;
      await reader;
      await read();
      expect([...seen].sort()).toEqual(written.flat().sort());
      expect(cursor).toBe(await feed.head());
    });

    it('wakes a watcher after a write, when the adapter announces changes', async () => {
      const { stores, feed } = setup();
      if (!feed.watch) return;
      let wakes = 0;
      const stop = await feed.watch(() => {
        wakes += 1;
      });
      try {
        // Connecting wakes once: what was written while not watching is unannounced.
        await waitFor(() => wakes >= 1 || undefined, 5_000, 'the wake on connect');
        const before = wakes;
        await stores.candidates.upsert([candidateWrite()]);
        await waitFor(() => wakes > before || undefined, 5_000, 'a wake after the write');
      } finally {
        await stop();
      }
    });
  });
}
