import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, JC_B, jobOrderBody, json, type TestApi } from './helpers.ts';

type Person = { candidateId: string; jobcenter: string; name?: string | null };
type List = { status: string; entries: Person[]; nearMisses: Person[] };

/**
 * Names in a bruttoliste are read when the list is read: the own jobcenter's people by name, another jobcenter's
 * as null, an erased person gone.
 */
describe('names in the bruttoliste', () => {
  let t: TestApi;
  const ids: Record<string, string> = {};

  const created = async (token: string, url: string, payload: Record<string, unknown>) => {
    const res = await t.call(token, { method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return json<{ id: string }>(res).id;
  };
  const read = async (token: string, id: string) =>
    json<List>(await t.call(token, { method: 'GET', url: `/v1/shortlists/${id}` }));
  const shortlist = async (token: string, orderId: string) => {
    const id = json<{ id: string }>(
      await t.call(token, {
        method: 'POST',
        url: `/v1/job-orders/${orderId}/shortlists`,
        payload: { scope: 'pool', size: 10 },
      }),
    ).id;
    await waitFor(async () => (await read(token, id)).status === 'done', 15_000, 'the list to finish');
    return id;
  };
  const byId = (list: List) =>
    Object.fromEntries([...list.entries, ...list.nearMisses].map((e) => [e.candidateId, e.name]));

  beforeAll(async () => {
    t = await createTestApi({ workers: true });
    await created(t.tokens.admin, '/v1/pools', { name: 'Aarhus-København', members: [JC_A, JC_B] });
    ids.mette = await created(
      t.tokens.a,
      '/v1/candidates',
      candidateBody(JC_A, { name: 'Mette Vestergaard' }),
    );
    ids.ib = await created(t.tokens.a, '/v1/candidates', candidateBody(JC_A, { name: 'Ib Holm' }));
    // København's candidate lives near the Aarhus order, so the pool brings her in.
    ids.ole = await created(
      t.tokens.b,
      '/v1/candidates',
      candidateBody(JC_B, { name: 'Ole Olsen', postalCode: '8210' }),
    );
  });
  afterAll(async () => t?.close());

  it("names the order's own jobcenter's people; a pool partner's person is null; nothing is kept in the list", async () => {
    const orderA = await created(t.tokens.a, '/v1/job-orders', jobOrderBody(JC_A));
    const listA = await shortlist(t.tokens.a, orderA);
    const seen = await read(t.tokens.a, listA);
    expect(byId(seen)).toEqual({ [ids.mette!]: 'Mette Vestergaard', [ids.ib!]: 'Ib Holm', [ids.ole!]: null });
    // The admin reads it as the order's jobcenter does.
    expect(byId(await read(t.tokens.admin, listA))).toEqual(byId(seen));
    const stored = JSON.stringify(await t.ctx.stores.shortlists.get(listA));
    expect(stored).not.toContain('Vestergaard');
    expect(stored).not.toContain('"name"');

    // København's own list over the same pool: Ole named, the Aarhus people not.
    const orderB = await created(t.tokens.b, '/v1/job-orders', jobOrderBody(JC_B, { postalCode: '8210' }));
    const listB = await read(t.tokens.b, await shortlist(t.tokens.b, orderB));
    expect(byId(listB)).toEqual({ [ids.mette!]: null, [ids.ib!]: null, [ids.ole!]: 'Ole Olsen' });
  });

  it('shows a changed name at once, and an erased person not at all', async () => {
    const order = await created(t.tokens.a, '/v1/job-orders', jobOrderBody(JC_A));
    const list = await shortlist(t.tokens.a, order);
    const ib = json<Record<string, unknown>>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates/${ids.ib}` }),
    );
    const {
      id: _,
      createdAt: _c,
      updatedAt: _u,
      incomplete: _i,
      locationSource: _l,
      location: _p,
      ...input
    } = ib;
    const renamed = await t.call(t.tokens.a, {
      method: 'PUT',
      url: '/v1/candidates',
      payload: { ...input, name: 'Ib Holm Madsen' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(byId(await read(t.tokens.a, list))[ids.ib!]).toBe('Ib Holm Madsen');

    const erased = await t.call(t.tokens.a, { method: 'DELETE', url: `/v1/candidates/${ids.mette}` });
    expect(erased.statusCode).toBe(204);
    const after = await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${list}` });
    expect(Object.keys(byId(json<List>(after)))).not.toContain(ids.mette);
    expect(after.body).not.toContain('Vestergaard');
  });
});
