import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { candidateBody, jobOrderBody, json, type TestApi } from './helpers.ts';

/** The session cookie's value from a Set-Cookie answer. */
export function cookieOf(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const line = (Array.isArray(header) ? header : [header]).find((h) => h?.startsWith('vikarmatch_session='));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return line.slice('vikarmatch_session='.length).split(';')[0]!;
}

export async function logIn(t: TestApi, token: string): Promise<{ cookie: string; csrf: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/session', payload: { token } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: cookieOf(res), csrf: json<{ csrfToken: string }>(res).csrfToken };
}

/** An injected request with the session cookie (and the CSRF token when given). */
export function withCookie(
  t: TestApi,
  session: { cookie: string; csrf?: string | undefined },
  opts: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: unknown },
) {
  return t.app.inject({
    method: opts.method,
    url: opts.url,
    ...(opts.payload === undefined ? {} : { payload: opts.payload as object }),
    headers: {
      cookie: `vikarmatch_session=${session.cookie}`,
      ...(session.csrf ? { 'x-csrf-token': session.csrf } : {}),
    },
  });
}

/**
 * A job order of jobcenter A with one candidate sent to the company in a CV-pakke, made through the API as a
 * konsulent would (proposal -> contacted -> interested -> sent_to_company -> bundle).
 */
export async function sentBundle(
  t: TestApi,
  headers: Record<string, string> = {},
  order: Record<string, unknown> = {},
) {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.call(t.tokens.a, {
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const cand = await call('POST', '/v1/candidates', candidateBody());
  expect(cand.statusCode, cand.body).toBe(201);
  const candidateId = json<{ id: string }>(cand).id;
  const created = await call('POST', '/v1/job-orders', jobOrderBody(undefined, order));
  expect(created.statusCode, created.body).toBe(201);
  const orderId = json<{ id: string }>(created).id;
  const proposed = await call('POST', `/v1/job-orders/${orderId}/proposals`, { candidateId });
  expect(proposed.statusCode, proposed.body).toBe(201);
  for (const to of ['contacted', 'interested', 'sent_to_company']) {
    const res = await call('POST', `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`, { to });
    expect(res.statusCode, res.body).toBe(200);
  }
  const bundle = await call('POST', `/v1/job-orders/${orderId}/bundles`, {});
  expect(bundle.statusCode, bundle.body).toBe(202);
  const out = json<{
    bundle: { id: string };
    company: { token: string; tokenId: string; url: string; link: string; expiresAt: string };
  }>(bundle);
  return { orderId, candidateId, bundleId: out.bundle.id, company: out.company };
}
