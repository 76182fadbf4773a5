import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** The behaviour every ImportRunStore adapter must have, written against the port only. */
export function importRunStoreContract(name: string, factory: StoresFactory): void {
  describe(`ImportRunStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    describe('import runs', () => {
      it('starts with zero counters and round-trips the finished run', async () => {
        const run = await stores.importRuns.start('candidates', '/data/import/kandidater.ndjson');
        expect(run).toMatchObject({
          kind: 'candidates',
          source: '/data/import/kandidater.ndjson',
          finishedAt: null,
          imported: 0,
          updated: 0,
          unchanged: 0,
          incomplete: 0,
          rejected: 0,
          errors: [],
        });
        expect(await stores.importRuns.get(run.id)).toEqual(run);

        const finished = {
          ...run,
          finishedAt: new Date().toISOString(),
          imported: 10,
          updated: 2,
          unchanged: 3,
          incomplete: 1,
          rejected: 1,
          errors: [
            { file: 'kandidater.ndjson', line: 7, reason: 'postalCode: is not a known Danish postnummer' },
          ],
        };
        await stores.importRuns.finish(finished);
        expect(await stores.importRuns.get(run.id)).toEqual(finished);
        expect(await stores.importRuns.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      it('keeps at most the first 1000 errors', async () => {
        const run = await stores.importRuns.start('job-orders', 'ordrer.csv');
        const errors = Array.from({ length: 1500 }, (_, i) => ({
          file: 'ordrer.csv',
          line: i + 2,
          reason: 'bad',
        }));
        await stores.importRuns.finish({
          ...run,
          finishedAt: new Date().toISOString(),
          rejected: 1500,
          errors,
        });
        const stored = await stores.importRuns.get(run.id);
        expect(stored?.rejected).toBe(1500);
        expect(stored?.errors).toEqual(errors.slice(0, 1000));
      });
    });
  });
}
