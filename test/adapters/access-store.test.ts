import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/adapters/shared/access-rows.ts';
import type { SqliteDatabase } from '../../src/adapters/sqlite/connection.ts';
import { MIGRATIONS, migrate } from '../../src/adapters/sqlite/migrations.ts';
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

  it('binds the company tokens made before the bundle binding to the bundle that recorded them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-access-'));
    dirs.push(dir);
    const file = path.join(dir, 'vikarmatch.db');
    const old = new Database(file);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    const now = new Date().toISOString();
    const insertToken =
      old.prepare(`INSERT INTO api_tokens (id, token_hash, role, jobcenter, job_order_id, label,
      created_at) VALUES (?, ?, ?, '751', ?, 'x', ?)`);
    insertToken.run('company-token', hashToken('vm_company'), 'virksomhed', 'order-1', now);
    insertToken.run('konsulent-token', hashToken('vm_konsulent'), 'konsulent', null, now);
    old
      .prepare(`INSERT INTO job_orders (id, jobcenter, external_id, job_order_json, content_hash, created_at,
      updated_at) VALUES ('order-1', '751', 'o', '{}', 'h', ?, ?)`)
      .run(now, now);
    old
      .prepare(`INSERT INTO bundles (id, job_order_id, jobcenter, status, candidate_ids_json, token_id, created_by,
      created_at) VALUES ('bundle-1', 'order-1', '751', 'done', '[]', 'company-token', 'k', ?)`)
      .run(now);
    old.close();

    const { access } = await openAccess(file);
    expect(await access.authenticate('vm_company')).toMatchObject({
      bundleId: 'bundle-1',
      nationalScope: false,
    });
    expect(await access.authenticate('vm_konsulent')).toMatchObject({ bundleId: null, nationalScope: false });
  });
});
