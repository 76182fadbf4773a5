import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { anOrder, KONSULENT } from './candidacies.contract.ts';
import { candidateWrite, shortlistResultFixture } from './fixtures.ts';
import { type StoresFactory, useStores } from './harness.ts';
import { chosenCandidacy } from './placements.contract.ts';

/** The behaviour every StatsReadModel adapter must have, built through the other stores' ports. */
export function statsReadModelContract(name: string, factory: StoresFactory): void {
  describe(`StatsReadModel contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    it('is all zeros and nulls with nothing to count, or no jobcentre asked for', async () => {
      for (const jobcentre of [[], ['751']]) {
        expect(await stores.stats.summary(jobcentre)).toEqual({
          jobcentre,
          orders: 0,
          ordersWithShortlist: 0,
          medianSecondsOrderToShortlist: null,
          medianSecondsShortlistToChoice: null,
          medianSecondsOrderToChoice: null,
          sentToCompany: 0,
          chosen: 0,
          hitRate: null,
          placements: 0,
          outcomes: { started: 0, completed: 0, hired_ordinarily: 0, left_early: 0, none: 0 },
        });
      }
    });

    it('counts orders, shortlists, candidates sent and chosen, and placements by outcome', async () => {
      const order = await anOrder(stores);
      await anOrder(stores);
      await anOrder(stores, '101');
      const list = await stores.shortlists.create({
        jobOrderId: order,
        scope: 'own',
        size: 5,
        strategy: 'fit-first',
      });
      await stores.shortlists.complete(list.id, shortlistResultFixture([]));
      await chosenCandidacy(stores, order, 'c-1', '751');
      await chosenCandidacy(stores, order, 'c-2', '751', 'sent_to_company');
      await stores.candidacies.transition(
        order,
        'c-2',
        { to: 'not_chosen', reason: 'experience' },
        KONSULENT,
      );
      await stores.placements.recordOutcome({
        jobOrderId: order,
        candidateId: 'c-1',
        request: { outcome: 'started' },
        actor: KONSULENT,
      });

      const stats = await stores.stats.summary(['751']);
      expect(stats).toMatchObject({
        jobcentre: ['751'],
        orders: 2,
        ordersWithShortlist: 1,
        sentToCompany: 2,
        chosen: 1,
        hitRate: 0.5,
        placements: 1,
        outcomes: { started: 1, completed: 0, hired_ordinarily: 0, left_early: 0, none: 0 },
      });
      for (const median of [
        stats.medianSecondsOrderToShortlist,
        stats.medianSecondsShortlistToChoice,
        stats.medianSecondsOrderToChoice,
      ]) {
        expect(median).toBeGreaterThanOrEqual(0);
      }
      expect((await stores.stats.summary(['101'])).orders).toBe(1);
      expect((await stores.stats.summary(['751', '101'])).orders).toBe(3);
    });

    it('reports what each pool member shares, gets shortlisted for and placed in the others’ orders', async () => {
      const pool = await stores.pools.create({ name: 'p', members: ['751', '101'] });
      const sharing = candidateWrite({ jobcenter: '101', postalCode: '2100' });
      const private_ = candidateWrite({
        jobcenter: '101',
        postalCode: '2100',
        consent: { searchable: true, shareWithPool: false },
      });
      const incomplete = candidateWrite({
        jobcenter: '101',
        postalCode: '2100',
        incomplete: ['unemployedSince'],
      });
      await stores.candidates.upsert([sharing, private_, incomplete]);
      const order = await anOrder(stores, '751');
      await chosenCandidacy(stores, order, 'c-101', '101');
      await chosenCandidacy(stores, order, 'c-751', '751', 'sent_to_company');
      await stores.placements.recordOutcome({
        jobOrderId: order,
        candidateId: 'c-101',
        request: { outcome: 'started' },
        actor: KONSULENT,
      });
      expect(await stores.stats.poolContribution(pool.id)).toEqual([
        { jobcenter: '101', candidatesShared: 1, shortlisted: 1, placed: 1 },
        { jobcenter: '751', candidatesShared: 0, shortlisted: 0, placed: 0 },
      ]);
      expect(await stores.stats.poolContribution('00000000-0000-0000-0000-000000000000')).toEqual([]);
    });

    describe('by Copenhagen calendar month', () => {
      /** Runs fn with the clock at `iso`, so the stores stamp what it writes with that instant. */
      const at = async <T>(iso: string, fn: () => Promise<T>): Promise<T> => {
        vi.setSystemTime(new Date(iso));
        return fn();
      };
      const zero = (month: string) => ({
        month,
        orders: 0,
        shortlists: 0,
        sentToCompany: 0,
        chosen: 0,
        placements: 0,
        hitRate: null,
        medianSecondsOrderToShortlist: null,
        medianSecondsOrderToChoice: null,
      });
      const finishedList = async (order: string, created: string, completed: string) => {
        const list = await at(created, () =>
          stores.shortlists.create({ jobOrderId: order, scope: 'own', size: 5, strategy: 'fit-first' }),
        );
        await at(completed, () => stores.shortlists.complete(list.id, shortlistResultFixture([])));
      };

      beforeEach(() => {
        vi.useFakeTimers({ toFake: ['Date'] });
      });
      afterEach(() => {
        vi.useRealTimers();
      });

      it('counts each month of the range, empty ones as zeros, with the medians of the orders made that month', async () => {
        // 23:30 UTC on 30 November is 00:30 on 1 December in Denmark.
        const december = await at('2026-11-30T23:30:00.000Z', () => anOrder(stores));
        const november = await at('2026-11-30T22:30:00.000Z', () => anOrder(stores));
        const december2 = await at('2026-12-02T12:00:00.000Z', () => anOrder(stores));
        await at('2026-10-15T12:00:00.000Z', () => anOrder(stores, '101'));
        await finishedList(december, '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z');
        // 00:00 UTC on 1 December: already December in Denmark.
        await finishedList(november, '2026-11-30T23:50:00.000Z', '2026-12-01T00:00:00.000Z');
        await finishedList(december2, '2026-12-02T12:00:00.000Z', '2026-12-02T12:16:40.000Z');
        await at('2026-12-03T23:30:00.000Z', () => chosenCandidacy(stores, december, 'c-1', '751'));
        await at('2027-01-10T12:00:00.000Z', () =>
          chosenCandidacy(stores, december, 'c-2', '751', 'sent_to_company'),
        );
        await at('2027-01-20T12:00:00.000Z', () =>
          stores.placements.recordOutcome({
            jobOrderId: december,
            candidateId: 'c-1',
            request: { outcome: 'started' },
            actor: KONSULENT,
          }),
        );

        expect(await stores.stats.months(['751'], { from: '2026-10', to: '2027-02' })).toEqual([
          zero('2026-10'),
          { ...zero('2026-11'), orders: 1, medianSecondsOrderToShortlist: 5400 },
          {
            ...zero('2026-12'),
            orders: 2,
            shortlists: 3,
            sentToCompany: 1,
            chosen: 1,
            hitRate: 1,
            // (10.5 h + 1000 s) / 2 and 3 days.
            medianSecondsOrderToShortlist: 19400,
            medianSecondsOrderToChoice: 259200,
          },
          { ...zero('2027-01'), sentToCompany: 1, placements: 1, hitRate: 0 },
          zero('2027-02'),
        ]);
        expect(await stores.stats.months(['101'], { from: '2026-10', to: '2026-10' })).toEqual([
          { ...zero('2026-10'), orders: 1 },
        ]);
        expect(await stores.stats.months([], { from: '2026-12', to: '2027-01' })).toEqual([
          zero('2026-12'),
          zero('2027-01'),
        ]);
      });

      it('reports each pool member’s contribution per month', async () => {
        const pool = await stores.pools.create({ name: 'p', members: ['751', '101'] });
        const order = await at('2026-11-01T12:00:00.000Z', () => anOrder(stores, '751'));
        await at('2026-11-30T23:30:00.000Z', () => chosenCandidacy(stores, order, 'c-101', '101'));
        await at('2026-11-15T12:00:00.000Z', () => chosenCandidacy(stores, order, 'c-751', '751'));
        await at('2027-01-05T12:00:00.000Z', () =>
          stores.placements.recordOutcome({
            jobOrderId: order,
            candidateId: 'c-101',
            request: { outcome: 'started' },
            actor: KONSULENT,
          }),
        );
        const range = { from: '2026-11', to: '2027-01' };
        expect(await stores.stats.poolMonths(pool.id, range)).toEqual([
          {
            jobcenter: '101',
            months: [
              { month: '2026-11', shortlisted: 0, placed: 0 },
              { month: '2026-12', shortlisted: 1, placed: 0 },
              { month: '2027-01', shortlisted: 0, placed: 1 },
            ],
          },
          {
            jobcenter: '751',
            months: [
              { month: '2026-11', shortlisted: 0, placed: 0 },
              { month: '2026-12', shortlisted: 0, placed: 0 },
              { month: '2027-01', shortlisted: 0, placed: 0 },
            ],
          },
        ]);
        expect(await stores.stats.poolMonths('00000000-0000-0000-0000-000000000000', range)).toEqual([]);
      });
    });
  });
}
