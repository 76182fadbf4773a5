import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { createTestApi, json, type TestApi } from './helpers.ts';
import { logIn, withCookie } from './session-helpers.ts';

describe('the queue dashboard with REDIS_URL', () => {
  let redis: TestRedis;
  let t: TestApi;
  beforeAll(async () => {
    redis = await startRedis();
    t = await createTestApi({ env: { REDIS_URL: redis.url } });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('opens for an admin (bearer or session) and refuses a konsulent (403) and nobody (401)', async () => {
    const page = await t.call(t.tokens.admin, { method: 'GET', url: '/admin/queues' });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.call(t.tokens.admin, { method: 'GET', url: '/admin/queues/api/queues' });
    expect(api.statusCode, api.body).toBe(200);
    expect(JSON.stringify(json(api))).toContain('jobs');

    const admin = await logIn(t, t.tokens.admin);
    expect((await withCookie(t, admin, { method: 'GET', url: '/admin/queues' })).statusCode).toBe(200);

    const konsulent = await t.call(t.tokens.a, { method: 'GET', url: '/admin/queues' });
    expect(konsulent.statusCode).toBe(403);
    expect(konsulent.headers['content-type']).toContain('application/problem+json');
    const session = await logIn(t, t.tokens.a);
    expect(
      (await withCookie(t, session, { method: 'GET', url: '/admin/queues/api/queues' })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
  });

  it('needs the CSRF token, or a request from its own page, for a change made with the cookie', async () => {
    const admin = await logIn(t, t.tokens.admin);
    const url = '/admin/queues/api/queues/jobs/pause';
    const forged = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: `vikarmatch_session=${admin.cookie}`, 'sec-fetch-site': 'cross-site' },
    });
    expect(forged.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: `vikarmatch_session=${admin.cookie}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.statusCode, own.body).not.toBe(403);
    expect(own.statusCode).toBeLessThan(500);
  });
});

describe('the queue dashboard without Redis', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it('does not exist', async () => {
    expect((await t.call(t.tokens.admin, { method: 'GET', url: '/admin/queues' })).statusCode).toBe(404);
  });
});
