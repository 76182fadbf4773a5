import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/workflow.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { KONSULENT } from './candidacies.contract.ts';
import { jobOrderInputFixture } from './fixtures.ts';
import { type StoresFactory, useStores } from './harness.ts';

const COMPANY: Actor = { tokenId: 'tok-company', label: 'Nordlager', role: 'virksomhed' };
const PDF = Buffer.from('%PDF-1.7 overview');

/** The behaviour every OverviewReadModel adapter must have: one jobcenter's work in progress, nobody else's. */
export function overviewReadModelContract(name: string, factory: StoresFactory): void {
  describe(`OverviewReadModel contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;
    beforeEach(() => {
      stores = open().stores;
    });

    const order = async (jobcenter: string, externalId: string, period: { from: string; to: string }) => {
      const [w] = await stores.jobOrders.upsert([
        { jobOrder: jobOrderInputFixture({ jobcenter, externalId, period, title: `Ordre ${externalId}` }) },
      ]);
      return w!.id;
    };
    const query = (jobcenter?: string) =>
      stores.overview.overview({
        jobcenter,
        today: '2027-02-01',
        choicesSince: '2000-01-01T00:00:00.000Z',
        limit: 50,
      });

    it('lists open orders with their newest shortlist, and lists in progress', async () => {
      const ended = await order('751', 'old', { from: '2026-01-05', to: '2027-01-29' });
      const later = await order('751', 'later', { from: '2027-03-01', to: '2027-06-30' });
      const soon = await order('751', 'soon', { from: '2027-02-01', to: '2027-02-01' });
      await order('101', 'other', { from: '2027-01-04', to: '2027-06-30' });
      const first = await stores.shortlists.create({
        jobOrderId: soon,
        scope: 'auto',
        size: 10,
        strategy: 'fit-first',
      });
      await stores.shortlists.fail(first.id, 'x');
      const second = await stores.shortlists.create({
        jobOrderId: soon,
        scope: 'own',
        size: 5,
        strategy: 'fit-first',
      });
      await stores.shortlists.create({ jobOrderId: ended, scope: 'own', size: 5, strategy: 'fit-first' });

      const o = await query('751');
      expect(o.openJobOrders.map((x) => x.id)).toEqual([soon, later]);
      expect(o.openJobOrders[0]).toMatchObject({
        externalId: 'soon',
        title: 'Ordre soon',
        period: { from: '2027-02-01', to: '2027-02-01' },
        lastShortlist: { id: second.id, status: 'queued' },
      });
      expect(o.openJobOrders[0]!.company.cvr).toMatch(/^\d{8}$/);
      expect(o.openJobOrders[1]!.lastShortlist).toBeNull();
      expect(o.shortlistsInProgress.map((s) => s.jobOrderId).sort()).toEqual([ended, soon].sort());
      expect((await query('101')).openJobOrders).toHaveLength(1);
      expect((await query()).openJobOrders).toHaveLength(3);
    });

    it('lists who owes an answer, the unopened bundles with a working link, and recent decisions', async () => {
      const id = await order('751', 'wf', { from: '2027-03-01', to: '2027-06-30' });
      const add = (candidateId: string) =>
        stores.candidacies.add({
          jobOrderId: id,
          orderJobcenter: '751',
          candidateId,
          homeJobcenter: '751',
          source: 'company_proposal',
          actor: KONSULENT,
        });
      const step = (candidateId: string, to: string) =>
        stores.candidacies.transition(id, candidateId, { to } as never, KONSULENT);
      for (const c of ['c-1', 'c-2', 'c-3', 'c-4']) await add(c);
      await step('c-1', 'contacted');
      for (const c of ['c-2', 'c-3']) {
        await step(c, 'contacted');
        await step(c, 'interested');
        await step(c, 'sent_to_company');
      }
      await stores.candidacies.transition(id, 'c-3', { to: 'chosen' } as never, COMPANY);

      const bundle = async (done: boolean, revoked: boolean) => {
        const b = await stores.bundles.create({
          jobOrderId: id,
          jobcenter: '751',
          candidateIds: ['c-2'],
          createdBy: 'k',
        });
        const { record } = await stores.access.createToken({
          role: 'virksomhed',
          jobcenter: '751',
          jobOrderId: id,
          bundleId: b.id,
          label: 'x',
          expiresAt: '2099-01-01T00:00:00.000Z',
        });
        await stores.bundles.setToken(b.id, record.id);
        if (done) await stores.bundles.complete(b.id, PDF, ['c-2']);
        if (revoked) await stores.access.revokeToken(record.id);
        return b.id;
      };
      const waiting = await bundle(true, false);
      const opened = await bundle(true, false);
      await stores.bundles.recordView(opened);
      await bundle(true, true);
      await bundle(false, false);

      const o = await query('751');
      expect(o.awaitingReply.map((a) => [a.candidateId, a.state])).toEqual([
        ['c-1', 'contacted'],
        ['c-2', 'sent_to_company'],
      ]);
      expect(o.awaitingReply[0]).toMatchObject({ jobOrderId: id, jobOrderTitle: 'Ordre wf' });
      expect(o.bundlesNotOpened.map((b) => b.id)).toEqual([waiting]);
      expect(o.bundlesNotOpened[0]).toMatchObject({
        jobOrderTitle: 'Ordre wf',
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
      expect(o.recentChoices).toEqual([
        expect.objectContaining({
          jobOrderId: id,
          candidateId: 'c-3',
          choice: 'chosen',
          jobOrderTitle: 'Ordre wf',
        }),
      ]);
      const other = await query('101');
      expect([other.awaitingReply, other.bundlesNotOpened, other.recentChoices]).toEqual([[], [], []]);
      const later = await stores.overview.overview({
        jobcenter: '751',
        today: '2027-02-01',
        choicesSince: '2999-01-01T00:00:00.000Z',
        limit: 50,
      });
      expect(later.recentChoices).toEqual([]);
    });
  });
}
