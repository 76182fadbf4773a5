import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** The behaviour every PoolStore adapter must have: membership, and who shares with whom. */
export function poolStoreContract(name: string, factory: StoresFactory): void {
  describe(`PoolStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    it('creates a pool with its members, sorted and without repeats', async () => {
      const pool = await stores.pools.create({ name: 'Østjylland', members: ['751', '615', '751'] });
      expect(pool).toMatchObject({ name: 'Østjylland', members: ['615', '751'] });
      expect(await stores.pools.get(pool.id)).toEqual(pool);
      expect(await stores.pools.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    });

    it('adds and removes members idempotently; an unknown pool is undefined', async () => {
      const pool = await stores.pools.create({ name: 'p', members: ['751'] });
      expect((await stores.pools.addMember(pool.id, '101'))?.members).toEqual(['101', '751']);
      expect((await stores.pools.addMember(pool.id, '101'))?.members).toEqual(['101', '751']);
      expect((await stores.pools.removeMember(pool.id, '751'))?.members).toEqual(['101']);
      expect((await stores.pools.removeMember(pool.id, '751'))?.members).toEqual(['101']);
      expect(await stores.pools.addMember('00000000-0000-0000-0000-000000000000', '101')).toBeUndefined();
      expect(await stores.pools.removeMember('00000000-0000-0000-0000-000000000000', '101')).toBeUndefined();
    });

    it('lists every pool or a jobcenter’s, oldest first', async () => {
      const a = await stores.pools.create({ name: 'a', members: ['751', '615'] });
      const b = await stores.pools.create({ name: 'b', members: ['101'] });
      const c = await stores.pools.create({ name: 'c', members: ['751'] });
      expect((await stores.pools.list()).map((p) => p.id)).toEqual([a.id, b.id, c.id]);
      expect((await stores.pools.list({ jobcenter: '751' })).map((p) => p.id)).toEqual([a.id, c.id]);
      expect(await stores.pools.list({ jobcenter: '999' })).toEqual([]);
    });

    it('names the partners of a jobcenter across all its pools, once each, never itself', async () => {
      await stores.pools.create({ name: 'a', members: ['751', '615', '657'] });
      await stores.pools.create({ name: 'b', members: ['751', '615', '101'] });
      await stores.pools.create({ name: 'c', members: ['147', '101'] });
      expect(await stores.pools.partnersOf('751')).toEqual(['101', '615', '657']);
      expect(await stores.pools.partnersOf('147')).toEqual(['101']);
      expect(await stores.pools.partnersOf('999')).toEqual([]);
    });
  });
}
