import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/ports/stores.ts';
import { type StoresFactory, useStores } from './harness.ts';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The behaviour every SessionStore adapter must have: absolute and idle expiry, ended by id or by token. */
export function sessionStoreContract(name: string, factory: StoresFactory): void {
  describe(`SessionStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;
    const t0 = Date.now();

    beforeEach(() => {
      stores = open().stores;
    });

    const make = (idHash: string, tokenId = 'tok-1', idleMin = 60, ttlMin = 480) =>
      stores.sessions.create({
        idHash,
        tokenId,
        csrfToken: `csrf-${idHash}`,
        expiresAt: iso(t0 + ttlMin * MIN),
        idleExpiresAt: iso(t0 + idleMin * MIN),
      });

    it('creates a session and reads it back by its hash until it expires', async () => {
      const created = await make('h1');
      expect(created).toMatchObject({ idHash: 'h1', tokenId: 'tok-1', csrfToken: 'csrf-h1' });
      expect(await stores.sessions.get('h1', new Date(t0))).toMatchObject({
        tokenId: 'tok-1',
        csrfToken: 'csrf-h1',
        expiresAt: iso(t0 + 480 * MIN),
        idleExpiresAt: iso(t0 + 60 * MIN),
      });
      expect(await stores.sessions.get('nope', new Date(t0))).toBeUndefined();
      expect(await stores.sessions.get('h1', new Date(t0 + 61 * MIN))).toBeUndefined();
    });

    it('slides the idle expiry on touch, never past the absolute one', async () => {
      await make('h1', 'tok-1', 60, 90);
      await stores.sessions.touch('h1', iso(t0 + 50 * MIN + 60 * MIN), new Date(t0 + 50 * MIN));
      expect(await stores.sessions.get('h1', new Date(t0 + 80 * MIN))).toMatchObject({
        idleExpiresAt: iso(t0 + 90 * MIN),
        lastSeenAt: iso(t0 + 50 * MIN),
      });
      expect(await stores.sessions.get('h1', new Date(t0 + 91 * MIN))).toBeUndefined();
    });

    it('never makes the idle expiry later than the absolute one', async () => {
      const s = await make('h1', 'tok-1', 600, 30);
      expect(s.idleExpiresAt).toBe(iso(t0 + 30 * MIN));
    });

    it('deletes one session, or every session of a token', async () => {
      await make('a', 'tok-1');
      await make('b', 'tok-1');
      await make('c', 'tok-2');
      expect(await stores.sessions.delete('a')).toBe(true);
      expect(await stores.sessions.delete('a')).toBe(false);
      expect(await stores.sessions.get('a', new Date(t0))).toBeUndefined();
      expect(await stores.sessions.deleteByToken('tok-1')).toBe(1);
      expect(await stores.sessions.get('b', new Date(t0))).toBeUndefined();
      expect(await stores.sessions.get('c', new Date(t0))).toBeDefined();
    });

    it('purges only expired sessions', async () => {
      await make('short', 'tok-1', 5);
      await make('long', 'tok-1', 60);
      expect(await stores.sessions.purgeExpired(new Date(t0 + 10 * MIN))).toBe(1);
      expect(await stores.sessions.get('long', new Date(t0 + 10 * MIN))).toBeDefined();
    });
  });
}
