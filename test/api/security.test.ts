import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_B, jobOrderBody, json, TEST_CPR, type TestApi } from './helpers.ts';

/**
 * Access rules on every route: built from the OpenAPI document, so a route added later is covered without
 * anyone remembering to list it here.
 */

interface Operation {
  method: string;
  path: string;
}

async function operations(t: TestApi): Promise<Operation[]> {
  const doc = json<{ paths: Record<string, Record<string, unknown>> }>(
    await t.app.inject({ method: 'GET', url: '/docs/json' }),
  );
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );
}

const CORE_V1_ROUTES = [
  'POST /v1/candidates',
  'PUT /v1/candidates',
  'POST /v1/candidates/bulk',
  'GET /v1/candidates',
  'GET /v1/candidates/{id}',
  'DELETE /v1/candidates/{id}',
  'POST /v1/job-orders',
  'GET /v1/job-orders',
  'GET /v1/job-orders/{id}',
  'PUT /v1/job-orders/{id}',
  'PATCH /v1/job-orders/{id}',
  'DELETE /v1/job-orders/{id}',
  'POST /v1/job-orders/{id}/shortlists',
  'GET /v1/job-orders/{id}/shortlists',
  'GET /v1/shortlists/{id}',
  'POST /v1/jobcentre',
  'GET /v1/jobcentre',
  'POST /v1/tokens',
  'GET /v1/tokens',
  'DELETE /v1/tokens/{id}',
];

const SOME_UUID = '8f14e45f-ceea-467a-a866-051b1f3c6d2b';

