import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { jobOrderInputFixture } from './fixtures.ts';
import { nextMillisecond, type StoresFactory, useStores } from './harness.ts';

const externalIds = (records: Array<{ externalId: string }>) => records.map((r) => r.externalId).sort();

/** The behaviour every JobOrderStore adapter must have, written against the port only. */
export function jobOrderStoreContract(name: string, factory: StoresFactory): void {
  describe(`JobOrderStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    describe('job orders', () => {
      it('upserts with created, updated and unchanged', async () => {
        const a = jobOrderInputFixture();
        const b = jobOrderInputFixture({ jobcenter: '101', postalCode: '2100' });
        const first = await stores.jobOrders.upsert([{ jobOrder: a }, { jobOrder: b }]);
        expect(first.map((r) => r.status)).toEqual(['created', 'created']);
        await nextMillisecond();
        const again = await stores.jobOrders.upsert([{ jobOrder: a }, { jobOrder: b }]);
        expect(again).toEqual(first.map((r) => ({ id: r.id, status: 'unchanged' })));
        const a2 = jobOrderInputFixture({ externalId: a.externalId, title: 'Truckfører' });
        expect(await stores.jobOrders.upsert([{ jobOrder: a2 }])).toEqual([
          { id: first[0]!.id, status: 'updated' },
        ]);

        const got = await stores.jobOrders.get(first[0]!.id);
        expect(got).toMatchObject({
          id: first[0]!.id,
          jobcenter: '751',
          externalId: a.externalId,
          jobOrder: a2,
        });
        expect(got!.updatedAt > got!.createdAt).toBe(true);
        expect(await stores.jobOrders.find('751', a.externalId)).toEqual(got);
        expect(await stores.jobOrders.find('101', a.externalId)).toBeUndefined();
        expect(await stores.jobOrders.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      it('stores all of a batch or none of it', async () => {
        const a = jobOrderInputFixture();
        const broken = { ...jobOrderInputFixture(), jobcenter: null } as unknown as typeof a;
        await expect(stores.jobOrders.upsert([{ jobOrder: a }, { jobOrder: broken }])).rejects.toThrow();
        expect(await stores.jobOrders.find(a.jobcenter, a.externalId)).toBeUndefined();
      });

      it('lists by jobcenter with pagination', async () => {
        const orders = [
          ...Array.from({ length: 5 }, () => jobOrderInputFixture()),
          ...Array.from({ length: 2 }, () => jobOrderInputFixture({ jobcenter: '101', postalCode: '2100' })),
        ];
        await stores.jobOrders.upsert(orders.map((jobOrder) => ({ jobOrder })));
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await stores.jobOrders.list({ jobcenter: '751' }, { limit: 2, after });
          seen.push(...page.items.map((r) => r.externalId));
          after = page.next ?? undefined;
        } while (after);
        expect(seen.sort()).toEqual(externalIds(orders.slice(0, 5)));
        const all = await stores.jobOrders.list({}, { limit: 100 });
        expect(all.items).toHaveLength(7);
        expect(all.next).toBeNull();
      });

      it('deletes', async () => {
        const [written] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
        expect(await stores.jobOrders.delete(written!.id)).toBe(true);
        expect(await stores.jobOrders.get(written!.id)).toBeUndefined();
        expect(await stores.jobOrders.delete(written!.id)).toBe(false);
      });
    });
  });
}
