import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { candidateView } from '../../src/api/schemas/candidates.ts';
import { waitFor } from '../support/wait.ts';
import {
  candidateBody,
  createTestApi,
  JC_A,
  JC_B,
  jobOrderBody,
  json,
  TEST_CPR,
  type TestApi,
} from './helpers.ts';

type Obj = Record<string, unknown>;

describe('candidates API', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ workers: true });
  });
  afterAll(async () => t?.close());

  const post = (body: Obj, token = t.tokens.a, method: 'POST' | 'PUT' = 'POST') =>
    t.call(token, { method, url: '/v1/candidates', payload: body });

  it('upserts by (jobcenter, externalId): created, unchanged, updated; the response never holds the CPR', async () => {
    const body = candidateBody(JC_A);
    const created = await post(body);
    expect(created.statusCode).toBe(201);
    const c = json(created);
    expect(c).toMatchObject({
      status: 'created',
      externalId: body.externalId,
      jobcenter: JC_A,
      name: 'Mette Hansen',
    });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body).not.toContain('cpr');
    expect(created.body).not.toContain(TEST_CPR);

    const again = await post(body, t.tokens.a, 'PUT');
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ id: c.id, status: 'unchanged' });

    const changed = await post({ ...body, weeklyHours: 20 }, t.tokens.a, 'PUT');
    expect(json(changed)).toMatchObject({ id: c.id, status: 'updated', weeklyHours: 20 });

    const got = await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates/${c.id}` });
    expect(got.statusCode).toBe(200);
    expect(json(got)).toMatchObject({ id: c.id, weeklyHours: 20, cvText: body.cvText, incomplete: [] });
    expect(got.body).not.toContain('cpr');
    expect(got.body).not.toContain(TEST_CPR);
    // The CPR was kept (as a keyed hash) even though no response shows it.
    expect(await t.ctx.stores.candidates.hasCpr(JC_A, TEST_CPR)).toBe(true);
  });

  it('removes a CPR written into the CV text before it is stored, indexed or returned', async () => {
    const body = {
      ...candidateBody(JC_A),
      externalId: 'cpr-in-text',
      cvText: `Mette Hansen, cpr ${TEST_CPR}. Truckfører.`,
    };
    const created = json<{ id: string }>(await post(body));
    const got = await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates/${created.id}` });
    expect(got.body).not.toContain(TEST_CPR);
    expect(json(got).cvText).toContain('[CPR fjernet]');
    const stored = await t.ctx.stores.candidates.get(created.id);
    expect(JSON.stringify(stored)).not.toContain(TEST_CPR);
    expect(stored?.facts.terms.some(([term]) => term.includes(TEST_CPR.slice(0, 6)))).toBe(false);
  });

  it('the response schema itself drops a CPR, should one ever reach it', async () => {
    const body = json(await post(candidateBody(JC_A)));
    const { status: _status, ...stored } = body;
    const encoded = candidateView.encode({
      ...(stored as z.output<typeof candidateView>),
      cpr: TEST_CPR,
    } as never);
    expect(encoded).not.toHaveProperty('cpr');
    expect(JSON.stringify(encoded)).not.toContain(TEST_CPR);
  });

  it('names the invalid fields, with dotted paths, in a 400 problem', async () => {
    const res = await post(
      candidateBody(JC_A, {
        benefit: 'loen',
        postalCode: '0000',
        experience: [{ title: 'Lager', from: '2020-02-30' }],
        cpr: '3213901234',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = json<{ errors: Array<{ field: string; message: string }> }>(res);
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['benefit', 'postalCode', 'experience[0].from', 'cpr']));
    expect(res.body).not.toContain('3213901234');

    const missing = await post({ externalId: 'x', jobcenter: JC_A });
    expect(json<{ errors: Array<{ field: string }> }>(missing).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['name', 'unemployedSince', 'benefit']),
    );
    const badId = await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates/not-a-uuid' });
    expect(badId.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(badId).errors[0]!.field).toBe('id');
  });

  it('lists with filters and cursor pagination', async () => {
    const marker = `page-${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await post(
        candidateBody(JC_A, {
          externalId: `${marker}-${i}`,
          benefit: i % 2 ? 'kontanthjaelp' : 'dagpenge',
          consent: { searchable: i !== 4, shareWithPool: false },
        }),
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const url: string = `/v1/candidates?q=${marker}&limit=2${after ? `&after=${after}` : ''}`;
      const page = json<{ items: Array<Obj>; next: string | null }>(
        await t.call(t.tokens.a, { method: 'GET', url }),
      );
      seen.push(...page.items.map((c) => c.externalId as string));
      expect(page.items.every((c) => !('cvText' in c) && !('cpr' in c))).toBe(true);
      after = page.next;
      pages++;
    } while (after && pages < 10);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${marker}-${i}`));
    expect(pages).toBe(3);

    const kh = json<{ items: Obj[] }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates?q=${marker}&benefit=kontanthjaelp` }),
    );
    expect(kh.items.map((c) => c.externalId).sort()).toEqual([`${marker}-1`, `${marker}-3`]);
    const hidden = json<{ items: Obj[] }>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates?q=${marker}&searchable=false` }),
    );
    expect(hidden.items.map((c) => c.externalId)).toEqual([`${marker}-4`]);

    const badCursor = await t.call(t.tokens.a, { method: 'GET', url: '/v1/candidates?after=nonsense' });
    expect(badCursor.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(badCursor).errors[0]!.field).toBe('after');
    const badLimit = await t.call(t.tokens.a, {
      method: 'GET',
      url: '/v1/candidates?limit=0&searchable=maybe',
    });
    expect(
      json<{ errors: Array<{ field: string }> }>(badLimit)
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['limit', 'searchable']);
  });

  it('bulk NDJSON: reports a bad line by its number and stores the rest', async () => {
    const marker = `bulk-${Date.now()}`;
    const lines = [
      JSON.stringify(candidateBody(JC_A, { externalId: `${marker}-1` })),
      JSON.stringify(candidateBody(JC_A, { externalId: `${marker}-2`, benefit: 'loen' })),
      '',
      `{"externalId": "${marker}-broken", "cpr": "${TEST_CPR}"`,
      JSON.stringify(candidateBody(JC_B, { externalId: `${marker}-foreign` })),
      JSON.stringify(candidateBody(JC_A, { externalId: `${marker}-3` })),
    ];
    const res = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${lines.join('\n')}\n`,
    });
    expect(res.statusCode).toBe(200);
    const report = json<{ imported: number; rejected: number; lines: Array<Obj & { errors?: Array<Obj> }> }>(
      res,
    );
    expect(report).toMatchObject({ imported: 2, rejected: 3 });
    expect(report.lines.map((l) => [l.line, l.status])).toEqual([
      [1, 'created'],
      [2, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'created'],
    ]);
    expect(report.lines[1]!.errors![0]).toMatchObject({ field: 'benefit' });
    expect(report.lines[2]!.errors![0]!.message).toMatch(/JSON/);
    expect(report.lines[3]!.errors![0]).toMatchObject({ field: 'jobcenter' });
    expect(res.body).not.toContain(TEST_CPR);

    // The stored ones are real candidates: readable, and in the index (a shortlist finds them).
    const id = report.lines[0]!.id as string;
    expect((await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates/${id}` })).statusCode).toBe(200);
    expect(await t.ctx.stores.candidates.find(JC_B, `${marker}-foreign`)).toBeUndefined();
    const order = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
    );
    const sl = json(
      await t.call(t.tokens.a, {
        method: 'POST',
        url: `/v1/job-orders/${order.id}/shortlists`,
        payload: { size: 500, scope: 'own' },
      }),
    );
    const done = await waitFor(async () => {
      const s = json<{ status: string; entries: Array<{ candidateId: string }> }>(
        await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${sl.id}` }),
      );
      return s.status === 'done' ? s : undefined;
    });
    expect(done.entries.map((e) => e.candidateId)).toEqual(
      expect.arrayContaining([report.lines[0]!.id, report.lines[4]!.id]),
    );

    const again = json<{ unchanged: number }>(
      await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/candidates/bulk',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: lines[0],
      }),
    );
    expect(again.unchanged).toBe(1);
  });

  it('bulk refuses JSON and empty bodies', async () => {
    const asJson = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      payload: [candidateBody(JC_A)],
    });
    expect(asJson.statusCode).toBe(415);
    const empty = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/candidates/bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: '\n\n',
    });
    expect(empty.statusCode).toBe(400);
  });

  it('erasure removes the candidate from the store, the index and the next shortlist', async () => {
    const marker = `erase-${Date.now()}`;
    const keep = json(await post(candidateBody(JC_A, { externalId: `${marker}-keep` })));
    const gone = json(await post(candidateBody(JC_A, { externalId: `${marker}-gone` })));
    const order = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
    );

    const shortlist = async () => {
      const req = json(
        await t.call(t.tokens.a, {
          method: 'POST',
          url: `/v1/job-orders/${order.id}/shortlists`,
          payload: { size: 50 },
        }),
      );
      return waitFor(async () => {
        const s = json<{ status: string; entries: Array<{ candidateId: string }> }>(
          await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${req.id}` }),
        );
        return s.status === 'done' ? s : undefined;
      });
    };
    const before = await shortlist();
    expect(before.entries.map((e) => e.candidateId)).toEqual(expect.arrayContaining([keep.id, gone.id]));

    const del = await t.call(t.tokens.a, { method: 'DELETE', url: `/v1/candidates/${gone.id}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates/${gone.id}` })).statusCode).toBe(
      404,
    );
    expect(await t.ctx.stores.candidates.get(gone.id as string)).toBeUndefined();
    expect(
      (await t.call(t.tokens.a, { method: 'DELETE', url: `/v1/candidates/${gone.id}` })).statusCode,
    ).toBe(404);

    const after = await shortlist();
    const ids = after.entries.map((e) => e.candidateId);
    expect(ids).toContain(keep.id);
    expect(ids).not.toContain(gone.id);
  });
});
