import { beforeEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../../src/ports/audit.ts';
import type { Stores } from '../../src/ports/stores.ts';
import { type StoresFactory, useStores } from './harness.ts';

const entry = (overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  actor: { tokenId: 'tok-b', label: 'konsulent B', role: 'konsulent', jobcenter: '101' },
  action: 'candidate.cross_read',
  candidateId: 'c-1',
  homeJobcenter: '751',
  jobOrderId: null,
  bundleId: null,
  detail: null,
  ...overrides,
});

/** The behaviour every AuditLog adapter must have: append-only, newest first, filtered by person or jobcenter. */
export function auditLogContract(name: string, factory: StoresFactory): void {
  describe(`AuditLog contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    it('records entries whole and lists them newest first', async () => {
      await stores.audit.record(entry({ detail: 'first' }));
      await stores.audit.record(
        entry({ action: 'company.bundle.view', bundleId: 'b-1', jobOrderId: 'o-1', detail: 'second' }),
      );
      const all = await stores.audit.list({});
      expect(all.map((e) => e.detail)).toEqual(['second', 'first']);
      expect(all[0]).toMatchObject({
        action: 'company.bundle.view',
        actor: { tokenId: 'tok-b', label: 'konsulent B', role: 'konsulent', jobcenter: '101' },
        candidateId: 'c-1',
        homeJobcenter: '751',
        jobOrderId: 'o-1',
        bundleId: 'b-1',
      });
      expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
      expect(all[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('filters by candidate and by home jobcenter, and limits', async () => {
      await stores.audit.record(entry({ candidateId: 'c-1', homeJobcenter: '751' }));
      await stores.audit.record(entry({ candidateId: 'c-2', homeJobcenter: '751' }));
      await stores.audit.record(entry({ candidateId: 'c-3', homeJobcenter: '101' }));
      await stores.audit.record(entry({ candidateId: null, homeJobcenter: null, action: 'token.create' }));
      expect((await stores.audit.list({ candidateId: 'c-2' })).map((e) => e.candidateId)).toEqual(['c-2']);
      expect((await stores.audit.list({ homeJobcenter: '751' })).map((e) => e.candidateId)).toEqual([
        'c-2',
        'c-1',
      ]);
      expect(await stores.audit.list({ candidateId: 'c-3', homeJobcenter: '751' })).toEqual([]);
      expect(await stores.audit.list({ limit: 2 })).toHaveLength(2);
      expect(await stores.audit.list({})).toHaveLength(4);
    });
  });
}
