import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, InvalidTransitionError } from '../../src/domain/workflow.ts';
import { CandidacyNotFoundError } from '../../src/ports/candidacies.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { jobOrderInputFixture } from './fixtures.ts';
import { nextMillisecond, type StoresFactory, useStores } from './harness.ts';

export const KONSULENT: Actor = { tokenId: 'tok-konsulent', label: 'konsulent A', role: 'konsulent' };

/** A job order of jobcenter 751; candidacies, bundles and placements hang off one. */
export async function anOrder(stores: Stores, jobcenter = '751'): Promise<string> {
  const [written] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture({ jobcenter }) }]);
  return written!.id;
}

/** The behaviour every CandidacyStore adapter must have, written against the port only. */
export function candidacyStoreContract(name: string, factory: StoresFactory): void {
  describe(`CandidacyStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;
    let orderId: string;

    beforeEach(async () => {
      stores = open().stores;
      orderId = await anOrder(stores);
    });

    const sync = (shortlistId: string, ids: string[], jobcenter = '751') =>
      stores.candidacies.syncShortlist({
        shortlistId,
        jobOrderId: orderId,
        orderJobcenter: '751',
        entries: ids.map((candidateId) => ({ candidateId, jobcenter })),
      });

    it('adds a shortlist as suggested, remembering the list, and is idempotent', async () => {
      await sync('s-1', ['c-1', 'c-2'], '101');
      await sync('s-1', ['c-1', 'c-2'], '101');
      const list = await stores.candidacies.list(orderId);
      expect(list.map((c) => c.candidateId).sort()).toEqual(['c-1', 'c-2']);
      for (const c of list) {
        expect(c).toMatchObject({
          jobOrderId: orderId,
          state: 'suggested',
          source: 'shortlist',
          firstShortlistId: 's-1',
          homeJobcenter: '101',
          orderJobcenter: '751',
          declineReason: null,
          companyReason: null,
          note: null,
        });
      }
    });

    it('a later shortlist adds only the new people and leaves the state of the others', async () => {
      await sync('s-1', ['c-1']);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'contacted' }, KONSULENT);
      await sync('s-2', ['c-1', 'c-3']);
      const byId = new Map((await stores.candidacies.list(orderId)).map((c) => [c.candidateId, c]));
      expect(byId.get('c-1')).toMatchObject({ state: 'contacted', firstShortlistId: 's-1' });
      expect(byId.get('c-3')).toMatchObject({ state: 'suggested', firstShortlistId: 's-2' });
    });

    it('adds a company proposal once, returning the existing candidacy the second time', async () => {
      const input = {
        jobOrderId: orderId,
        orderJobcenter: '751',
        candidateId: 'c-9',
        homeJobcenter: '751',
        source: 'company_proposal' as const,
        actor: KONSULENT,
      };
      const first = await stores.candidacies.add(input);
      expect(first).toMatchObject({ state: 'suggested', source: 'company_proposal', firstShortlistId: null });
      await stores.candidacies.transition(orderId, 'c-9', { to: 'contacted' }, KONSULENT);
      const again = await stores.candidacies.add(input);
      expect(again.state).toBe('contacted');
      expect(await stores.candidacies.list(orderId)).toHaveLength(1);
    });

    it('is undefined for an unknown pair and empty for an order without any', async () => {
      expect(await stores.candidacies.get(orderId, 'nobody')).toBeUndefined();
      expect(await stores.candidacies.list(orderId)).toEqual([]);
      expect(await stores.candidacies.history(orderId, 'nobody')).toEqual([]);
    });

    it('walks the transition table and records each step with who, when and why', async () => {
      await sync('s-1', ['c-1']);
      await nextMillisecond();
      await stores.candidacies.transition(orderId, 'c-1', { to: 'contacted', note: 'ringet op' }, KONSULENT);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'interested' }, KONSULENT);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'sent_to_company' }, KONSULENT);
      const company: Actor = { tokenId: 'tok-company', label: 'Nordlager', role: 'virksomhed' };
      const last = await stores.candidacies.transition(
        orderId,
        'c-1',
        { to: 'not_chosen', reason: 'chose_other' },
        company,
      );
      expect(last).toMatchObject({ state: 'not_chosen', companyReason: 'chose_other', note: 'ringet op' });
      expect(last.updatedAt > last.createdAt).toBe(true);
      const history = await stores.candidacies.history(orderId, 'c-1');
      expect(history.map((e) => [e.from, e.to])).toEqual([
        ['suggested', 'contacted'],
        ['contacted', 'interested'],
        ['interested', 'sent_to_company'],
        ['sent_to_company', 'not_chosen'],
      ]);
      expect(history[0]).toMatchObject({ note: 'ringet op', reason: null, actor: KONSULENT });
      expect(history[3]).toMatchObject({ reason: 'chose_other', actor: company });
      for (const e of history) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('keeps only the category of a decline', async () => {
      await sync('s-1', ['c-1']);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'contacted' }, KONSULENT);
      const declined = await stores.candidacies.transition(
        orderId,
        'c-1',
        { to: 'declined', reason: 'health' },
        KONSULENT,
      );
      expect(declined).toMatchObject({ state: 'declined', declineReason: 'health', note: null });
    });

    it('refuses a step the table does not allow, and records nothing', async () => {
      await sync('s-1', ['c-1']);
      await expect(
        stores.candidacies.transition(orderId, 'c-1', { to: 'chosen' }, KONSULENT),
      ).rejects.toBeInstanceOf(InvalidTransitionError);
      expect((await stores.candidacies.get(orderId, 'c-1'))?.state).toBe('suggested');
      expect(await stores.candidacies.history(orderId, 'c-1')).toEqual([]);
    });

    it('refuses any step out of a final state', async () => {
      await sync('s-1', ['c-1']);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'contacted' }, KONSULENT);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'declined', reason: 'other_job' }, KONSULENT);
      await expect(
        stores.candidacies.transition(orderId, 'c-1', { to: 'interested' }, KONSULENT),
      ).rejects.toBeInstanceOf(InvalidTransitionError);
    });

    it('says which candidacy is missing', async () => {
      const step = stores.candidacies.transition(orderId, 'nobody', { to: 'contacted' }, KONSULENT);
      await expect(step).rejects.toBeInstanceOf(CandidacyNotFoundError);
      await expect(step).rejects.toThrow(/nobody/);
    });

    it('keeps candidacies per order: the same candidate on two orders has two states', async () => {
      const other = await anOrder(stores);
      await sync('s-1', ['c-1']);
      await stores.candidacies.syncShortlist({
        shortlistId: 's-9',
        jobOrderId: other,
        orderJobcenter: '751',
        entries: [{ candidateId: 'c-1', jobcenter: '751' }],
      });
      await stores.candidacies.transition(orderId, 'c-1', { to: 'contacted' }, KONSULENT);
      expect((await stores.candidacies.get(other, 'c-1'))?.state).toBe('suggested');
    });

    it('lists one candidate’s candidacies on every order, oldest first, and no one else’s', async () => {
      await sync('s-1', ['c-1', 'c-2']);
      await nextMillisecond();
      const second = await anOrder(stores);
      await stores.candidacies.add({
        jobOrderId: second,
        orderJobcenter: '751',
        candidateId: 'c-1',
        homeJobcenter: '751',
        source: 'company_proposal',
        actor: KONSULENT,
      });
      await stores.candidacies.transition(second, 'c-1', { to: 'contacted' }, KONSULENT);
      const mine = await stores.candidacies.listByCandidate('c-1');
      expect(mine.map((c) => [c.jobOrderId, c.state, c.source])).toEqual([
        [orderId, 'suggested', 'shortlist'],
        [second, 'contacted', 'company_proposal'],
      ]);
      expect(mine.every((c) => c.candidateId === 'c-1')).toBe(true);
      expect(await stores.candidacies.listByCandidate('c-3')).toEqual([]);
    });

    it('go with their job order when it is deleted', async () => {
      await sync('s-1', ['c-1']);
      await stores.candidacies.transition(orderId, 'c-1', { to: 'contacted' }, KONSULENT);
      await stores.jobOrders.delete(orderId);
      expect(await stores.candidacies.list(orderId)).toEqual([]);
      expect(await stores.candidacies.history(orderId, 'c-1')).toEqual([]);
    });
  });
}
