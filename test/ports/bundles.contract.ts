import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { anOrder } from './candidacies.contract.ts';
import { type StoresFactory, useStores } from './harness.ts';

const PDF = Buffer.from('%PDF-1.7 a bundle');

/** The behaviour every BundleStore adapter must have: queued -> rendering -> done or failed, never back. */
export function bundleStoreContract(name: string, factory: StoresFactory): void {
  describe(`BundleStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;
    let orderId: string;

    beforeEach(async () => {
      stores = open().stores;
      orderId = await anOrder(stores);
    });

    const create = (candidateIds = ['c-1', 'c-2']) =>
      stores.bundles.create({
        jobOrderId: orderId,
        jobcenter: '751',
        candidateIds,
        createdBy: 'tok-konsulent',
      });

    it('creates a queued bundle and goes rendering -> done with its PDF', async () => {
      const bundle = await create();
      expect(bundle).toMatchObject({
        jobOrderId: orderId,
        jobcenter: '751',
        status: 'queued',
        candidateIds: ['c-1', 'c-2'],
        tokenId: null,
        createdBy: 'tok-konsulent',
        completedAt: null,
        error: null,
        pdfBytes: null,
      });
      expect(await stores.bundles.getPdf(bundle.id)).toBeUndefined();
      await stores.bundles.setToken(bundle.id, 'tok-company');
      await stores.bundles.markRendering(bundle.id);
      expect((await stores.bundles.get(bundle.id))?.status).toBe('rendering');
      await stores.bundles.complete(bundle.id, PDF, ['c-2']);
      const done = await stores.bundles.get(bundle.id);
      expect(done).toMatchObject({ status: 'done', candidateIds: ['c-2'], tokenId: 'tok-company' });
      expect(done?.pdfBytes).toBe(PDF.length);
      expect(done?.completedAt).not.toBeNull();
      expect(await stores.bundles.getPdf(bundle.id)).toEqual(PDF);
    });

    it('never re-renders or fails a finished bundle', async () => {
      const bundle = await create();
      await stores.bundles.complete(bundle.id, PDF, ['c-1']);
      await stores.bundles.markRendering(bundle.id);
      await stores.bundles.complete(bundle.id, Buffer.from('another'), ['c-2']);
      await stores.bundles.fail(bundle.id, 'late failure');
      expect(await stores.bundles.get(bundle.id)).toMatchObject({
        status: 'done',
        candidateIds: ['c-1'],
        error: null,
      });
      expect(await stores.bundles.getPdf(bundle.id)).toEqual(PDF);
    });

    it('records a failure with its reason, and has no PDF then', async () => {
      const bundle = await create();
      await stores.bundles.markRendering(bundle.id);
      await stores.bundles.fail(bundle.id, 'none of the candidates can be sent any more');
      expect(await stores.bundles.get(bundle.id)).toMatchObject({
        status: 'failed',
        error: 'none of the candidates can be sent any more',
      });
      expect(await stores.bundles.getPdf(bundle.id)).toBeUndefined();
    });

    it('lists the bundles a candidate is in, on any order, oldest first', async () => {
      const first = await create(['c-1', 'c-2']);
      await create(['c-2']);
      const other = await anOrder(stores);
      const third = await stores.bundles.create({
        jobOrderId: other,
        jobcenter: '751',
        candidateIds: ['c-3', 'c-1'],
        createdBy: 'tok-konsulent',
      });
      expect((await stores.bundles.listByCandidate('c-1')).map((b) => b.id)).toEqual([first.id, third.id]);
      // An id that is only a part of another id is not a match.
      expect(await stores.bundles.listByCandidate('c-')).toEqual([]);
      expect(await stores.bundles.listByCandidate('c-9')).toEqual([]);
    });

    it('lists the unfinished bundles of every order, oldest first, up to the limit', async () => {
      const queued = await create(['c-1']);
      const rendering = await create(['c-2']);
      await stores.bundles.markRendering(rendering.id);
      const done = await create(['c-1']);
      await stores.bundles.complete(done.id, Buffer.from('%PDF-1.4'), ['c-1']);
      const failed = await create(['c-2']);
      await stores.bundles.fail(failed.id, 'no');
      const ids = [queued.id, rendering.id, done.id, failed.id];
      const ours = (await stores.bundles.unfinished(100)).filter((b) => ids.includes(b.id));
      expect(ours.map((b) => [b.id, b.status]).sort()).toEqual(
        [
          [queued.id, 'queued'],
          [rendering.id, 'rendering'],
        ].sort(),
      );
      expect(await stores.bundles.unfinished(1)).toHaveLength(1);
    });

    it('lists an order’s bundles oldest first; unknown ids are undefined', async () => {
      const first = await create(['c-1']);
      const second = await create(['c-2']);
      expect((await stores.bundles.list(orderId)).map((b) => b.id)).toEqual([first.id, second.id]);
      expect(await stores.bundles.list(await anOrder(stores))).toEqual([]);
      expect(await stores.bundles.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    });

    it('counts the company’s views and keeps the time of the first', async () => {
      const bundle = await create();
      expect(bundle).toMatchObject({ openedAt: null, viewCount: 0 });
      const first = new Date('2027-01-05T08:00:00.000Z');
      await stores.bundles.recordView(bundle.id, first);
      await stores.bundles.recordView(bundle.id, new Date('2027-01-06T08:00:00.000Z'));
      expect(await stores.bundles.get(bundle.id)).toMatchObject({
        openedAt: first.toISOString(),
        viewCount: 2,
      });
      expect((await stores.bundles.list(orderId))[0]).toMatchObject({ viewCount: 2 });
    });
  });
}
