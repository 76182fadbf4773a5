import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateBody, createTestApi, JC_A, json, TEST_CPR, type TestApi } from './helpers.ts';

describe('logs', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ captureLogs: true });
  });
  afterAll(async () => t?.close());

  it('carry request ids but no CPR, name, e-mail, phone or token, whatever the request did', async () => {
    const body = candidateBody(JC_A, {
      name: 'Søren Kierkegaard-Olsen',
      email: 'soren.ko@example.dk',
      phone: '+4587654321',
    });
    const ok = await t.call(t.tokens.a, { method: 'POST', url: '/v1/candidates', payload: body });
    expect(ok.statusCode).toBe(201);
    const id = json(ok).id as string;
    await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      payload: { ...body, benefit: 'nope' },
    });
    await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'application/json' },
      payload: `{"cpr":"${TEST_CPR}","name":"Søren Kierkegaard-Olsen",}`,
    });
    await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(body)}\n${JSON.stringify({ ...body, cpr: 'x' })}\n${TEST_CPR}\n`,
    });
    await t.call(t.tokens.a, {
      method: 'GET',
      url: `/v1/candidates?q=${encodeURIComponent('Søren Kierkegaard')}`,
    });
    await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates/${id}` });
    await t.call(t.tokens.b, { method: 'GET', url: `/v1/candidates/${id}` });

    const logs = t.logs.join('');
    expect(logs).toContain(ok.headers['x-request-id']);
    expect(logs).toContain('"res":{"statusCode":201}');
    for (const secret of [
      TEST_CPR,
      'Kierkegaard',
      'soren.ko@example.dk',
      '+4587654321',
      '87654321',
      t.tokens.a,
      t.tokens.b,
    ]) {
      expect(logs, secret).not.toContain(secret);
    }
  });

  it('redacts personal fields even when code logs them by mistake', () => {
    t.app.log.info(
      { candidate: { cpr: TEST_CPR, name: 'Ib Ibsen', email: 'ib@example.dk', phone: '+4511112222' } },
      'oops',
    );
    t.app.log.info({ headers: { authorization: `Bearer ${t.tokens.a}` }, cpr: TEST_CPR }, 'oops');
    const logs = t.logs.join('');
    for (const secret of [TEST_CPR, 'Ib Ibsen', 'ib@example.dk', '+4511112222', t.tokens.a]) {
      expect(logs, secret).not.toContain(secret);
    }
    expect(logs).toContain('[redacted]');
  });
});
