import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** The behaviour every ContactReleaseStore adapter must have: a release per (candidate, jobcenter), idempotent. */
export function contactReleaseStoreContract(name: string, factory: StoresFactory): void {
  describe(`ContactReleaseStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    it('releases to one jobcenter only, and releasing again changes nothing', async () => {
      expect(await stores.contactReleases.isReleased('c-1', '101')).toBe(false);
      await stores.contactReleases.release({ candidateId: 'c-1', toJobcenter: '101', releasedBy: 'tok-a' });
      await stores.contactReleases.release({ candidateId: 'c-1', toJobcenter: '101', releasedBy: 'tok-a2' });
      expect(await stores.contactReleases.isReleased('c-1', '101')).toBe(true);
      expect(await stores.contactReleases.isReleased('c-1', '615')).toBe(false);
      expect(await stores.contactReleases.isReleased('c-2', '101')).toBe(false);
    });
  });
}
