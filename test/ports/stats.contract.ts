import { beforeEach, describe, expect, it } from 'vitest';
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
  });
}
