import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/adapters/sqlite/access-store.ts';
import type { SqliteDatabase } from '../../src/adapters/sqlite/connection.ts';
import { openSqliteStores } from '../../src/adapters/sqlite/stores.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');
const dirs: string[] = [];
const databases: SqliteDatabase[] = [];

async function openAccess(file?: string) {
  let dbFile = file;
  if (!dbFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-access-'));
    dirs.push(dir);
    dbFile = path.join(dir, 'vikarmatch.db');
  }
  const { database, stores } = openSqliteStores({ file: dbFile, cprKey: CPR_KEY });
  databases.push(database);
  await database.migrate();
  return { access: stores.access, stores, database, file: dbFile };
}

afterEach(async () => {
  for (const d of databases.splice(0)) await d.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** What only the SQLite file can show; the behaviour every adapter shares is in test/ports/access.contract.ts. */
describe('SqliteAccessStore', () => {
  it('stores only the hash of a token and authenticates by the clear token', async () => {
    const { access, database } = await openAccess();
    const { token, record } = await access.createToken({
      role: 'konsulent',
      jobcenter: '751',
      label: 'Mette',
    });
    expect(token).toMatch(/^vm_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ role: 'konsulent', jobcenter: '751', jobOrderId: null, revokedAt: null });
    const rows = database.connection.prepare('SELECT * FROM api_tokens').all() as Array<
      Record<string, unknown>
    >;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token_hash).toBe(hashToken(token));

    const found = await access.authenticate(token);
    expect(found?.id).toBe(record.id);
    expect(found?.lastUsedAt).not.toBeNull();
    expect(await access.authenticate(`${token}x`)).toBeUndefined();
    expect(await access.authenticate('')).toBeUndefined();
  });

  it('keeps tokens and jobcentre across a reopen of the file', async () => {
    const first = await openAccess();
    await first.stores.access.createJobcenter({ id: '751', name: 'Aarhus' });
    const { token } = await first.stores.access.createToken({
      role: 'konsulent',
      jobcenter: '751',
      label: 'k',
    });
    await first.database.close();
    const second = await openAccess(first.file);
    expect((await second.stores.access.authenticate(token))?.jobcenter).toBe('751');
    expect(await second.stores.access.getJobcenter('751')).toBeDefined();
  });
});
