import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreDatabase, Stores } from '../../src/ports/stores.ts';
import { candidateWrite } from './fixtures.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** The database under the stores: readiness and a migration that may run again at every start. */
export function storeDatabaseContract(name: string, factory: StoresFactory): void {
  describe(`StoreDatabase contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;
    let database: StoreDatabase;

    beforeEach(() => {
      ({ stores, database } = open());
    });

    describe('lifecycle', () => {
      it('answers ping', async () => {
        await expect(database.ping()).resolves.toBeUndefined();
      });

      it('migrates again harmlessly, keeping the data', async () => {
        const [written] = await stores.candidates.upsert([candidateWrite()]);
        await database.migrate();
        await database.migrate();
        expect(await stores.candidates.count()).toBe(1);
        expect((await stores.candidates.get(written!.id))?.id).toBe(written!.id);
        await stores.candidates.upsert([candidateWrite()]);
        expect(await stores.candidates.count()).toBe(2);
      });
    });
  });
}
