import { beforeEach, describe, expect, it } from 'vitest';
import type { CandidateWrite } from '../../src/ports/candidates.ts';
import type { ImportRejection } from '../../src/ports/import-runs.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { candidateWrite, jobOrderInputFixture } from './fixtures.ts';
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
          status: 'running',
          jobcenter: null,
          owner: null,
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
          status: 'finished' as const,
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

      it('keeps the tenant and the owning process it was started with', async () => {
        const run = await stores.importRuns.start('candidates', 'api:bulk', {
          jobcenter: '751',
          owner: 'host:42:1700000000000',
        });
        expect(await stores.importRuns.get(run.id)).toMatchObject({
          status: 'running',
          jobcenter: '751',
          owner: 'host:42:1700000000000',
        });
      });

      it("moves the counts with each batch, in the batch's transaction", async () => {
        const run = await stores.importRuns.start('candidates', 'kandidater.ndjson');
        const rejection = (line: number): ImportRejection => ({
          file: 'kandidater.ndjson',
          line,
          reason: 'benefit: invalid',
          errors: [{ field: 'benefit', message: 'invalid' }],
        });
        const a = candidateWrite();
        const draft = candidateWrite({ incomplete: ['benefit'] });
        await stores.candidates.upsert([a, draft], {
          importRun: { runId: run.id, rejected: 2, rejections: [rejection(2)] },
        });
        const changed = candidateWrite({ externalId: a.externalId, name: 'Ny Udgave' });
        await stores.candidates.upsert(
          [changed, candidateWrite({ externalId: draft.externalId, incomplete: ['benefit'] })],
          {
            importRun: { runId: run.id, rejected: 0, rejections: [] },
          },
        );
        expect(await stores.importRuns.get(run.id)).toMatchObject({
          status: 'running',
          imported: 2,
          updated: 1,
          unchanged: 1,
          incomplete: 2,
          rejected: 2,
        });

        // A batch that fails leaves neither its rows nor its counts.
        const broken = { ...candidateWrite(), jobcenter: null } as unknown as CandidateWrite;
        await expect(
          stores.candidates.upsert([candidateWrite(), broken], {
            importRun: { runId: run.id, rejected: 1, rejections: [rejection(9)] },
          }),
        ).rejects.toThrow();
        expect(await stores.candidates.count()).toBe(2);
        expect(await stores.importRuns.get(run.id)).toMatchObject({ imported: 2, rejected: 2 });
        expect((await stores.importRuns.rejections(run.id, { limit: 10 })).items).toEqual([rejection(2)]);

        const orders = await stores.importRuns.start('job-orders', 'ordrer.ndjson');
        await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }], {
          importRun: { runId: orders.id, rejected: 0, rejections: [] },
        });
        expect(await stores.importRuns.get(orders.id)).toMatchObject({ imported: 1, rejected: 0 });
      });

      it('keeps every rejection in order and pages through them', async () => {
        const run = await stores.importRuns.start('candidates', 'api');
        const all: ImportRejection[] = Array.from({ length: 25 }, (_, i) => ({
          file: 'api',
          line: i + 1,
          ...(i % 2 === 0 ? { externalId: `k-${i}` } : {}),
          reason: `(root): bad ${i}`,
          errors: [{ field: '(root)', message: `bad ${i}` }],
        }));
        await stores.importRuns.addRejections({ runId: run.id, rejected: 10, rejections: all.slice(0, 10) });
        await stores.importRuns.addRejections({ runId: run.id, rejected: 20, rejections: all.slice(10) });
        expect((await stores.importRuns.get(run.id))?.rejected).toBe(30);

        const seen: ImportRejection[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await stores.importRuns.rejections(run.id, { limit: 7, after });
          seen.push(...page.items);
          if (!page.next) break;
          after = page.next;
        }
        expect(seen).toEqual(all);
        const other = await stores.importRuns.start('candidates', 'api');
        expect(await stores.importRuns.rejections(other.id, { limit: 5 })).toEqual({ items: [], next: null });
        await expect(
          stores.importRuns.rejections(run.id, { limit: 5, after: 'not-a-cursor' }),
        ).rejects.toThrow(/cursor/);
      });

      it('marks running runs of dead owners interrupted, with their counts, and leaves the rest', async () => {
        const dead = await stores.importRuns.start('candidates', 'a', { owner: 'dead' });
        const alive = await stores.importRuns.start('candidates', 'b', { owner: 'alive' });
        const legacy = await stores.importRuns.start('candidates', 'c');
        const done = await stores.importRuns.start('candidates', 'd', { owner: 'dead' });
        await stores.importRuns.finish({ ...done, finishedAt: new Date().toISOString() });
        await stores.candidates.upsert([candidateWrite()], {
          importRun: { runId: dead.id, rejected: 0, rejections: [] },
        });

        const marked = await stores.importRuns.markInterrupted((owner) => owner === 'alive');
        expect(marked.sort()).toEqual([dead.id, legacy.id].sort());
        expect(await stores.importRuns.get(dead.id)).toMatchObject({
          status: 'interrupted',
          imported: 1,
          finishedAt: null,
        });
        expect((await stores.importRuns.get(alive.id))?.status).toBe('running');
        expect((await stores.importRuns.get(legacy.id))?.status).toBe('interrupted');
        expect((await stores.importRuns.get(done.id))?.status).toBe('finished');
        expect(await stores.importRuns.markInterrupted(() => false)).toEqual([alive.id]);
      });
    });
  });
}
