import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addMonths, copenhagenMonth } from '../../src/domain/months.ts';
import { createTestApi, JC_A, JC_B, jobOrderBody, json, type TestApi } from './helpers.ts';

interface MonthRow {
  month: string;
  orders: number;
  shortlists: number;
  sentToCompany: number;
  hitRate: number | null;
}
interface StatsBody {
  jobcentre: string[];
  orders: number;
  range: { from: string; to: string };
  months: MonthRow[];
}
interface Problem {
  status: number;
  errors?: Array<{ field: string; message: string }>;
}

/** GET /v1/stats and the pool statistics per calendar month: the range, Danish time, and who sees what. */
describe('statistics per month', () => {
  let t: TestApi;
  let poolId: string;

  const get = (token: string, url: string) => t.call(token, { method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApi();
    // 23:30 UTC on 30 November 2026 is 00:30 on 1 December in Denmark; 22:30 UTC is still November.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const [at, jobcenter, token] of [
        ['2026-11-30T23:30:00.000Z', JC_A, t.tokens.a],
        ['2026-11-30T22:30:00.000Z', JC_A, t.tokens.a],
        ['2026-11-30T23:30:00.000Z', JC_B, t.tokens.b],
      ] as const) {
        vi.setSystemTime(new Date(at));
        const res = await t.call(token, {
          method: 'POST',
          url: '/v1/job-orders',
          payload: jobOrderBody(jobcenter),
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    } finally {
      vi.useRealTimers();
    }
    const pool = await t.call(t.tokens.admin, {
      method: 'POST',
      url: '/v1/pools',
      payload: { name: 'Østjylland', members: [JC_A, JC_B] },
    });
    poolId = json<{ id: string }>(pool).id;
  });
  afterAll(async () => t?.close());

  it('counts a job order in the Danish month it was made, and every month of the range, empty ones as zeros', async () => {
    const res = await get(t.tokens.a, '/v1/stats?from=2026-10&to=2027-01');
    expect(res.statusCode, res.body).toBe(200);
    const body = json<StatsBody>(res);
    expect(body.range).toEqual({ from: '2026-10', to: '2027-01' });
    expect(body.months.map((m) => [m.month, m.orders])).toEqual([
      ['2026-10', 0],
      ['2026-11', 1],
      ['2026-12', 1],
      ['2027-01', 0],
    ]);
    expect(body.months[0]).toEqual({
      month: '2026-10',
      orders: 0,
      shortlists: 0,
      sentToCompany: 0,
      chosen: 0,
      placements: 0,
      hitRate: null,
      medianSecondsOrderToShortlist: null,
      medianSecondsOrderToChoice: null,
    });
    // The totals are unchanged: all time, not the range.
    expect(body.orders).toBe(2);
  });

  it('defaults to the current month and the 11 before it', async () => {
    const body = json<StatsBody>(await get(t.tokens.a, '/v1/stats'));
    const now = copenhagenMonth(new Date());
    expect(body.range).toEqual({ from: addMonths(now, -11), to: now });
    expect(body.months).toHaveLength(12);
    expect(body.months.at(-1)!.month).toBe(now);
    const onlyTo = json<StatsBody>(await get(t.tokens.a, '/v1/stats?to=2026-12'));
    expect(onlyTo.range).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('answers 400 naming the field for a malformed month, from after to, or more than 36 months', async () => {
    for (const [query, field] of [
      ['from=2026-13', 'from'],
      ['to=26-01', 'to'],
      ['from=2026-1', 'from'],
      ['from=2027-01&to=2026-12', 'from'],
      ['from=2024-01&to=2027-01', 'from'],
    ] as const) {
      const res = await get(t.tokens.a, `/v1/stats?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(
        json<Problem>(res).errors?.map((e) => e.field),
        query,
      ).toEqual([field]);
      const pool = await get(t.tokens.a, `/v1/pools/${poolId}/stats?${query}`);
      expect(pool.statusCode, query).toBe(400);
    }
    const longest = json<StatsBody>(await get(t.tokens.a, '/v1/stats?from=2024-02&to=2027-01'));
    expect(longest.months).toHaveLength(36);
  });

  it('a konsulent sees only its own jobcenter by month; admin any', async () => {
    const b = json<StatsBody>(await get(t.tokens.b, '/v1/stats?from=2026-11&to=2026-12'));
    expect(b.jobcentre).toEqual([JC_B]);
    expect(b.months.map((m) => m.orders)).toEqual([0, 1]);
    expect((await get(t.tokens.b, `/v1/stats?jobcenter=${JC_A}&from=2026-11&to=2026-12`)).statusCode).toBe(
      403,
    );
    const a = json<StatsBody>(
      await get(t.tokens.admin, `/v1/stats?jobcenter=${JC_A}&from=2026-11&to=2026-12`),
    );
    expect(a.months.map((m) => m.orders)).toEqual([1, 1]);
    const all = json<StatsBody>(await get(t.tokens.admin, '/v1/stats?from=2026-11&to=2026-12'));
    expect(all.months.map((m) => m.orders)).toEqual([1, 2]);
  });

  it("a pool's statistics cover its members per month, and each member's contribution per month", async () => {
    const res = await get(t.tokens.b, `/v1/pools/${poolId}/stats?from=2026-11&to=2026-12`);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{
      totals: StatsBody;
      memberMonths: Array<{
        jobcenter: string;
        months: Array<{ month: string; shortlisted: number; placed: number }>;
      }>;
    }>(res);
    expect(body.totals.months.map((m) => m.orders)).toEqual([1, 2]);
    expect(body.memberMonths.map((m) => [m.jobcenter, m.months.map((x) => x.month)])).toEqual([
      [JC_B, ['2026-11', '2026-12']],
      [JC_A, ['2026-11', '2026-12']],
    ]);
  });
});
