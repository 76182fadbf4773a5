import { describe, expect, it } from 'vitest';
import type { CandidateChangeFeed } from '../../src/ports/change-feed.ts';
import type { Stores } from '../../src/ports/stores.ts';
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

    it('starts empty: head 0, nothing since 0', () => {
      const { feed } = setup();
      expect(feed.head()).toBe(0);
      expect(feed.since(0, 10)).toEqual([]);
    });

    it('reports a written candidate with the digest of its facts and the document to index', async () => {
      const { stores, feed } = setup();
      const write = candidateWrite();
      const [result] = await stores.candidates.upsert([write]);
      const changes = feed.since(0, 10);
      expect(changes.map((c) => c.candidateId)).toEqual([result!.id]);
      const [change] = changes;
      expect(change!.seq).toBe(feed.head());
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
      const all = feed.since(0, 10);
      expect(all.map((c) => c.candidateId)).toEqual(ids);
      expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
      expect(new Set(all.map((c) => c.seq)).size).toBe(3);
      expect(feed.since(all[0]!.seq, 10).map((c) => c.candidateId)).toEqual(ids.slice(1));
      expect(feed.since(0, 2)).toHaveLength(2);
      expect(feed.since(feed.head(), 10)).toEqual([]);
    });

    it('writes nothing for an unchanged re-write, and a new digest when the facts change', async () => {
      const { stores, feed } = setup();
      const write = candidateWrite();
      await stores.candidates.upsert([write]);
      const before = feed.head();
      expect((await stores.candidates.upsert([write]))[0]!.status).toBe('unchanged');
      expect(feed.since(before, 10)).toEqual([]);

      const moved = { ...write, facts: { ...write.facts, weeklyHours: 12 } };
      moved.candidate = { ...write.candidate, weeklyHours: 12 };
      await stores.candidates.upsert([moved]);
      const [change] = feed.since(before, 10);
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
      const start = feed.head();
      await stores.candidates.delete(erased!.id);
      const erasure = feed.since(start, 10);
      expect(erasure.map((c) => [c.candidateId, c.digest])).toEqual([[erased!.id, null]]);
      expect(erasure[0]!.document()).toBeNull();

      const latest = new Map(feed.since(0, 100).map((c) => [c.candidateId, c]));
      expect(latest.get(notSearchable!.id)!.digest).toBeNull();
      expect(latest.get(incomplete!.id)!.digest).toBeNull();
    });
  });
}
