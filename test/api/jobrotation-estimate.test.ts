import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, jobOrderBody, json, type TestApi } from './helpers.ts';

type Order = { id: string; jobrotationEstimate: unknown };

describe('the jobrotation estimate on job orders', () => {
  let t: TestApi;
  let rules: string;
  beforeAll(async () => {
    rules = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-rules-'));
    fs.writeFileSync(
      path.join(rules, 'uden-sats.json'),
      JSON.stringify({ name: 'uden-sats', version: '1', description: 'Ingen sats', rules: [] }),
    );
    t = await createTestApi({ env: { RULESETS_DIR: rules } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(rules, { recursive: true, force: true });
  });

  // 2027-01-04 (Monday) .. 2027-06-30 (Wednesday): 128 working days = 25.6 weeks; 30 h/week => 768 vikar hours.
  const expected = { vikarHours: 768, ratePerHour: 165, amount: 126_720, ruleSet: 'default' };

  it('is on every answer with the order: POST, GET, list, PUT and PATCH', async () => {
    const created = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(undefined, { jobrotation: true }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = json<Order & Record<string, unknown>>(created);
    expect(order.jobrotationEstimate).toEqual(expected);
    const got = json<Order>(await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${order.id}` }));
    expect(got.jobrotationEstimate).toEqual(expected);
    const list = json<{ items: Order[] }>(await t.call(t.tokens.a, { method: 'GET', url: '/v1/job-orders' }));
    expect(list.items.find((o) => o.id === order.id)?.jobrotationEstimate).toEqual(expected);
    const patched = await t.call(t.tokens.a, {
      method: 'PATCH',
      url: `/v1/job-orders/${order.id}`,
      payload: { weeklyHours: 15 },
    });
    expect(json<Order>(patched).jobrotationEstimate).toEqual({
      ...expected,
      vikarHours: 384,
      amount: 63_360,
    });
    const { id, externalId, jobcenter, createdAt, updatedAt, status, locationSource, location, ...rest } =
      order as Record<string, unknown>;
    const put = await t.call(t.tokens.a, {
      method: 'PUT',
      url: `/v1/job-orders/${order.id}`,
      payload: { ...rest, jobrotationEstimate: undefined, jobrotation: false },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(json<Order>(put).jobrotationEstimate).toBeNull();
  });

  it('is null for an order that is not jobrotation, or whose rule set has no sats', async () => {
    const plain = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(),
    });
    expect(json<Order>(plain).jobrotationEstimate).toBeNull();
    const noSats = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(undefined, { jobrotation: true, ruleSet: 'uden-sats' }),
    });
    expect(noSats.statusCode, noSats.body).toBe(201);
    expect(json<Order>(noSats).jobrotationEstimate).toBeNull();
  });
});
