import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, TEST_CPR, type TestApi } from './helpers.ts';

type Obj = Record<string, unknown>;
type Entry = { candidateId: string; state: string; new: boolean; homeJobcenter: string };

/** Jobcenter B of the pool: Skanderborg, next to Aarhus (A). Jobcenter C (København) is in no pool with A. */
const JC_POOL_B = '746';
/** Hørning, in Skanderborg kommune, ~12 km from the order in Aarhus. */
const NEAR_AARHUS = { lat: 56.087, lon: 10.037 };

describe('workflow end to end: shortlist across a pool -> contact -> bundle -> company choice -> outcome', () => {
  let t: TestApi;
  let tokenB: string;
  const tokenC = () => t.tokens.b;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApi({ workers: true });
    await t.ctx.stores.access.createJobcenter({ id: JC_POOL_B, name: 'Jobcenter Skanderborg' });
    tokenB = (
      await t.ctx.stores.access.createToken({ role: 'konsulent', jobcenter: JC_POOL_B, label: 'konsulent B' })
    ).token;
  });
  afterAll(async () => t?.close());

  const call = (token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.call(token, { method, url, ...(payload === undefined ? {} : { payload: payload as Obj }) });

  async function addCandidate(token: string, body: Obj): Promise<string> {
    const res = await call(token, 'POST', '/v1/candidates', body);
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string }>(res).id;
  }

  async function shortlist(token: string, orderId: string, body: Obj) {
    const res = await call(token, 'POST', `/v1/job-orders/${orderId}/shortlists`, body);
    expect(res.statusCode, res.body).toBe(202);
    const id = json<{ id: string }>(res).id;
    return waitFor(
      async () => {
        const got = json<Obj & { status: string }>(await call(token, 'GET', `/v1/shortlists/${id}`));
        return got.status === 'done' || got.status === 'failed' ? got : undefined;
      },
      15_000,
      'the shortlist to finish',
    );
  }

  const step = (token: string, orderId: string, candidateId: string, body: Obj) =>
    call(token, 'POST', `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`, body);

  it('walks one job order through the whole workflow with the access rules checked at each step', async () => {
    // --- Pool: admin only.
    const forbiddenPool = await call(t.tokens.a, 'POST', '/v1/pools', {
      name: 'Østjylland',
      members: [JC_A],
    });
    expect(forbiddenPool.statusCode).toBe(403);
    const poolRes = await call(t.tokens.admin, 'POST', '/v1/pools', {
      name: 'Rekrutteringsfællesskab Østjylland',
      members: [JC_A, JC_POOL_B],
    });
    expect(poolRes.statusCode, poolRes.body).toBe(201);
    const pool = json<{ id: string; members: string[] }>(poolRes);
    expect(pool.members).toEqual([JC_POOL_B, JC_A].sort());

    // --- Candidates: one of A's own (no direct contact), one more of A's, B's sharing one, B's non-sharing one.
    ids.a1 = await addCandidate(
      t.tokens.a,
      candidateBody(JC_A, { name: 'Anna Andersen', email: 'anna@example.dk' }),
    );
    ids.a2 = await addCandidate(t.tokens.a, candidateBody(JC_A, { name: 'Bo Bertelsen', cpr: undefined }));
    ids.b1 = await addCandidate(
      tokenB,
      candidateBody(JC_POOL_B, {
        name: 'Carla Christensen',
        cpr: '0202851234',
        email: 'carla@example.dk',
        phone: '+4587654321',
        postalCode: '8362',
        location: NEAR_AARHUS,
        consent: { searchable: true, shareWithPool: true, contactByCompany: true },
      }),
    );
    ids.b2 = await addCandidate(
      tokenB,
      candidateBody(JC_POOL_B, {
        name: 'Dorte Dall',
        cpr: undefined,
        postalCode: '8362',
        location: NEAR_AARHUS,
        consent: { searchable: true, shareWithPool: false },
      }),
    );

    // --- Job order in A; the default scope 'auto' widens to the pool because A alone has fewer than 5.
    const orderRes = await call(
      t.tokens.a,
      'POST',
      '/v1/job-orders',
      jobOrderBody(JC_A, { radiusKm: { full: 15, max: 25 } }),
    );
    expect(orderRes.statusCode, orderRes.body).toBe(201);
    const orderId = json<{ id: string }>(orderRes).id;
    const list = await shortlist(t.tokens.a, orderId, { size: 5 });
    expect(list.status).toBe('done');
    expect(list).toMatchObject({ scope: 'auto', effectiveScope: 'pool', widened: true });
    const listed = (list.entries as Array<{ candidateId: string }>).map((e) => e.candidateId);
    expect(listed).toEqual(expect.arrayContaining([ids.a1, ids.a2, ids.b1]));
    expect(listed).not.toContain(ids.b2);

    // --- C (no pool with A) sees nothing of A's order.
    expect((await call(tokenC(), 'GET', `/v1/job-orders/${orderId}/workflow`)).statusCode).toBe(404);
    expect((await step(tokenC(), orderId, ids.b1!, { to: 'contacted' })).statusCode).toBe(404);

    // --- The workflow: everyone suggested, nobody "new" on the first list.
    const wf = json<{ entries: Entry[] }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow`),
    );
    expect(wf.entries.map((e) => e.state)).toEqual(['suggested', 'suggested', 'suggested']);
    expect(wf.entries.some((e) => e.new)).toBe(false);

    // --- A reads B's candidate through the shortlist: CV yes, contact hidden, and the read is audited.
    const cross = json<{ candidate: Obj }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow/${ids.b1}`),
    );
    expect(cross.candidate).toMatchObject({
      name: 'Carla Christensen',
      jobcenter: JC_POOL_B,
      contactReleased: false,
    });
    expect(cross.candidate.email).toBeUndefined();
    expect(cross.candidate.phone).toBeUndefined();
    // ...but not through the candidates API, which is tenant-bound.
    expect((await call(t.tokens.a, 'GET', `/v1/candidates/${ids.b1}`)).statusCode).toBe(404);

    // --- Invalid transitions are refused, naming both states.
    const skip = await step(t.tokens.a, orderId, ids.b1!, { to: 'sent_to_company' });
    expect(skip.statusCode).toBe(409);
    expect(json(skip)).toMatchObject({ from: 'suggested', to: 'sent_to_company' });
    expect(json<{ detail: string }>(skip).detail).toContain("from 'suggested'");

    // --- Phoning: B's candidate and A's first are interested, A's second declines for health reasons.
    for (const id of [ids.a1!, ids.b1!]) {
      expect((await step(t.tokens.a, orderId, id, { to: 'contacted' })).statusCode).toBe(200);
      expect(
        (await step(t.tokens.a, orderId, id, { to: 'interested', note: 'Kan starte 4/1' })).statusCode,
      ).toBe(200);
    }
    expect((await step(t.tokens.a, orderId, ids.a2!, { to: 'contacted' })).statusCode).toBe(200);
    const healthNote = await step(t.tokens.a, orderId, ids.a2!, {
      to: 'declined',
      reason: 'health',
      note: 'ryggen',
    });
    expect(healthNote.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(healthNote).errors[0]!.field).toBe('note');
    const declined = await step(t.tokens.a, orderId, ids.a2!, { to: 'declined', reason: 'health' });
    expect(json(declined)).toMatchObject({ state: 'declined', declineReason: 'health', note: null });

    // --- Contact release: only B (home) may release B's candidate; after that A sees e-mail and phone.
    expect(
      (await call(t.tokens.a, 'POST', `/v1/candidates/${ids.b1}/releases`, { jobcenter: JC_A })).statusCode,
    ).toBe(404);
    const release = await call(tokenB, 'POST', `/v1/candidates/${ids.b1}/releases`, { jobcenter: JC_A });
    expect(release.statusCode, release.body).toBe(201);
    const released = json<{ candidate: Obj }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow/${ids.b1}`),
    );
    expect(released.candidate).toMatchObject({ contactReleased: true, email: 'carla@example.dk' });

    // --- Send to the company: a bundle of the two interested candidates, rendered by the `bundle` job.
    expect((await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/bundles`, {})).statusCode).toBe(409);
    for (const id of [ids.a1!, ids.b1!]) {
      expect((await step(t.tokens.a, orderId, id, { to: 'sent_to_company' })).statusCode).toBe(200);
    }
    const bundleRes = await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/bundles`, {
      expiresInDays: 7,
    });
    expect(bundleRes.statusCode, bundleRes.body).toBe(202);
    const sent = json<{ bundle: { id: string }; company: { token: string; url: string; expiresAt: string } }>(
      bundleRes,
    );
    const bundleId = sent.bundle.id;
    const company = sent.company.token;
    expect(sent.company.url).toBe(`/v1/company/bundles/${bundleId}`);
    expect(company).toMatch(/^vm_/);
    await waitFor(
      async () =>
        json<{ status: string }>(await call(t.tokens.a, 'GET', `/v1/bundles/${bundleId}`)).status === 'done',
      15_000,
      'the bundle to render',
    );
    expect((await call(tokenC(), 'GET', `/v1/bundles/${bundleId}`)).statusCode).toBe(404);
    // A's own download holds B's candidate's CV: a cross-jobcenter read, audited.
    const own = await call(t.tokens.a, 'GET', `/v1/bundles/${bundleId}/pdf`);
    expect(own.statusCode).toBe(200);

    // --- The company reads its bundle (audited) and the PDF: no CPR, contact only where agreed and released.
    const view = await call(company, 'GET', sent.company.url);
    expect(view.statusCode, view.body).toBe(200);
    type Cv = { relevantCompetences: string[]; contact?: { email?: string } };
    const viewBody = json<{
      candidates: Array<{ candidateId: string; name: string; state: string; cv: Cv }>;
    }>(view);
    expect(viewBody.candidates.map((c) => c.name).sort()).toEqual(['Anna Andersen', 'Carla Christensen']);
    expect(view.body).not.toContain('health');
    expect(view.body).not.toContain(ids.a2);
    // The page shows what the PDF shows, from the same projection: contact only where agreed and released.
    const cvOf = (name: string) => viewBody.candidates.find((c) => c.name === name)!.cv;
    expect(cvOf('Carla Christensen').relevantCompetences).toContain('truckcertifikat B');
    expect(cvOf('Carla Christensen').contact?.email).toBe('carla@example.dk');
    expect(cvOf('Anna Andersen').contact).toBeUndefined();
    expect(view.body).not.toContain('anna@example.dk');
    expect(view.body).not.toContain(TEST_CPR);
    expect(view.body).not.toContain('020285');
    expect(view.body).not.toMatch(/dagpenge|kontanthj/);
    const pdfRes = await call(company, 'GET', `${sent.company.url}/pdf`);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdfRes.rawPayload), { mergePages: true });
    expect(text).toContain('Carla Christensen');
    expect(text).toContain('Anna Andersen');
    expect(text).toContain('Relevante kompetencer');
    expect(text).toContain('truckcertifikat B');
    expect(text).toContain('carla@example.dk');
    expect(text).not.toContain('anna@example.dk');
    expect(text).not.toContain(TEST_CPR);
    expect(text).not.toContain('020285');
    expect(text).not.toContain('Bo Bertelsen');

    // --- The company token opens nothing else.
    for (const [method, url] of [
      ['GET', `/v1/candidates/${ids.b1}`],
      ['GET', `/v1/job-orders/${orderId}`],
      ['GET', `/v1/job-orders/${orderId}/workflow`],
      ['GET', `/v1/shortlists/${list.id as string}`],
      ['GET', `/v1/bundles/${bundleId}`],
      ['GET', '/v1/pools'],
      ['GET', '/v1/stats'],
      ['GET', `/v1/audit?candidateId=${ids.b1}`],
    ] as const) {
      expect([403, 404], `${method} ${url}`).toContain((await call(company, method, url)).statusCode);
    }
    expect(
      (await call(company, 'GET', '/v1/company/bundles/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    // A konsulent token is not a company token.
    expect((await call(t.tokens.a, 'GET', sent.company.url)).statusCode).toBe(403);

    // --- The company chooses.
    const choose = (body: Obj) => call(company, 'POST', `${sent.company.url}/choices`, body);
    expect((await choose({ candidateId: ids.a2, decision: 'chosen' })).statusCode).toBe(404);
    expect(json(await choose({ candidateId: ids.b1, decision: 'interview' }))).toMatchObject({
      state: 'interview',
    });
    expect(json(await choose({ candidateId: ids.b1, decision: 'chosen' }))).toMatchObject({
      state: 'chosen',
    });
    expect(
      json(await choose({ candidateId: ids.a1, decision: 'not_chosen', reason: 'experience' })),
    ).toMatchObject({
      state: 'not_chosen',
    });
    expect((await choose({ candidateId: ids.a1, decision: 'chosen' })).statusCode).toBe(409);
    // The company may not do the konsulent's steps.
    expect((await step(company, orderId, ids.b1!, { to: 'contacted' })).statusCode).toBe(403);

    // --- Every transition is stored with who and when.
    const detail = json<{ history: Array<{ to: string; by: { role: string; label: string } }> }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow/${ids.b1}`),
    );
    expect(detail.history.map((h) => h.to)).toEqual([
      'contacted',
      'interested',
      'sent_to_company',
      'interview',
      'chosen',
    ]);
    expect(detail.history.at(-1)!.by.role).toBe('virksomhed');

    // --- Audit: B (home) and admin read B's candidate's trail; A may not.
    const audit = await call(tokenB, 'GET', `/v1/audit?candidateId=${ids.b1}`);
    expect(audit.statusCode).toBe(200);
    const actions = json<{ items: Array<{ action: string }> }>(audit).items.map((i) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'candidate.cross_read',
        'contact.release',
        'company.bundle.view',
        'bundle.download',
        'company.bundle.download',
      ]),
    );
    expect((await call(t.tokens.a, 'GET', `/v1/audit?candidateId=${ids.b1}`)).statusCode).toBe(404);
    expect((await call(t.tokens.admin, 'GET', `/v1/audit?candidateId=${ids.b1}`)).statusCode).toBe(200);

    // --- Outcomes: only for the chosen one, in order, with a reason when ending early.
    const outcome = (id: string, body: Obj) =>
      call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/placements/${id}/outcomes`, body);
    expect((await outcome(ids.a1!, { outcome: 'started' })).statusCode).toBe(409);
    expect((await outcome(ids.b1!, { outcome: 'completed' })).statusCode).toBe(409);
    expect((await outcome(ids.b1!, { outcome: 'started', date: '2027-01-04' })).statusCode).toBe(201);
    expect((await outcome(ids.b1!, { outcome: 'left_early' })).statusCode).toBe(400);
    const done = await outcome(ids.b1!, { outcome: 'completed', date: '2027-06-30' });
    expect(json(done)).toMatchObject({
      outcome: 'completed',
      homeJobcenter: JC_POOL_B,
      orderJobcenter: JC_A,
    });

    // --- Statistics: the order and hit rate are A's; the placement is B's (the candidate's home jobcenter).
    const statsA = json<Obj>(await call(t.tokens.a, 'GET', '/v1/stats'));
    expect(statsA).toMatchObject({
      orders: 1,
      ordersWithShortlist: 1,
      sentToCompany: 2,
      chosen: 1,
      hitRate: 0.5,
      placements: 0,
    });
    expect(statsA.medianSecondsOrderToShortlist).toEqual(expect.any(Number));
    expect(statsA.medianSecondsOrderToChoice).toEqual(expect.any(Number));
    const statsB = json<Obj>(await call(tokenB, 'GET', '/v1/stats'));
    expect(statsB).toMatchObject({
      orders: 0,
      placements: 1,
      outcomes: expect.objectContaining({ completed: 1 }),
    });
    expect((await call(t.tokens.a, 'GET', `/v1/stats?jobcenter=${JC_POOL_B}`)).statusCode).toBe(403);
    const poolStats = await call(tokenB, 'GET', `/v1/pools/${pool.id}/stats`);
    expect(poolStats.statusCode).toBe(200);
    const members = json<{ members: Array<Obj>; totals: Obj }>(poolStats);
    expect(members.members).toEqual(
      expect.arrayContaining([
        { jobcenter: JC_POOL_B, candidatesShared: 1, shortlisted: 1, placed: 1 },
        expect.objectContaining({ jobcenter: JC_A, placed: 0 }),
      ]),
    );
    expect(members.totals).toMatchObject({ orders: 1, placements: 1, chosen: 1 });
    expect((await call(tokenC(), 'GET', `/v1/pools/${pool.id}/stats`)).statusCode).toBe(404);

    // --- Re-running the shortlist keeps everyone's state and marks the newcomer.
    ids.a3 = await addCandidate(t.tokens.a, candidateBody(JC_A, { name: 'Erik Eriksen', cpr: undefined }));
    const again = await shortlist(t.tokens.a, orderId, { size: 5 });
    const wf2 = json<{ entries: Entry[] }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow`),
    );
    const byId = new Map(wf2.entries.map((e) => [e.candidateId, e]));
    expect(byId.get(ids.b1!)).toMatchObject({ state: 'chosen', new: false });
    expect(byId.get(ids.a2!)).toMatchObject({ state: 'declined', new: false });
    expect(byId.get(ids.a3!)).toMatchObject({ state: 'suggested', new: true });
    expect((again.entries as Array<{ candidateId: string }>).map((e) => e.candidateId)).toContain(ids.a3);

    // --- Revoking the link locks the company out at once.
    expect((await call(t.tokens.a, 'DELETE', `/v1/bundles/${bundleId}/access`)).statusCode).toBe(204);
    expect((await call(company, 'GET', sent.company.url)).statusCode).toBe(401);

    // --- Erasure keeps the statistics but drops the person from the workflow.
    expect((await call(t.tokens.a, 'DELETE', `/v1/candidates/${ids.a1}`)).statusCode).toBe(204);
    const after = json<{ entries: Entry[] }>(
      await call(t.tokens.a, 'GET', `/v1/job-orders/${orderId}/workflow`),
    );
    expect(after.entries.map((e) => e.candidateId)).not.toContain(ids.a1);
    expect(after.entries.filter((e) => e.candidateId.startsWith('erased:'))).toHaveLength(1);
    expect(json(await call(t.tokens.a, 'GET', '/v1/stats'))).toMatchObject({ sentToCompany: 2, chosen: 1 });
  });
});
