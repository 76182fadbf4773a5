import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { anOrder, KONSULENT } from './candidacies.contract.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** The behaviour every CandidateErasure adapter must have: the person goes, the counts stay. */
export function candidateErasureContract(name: string, factory: StoresFactory): void {
  describe(`CandidateErasure contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    it('anonymises candidacies, history, placements and audit, and drops notes, releases and bundle PDFs', async () => {
      const order = await anOrder(stores);
      await stores.candidacies.syncShortlist({
        shortlistId: 's-1',
        jobOrderId: order,
        orderJobcenter: '751',
        entries: [{ candidateId: 'c-1', jobcenter: '751' }],
      });
      await stores.candidacies.transition(order, 'c-1', { to: 'contacted', note: 'ringet op' }, KONSULENT);
      for (const to of ['interested', 'sent_to_company', 'chosen'] as const) {
        await stores.candidacies.transition(order, 'c-1', { to }, KONSULENT);
      }
      await stores.placements.recordOutcome({
        jobOrderId: order,
        candidateId: 'c-1',
        request: { outcome: 'started', note: 'møder kl. 7' },
        actor: KONSULENT,
      });
      await stores.contactReleases.release({ candidateId: 'c-1', toJobcenter: '101', releasedBy: 'tok' });
      await stores.audit.record({
        actor: { ...KONSULENT, jobcenter: '101' },
        action: 'candidate.cross_read',
        candidateId: 'c-1',
        homeJobcenter: '751',
        jobOrderId: order,
        bundleId: null,
        detail: null,
      });
      const bundle = await stores.bundles.create({
        jobOrderId: order,
        jobcenter: '751',
        candidateIds: ['c-1', 'c-2'],
        createdBy: 'tok',
      });
      await stores.bundles.complete(bundle.id, Buffer.from('%PDF'), ['c-1', 'c-2']);
      const statsBefore = await stores.stats.summary(['751']);

      expect(await stores.erasure.anonymise('c-1')).toBeGreaterThan(0);

      expect(await stores.candidacies.get(order, 'c-1')).toBeUndefined();
      const [anonymous] = await stores.candidacies.list(order);
      expect(anonymous!.candidateId).toMatch(/^erased:/);
      expect(anonymous!.state).toBe('chosen');
      expect(anonymous!.note).toBeNull();
      const history = await stores.candidacies.history(order, anonymous!.candidateId);
      expect(history.map((e) => [e.to, e.note])).toEqual([
        ['contacted', null],
        ['interested', null],
        ['sent_to_company', null],
        ['chosen', null],
      ]);
      expect(await stores.placements.get(order, 'c-1')).toBeUndefined();
      const placement = await stores.placements.get(order, anonymous!.candidateId);
      expect(placement?.outcomes.map((o) => o.note)).toEqual([null]);
      expect(await stores.contactReleases.isReleased('c-1', '101')).toBe(false);
      expect(await stores.audit.list({ candidateId: 'c-1' })).toEqual([]);
      expect(await stores.audit.list({ candidateId: anonymous!.candidateId })).toHaveLength(1);
      const erased = await stores.bundles.get(bundle.id);
      expect(erased?.status).toBe('erased');
      expect(erased?.candidateIds).toEqual([anonymous!.candidateId, 'c-2']);
      expect(await stores.bundles.getPdf(bundle.id)).toBeUndefined();
      expect(await stores.stats.summary(['751'])).toEqual(statsBefore);
    });

    it('leaves a bundle alone whose ids only contain the erased id as a part', async () => {
      const order = await anOrder(stores);
      const bundle = await stores.bundles.create({
        jobOrderId: order,
        jobcenter: '751',
        candidateIds: ['c-10', 'xc-1'],
        createdBy: 'tok',
      });
      await stores.bundles.complete(bundle.id, Buffer.from('%PDF'), ['c-10', 'xc-1']);
      expect(await stores.erasure.anonymise('c-1')).toBe(0);
      expect(await stores.bundles.get(bundle.id)).toMatchObject({
        status: 'done',
        candidateIds: ['c-10', 'xc-1'],
      });
      expect(await stores.bundles.getPdf(bundle.id)).toEqual(Buffer.from('%PDF'));
    });

    it('touches nothing for a candidate without traces', async () => {
      expect(await stores.erasure.anonymise('nobody')).toBe(0);
    });
  });
}
