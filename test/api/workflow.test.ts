import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, type TestApi } from './helpers.ts';

type Obj = Record<string, unknown>;
const SOME_UUID = '8f14e45f-ceea-467a-a866-051b1f3c6d2b';

/** The issue-6 routes one by one: happy path, errors, and who may call them. */
describe('workflow API', () => {
  let t: TestApi;
  let orderId: string;
  let candidateId: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.call(token, { method, url, ...(payload === undefined ? {} : { payload: payload as Obj }) });

  beforeAll(async () => {
    t = await createTestApi({ workers: true });
    candidateId = json<{ id: string }>(
      await call(t.tokens.a, 'POST', '/v1/candidates', candidateBody(JC_A)),
    ).id;
    orderId = json<{ id: string }>(
      await call(t.tokens.a, 'POST', '/v1/job-orders', jobOrderBody(JC_A, { jobrotation: true })),
    ).id;
    const sl = json<{ id: string }>(
      await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/shortlists`, {}),
    ).id;
    await waitFor(
      async () =>
        json<{ status: string }>(await call(t.tokens.a, 'GET', `/v1/shortlists/${sl}`)).status === 'done',
    );
  });
  afterAll(async () => t?.close());

  it('a company proposal by id: added to the workflow with the jobrotation verdict', async () => {
    const res = await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/proposals`, { candidateId });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({
      candidateId,
      evaluation: { verdict: 'entry', eligibility: { required: true, eligible: true, failed: [] } },
      // Already on the shortlist: the existing entry is kept, not duplicated.
      entry: { state: 'suggested', source: 'shortlist' },
    });
  });

  it('a company proposal in full: stored in the own jobcenter, every failed rule explained', async () => {
    const body = candidateBody(JC_A, {
      name: 'Foreslået Person',
      cpr: undefined,
      benefit: 'kontanthjaelp',
      unemployedSince: '2026-12-01',
      activeSchemes: ['loentilskud'],
    });
    const res = await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/proposals`, { candidate: body });
    expect(res.statusCode, res.body).toBe(201);
    const out = json<{
      candidateId: string;
      evaluation: { eligibility: { failed: Array<{ code: string; reason: string }> }; explanation: string };
      entry: Obj;
    }>(res);
    expect(out.entry).toMatchObject({ state: 'suggested', source: 'company_proposal', homeJobcenter: JC_A });
    expect(out.evaluation.eligibility.failed.map((f) => f.code).sort()).toEqual([
      'ANDEN_STOETTE',
      'MIN_LEDIGHED',
    ]);
    expect(out.evaluation.explanation).toMatch(/jobrotation|bruttolisten/);
    expect((await call(t.tokens.a, 'GET', `/v1/candidates/${out.candidateId}`)).statusCode).toBe(200);

    const both = await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/proposals`, {
      candidateId,
      candidate: body,
    });
    expect(both.statusCode).toBe(400);
    const invalid = await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/proposals`, {
      candidate: { ...body, benefit: 'loen' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(json<{ detail: string }>(invalid).detail).toContain('benefit');
    const foreign = await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/proposals`, {
      candidate: candidateBody('101'),
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('konsulent B gets 404 on every workflow route of A’s order and candidate, like for an unknown id', async () => {
    const routes: Array<[method: 'GET' | 'POST' | 'DELETE', url: string, body?: Obj]> = [
      ['GET', `/v1/job-orders/${orderId}/workflow`],
      ['GET', `/v1/job-orders/${orderId}/workflow/${candidateId}`],
      ['POST', `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`, { to: 'contacted' }],
      ['POST', `/v1/job-orders/${orderId}/proposals`, { candidateId }],
      ['POST', `/v1/job-orders/${orderId}/placements/${candidateId}/outcomes`, { outcome: 'started' }],
      ['POST', `/v1/job-orders/${orderId}/bundles`, {}],
      ['POST', `/v1/candidates/${candidateId}/releases`, { jobcenter: '101' }],
      ['GET', `/v1/audit?candidateId=${candidateId}`],
    ];
    for (const [method, url, body] of routes) {
      const res = await call(t.tokens.b, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const unknown = await call(
        t.tokens.b,
        method,
        url.replaceAll(orderId, SOME_UUID).replaceAll(candidateId, SOME_UUID),
        body,
      );
      expect(unknown.statusCode, `${method} ${url} (unknown id)`).toBe(404);
    }
    // And nothing changed for A.
    const wf = json<{ entries: Array<{ candidateId: string; state: string }> }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow`),
    );
    expect(wf.entries.find((e) => e.candidateId === candidateId)!.state).toBe('suggested');
  });

  it('a virksomhed token gets 403 on the konsulent routes, and konsulenter 403 on the company routes', async () => {
    const { token } = await t.ctx.stores.access.createToken({
      role: 'virksomhed',
      jobcenter: JC_A,
      jobOrderId: orderId,
      label: 'Nordlager',
    });
    for (const [method, url] of [
      ['GET', `/v1/job-orders/${orderId}/workflow`],
      ['POST', `/v1/job-orders/${orderId}/bundles`],
      ['POST', `/v1/job-orders/${orderId}/proposals`],
      ['GET', '/v1/pools'],
      ['POST', '/v1/pools'],
      ['GET', '/v1/stats'],
      ['GET', '/v1/audit'],
    ] as const) {
      expect((await call(token, method, url, method === 'POST' ? {} : undefined)).statusCode, url).toBe(403);
    }
    expect((await call(t.tokens.a, 'GET', `/v1/company/bundles/${SOME_UUID}`)).statusCode).toBe(403);
    expect((await call(t.tokens.admin, 'GET', `/v1/company/bundles/${SOME_UUID}`)).statusCode).toBe(403);
  });

  it('pools: admin manages members; konsulenter see only their own pools', async () => {
    const created = await call(t.tokens.admin, 'POST', '/v1/pools', { name: 'Fællesskab', members: ['751'] });
    expect(created.statusCode).toBe(201);
    const pool = json<{ id: string; members: string[] }>(created);
    const added = await call(t.tokens.admin, 'PUT', `/v1/pools/${pool.id}/members/101`);
    expect(json(added)).toMatchObject({ members: ['101', '751'] });
    expect((await call(t.tokens.a, 'PUT', `/v1/pools/${pool.id}/members/101`)).statusCode).toBe(403);
    expect((await call(t.tokens.b, 'GET', `/v1/pools/${pool.id}`)).statusCode).toBe(200);
    const removed = await call(t.tokens.admin, 'DELETE', `/v1/pools/${pool.id}/members/101`);
    expect(json(removed)).toMatchObject({ members: ['751'] });
    expect((await call(t.tokens.b, 'GET', `/v1/pools/${pool.id}`)).statusCode).toBe(404);
    expect(json<{ items: unknown[] }>(await call(t.tokens.b, 'GET', '/v1/pools')).items).toEqual([]);
    expect(json<{ items: unknown[] }>(await call(t.tokens.a, 'GET', '/v1/pools')).items).toHaveLength(1);
    expect((await call(t.tokens.admin, 'PUT', `/v1/pools/${SOME_UUID}/members/101`)).statusCode).toBe(404);
    const bad = await call(t.tokens.admin, 'POST', '/v1/pools', { name: '', members: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(bad).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['name', 'members[0]']),
    );
  });

  it('stats: a konsulent reads its own; admin any jobcenter', async () => {
    const own = await call(t.tokens.a, 'GET', '/v1/stats');
    expect(json(own)).toMatchObject({ jobcentre: ['751'], orders: 1, ordersWithShortlist: 1, hitRate: null });
    expect((await call(t.tokens.a, 'GET', '/v1/stats?jobcenter=101')).statusCode).toBe(403);
    expect(json(await call(t.tokens.admin, 'GET', '/v1/stats?jobcenter=101'))).toMatchObject({ orders: 0 });
  });

  it('audit: admin may list everything; a konsulent must name a candidate', async () => {
    expect((await call(t.tokens.admin, 'GET', '/v1/audit')).statusCode).toBe(200);
    expect((await call(t.tokens.a, 'GET', '/v1/audit')).statusCode).toBe(400);
    expect((await call(t.tokens.a, 'GET', `/v1/audit?candidateId=${candidateId}`)).statusCode).toBe(200);
  });
});

describe('reading a workflow', () => {
  it('writes nothing: people of a finished list that never reached the workflow stay out of it', async () => {
    const t = await createTestApi({ workers: true });
    try {
      const post = async (url: string, payload: Obj) =>
        json<{ id: string }>(await t.call(t.tokens.a, { method: 'POST', url, payload })).id;
      await post('/v1/candidates', candidateBody(JC_A));
      const ranked = await post('/v1/job-orders', jobOrderBody(JC_A));
      const sl = await post(`/v1/job-orders/${ranked}/shortlists`, {});
      const done = await waitFor(async () => {
        const got = await t.ctx.stores.shortlists.get(sl);
        return got?.status === 'done' ? got : undefined;
      });
      expect(done.entries).toHaveLength(1);

      // A finished list stored without its job, which is what puts a list's people into the workflow.
      const other = await post('/v1/job-orders', jobOrderBody(JC_A));
      const list = await t.ctx.stores.shortlists.create({
        jobOrderId: other,
        scope: 'own',
        size: 10,
        strategy: 'fit-first',
      });
      await t.ctx.stores.shortlists.complete(list.id, {
        candidatesConsidered: 1,
        entries: done.entries,
        nearMisses: [],
      });
      const res = await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${other}/workflow` });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({ jobOrderId: other, shortlistId: list.id, entries: [] });
      expect(await t.ctx.stores.candidacies.list(other)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
