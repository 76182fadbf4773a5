import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from './helpers.ts';
import { cookieOf, sentBundle, withCookie } from './session-helpers.ts';

const SOME_UUID = '00000000-0000-4000-8000-000000000000';

async function companyLogIn(t: TestApi, secret: string) {
  const res = await t.app.inject({ method: 'POST', url: '/v1/company/session', payload: { secret } });
  expect(res.statusCode, res.body).toBe(200);
  return { res, cookie: cookieOf(res), csrf: json<{ csrfToken: string }>(res).csrfToken };
}

describe('the company link and its session', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it("puts the secret in the link's fragment, on the address the konsulent used", async () => {
    const { company } = await sentBundle(t, { host: 'vikar.example.dk:8443' });
    expect(company.link).toBe(`http://vikar.example.dk:8443/virksomhed#${company.token}`);
    expect(company.url).toMatch(/^\/v1\/company\/bundles\//);
  });

  it('exchanges the secret for a cookie bound to the one bundle, and counts the views', async () => {
    const { bundleId, orderId, candidateId, company } = await sentBundle(t);
    const s = await companyLogIn(t, company.token);
    expect(json(s.res)).toMatchObject({ bundleId, expiresAt: company.expiresAt });
    expect(String(s.res.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');

    const me = await withCookie(t, s, { method: 'GET', url: '/v1/session' });
    expect(json(me)).toMatchObject({ principal: { role: 'virksomhed', bundleId } });

    const before = json(await t.call(t.tokens.a, { method: 'GET', url: `/v1/bundles/${bundleId}` }));
    expect(before).toMatchObject({ openedAt: null, viewCount: 0, companyLink: { active: true } });

    for (let i = 0; i < 2; i++) {
      const view = await withCookie(t, s, { method: 'GET', url: `/v1/company/bundles/${bundleId}` });
      expect(view.statusCode, view.body).toBe(200);
    }
    const after = json<{ openedAt: string; viewCount: number }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/bundles/${bundleId}` }),
    );
    expect(after.viewCount).toBe(2);
    expect(Date.parse(after.openedAt)).toBeLessThanOrEqual(Date.now());

    // The order's list shows the same counts.
    const list = json<{ items: Array<{ id: string; viewCount: number }> }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${orderId}/bundles` }),
    );
    expect(list.items.map((b) => b.id)).toEqual([bundleId]);
    expect(list.items[0]!.viewCount).toBe(2);
    expect(
      (await t.call(t.tokens.b, { method: 'GET', url: `/v1/job-orders/${orderId}/bundles` })).statusCode,
    ).toBe(404);

    // The choice is a state change: the CSRF token is needed.
    const choice = { candidateId, decision: 'interview' };
    const url = `/v1/company/bundles/${bundleId}/choices`;
    expect(
      (await withCookie(t, { cookie: s.cookie }, { method: 'POST', url, payload: choice })).statusCode,
    ).toBe(403);
    const chosen = await withCookie(t, s, { method: 'POST', url, payload: choice });
    expect(chosen.statusCode, chosen.body).toBe(200);
  });

  it('refuses an unknown secret (401) and a konsulent token (403)', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/company/session',
      payload: { secret: 'vm_x' },
    });
    expect(unknown.statusCode).toBe(401);
    const konsulent = await t.app.inject({
      method: 'POST',
      url: '/v1/company/session',
      payload: { secret: t.tokens.a },
    });
    expect(konsulent.statusCode).toBe(403);
  });

  it('lets a company session reach /v1/company/** and /v1/session only', async () => {
    const { bundleId, company } = await sentBundle(t);
    const s = await companyLogIn(t, company.token);
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.app.inject({ method: 'GET', url: '/docs/json' }),
    );
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/') || path.startsWith('/v1/company/') || path === '/v1/session') continue;
      for (const method of Object.keys(methods)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const url = path.replace('{id}', bundleId).replace(/\{[^}]+\}/g, SOME_UUID);
        const res = await withCookie(t, s, {
          method: method.toUpperCase() as 'GET',
          url,
          ...(method === 'get' || method === 'delete' ? {} : { payload: {} }),
        });
        expect([403, 404], `${method.toUpperCase()} ${path}: ${res.statusCode}`).toContain(res.statusCode);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('ends the company session when the konsulent revokes the link', async () => {
    const { bundleId, company } = await sentBundle(t);
    const s = await companyLogIn(t, company.token);
    const url = `/v1/company/bundles/${bundleId}`;
    expect((await withCookie(t, s, { method: 'GET', url })).statusCode).toBe(200);
    expect(
      (await t.call(t.tokens.a, { method: 'DELETE', url: `/v1/bundles/${bundleId}/access` })).statusCode,
    ).toBe(204);
    expect((await withCookie(t, s, { method: 'GET', url })).statusCode).toBe(401);
    const detail = json(await t.call(t.tokens.a, { method: 'GET', url: `/v1/bundles/${bundleId}` }));
    expect(detail).toMatchObject({ companyLink: { active: false } });
  });
});

describe('the company link with PUBLIC_URL', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ env: { PUBLIC_URL: 'https://vikarmatch.aarhus.dk/' } });
  });
  afterAll(async () => t?.close());

  it('is built on PUBLIC_URL whatever address the request came to', async () => {
    const { company } = await sentBundle(t, { host: 'internal:3000' });
    expect(company.link).toBe(`https://vikarmatch.aarhus.dk/virksomhed#${company.token}`);
  });
});
