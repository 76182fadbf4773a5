import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../src/ports/page.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { jobOrderInputFixture, shortlistResultFixture, uniqueExternalId } from './fixtures.ts';
import { nextMillisecond, type StoresFactory, useStores } from './harness.ts';

/** The behaviour every ShortlistStore adapter must have, written against the port only. */
export function shortlistStoreContract(name: string, factory: StoresFactory): void {
  describe(`ShortlistStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    describe('shortlists', () => {
      let jobOrderId: string;
      const people = [
        { id: 'c-1', externalId: uniqueExternalId('kand'), jobcenter: '751' },
        { id: 'c-2', externalId: uniqueExternalId('kand'), jobcenter: '751' },
      ];

      beforeEach(async () => {
        const [written] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
        jobOrderId = written!.id;
      });

      it('goes queued -> running -> done', async () => {
        const created = await stores.shortlists.create({
          jobOrderId,
          scope: 'pool',
          size: 5,
          strategy: 'weighted',
        });
        expect(created).toMatchObject({
          jobOrderId,
          status: 'queued',
          scope: 'pool',
          size: 5,
          strategy: 'weighted',
          startedAt: null,
          completedAt: null,
          candidatesConsidered: 0,
          entries: [],
          nearMisses: [],
        });
        expect(created.error).toBeUndefined();
        expect(await stores.shortlists.get(created.id)).toEqual(created);

        await stores.shortlists.markRunning(created.id);
        const running = await stores.shortlists.get(created.id);
        expect(running?.status).toBe('running');
        expect(running?.startedAt).toEqual(expect.any(String));

        const result = shortlistResultFixture([people[0]!], [people[1]!]);
        await stores.shortlists.complete(created.id, result);
        const done = await stores.shortlists.get(created.id);
        expect(done).toMatchObject({ status: 'done', ...result });
        expect(done?.completedAt).toEqual(expect.any(String));
      });

      it('completes idempotently: a second completion keeps one result and does not fail', async () => {
        const { id } = await stores.shortlists.create({
          jobOrderId,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await stores.shortlists.markRunning(id);
        await stores.shortlists.complete(id, shortlistResultFixture([people[0]!]));
        const first = await stores.shortlists.get(id);
        await nextMillisecond();
        await expect(
          stores.shortlists.complete(id, shortlistResultFixture([people[0]!, people[1]!])),
        ).resolves.toBeUndefined();
        const second = await stores.shortlists.get(id);
        expect(second).toEqual(first);
        expect(second?.entries).toHaveLength(1);
        expect(await stores.shortlists.list(jobOrderId)).toHaveLength(1);
      });

      it('does not go back from done', async () => {
        const { id } = await stores.shortlists.create({
          jobOrderId,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await stores.shortlists.complete(id, shortlistResultFixture([people[0]!]));
        const done = await stores.shortlists.get(id);
        await stores.shortlists.markRunning(id);
        await stores.shortlists.fail(id, 'late failure of a duplicate job');
        expect(await stores.shortlists.get(id)).toEqual(done);
      });

      it('records a failure with its reason', async () => {
        const { id } = await stores.shortlists.create({
          jobOrderId,
          scope: 'all',
          size: 3,
          strategy: 'fit-first',
        });
        await stores.shortlists.markRunning(id);
        await stores.shortlists.fail(id, 'rule set "nope" does not exist');
        const failed = await stores.shortlists.get(id);
        expect(failed).toMatchObject({
          status: 'failed',
          error: 'rule set "nope" does not exist',
          entries: [],
        });
      });

      it('refuses a shortlist for an unknown job order', async () => {
        await expect(
          stores.shortlists.create({
            jobOrderId: '00000000-0000-4000-8000-000000000000',
            scope: 'own',
            size: 10,
            strategy: 'fit-first',
          }),
        ).rejects.toThrow();
      });

      it('lists a job order’s shortlists newest first', async () => {
        const made: string[] = [];
        for (let i = 0; i < 3; i++) {
          made.push(
            (await stores.shortlists.create({ jobOrderId, scope: 'own', size: 10, strategy: 'fit-first' }))
              .id,
          );
          await nextMillisecond();
        }
        const [other] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
        await stores.shortlists.create({
          jobOrderId: other!.id,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        expect((await stores.shortlists.list(jobOrderId)).map((s) => s.id)).toEqual(made.reverse());
        expect(await stores.shortlists.list('00000000-0000-4000-8000-000000000000')).toEqual([]);
      });

      it('pages a job order’s shortlists newest first, as summaries with their counts', async () => {
        const made: string[] = [];
        for (let i = 0; i < 5; i++) {
          // Same-millisecond lists too: the order must hold without a clock tick between them.
          made.push(
            (
              await stores.shortlists.create({
                jobOrderId,
                scope: 'own',
                size: 10 + i,
                strategy: 'fit-first',
              })
            ).id,
          );
          if (i % 2 === 0) await nextMillisecond();
        }
        await stores.shortlists.complete(made[1]!, shortlistResultFixture(people, [people[0]!]));
        await stores.shortlists.markRunning(made[2]!);
        const [other] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
        const foreign = await stores.shortlists.create({
          jobOrderId: other!.id,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });

        const seen: string[] = [];
        const pages: number[] = [];
        let after: string | undefined;
        do {
          const page = await stores.shortlists.listSummaries(jobOrderId, { limit: 2, after });
          seen.push(...page.items.map((s) => s.id));
          pages.push(page.items.length);
          after = page.next ?? undefined;
        } while (after);
        expect(seen).toEqual([...made].reverse());
        expect(pages).toEqual([2, 2, 1]);

        const all = (await stores.shortlists.listSummaries(jobOrderId, { limit: 10 })).items;
        const done = all.find((s) => s.id === made[1])!;
        expect(done).toMatchObject({
          id: made[1],
          jobOrderId,
          status: 'done',
          scope: 'own',
          size: 11,
          strategy: 'fit-first',
          entryCount: 2,
          nearMissCount: 1,
          candidatesConsidered: 43,
          startedAt: null,
        });
        expect(done.completedAt).toEqual(expect.any(String));
        expect(done).not.toHaveProperty('entries');
        expect(done).not.toHaveProperty('nearMisses');
        expect(all.find((s) => s.id === made[0])).toMatchObject({ status: 'queued', entryCount: 0 });

        // Queued and running lists are what the per-order cap counts; finished ones and other orders' are not.
        expect(await stores.shortlists.countInFlight(jobOrderId)).toBe(4);
        expect(await stores.shortlists.countInFlight(other!.id)).toBe(1);
        await stores.shortlists.fail(made[0]!, 'broken');
        expect(await stores.shortlists.countInFlight(jobOrderId)).toBe(3);

        expect((await stores.shortlists.listSummaries(other!.id, { limit: 1 })).items[0]!.id).toBe(
          foreign.id,
        );
        await expect(
          stores.shortlists.listSummaries(jobOrderId, { limit: 2, after: 'bm9wZQ' }),
        ).rejects.toThrow(InvalidCursorError);
        // A cursor of another order's pages is not a position in this one.
        await stores.shortlists.create({
          jobOrderId: other!.id,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        const next = (await stores.shortlists.listSummaries(other!.id, { limit: 1 })).next;
        expect(next).not.toBeNull();
        await expect(stores.shortlists.listSummaries(jobOrderId, { limit: 2, after: next! })).rejects.toThrow(
          InvalidCursorError,
        );
        expect(
          await stores.shortlists.listSummaries('00000000-0000-4000-8000-000000000000', { limit: 5 }),
        ).toEqual({
          items: [],
          next: null,
        });
      });

      it('lists the unfinished lists of every order, oldest first, up to the limit', async () => {
        const make = async (orderId: string) =>
          (
            await stores.shortlists.create({
              jobOrderId: orderId,
              scope: 'own',
              size: 10,
              strategy: 'fit-first',
            })
          ).id;
        const queued = await make(jobOrderId);
        await nextMillisecond();
        const running = await make(jobOrderId);
        await stores.shortlists.markRunning(running);
        await nextMillisecond();
        const done = await make(jobOrderId);
        await stores.shortlists.complete(done, shortlistResultFixture([people[0]!]));
        const failed = await make(jobOrderId);
        await stores.shortlists.fail(failed, 'no');
        await nextMillisecond();
        const [other] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
        const elsewhere = await make(other!.id);

        const all = await stores.shortlists.unfinished(100);
        const ours = all.filter((s) => [queued, running, done, failed, elsewhere].includes(s.id));
        expect(ours.map((s) => [s.id, s.status])).toEqual([
          [queued, 'queued'],
          [running, 'running'],
          [elsewhere, 'queued'],
        ]);
        expect(ours[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(await stores.shortlists.unfinished(1)).toHaveLength(1);
      });

      it('go with their job order when it is deleted', async () => {
        const a = await stores.shortlists.create({
          jobOrderId,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await stores.shortlists.complete(a.id, shortlistResultFixture([people[0]!]));
        const b = await stores.shortlists.create({
          jobOrderId,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        expect(await stores.jobOrders.delete(jobOrderId)).toBe(true);
        expect(await stores.shortlists.get(a.id)).toBeUndefined();
        expect(await stores.shortlists.get(b.id)).toBeUndefined();
        expect(await stores.shortlists.list(jobOrderId)).toEqual([]);
      });
    });
  });
}
