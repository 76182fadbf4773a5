import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidOutcomeError, type OutcomeRequest } from '../../src/domain/workflow.ts';
import { CandidacyNotFoundError } from '../../src/ports/candidacies.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { anOrder, KONSULENT } from './candidacies.contract.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** A candidacy walked to `chosen` (or only as far as `sent_to_company`). */
export async function chosenCandidacy(
  stores: Stores,
  orderId: string,
  candidateId: string,
  homeJobcenter = '751',
  upTo: 'chosen' | 'sent_to_company' = 'chosen',
): Promise<void> {
  await stores.candidacies.syncShortlist({
    shortlistId: `s-${candidateId}`,
    jobOrderId: orderId,
    orderJobcenter: '751',
    entries: [{ candidateId, jobcenter: homeJobcenter }],
  });
  const steps = ['contacted', 'interested', 'sent_to_company', 'chosen'] as const;
  for (const to of steps.slice(0, steps.indexOf(upTo) + 1)) {
    await stores.candidacies.transition(orderId, candidateId, { to }, KONSULENT);
  }
}

/** The behaviour every PlacementStore adapter must have, written against the port only. */
export function placementStoreContract(name: string, factory: StoresFactory): void {
  describe(`PlacementStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;
    let orderId: string;

    beforeEach(async () => {
      stores = open().stores;
      orderId = await anOrder(stores);
    });

    const record = (candidateId: string, request: OutcomeRequest) =>
      stores.placements.recordOutcome({ jobOrderId: orderId, candidateId, request, actor: KONSULENT });

    it('creates the placement on the first outcome and keeps every outcome in order', async () => {
      await chosenCandidacy(stores, orderId, 'c-1', '101');
      expect(await stores.placements.get(orderId, 'c-1')).toBeUndefined();
      const started = await record('c-1', { outcome: 'started', date: '2027-01-04' });
      expect(started).toMatchObject({
        jobOrderId: orderId,
        candidateId: 'c-1',
        homeJobcenter: '101',
        orderJobcenter: '751',
        outcome: 'started',
        reason: null,
      });
      const ended = await record('c-1', { outcome: 'left_early', reason: 'other_job', note: 'fik fast job' });
      expect(ended.id).toBe(started.id);
      expect(ended).toMatchObject({ outcome: 'left_early', reason: 'other_job' });
      expect(ended.outcomes.map((o) => [o.outcome, o.reason, o.note])).toEqual([
        ['started', null, null],
        ['left_early', 'other_job', 'fik fast job'],
      ]);
      expect(ended.outcomes[0]).toMatchObject({
        date: '2027-01-04',
        actor: { tokenId: KONSULENT.tokenId, label: KONSULENT.label },
      });
      expect(ended.outcomes[1]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await stores.placements.get(orderId, 'c-1')).toEqual(ended);
    });

    it('lists one candidate’s placements on every order, each with its outcomes', async () => {
      await chosenCandidacy(stores, orderId, 'c-1');
      await chosenCandidacy(stores, orderId, 'c-2');
      await record('c-1', { outcome: 'started', date: '2027-01-04' });
      await record('c-2', { outcome: 'started', date: '2027-01-04' });
      const other = await anOrder(stores);
      await chosenCandidacy(stores, other, 'c-1');
      await stores.placements.recordOutcome({
        jobOrderId: other,
        candidateId: 'c-1',
        request: { outcome: 'started', date: '2027-02-01' },
        actor: KONSULENT,
      });
      await record('c-1', { outcome: 'completed' });
      const mine = await stores.placements.listByCandidate('c-1');
      expect(mine.map((p) => p.jobOrderId).sort()).toEqual([orderId, other].sort());
      expect(mine.find((p) => p.jobOrderId === orderId)).toEqual(await stores.placements.get(orderId, 'c-1'));
      expect(mine.find((p) => p.jobOrderId === orderId)!.outcomes.map((o) => o.outcome)).toEqual([
        'started',
        'completed',
      ]);
      expect(await stores.placements.listByCandidate('c-3')).toEqual([]);
    });

    it('allows hired_ordinarily after completed', async () => {
      await chosenCandidacy(stores, orderId, 'c-1');
      await record('c-1', { outcome: 'started' });
      await record('c-1', { outcome: 'completed' });
      const hired = await record('c-1', { outcome: 'hired_ordinarily' });
      expect(hired.outcomes.map((o) => o.outcome)).toEqual(['started', 'completed', 'hired_ordinarily']);
    });

    it('refuses an outcome out of order, and records nothing', async () => {
      await chosenCandidacy(stores, orderId, 'c-1');
      await expect(record('c-1', { outcome: 'completed' })).rejects.toBeInstanceOf(InvalidOutcomeError);
      expect(await stores.placements.get(orderId, 'c-1')).toBeUndefined();
      await record('c-1', { outcome: 'started' });
      await record('c-1', { outcome: 'left_early', reason: 'dismissed' });
      await expect(record('c-1', { outcome: 'completed' })).rejects.toBeInstanceOf(InvalidOutcomeError);
      expect((await stores.placements.get(orderId, 'c-1'))?.outcomes).toHaveLength(2);
    });

    it('needs a chosen candidacy', async () => {
      await chosenCandidacy(stores, orderId, 'c-1', '751', 'sent_to_company');
      await expect(record('c-1', { outcome: 'started' })).rejects.toBeInstanceOf(InvalidOutcomeError);
      await expect(record('nobody', { outcome: 'started' })).rejects.toBeInstanceOf(CandidacyNotFoundError);
    });
  });
}
