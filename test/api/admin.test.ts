import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCandidate } from '../../indexer/validate.ts';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, json, type TestApi } from './helpers.ts';

describe('admin API: jobcentre and tokens', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it('registers jobcentre; a duplicate is 409; a bad kommunekode names the field', async () => {
    const res = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/jobcentre',
      payload: { id: '0461', name: 'Jobcenter Odense' },
    });
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ id: '461', name: 'Jobcenter Odense' });
    const dup = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/jobcentre',
      payload: { id: '461', name: 'x' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/jobcentre',
      payload: { id: '9999', name: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(bad).errors[0]!.field).toBe('id');
    const list = json<{ items: Array<{ id: string }> }>(
      await t.call(t.tokens.admin, { method: 'GET', url: '/v1/jobcentre' }),
    );
    expect(list.items.map((j) => j.id)).toEqual(['101', '461', '751']);
  });

  it('creates a konsulent token that works once, lists it without secrets, and revokes it', async () => {
    const res = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/tokens',
      payload: { role: 'konsulent', jobcenter: JC_A, label: 'Mette på jobcentret' },
    });
    expect(res.statusCode).toBe(201);
    const created = json(res);
    expect(created.token).toMatch(/^vm_/);
    expect(created).toMatchObject({ role: 'konsulent', jobcenter: JC_A, revokedAt: null });

    const token = created.token as string;
    expect((await t.call(token, { method: 'GET', url: '/v1/candidates' })).statusCode).toBe(200);

    const list = await t.call(t.tokens.admin, { method: 'GET', url: '/v1/tokens' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toMatch(/hash|"token"/);
    expect(json<{ items: Array<{ id: string }> }>(list).items.map((i) => i.id)).toContain(created.id);

    expect(
      (await t.call(t.tokens.admin, { method: 'DELETE', url: `/v1/tokens/${created.id}` })).statusCode,
    ).toBe(204);
    const after = await t.call(token, { method: 'GET', url: '/v1/candidates' });
    expect(after.statusCode).toBe(401);
    expect(json(after).detail).toMatch(/unknown, expired or revoked/);
    expect(
      (
        await t.call(t.tokens.admin, {
          method: 'DELETE',
          url: '/v1/tokens/0b7e6bd2-3f5a-4c1e-9d55-5d1f0e6f7a11',
        })
      ).statusCode,
    ).toBe(404);
    const inactive = json<{ items: Array<{ id: string; revokedAt: string | null }> }>(
      await t.call(t.tokens.admin, { method: 'GET', url: '/v1/tokens?includeInactive=true' }),
    );
    expect(inactive.items.find((i) => i.id === created.id)?.revokedAt).toBeTruthy();
  });

  it('a konsulent token needs a registered jobcenter; expiry must lie ahead; an expired token is refused', async () => {
    const missing = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/tokens',
      payload: { role: 'konsulent', label: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(missing).errors[0]!.field).toBe('jobcenter');
    const unregistered = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/tokens',
      payload: { role: 'konsulent', jobcenter: '851', label: 'x' },
    });
    expect(unregistered.statusCode).toBe(400);
    expect(json(unregistered).errors).toEqual([expect.objectContaining({ field: 'jobcenter' })]);
    const past = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/tokens',
      payload: { role: 'admin', label: 'x', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    const virksomhed = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/tokens',
      payload: { role: 'virksomhed', label: 'x' },
    });
    expect(json(virksomhed).errors).toEqual([expect.objectContaining({ field: 'jobOrderId' })]);

    const { token } = await t.ctx.stores.access.createToken({
      role: 'konsulent',
      jobcenter: JC_A,
      label: 'short-lived',
      expiresAt: new Date(Date.now() - 1).toISOString(),
    });
    expect((await t.call(token, { method: 'GET', url: '/v1/candidates' })).statusCode).toBe(401);
  });

  it('the env bootstrap admin token works without being stored', async () => {
    expect((await t.call(t.tokens.admin, { method: 'GET', url: '/v1/tokens' })).statusCode).toBe(200);
    const all = await t.ctx.stores.access.listTokens({ includeInactive: true });
    expect(all.every((r) => r.label !== 'ADMIN_TOKEN')).toBe(true);
    expect((await t.call(`${t.tokens.admin}x`, { method: 'GET', url: '/v1/tokens' })).statusCode).toBe(401);
  });
});

describe('without ADMIN_TOKEN', () => {
  it('no token is an admin token', async () => {
    const t = await createTestApi({ env: { ADMIN_TOKEN: '' } });
    try {
      expect((await t.call('', { method: 'GET', url: '/v1/tokens' })).statusCode).toBe(401);
      expect((await t.call('undefined', { method: 'GET', url: '/v1/tokens' })).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/admin/reindex', () => {
  it('admin: 202 with the job id, and the job rebuilds the index from the Store; konsulent: 403', async () => {
    const t = await createTestApi({ workers: true });
    try {
      // Written to the Store only, as when a Meilisearch index was lost: the index does not have it.
      const v = validateCandidate(candidateBody());
      if (!v.ok) throw new Error(v.reason);
      await t.ctx.stores.candidates.upsert([v.value]);
      expect(await t.ctx.index.count()).toBe(0);

      const denied = await t.call(t.tokens.a, { method: 'POST', url: '/v1/admin/reindex' });
      expect(denied.statusCode).toBe(403);
      expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await t.call(null, { method: 'POST', url: '/v1/admin/reindex' })).statusCode).toBe(401);
      expect(Object.values(await t.ctx.queue.counts()).every((n) => n === 0)).toBe(true);

      const res = await t.call(t.tokens.admin, { method: 'POST', url: '/v1/admin/reindex' });
      expect(res.statusCode).toBe(202);
      const body = json<{ id: string; status: string }>(res);
      expect(body).toEqual({ id: expect.any(String), status: 'queued' });
      const job = await waitFor(
        async () => {
          const got = await t.ctx.queue.getJob(body.id);
          return got?.state === 'completed' || got?.state === 'failed' ? got : undefined;
        },
        10_000,
        'the reindex job',
      );
      expect(job).toMatchObject({ name: 'reindex', state: 'completed' });
      expect(await t.ctx.index.count()).toBe(1);
    } finally {
      await t.close();
    }
  });
});
