import { afterEach, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from './helpers.ts';

describe('health', () => {
  let t: TestApi | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('live and ready answer 200 without a token', async () => {
    t = await createTestApi();
    const live = await t.call(null, { method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    const ready = await t.call(null, { method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(json(ready)).toEqual({ status: 'ok', checks: { store: 'ok', index: 'ok', queue: 'ok' } });
  });

  it('ready answers 503 and names the part that failed', async () => {
    t = await createTestApi();
    await t.ctx.database.close();
    const ready = await t.call(null, { method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = json<{ detail: string; checks: Record<string, string> }>(ready);
    expect(body.detail).toBe('not ready: store');
    expect(body.checks.store).toMatch(/^failed/);
    expect(body.checks.index).toBe('ok');
    expect((await t.call(null, { method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});

describe('an unexpected failure', () => {
  it('is a 500 problem with the request id and no stack trace; the log has the error', async () => {
    const t = await createTestApi({ captureLogs: true });
    try {
      await t.ctx.database.close();
      const res = await t.call(t.tokens.admin, { method: 'GET', url: '/v1/candidates' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = json(res);
      expect(body).toMatchObject({
        status: 500,
        title: 'Internal Server Error',
        requestId: res.headers['x-request-id'],
      });
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack|database/i);
      expect(t.logs.join('')).toMatch(/"level":50.*request failed/);
    } finally {
      await t.close();
    }
  });
});
