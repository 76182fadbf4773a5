import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.ts';
import { loggedHandlers } from '../../workers/logged-handlers.ts';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, TEST_CPR, type TestApi } from './helpers.ts';

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

  it('name the route, not the path: an id or query typed into a URL is neither logged nor echoed', async () => {
    const before = t.logs.length;
    const answers = [];
    for (const url of [
      `/v1/candidates/${TEST_CPR}`,
      `/v1/candidates/010190-1234?q=${TEST_CPR}`,
      '/v1/candidates/00000000-0000-4000-8000-000000000000',
      `/v1/job-orders/00000000-0000-4000-8000-000000000000/shortlists?after=${TEST_CPR}`,
      `/v1/no-such-route/${TEST_CPR}?x=${TEST_CPR}`,
      `/v1/candidates/${TEST_CPR}/export`,
    ]) {
      const res = await t.call(t.tokens.a, { method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      answers.push(res.body);
    }
    const unknown = await t.call(t.tokens.a, {
      method: 'GET',
      url: '/v1/candidates/00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain('00000000-0000-4000-8000-000000000000');
    const logs = t.logs.slice(before).join('');
    // Something was logged for each request, so an empty capture can not pass for a clean one.
    expect(logs).toContain('"url":"/v1/candidates/:id"');
    expect(logs).toContain('"url":"(no route)"');
    for (const text of [logs, ...answers]) {
      for (const secret of [TEST_CPR, '010190-1234', 'no-such-route', '00000000-0000-4000-8000-000000000000'])
        expect(text, secret).not.toContain(secret);
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

describe('logs of the API and of the worker', () => {
  let t: TestApi;
  const workerLogs: string[] = [];
  beforeAll(async () => {
    // Debug, so the worker's "job started" lines with their payloads are written too.
    t = await createTestApi({ captureLogs: true, env: { LOG_LEVEL: 'debug' } });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        workerLogs.push(String(chunk));
        done();
      },
    });
    // What `vikar worker` runs: the service logger around the context's handlers.
    const log = createLogger(t.ctx.config, stream, 'vikarmatch-worker');
    await t.ctx.queue.startWorkers(loggedHandlers(t.ctx.handlers, log), { concurrency: 1 });
  });
  afterAll(async () => t?.close());

  const CV_SECRET =
    'Restaurerer kirkeorgler i Ribe Domkirke og blæser glas hos Holmegaard, CPR 010190-1234, tlf 22 33 44 55.';
  const person = {
    name: 'Ingeborg Zachariassen-Bøgh',
    cpr: TEST_CPR,
    email: 'ingeborg.zb@example.dk',
    phone: '+4522334455',
    // Lager words first, so she is on the list and the worker's jobs read her whole record.
    cvText: `Erfaren lagermedarbejder med truckcertifikat B og plukning. ${CV_SECRET}`,
  };

  it('hold no CV text, CPR, name, e-mail or phone, from requests, shortlists, bundles or failed jobs', async () => {
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.call(t.tokens.a, { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
    const body = candidateBody(JC_A, person);
    const created = await call('POST', '/v1/candidates', body);
    expect(created.statusCode, created.body).toBe(201);
    const candidateId = json(created).id as string;
    // The same personal data in requests that fail: invalid, malformed, and a bulk upload with a bad line.
    expect((await call('POST', '/v1/candidates', { ...body, benefit: 'nope' })).statusCode).toBe(400);
    await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates',
      headers: { 'content-type': 'application/json' },
      payload: `{"cvText":${JSON.stringify(person.cvText)},"name":"${person.name}",}`,
    });
    await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(candidateBody(JC_A, person))}\n${JSON.stringify({ ...body, cpr: 'x' })}\n${person.cvText}\n`,
    });
    await call('GET', `/v1/candidates?q=${encodeURIComponent('kirkeorgler Holmegaard')}`);
    expect((await call('GET', `/v1/candidates/${candidateId}`)).statusCode).toBe(200);

    // The worker scores her and renders her CV into a bundle.
    const order = await call('POST', '/v1/job-orders', jobOrderBody(JC_A));
    expect(order.statusCode, order.body).toBe(201);
    const orderId = json(order).id as string;
    const posted = await call('POST', `/v1/job-orders/${orderId}/shortlists`, { size: 5 });
    expect(posted.statusCode, posted.body).toBe(202);
    const shortlistId = json(posted).id as string;
    const list = await waitFor(
      async () => {
        const got = json<{ status: string; entries: Array<{ candidateId: string }> }>(
          await call('GET', `/v1/shortlists/${shortlistId}`),
        );
        return got.status === 'done' || got.status === 'failed' ? got : undefined;
      },
      30_000,
      'the shortlist',
    );
    expect(list.status).toBe('done');
    expect(list.entries.map((e) => e.candidateId)).toContain(candidateId);
    for (const to of ['contacted', 'interested', 'sent_to_company']) {
      const res = await call('POST', `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`, { to });
      expect(res.statusCode, res.body).toBe(200);
    }
    const sent = await call('POST', `/v1/job-orders/${orderId}/bundles`, {});
    expect(sent.statusCode, sent.body).toBe(202);
    const { bundle, company } = json<{ bundle: { id: string }; company: { token: string; url: string } }>(
      sent,
    );
    await waitFor(
      async () => json(await call('GET', `/v1/bundles/${bundle.id}`)).status === 'done',
      30_000,
      'the bundle',
    );
    expect((await t.call(company.token, { method: 'GET', url: `${company.url}/pdf` })).statusCode).toBe(200);

    // The other jobs, and one that fails, so the worker's error line is covered too.
    await t.ctx.queue.enqueue('reindex', { reason: 'test' });
    await t.ctx.queue.enqueue('retention', { reason: 'test' });
    await t.ctx.queue.enqueue('bundle', { bundleId: 'no-such-bundle' });
    const worker = () => workerLogs.join('');
    await waitFor(
      () =>
        ['reindex', 'retention'].every((job) => worker().includes(`"job":"${job}"`)) &&
        /job failed/.test(worker()),
      30_000,
      'the worker to run every job',
    );

    // Both loggers wrote what they did, so an empty capture can not pass for a clean one.
    for (const job of ['shortlist', 'bundle', 'reindex', 'retention'])
      expect(worker()).toMatch(new RegExp(`"job":"${job}"[^\\n]*"msg":"job done"`));
    expect(t.logs.join('')).toContain('"url":"/v1/candidates/:id"');

    const logs = { api: t.logs.join('').toLowerCase(), worker: worker().toLowerCase() };
    const secrets = [
      CV_SECRET,
      // Single words and stems of the CV text, in case it is logged analysed or cut.
      'kirkeorgl',
      'domkirke',
      'holmegaard',
      'lagermedarbejder med truckcertifikat',
      TEST_CPR,
      '010190-1234',
      'zachariassen',
      'ingeborg',
      person.email,
      person.phone,
      '22334455',
      '22 33 44 55',
    ];
    for (const [logger, text] of Object.entries(logs))
      for (const secret of secrets)
        expect(text, `${logger} log: ${secret}`).not.toContain(secret.toLowerCase());
  });
});
