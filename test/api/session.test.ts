import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, JC_A, jobOrderBody, json, type TestApi } from './helpers.ts';
import { cookieOf, logIn, sentBundle, withCookie } from './session-helpers.ts';

type Problem = { type: string; status: number; detail?: string };

describe('browser sessions', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it('exchanges a konsulent token for an httpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: t.tokens.a } });
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{ principal: Record<string, unknown>; csrfToken: string; expiresAt: string }>(res);
    expect(body.principal).toMatchObject({ role: 'konsulent', jobcenter: JC_A, label: 'konsulent A' });
    expect(body.principal.nationalScope).toBe(false);
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(479 * 60_000);
    expect(ttl).toBeLessThanOrEqual(480 * 60_000);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^vikarmatch_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    // Plain HTTP without a trusted proxy: a Secure cookie would never come back.
    expect(setCookie).not.toContain('Secure');
    // Only a hash of the id is stored.
    const id = cookieOf(res);
    const raw = t.ctx.stores.sessions.get(id);
    expect(await raw).toBeUndefined();
  });

  it('answers GET /v1/session with the same body, and 401 without a session', async () => {
    const s = await logIn(t, t.tokens.a);
    const got = await withCookie(t, s, { method: 'GET', url: '/v1/session' });
    expect(got.statusCode).toBe(200);
    expect(json(got)).toMatchObject({ principal: { role: 'konsulent', jobcenter: JC_A }, csrfToken: s.csrf });
    const none = await t.app.inject({ method: 'GET', url: '/v1/session' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an unknown or revoked token (401) and a virksomhed token (403)', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: 'vm_nope' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['set-cookie']).toBeUndefined();
    const made = await t.ctx.stores.access.createToken({ role: 'konsulent', jobcenter: JC_A, label: 'gone' });
    await t.ctx.stores.access.revokeToken(made.record.id);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: made.token } })).statusCode,
    ).toBe(401);
    const { company } = await sentBundle(t);
    const res = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: company.token } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('lets the admin log in with ADMIN_TOKEN', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { token: t.tokens.admin },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ principal: { role: 'admin', tokenId: 'bootstrap-admin' } });
    const s = { cookie: cookieOf(res), csrf: json<{ csrfToken: string }>(res).csrfToken };
    expect((await withCookie(t, s, { method: 'GET', url: '/v1/jobcentre' })).statusCode).toBe(200);
  });

  it('acts as the token on /v1 and needs X-CSRF-Token on every state change', async () => {
    const s = await logIn(t, t.tokens.a);
    expect((await withCookie(t, s, { method: 'GET', url: '/v1/job-orders' })).statusCode).toBe(200);
    const body = jobOrderBody();
    const noCsrf = await withCookie(
      t,
      { cookie: s.cookie },
      { method: 'POST', url: '/v1/job-orders', payload: body },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(json<Problem>(noCsrf)).toMatchObject({
      type: 'urn:vikarmatch:problem:csrf',
      detail: 'Mangler eller forkert CSRF-token',
    });
    const wrong = await withCookie(
      t,
      { cookie: s.cookie, csrf: `${s.csrf.slice(0, -1)}x` },
      { method: 'POST', url: '/v1/job-orders', payload: body },
    );
    expect(wrong.statusCode).toBe(403);
    // Another session's CSRF token does not fit this one.
    const other = await logIn(t, t.tokens.a);
    expect(
      (
        await withCookie(
          t,
          { cookie: s.cookie, csrf: other.csrf },
          { method: 'POST', url: '/v1/job-orders', payload: body },
        )
      ).statusCode,
    ).toBe(403);
    const ok = await withCookie(t, s, { method: 'POST', url: '/v1/job-orders', payload: body });
    expect(ok.statusCode, ok.body).toBe(201);
    // Tenancy is the token's: B's list is not A's.
    const orderId = json<{ id: string }>(ok).id;
    const b = await logIn(t, t.tokens.b);
    expect((await withCookie(t, b, { method: 'GET', url: `/v1/job-orders/${orderId}` })).statusCode).toBe(
      404,
    );
  });

  it('needs no CSRF token with a bearer token (a browser never sends one on its own)', async () => {
    const res = await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody() });
    expect(res.statusCode).toBe(201);
  });

  it('logs out server-side: a copied cookie gets 401 afterwards, and the cookie is cleared', async () => {
    const s = await logIn(t, t.tokens.a);
    const copy = { ...s };
    expect(
      (await withCookie(t, { cookie: s.cookie }, { method: 'DELETE', url: '/v1/session' })).statusCode,
    ).toBe(403);
    const out = await withCookie(t, s, { method: 'DELETE', url: '/v1/session' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^vikarmatch_session=; .*Max-Age=0/);
    const stolen = await withCookie(t, copy, { method: 'GET', url: '/v1/job-orders' });
    expect(stolen.statusCode).toBe(401);
    expect((await withCookie(t, copy, { method: 'GET', url: '/v1/session' })).statusCode).toBe(401);
  });

  it('ends the sessions of a revoked token', async () => {
    const made = await t.ctx.stores.access.createToken({ role: 'konsulent', jobcenter: JC_A, label: 'x' });
    const s = await logIn(t, made.token);
    expect((await withCookie(t, s, { method: 'GET', url: '/v1/job-orders' })).statusCode).toBe(200);
    expect(
      (await t.call(t.tokens.admin, { method: 'DELETE', url: `/v1/tokens/${made.record.id}` })).statusCode,
    ).toBe(204);
    expect((await withCookie(t, s, { method: 'GET', url: '/v1/job-orders' })).statusCode).toBe(401);
  });

  it('ends a session idle for longer than SESSION_IDLE_MINUTES and replaces a planted cookie at log-in', async () => {
    const s = await logIn(t, t.tokens.a);
    const later = new Date(Date.now() + 61 * 60_000);
    const { hashSessionId } = await import('../../src/api/auth.ts');
    expect(await t.ctx.stores.sessions.get(hashSessionId(s.cookie), later)).toBeUndefined();
    expect(await t.ctx.stores.sessions.get(hashSessionId(s.cookie))).toBeDefined();
    // Logging in again with a cookie already set ends that session (no session fixation).
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { token: t.tokens.a },
      headers: { cookie: `vikarmatch_session=${s.cookie}` },
    });
    expect(again.statusCode).toBe(200);
    expect(cookieOf(again)).not.toBe(s.cookie);
    expect((await withCookie(t, s, { method: 'GET', url: '/v1/job-orders' })).statusCode).toBe(401);
  });
});

describe('browser sessions behind TLS', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(async () => t?.close());

  it('marks the cookie Secure when a trusted proxy says the request came over HTTPS', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { token: t.tokens.a },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toContain('; Secure');
  });
});

describe('browser sessions: configured lifetimes', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ env: { SESSION_TTL_MINUTES: '30', SESSION_IDLE_MINUTES: '5' } });
  });
  afterAll(async () => t?.close());

  it('ends at SESSION_TTL_MINUTES and idles out after SESSION_IDLE_MINUTES', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token: t.tokens.a } });
    const body = json<{ expiresAt: string }>(res);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(String(res.headers['set-cookie'])).toMatch(/Max-Age=(1799|1800)/);
    const { hashSessionId } = await import('../../src/api/auth.ts');
    const stored = await t.ctx.stores.sessions.get(hashSessionId(cookieOf(res)));
    expect(Date.parse(stored!.idleExpiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  });
});
