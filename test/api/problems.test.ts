import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEMS, ProblemError, problemType } from '../../src/api/problem.ts';
import { candidateBody, createTestApi, json, type TestApi } from './helpers.ts';

type Problem = { type: string; title: string; status: number; detail?: string; errors?: unknown[] };

/** One table owns each problem's status, title and type: the same failure looks the same wherever it starts. */
describe('the error table', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it('builds a problem from its code: status, title and type come from the table', () => {
    const error = new ProblemError({ code: 'conflict', detail: 'already there' });
    expect(error.status).toBe(409);
    expect(error.toProblem()).toEqual({
      type: 'urn:vikarmatch:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'already there',
    });
    expect(new ProblemError({ code: 'not-ready', extra: { checks: { store: 'ok' } } }).toProblem()).toEqual({
      type: problemType('not-ready'),
      title: 'Service Unavailable',
      status: 503,
      checks: { store: 'ok' },
    });
  });

  it('has one code per 400, whether the framework, a schema, a service or the store refused the request', async () => {
    const badJson = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'application/json' },
      payload: '{ nope',
    });
    const badField = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      payload: candidateBody(undefined, { benefit: 'loen' }),
    });
    const badCursor = await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates?after=nonsense' });
    const emptyBulk = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: '\n',
    });
    for (const res of [badJson, badField, badCursor, emptyBulk]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(json<Problem>(res)).toMatchObject({
        type: problemType('validation'),
        title: PROBLEMS.validation.title,
        status: 400,
      });
    }
    expect(json<Problem>(badCursor).errors).toEqual([
      { field: 'after', message: 'is not a cursor from a previous page (use `next`)' },
    ]);
  });

  it('answers a wrong media type the same from the framework and from the bulk route', async () => {
    const framework = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    const bulk = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    for (const res of [framework, bulk]) {
      expect(res.statusCode, res.body).toBe(415);
      expect(json<Problem>(res)).toMatchObject({
        type: problemType('unsupported-media-type'),
        title: 'Unsupported Media Type',
      });
    }
  });

  it('maps a bad cursor thrown anywhere in a request to the 400 on `after`', async () => {
    // Job orders share the cursor rule with candidates: the error handler answers it, not each service.
    const res = await t.call(t.tokens.a, { method: 'GET', url: '/v1/job-orders?after=nonsense' });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res)).toMatchObject({
      type: problemType('validation'),
      errors: [{ field: 'after' }],
    });
  });
});
