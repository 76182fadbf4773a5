import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, JC_A, jobOrderBody, json, type TestApi } from './helpers.ts';

type Obj = Record<string, unknown>;

describe('job orders API', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  const create = async (overrides: Obj = {}) => {
    const res = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(JC_A, overrides),
    });
    expect(res.statusCode).toBe(201);
    return json(res);
  };

  it('creates (upsert by jobcenter + externalId) and reads back with defaults filled in', async () => {
    const body = jobOrderBody(JC_A);
    const created = json(await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: body }));
    expect(created).toMatchObject({
      status: 'created',
      externalId: body.externalId,
      radiusKm: { full: 10, max: 15 },
      positions: 1,
      jobrotation: false,
      locationSource: 'postalCode',
    });
    const again = await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: body });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ id: created.id, status: 'unchanged' });
    const got = await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${created.id}` });
    expect(json(got)).toMatchObject({ id: created.id, title: 'Lagermedarbejder' });
  });

  it('names invalid fields: a period running backwards is period.to', async () => {
    const res = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(JC_A, {
        period: { from: '2027-06-30', to: '2027-01-04' },
        company: { cvr: '12345670' },
      }),
    });
    expect(res.statusCode).toBe(400);
    const fields = json<{ errors: Array<{ field: string }> }>(res).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['period.to', 'company.cvr']));
  });

  it('PATCH changes some fields; a new postnummer moves a postnummer-derived location', async () => {
    const order = await create();
    const patched = await t.call(t.tokens.a, {
      method: 'PATCH',
      url: `/v1/job-orders/${order.id}`,
      payload: { title: 'Truckfører', postalCode: '8000' },
    });
    expect(patched.statusCode).toBe(200);
    const p = json(patched);
    expect(p).toMatchObject({ id: order.id, status: 'updated', title: 'Truckfører', postalCode: '8000' });
    expect(p.location).not.toEqual(order.location);
    expect(p.mustHave).toEqual(order.mustHave);

    const bad = await t.call(t.tokens.a, {
      method: 'PATCH',
      url: `/v1/job-orders/${order.id}`,
      payload: { weeklyHours: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(bad).errors[0]!.field).toBe('weeklyHours');
  });

  it('PUT replaces the order but not its key', async () => {
    const order = await create();
    const body = jobOrderBody(JC_A, { title: 'Pakkeri', mustHave: [] });
    delete body.externalId;
    const put = await t.call(t.tokens.a, { method: 'PUT', url: `/v1/job-orders/${order.id}`, payload: body });
    expect(put.statusCode).toBe(200);
    expect(json(put)).toMatchObject({
      id: order.id,
      externalId: order.externalId,
      title: 'Pakkeri',
      mustHave: [],
    });

    const rekey = await t.call(t.tokens.a, {
      method: 'PUT',
      url: `/v1/job-orders/${order.id}`,
      payload: jobOrderBody(JC_A, { externalId: 'another-key' }),
    });
    expect(rekey.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(rekey).errors[0]!.field).toBe('externalId');
  });

  it('lists with pagination and deletes (with its shortlists)', async () => {
    for (let i = 0; i < 3; i++) await create();
    const first = json<{ items: Obj[]; next: string | null }>(
      await t.call(t.tokens.a, { method: 'GET', url: '/v1/job-orders?limit=2' }),
    );
    expect(first.items).toHaveLength(2);
    expect(first.next).toBeTruthy();
    const second = json<{ items: Obj[] }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders?limit=2&after=${first.next}` }),
    );
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((o) => o.id)).not.toContain(first.items[0]!.id);

    const order = await create();
    const sl = json(
      await t.call(t.tokens.a, { method: 'POST', url: `/v1/job-orders/${order.id}/shortlists`, payload: {} }),
    );
    const del = await t.call(t.tokens.a, { method: 'DELETE', url: `/v1/job-orders/${order.id}` });
    expect(del.statusCode).toBe(204);
    expect((await t.call(t.tokens.a, { method: 'GET', url: `/v1/job-orders/${order.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${sl.id}` })).statusCode).toBe(
      404,
    );
  });
});
