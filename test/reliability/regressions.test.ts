import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../api/helpers.ts';

/** Answers the fuzz found outside the problem envelope, each kept closed here. */
describe('errors the router raises before any route runs', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  };

  it('answers a path segment longer than the router takes with 414 problem+json, not echoing it', async () => {
    const long = `0101901234${'x'.repeat(200)}`;
    const res = await t.call(t.tokens.a, { method: 'DELETE', url: `/v1/job-orders/${long}` });
    expectProblem(res, 414);
    expect(res.body).not.toContain('0101901234');
  });

  it('answers a path with broken percent-encoding with 400 problem+json, not echoing it', async () => {
    const res = await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates/0101901234%E0%A4%A' });
    expectProblem(res, 400);
    expect(res.body).not.toContain('0101901234');
  });
});
