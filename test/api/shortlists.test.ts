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
    const entries = body.entries as Array<{
      rank: number;
      jobcenter: string;
      breakdown: object;
      name?: unknown;
    }>;
    expect(entries.length).toBe(3);
    expect(entries.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(entries.every((e) => e.jobcenter === JC_A)).toBe(true);
    expect(done.body).not.toContain(TEST_CPR);
    // The name is read at GET time, for the own jobcenter's people only, and shows nowhere else in the list.
    expect(entries.map((e) => e.name)).toEqual(['Mette Hansen', 'Mette Hansen', 'Mette Hansen']);
    const withoutNames = JSON.stringify({
      ...body,
      entries: entries.map(({ name: _, ...e }) => e),
    });
    expect(withoutNames).not.toContain('Mette');
    expect(JSON.stringify(await t.ctx.stores.shortlists.get(id as string))).not.toContain('Mette');
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

describe('an order’s shortlists: paged, summarised, and capped while in flight', () => {
  let t: TestApi;
  let orderId: string;
  beforeAll(async () => {
    // No workers: requested lists stay queued, as they would behind a busy queue.
    t = await createTestApi({ env: { SHORTLISTS_IN_FLIGHT_PER_ORDER: '3' } });
    orderId = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
    ).id as string;
  });
  afterAll(async () => t?.close());

  const request = () =>
    t.call(t.tokens.a, { method: 'POST', url: `/v1/job-orders/${orderId}/shortlists`, payload: { size: 5 } });

  it('takes no more lists for an order while SHORTLISTS_IN_FLIGHT_PER_ORDER are queued or running', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request();
      expect(res.statusCode, res.body).toBe(202);
      ids.push(json(res).id as string);
    }
    const refused = await request();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(json(refused)).toMatchObject({ inFlight: 3, limit: 3 });
    expect(json(refused).detail).toMatch(/3 bruttolister queued or running \(at most 3 at once\)/);
    // Another order is not held up by this one.
    const other = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
    ).id as string;
    expect(
      (await t.call(t.tokens.a, { method: 'POST', url: `/v1/job-orders/${other}/shortlists`, payload: {} }))
        .statusCode,
    ).toBe(202);

    // One finishes (or fails): room for the next.
    await t.ctx.stores.shortlists.complete(ids[0]!, { candidatesConsidered: 0, entries: [], nearMisses: [] });
    expect((await request()).statusCode).toBe(202);
    expect((await request()).statusCode).toBe(429);
    await t.ctx.stores.shortlists.fail(ids[1]!, 'test');
    expect((await request()).statusCode).toBe(202);
  });

  it('pages them newest first (default 20, at most 100), as summaries without the entries', async () => {
    const finished = json<{ items: Array<{ id: string }> }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${orderId}/shortlists?limit=100` }),
    ).items;
    for (const s of finished) await t.ctx.stores.shortlists.fail(s.id, 'test');
    const made = finished.map((s) => s.id).reverse();
    // Many finished lists, as a busy order collects them (straight into the store: the cap is for requests).
    for (let i = 0; i < 42; i++) {
      const s = await t.ctx.stores.shortlists.create({
        jobOrderId: orderId,
        scope: 'own',
        size: 5,
        strategy: 'fit-first',
      });
      await t.ctx.stores.shortlists.complete(s.id, { candidatesConsidered: 9, entries: [], nearMisses: [] });
      made.push(s.id);
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let url = `/v1/job-orders/${orderId}/shortlists`;
    for (;;) {
      const res = await t.call(t.tokens.a, { method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      const page = json<{ items: Array<Record<string, unknown>>; next: string | null }>(res);
      sizes.push(page.items.length);
      seen.push(...page.items.map((s) => s.id as string));
      for (const item of page.items) {
        expect(item).not.toHaveProperty('entries');
        expect(item).not.toHaveProperty('nearMisses');
        expect(item).toMatchObject({ jobOrderId: orderId, entryCount: expect.any(Number), nearMissCount: 0 });
      }
      if (!page.next) break;
      url = `/v1/job-orders/${orderId}/shortlists?after=${page.next}`;
    }
    expect(sizes).toEqual([20, 20, made.length - 40]);
    expect(seen).toEqual([...made].reverse());
    expect(
      json(await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${orderId}/shortlists?limit=100` }))
        .items,
    ).toHaveLength(made.length);

    const tooMany = await t.call(t.tokens.a, {
      method: 'GET',
      url: `/v1/job-orders/${orderId}/shortlists?limit=101`,
    });
    expect(tooMany.statusCode).toBe(400);
    const badCursor = await t.call(t.tokens.a, {
      method: 'GET',
      url: `/v1/job-orders/${orderId}/shortlists?after=nope`,
    });
    expect(badCursor.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(badCursor).errors[0]!.field).toBe('after');
    // Another jobcenter's order stays unknown, whatever the page.
    expect(
      (await t.call(t.tokens.b, { method: 'GET', url: `/v1/job-orders/${orderId}/shortlists` })).statusCode,
    ).toBe(404);
  });
});