describe('API access rules', () => {
  let t: TestApi;
  let ops: Operation[];
  /** Resources of jobcenter B, which konsulent A must not see. */
  const b = { candidate: '', jobOrder: '', shortlist: '' };

  beforeAll(async () => {
    t = await createTestApi({ workers: true });
    ops = await operations(t);
    const cand = await t.call(t.tokens.b, {
      method: 'POST',
      url: '/v1/candidates',
      payload: candidateBody(JC_B),
    });
    b.candidate = json(cand).id as string;
    const order = await t.call(t.tokens.b, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(JC_B),
    });
    b.jobOrder = json(order).id as string;
    const sl = await t.call(t.tokens.b, {
      method: 'POST',
      url: `/v1/job-orders/${b.jobOrder}/shortlists`,
      payload: {},
    });
    b.shortlist = json(sl).id as string;
    await waitFor(async () => {
      const r = await t.call(t.tokens.b, { method: 'GET', url: `/v1/shortlists/${b.shortlist}` });
      return json(r).status === 'done';
    });
  });
  afterAll(async () => t?.close());

  it('the OpenAPI document lists the routes', () => {
    const listed = ops.map((o) => `${o.method} ${o.path}`);
    for (const route of [...CORE_V1_ROUTES, 'GET /health/live', 'GET /health/ready']) {
      expect(listed).toContain(route);
    }
  });

  it('every /v1 route rejects a request without a token, and one with an unknown token, with 401 problem+json', async () => {
    const v1 = ops.filter((o) => o.path.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThanOrEqual(20);
    for (const op of v1) {
      const url = op.path.replace(/\{[^}]+\}/g, SOME_UUID);
      for (const token of [null, 'vm_not-a-real-token']) {
        const res = await t.call(token, {
          method: op.method as 'GET',
          url,
          payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
        });
        expect(res.statusCode, `${op.method} ${op.path} with ${token ?? 'no token'}`).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(json(res)).toMatchObject({ status: 401, title: 'Unauthorized' });
      }
    }
  });

  it('a malformed Authorization header counts as no token', async () => {
    for (const header of [t.tokens.a, `Basic ${t.tokens.a}`, 'Bearer', `Bearer ${t.tokens.a} extra`]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/v1/candidates',
        headers: { authorization: header },
      });
      expect(res.statusCode, header).toBe(401);
    }
  });

  it('konsulent A gets 404 for B’s candidate, order and shortlist on every route that takes an id', async () => {
    // The core routes; the workflow routes have their own tenancy tests in test/api/workflow*.
    const core = new Set([
      'DELETE /v1/candidates/{id}',
      'DELETE /v1/job-orders/{id}',
      'GET /v1/candidates/{id}',
      'GET /v1/job-orders/{id}',
      'GET /v1/job-orders/{id}/shortlists',
      'GET /v1/shortlists/{id}',
      'PATCH /v1/job-orders/{id}',
      'POST /v1/job-orders/{id}/shortlists',
      'PUT /v1/job-orders/{id}',
    ]);
    const idRoutes = ops.filter((o) => core.has(`${o.method} ${o.path}`));
    expect(idRoutes).toHaveLength(core.size);
    const cases: Array<{ method: string; url: string; payload?: unknown }> = idRoutes.map((o) => {
      const id = o.path.startsWith('/v1/candidates/')
        ? b.candidate
        : o.path.startsWith('/v1/shortlists/')
          ? b.shortlist
          : b.jobOrder;
      const url = o.path.replace('{id}', id);
      const payload =
        o.method === 'PUT' || o.method === 'PATCH'
          ? jobOrderBody(JC_B, { title: 'overtaget' })
          : o.method === 'POST'
            ? {}
            : undefined;
      return { method: o.method, url, payload };
    });
    for (const c of cases) {
      const res = await t.call(t.tokens.a, {
        method: c.method as 'GET',
        url: c.url,
        payload: c.payload as object,
      });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // The same answer as for an id that does not exist: nothing tells A that B's record is there.
      const missing = await t.call(t.tokens.a, {
        method: c.method as 'GET',
        url: c.url.replace(/[0-9a-f-]{36}/, SOME_UUID),
        payload: c.payload as object,
      });
      expect(missing.statusCode).toBe(404);
    }
    // Nothing of B's was touched: still there for B and for the admin.
    for (const url of [
      `/v1/candidates/${b.candidate}`,
      `/v1/job-orders/${b.jobOrder}`,
      `/v1/shortlists/${b.shortlist}`,
    ]) {
      expect((await t.call(t.tokens.b, { method: 'GET', url })).statusCode).toBe(200);
      expect((await t.call(t.tokens.admin, { method: 'GET', url })).statusCode).toBe(200);
    }
    const order = json(await t.call(t.tokens.b, { method: 'GET', url: `/v1/job-orders/${b.jobOrder}` }));
    expect(order.title).toBe('Lagermedarbejder');
  });

  it('konsulent A cannot list B’s data, and cannot write into B', async () => {
    const cands = json<{ items: Array<{ jobcenter: string }> }>(
      await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates' }),
    );
    expect(cands.items.every((c) => c.jobcenter === '751')).toBe(true);
    const orders = json<{ items: Array<{ jobcenter: string }> }>(
      await t.call(t.tokens.a, { method: 'GET', url: '/v1/job-orders' }),
    );
    expect(orders.items.every((o) => o.jobcenter === '751')).toBe(true);
    for (const url of [`/v1/candidates?jobcenter=${JC_B}`, `/v1/job-orders?jobcenter=${JC_B}`]) {
      const res = await t.call(t.tokens.a, { method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
    }
    const write = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      payload: candidateBody(JC_B),
    });
    expect(write.statusCode).toBe(403);
    expect(json(write).detail).toMatch(/only write candidates of jobcenter 751, not 101/);
    const order = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(JC_B),
    });
    expect(order.statusCode).toBe(403);
    // The admin sees every jobcenter.
    const all = json<{ items: Array<{ jobcenter: string }> }>(
      await t.call(t.tokens.admin, { method: 'GET', url: '/v1/candidates' }),
    );
    expect(all.items.some((c) => c.jobcenter === JC_B)).toBe(true);
  });

  it('a konsulent gets 403 on the admin routes; a virksomhed token gets 403 on every route here', async () => {
    for (const [method, url] of [
      ['GET', '/v1/jobcentre'],
      ['POST', '/v1/jobcentre'],
      ['GET', '/v1/tokens'],
      ['POST', '/v1/tokens'],
      ['DELETE', `/v1/tokens/${SOME_UUID}`],
    ] as const) {
      const res = await t.call(t.tokens.a, { method, url, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const { token } = await t.ctx.stores.access.createToken({
      role: 'virksomhed',
      jobcenter: JC_B,
      jobOrderId: b.jobOrder,
      label: 'Nordlager',
    });
    // The core routes of this API; the workflow routes give a virksomhed token its own narrow access.
    const mine = ops.filter((o) => CORE_V1_ROUTES.includes(`${o.method} ${o.path}`));
    expect(mine).toHaveLength(CORE_V1_ROUTES.length);
    for (const op of mine) {
      const url = op.path.replace('{id}', op.path.startsWith('/v1/shortlists') ? b.shortlist : b.jobOrder);
      const res = await t.call(token, {
        method: op.method as 'GET',
        url,
        payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(403);
    }
  });

  it('answers unknown routes, bad JSON, wrong media types and large bodies in the problem envelope', async () => {
    const unknown = await t.call(t.tokens.a, { method: 'GET', url: '/v2/nothing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);

    const badJson = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'application/json' },
      payload: `{"cpr": "${TEST_CPR}", oops}`,
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.body).not.toContain(TEST_CPR);
    const notJson = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'application/json' },
      payload: `${TEST_CPR} is my cpr`,
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).not.toContain(TEST_CPR);

    const text = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(json(text)).toMatchObject({ status: 415 });

    const big = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      payload: candidateBody('751', { cvText: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends security headers and echoes a safe x-request-id (and replaces an unsafe one)', async () => {
    const res = await t.call(null, {
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    const hostile = await t.call(null, {
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const err = await t.call(null, { method: 'GET', url: '/v1/candidates' });
    expect(json(err).requestId).toBe(err.headers['x-request-id']);
  });
});

describe('rate limit', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => t?.close());

  it('answers 429 problem+json once a token exceeds the limit, counting per token', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates' })).statusCode).toBe(200);
    }
    const limited = await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(limited)).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(limited.headers['retry-after']).toBeDefined();
    // Another token has its own budget; the health probes have none.
    expect((await t.call(t.tokens.b, { method: 'GET', url: '/v1/candidates' })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await t.call(null, { method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    }
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const anonymous = (t: TestApi, forwardedFor: string) =>
    t.call(null, { method: 'GET', url: '/v1/candidates', headers: { 'x-forwarded-for': forwardedFor } });

  it('keys the limit of requests without a token on the forwarded client address when the proxy is trusted', async () => {
    const t = await createTestApi({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' } });
    try {
      for (let i = 0; i < 2; i++) expect((await anonymous(t, '198.51.100.7')).statusCode).toBe(401);
      expect((await anonymous(t, '198.51.100.7')).statusCode).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await anonymous(t, '198.51.100.8')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For by default, so a client cannot pick its own rate-limit key', async () => {
    const t = await createTestApi({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      for (let i = 0; i < 2; i++) expect((await anonymous(t, `203.0.113.${i}`)).statusCode).toBe(401);
      expect((await anonymous(t, '203.0.113.99')).statusCode).toBe(429);
      // Guessing tokens from the same address is counted too: an invalid token is not a key of its own.
      const guess = await t.call('vm_guessed-token-000000000000000000000000000', {
        method: 'GET',
        url: '/v1/candidates',
      });
      expect(guess.statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
