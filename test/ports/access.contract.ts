import { beforeEach, describe, expect, it } from 'vitest';
import { type AccessStore, JobcenterExistsError } from '../../src/ports/access.ts';
import { type StoresFactory, useStores } from './harness.ts';

/** The behaviour every AccessStore adapter must have: jobcentre, and tokens that work until revoked or expired. */
export function accessStoreContract(name: string, factory: StoresFactory): void {
  describe(`AccessStore contract: ${name}`, () => {
    const open = useStores(factory);
    let access: AccessStore;

    beforeEach(() => {
      access = open().stores.access;
    });

    it('creates, lists and gets jobcentre; a second create of the same id is a conflict', async () => {
      await access.createJobcenter({ id: '751', name: 'Jobcenter Aarhus' });
      await access.createJobcenter({ id: '101', name: 'Jobcenter København' });
      expect((await access.listJobcentre()).map((j) => j.id)).toEqual(['101', '751']);
      expect((await access.getJobcenter('751'))?.name).toBe('Jobcenter Aarhus');
      expect(await access.getJobcenter('999')).toBeUndefined();
      await expect(access.createJobcenter({ id: '751', name: 'again' })).rejects.toBeInstanceOf(
        JobcenterExistsError,
      );
    });
    it('makes every token different', async () => {
      const tokens = new Set<string>();
      for (let i = 0; i < 20; i++)
        tokens.add((await access.createToken({ role: 'admin', label: `a${i}` })).token);
      expect(tokens.size).toBe(20);
    });
    it('rejects expired and revoked tokens, and lists only working ones unless asked', async () => {
      const live = await access.createToken({ role: 'admin', label: 'live' });
      const expired = await access.createToken({
        role: 'admin',
        label: 'expired',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      const future = await access.createToken({
        role: 'admin',
        label: 'future',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(await access.authenticate(expired.token)).toBeUndefined();
      expect(await access.authenticate(future.token)).toBeDefined();

      expect(await access.revokeToken(live.record.id)).toBe(true);
      expect(await access.revokeToken(live.record.id)).toBe(false);
      expect(await access.revokeToken('00000000-0000-0000-0000-000000000000')).toBe(false);
      expect(await access.authenticate(live.token)).toBeUndefined();
      expect((await access.getToken(live.record.id))?.revokedAt).not.toBeNull();

      expect((await access.listTokens()).map((t) => t.label)).toEqual(['future']);
      expect((await access.listTokens({ includeInactive: true })).map((t) => t.label).sort()).toEqual([
        'expired',
        'future',
        'live',
      ]);
    });
    it('filters tokens by role, jobcenter and job order', async () => {
      await access.createToken({ role: 'konsulent', jobcenter: '751', label: 'a' });
      await access.createToken({ role: 'konsulent', jobcenter: '101', label: 'b' });
      await access.createToken({ role: 'virksomhed', jobcenter: '751', jobOrderId: 'order-1', label: 'c' });
      expect((await access.listTokens({ jobcenter: '751' })).map((t) => t.label)).toEqual(['a', 'c']);
      expect((await access.listTokens({ role: 'konsulent' })).map((t) => t.label)).toEqual(['a', 'b']);
      expect((await access.listTokens({ jobOrderId: 'order-1' })).map((t) => t.label)).toEqual(['c']);
    });
    it('refuses a konsulent token without a jobcenter and a virksomhed token without an order', async () => {
      await expect(access.createToken({ role: 'konsulent', label: 'x' })).rejects.toThrow(/jobcenter/);
      await expect(access.createToken({ role: 'virksomhed', jobcenter: '751', label: 'x' })).rejects.toThrow(
        /job order/,
      );
    });

    it('binds a virksomhed token to one bundle, and lists tokens by bundle', async () => {
      const one = await access.createToken({
        role: 'virksomhed',
        jobcenter: '751',
        jobOrderId: 'order-1',
        bundleId: 'bundle-1',
        label: 'one',
      });
      await access.createToken({
        role: 'virksomhed',
        jobcenter: '751',
        jobOrderId: 'order-1',
        bundleId: 'bundle-2',
        label: 'two',
      });
      expect(one.record).toMatchObject({ bundleId: 'bundle-1', jobOrderId: 'order-1', nationalScope: false });
      expect(await access.authenticate(one.token)).toMatchObject({ bundleId: 'bundle-1' });
      expect((await access.getToken(one.record.id))?.bundleId).toBe('bundle-1');
      expect((await access.listTokens({ bundleId: 'bundle-2' })).map((t) => t.label)).toEqual(['two']);
      const konsulent = await access.createToken({ role: 'konsulent', jobcenter: '751', label: 'k' });
      expect(konsulent.record.bundleId).toBeNull();
      await expect(
        access.createToken({ role: 'konsulent', jobcenter: '751', bundleId: 'bundle-1', label: 'x' }),
      ).rejects.toThrow(/bundle/);
    });
    it('grants national scope to a konsulent token only when asked, and to no other role', async () => {
      const plain = await access.createToken({ role: 'konsulent', jobcenter: '751', label: 'plain' });
      const national = await access.createToken({
        role: 'konsulent',
        jobcenter: '751',
        nationalScope: true,
        label: 'national',
      });
      expect(plain.record.nationalScope).toBe(false);
      expect((await access.authenticate(plain.token))?.nationalScope).toBe(false);
      expect(national.record.nationalScope).toBe(true);
      expect((await access.authenticate(national.token))?.nationalScope).toBe(true);
      expect((await access.getToken(national.record.id))?.nationalScope).toBe(true);
      await expect(access.createToken({ role: 'admin', nationalScope: true, label: 'x' })).rejects.toThrow(
        /national/,
      );
    });
  });
}
