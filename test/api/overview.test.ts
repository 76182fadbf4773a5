import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, JC_A, JC_B, json, type TestApi } from './helpers.ts';
import { sentBundle } from './session-helpers.ts';

type Overview = {
  openJobOrders: Array<{ id: string; lastShortlist: unknown; company: { name: string | null } }>;
  shortlistsInProgress: unknown[];
  awaitingReply: Array<{ jobOrderId: string; candidateId: string; name: string | null; state: string }>;
  bundlesNotOpened: Array<{ id: string }>;
  recentChoices: Array<{ candidateId: string; choice: string; name: string | null }>;
};

describe('GET /v1/overview', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it("shows the konsulent's own jobcenter only: orders, who owes an answer, bundles not opened, choices", async () => {
    // A period that has not ended whenever the test runs: the overview lists open orders only.
    const year = new Date().getUTCFullYear() + 1;
    const sent = await sentBundle(t, {}, { period: { from: `${year}-01-04`, to: `${year}-06-30` } });
    // The bundle is rendered by the queue; mark it done here so it counts as waiting for the company.
    await t.ctx.stores.bundles.complete(sent.bundleId, Buffer.from('%PDF-1.7'), [sent.candidateId]);

    const mine = json<Overview>(await t.call(t.tokens.a, { method: 'GET', url: '/v1/overview' }));
    expect(mine.openJobOrders.map((o) => o.id)).toContain(sent.orderId);
    expect(mine.openJobOrders[0]!.company.name).toBe('Nordlager A/S');
    expect(mine.awaitingReply).toEqual([
      expect.objectContaining({
        jobOrderId: sent.orderId,
        candidateId: sent.candidateId,
        name: 'Mette Hansen',
        state: 'sent_to_company',
      }),
    ]);
    expect(mine.bundlesNotOpened.map((b) => b.id)).toEqual([sent.bundleId]);
    expect(mine.recentChoices).toEqual([]);

    const theirs = json<Overview>(await t.call(t.tokens.b, { method: 'GET', url: '/v1/overview' }));
    expect(theirs.openJobOrders).toEqual([]);
    expect(theirs.awaitingReply).toEqual([]);
    expect(theirs.bundlesNotOpened).toEqual([]);
    expect(
      (await t.call(t.tokens.b, { method: 'GET', url: `/v1/overview?jobcenter=${JC_A}` })).statusCode,
    ).toBe(403);

    // The company opens the bundle and chooses.
    const choose = await t.call(sent.company.token, {
      method: 'POST',
      url: `/v1/company/bundles/${sent.bundleId}/choices`,
      payload: { candidateId: sent.candidateId, decision: 'chosen' },
    });
    expect(choose.statusCode, choose.body).toBe(200);
    await t.call(sent.company.token, { method: 'GET', url: `/v1/company/bundles/${sent.bundleId}` });
    const after = json<Overview>(await t.call(t.tokens.a, { method: 'GET', url: '/v1/overview' }));
    expect(after.awaitingReply).toEqual([]);
    expect(after.bundlesNotOpened).toEqual([]);
    expect(after.recentChoices).toEqual([
      expect.objectContaining({ candidateId: sent.candidateId, choice: 'chosen', name: 'Mette Hansen' }),
    ]);

    const admin = json<Overview>(
      await t.call(t.tokens.admin, { method: 'GET', url: `/v1/overview?jobcenter=${JC_B}` }),
    );
    expect(admin.openJobOrders).toEqual([]);
    const all = json<Overview>(await t.call(t.tokens.admin, { method: 'GET', url: '/v1/overview' }));
    expect(all.openJobOrders.map((o) => o.id)).toContain(sent.orderId);
  });
});
