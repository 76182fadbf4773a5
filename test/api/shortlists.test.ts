import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortlist as shortlistSchema } from '../../src/domain/shortlist.ts';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, TEST_CPR, type TestApi } from './helpers.ts';

describe('shortlists API', () => {
  let t: TestApi;
  let orderId: string;
  beforeAll(async () => {
    t = await createTestApi({ workers: true });
    for (let i = 0; i < 4; i++) {
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/candidates', payload: candidateBody(JC_A) });
    }
    // Too far away for an order in Aarhus: a candidate in København.
    await t.call(t.tokens.admin, { method: 'POST', url: '/v1/candidates', payload: candidateBody('101') });
    orderId = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
    ).id as string;
  });
  afterAll(async () => t?.close());

  const poll = (id: string) =>
    waitFor(async () => {
      const res = await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${id}` });
      const body = json(res);
      return body.status === 'done' || body.status === 'failed' ? { res, body } : undefined;
    });

  it('POST answers 202 at once with the id; a worker completes it; GET gives the CONTRACT shape', async () => {
    const res = await t.call(t.tokens.a, {
      method: 'POST',
      url: `/v1/job-orders/${orderId}/shortlists`,
      payload: { size: 3, scope: 'own' },
    });
    expect(res.statusCode).toBe(202);
    const { id, status } = json(res);
    expect(status).toBe('queued');
    expect(res.headers.location).toBe(`/v1/shortlists/${id}`);
    expect(await t.ctx.queue.getJob(`shortlist-${id}`)).toBeDefined();

    const { res: done, body } = await poll(id as string);
    expect(body.status).toBe('done');
    expect(shortlistSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ id, jobOrderId: orderId, scope: 'own', size: 3 });
    const entries = body.entries as Array<{ rank: number; jobcenter: string; breakdown: object }>;
    expect(entries.length).toBe(3);
    expect(entries.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(entries.every((e) => e.jobcenter === JC_A)).toBe(true);
    expect(done.body).not.toContain(TEST_CPR);
    expect(done.body).not.toContain('Mette');
  });

  it('an empty body means the defaults (size 10); the order lists its shortlists', async () => {
    const res = await t.call(t.tokens.a, { method: 'POST', url: `/v1/job-orders/${orderId}/shortlists` });
    expect(res.statusCode).toBe(202);
    const { body } = await poll(json(res).id as string);
    expect(body).toMatchObject({ size: 10, strategy: 'fit-first' });
    const list = json<{ items: Array<{ id: string }> }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${orderId}/shortlists` }),
    );
    expect(list.items.map((s) => s.id)).toContain(json(res).id);
  });

  it('rejects a bad request body field by name, and unknown orders and shortlists with 404', async () => {
    const bad = await t.call(t.tokens.a, {
      method: 'POST',
      url: `/v1/job-orders/${orderId}/shortlists`,
      payload: { size: 0, scope: 'world' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      json<{ errors: Array<{ field: string }> }>(bad)
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['scope', 'size']);
    const none = '0b7e6bd2-3f5a-4c1e-9d55-5d1f0e6f7a11';
    expect(
      (await t.call(t.tokens.a, { method: 'POST', url: `/v1/job-orders/${none}/shortlists`, payload: {} }))
        .statusCode,
    ).toBe(404);
    expect((await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${none}` })).statusCode).toBe(404);
  });
});
