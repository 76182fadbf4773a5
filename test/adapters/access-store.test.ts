import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken, SqliteAccessStore } from '../../src/adapters/sqlite/access-store.ts';
import { SqliteStore } from '../../src/adapters/sqlite/store.ts';
import { JobcenterExistsError } from '../../src/ports/access.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');
const dirs: string[] = [];
const stores: SqliteStore[] = [];

async function openAccess(file?: string) {
  let dbFile = file;
  if (!dbFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-access-'));
    dirs.push(dir);
    dbFile = path.join(dir, 'vikarmatch.db');
  }
  const store = new SqliteStore({ file: dbFile, cprKey: CPR_KEY });
  stores.push(store);
  await store.migrate();
  return { access: new SqliteAccessStore(store.database), store, file: dbFile };
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SqliteAccessStore', () => {
  it('creates, lists and gets jobcentre; a second create of the same id is a conflict', async () => {
    const { access } = await openAccess();
    await access.createJobcenter({ id: '751', name: 'Jobcenter Aarhus' });
    await access.createJobcenter({ id: '101', name: 'Jobcenter København' });
    expect((await access.listJobcentre()).map((j) => j.id)).toEqual(['101', '751']);
    expect((await access.getJobcenter('751'))?.name).toBe('Jobcenter Aarhus');
    expect(await access.getJobcenter('999')).toBeUndefined();
    await expect(access.createJobcenter({ id: '751', name: 'again' })).rejects.toBeInstanceOf(
      JobcenterExistsError,
    );
  });

  it('stores only the hash of a token and authenticates by the clear token', async () => {
    const { access, store } = await openAccess();
    const { token, record } = await access.createToken({
      role: 'konsulent',
      jobcenter: '751',
      label: 'Mette',
    });
    expect(token).toMatch(/^vm_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ role: 'konsulent', jobcenter: '751', jobOrderId: null, revokedAt: null });
    const rows = store.database.prepare('SELECT * FROM api_tokens').all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token_hash).toBe(hashToken(token));

    const found = await access.authenticate(token);
    expect(found?.id).toBe(record.id);
    expect(found?.lastUsedAt).not.toBeNull();
    expect(await access.authenticate(`${token}x`)).toBeUndefined();
    expect(await access.authenticate('')).toBeUndefined();
  });

  it('makes every token different', async () => {
    const { access } = await openAccess();
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++)
      tokens.add((await access.createToken({ role: 'admin', label: `a${i}` })).token);
    expect(tokens.size).toBe(20);
  });

  it('rejects expired and revoked tokens, and lists only working ones unless asked', async () => {
    const { access } = await openAccess();
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
    const { access } = await openAccess();
    await access.createToken({ role: 'konsulent', jobcenter: '751', label: 'a' });
    await access.createToken({ role: 'konsulent', jobcenter: '101', label: 'b' });
    await access.createToken({ role: 'virksomhed', jobcenter: '751', jobOrderId: 'order-1', label: 'c' });
    expect((await access.listTokens({ jobcenter: '751' })).map((t) => t.label)).toEqual(['a', 'c']);
    expect((await access.listTokens({ role: 'konsulent' })).map((t) => t.label)).toEqual(['a', 'b']);
    expect((await access.listTokens({ jobOrderId: 'order-1' })).map((t) => t.label)).toEqual(['c']);
  });

  it('refuses a konsulent token without a jobcenter and a virksomhed token without an order', async () => {
    const { access } = await openAccess();
    await expect(access.createToken({ role: 'konsulent', label: 'x' })).rejects.toThrow(/jobcenter/);
    await expect(access.createToken({ role: 'virksomhed', jobcenter: '751', label: 'x' })).rejects.toThrow(
      /job order/,
    );
  });

  it('keeps tokens and jobcentre across a reopen of the file', async () => {
    const first = await openAccess();
    await first.access.createJobcenter({ id: '751', name: 'Aarhus' });
    const { token } = await first.access.createToken({ role: 'konsulent', jobcenter: '751', label: 'k' });
    await first.store.close();
    const second = await openAccess(first.file);
    expect((await second.access.authenticate(token))?.jobcenter).toBe('751');
    expect(await second.access.getJobcenter('751')).toBeDefined();
  });
});
