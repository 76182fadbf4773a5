import { extractText } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.ts';
import { candidateBody, createTestApi, JC_A, JC_B, jobOrderBody, json, type TestApi } from './helpers.ts';

/**
 * Sharing across jobcentre follows consent and pools, at the moment of each read: the story of a candidate of
 * Aarhus (751) whose consent is withdrawn while København (101, in a pool with Aarhus) and Odense (461, in no pool)
 * have her on their lists.
 */

type Obj = Record<string, unknown>;
const JC_ODENSE = '461';
/** Every order is placed in Aarhus, where the candidates live, so distance never decides who is on a list. */
const orderIn = (jobcenter: string, overrides: Obj = {}) =>
  jobOrderBody(jobcenter, { postalCode: '8200', ...overrides });

let t: TestApi;

const call = (token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.call(token, { method, url, ...(payload === undefined ? {} : { payload: payload as Obj }) });

async function created(token: string, url: string, body: Obj): Promise<string> {
  const res = await call(token, 'POST', url, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return json<{ id: string }>(res).id;
}

async function shortlist(token: string, orderId: string, body: Obj) {
  const res = await call(token, 'POST', `/v1/job-orders/${orderId}/shortlists`, body);
  expect(res.statusCode, res.body).toBe(202);
  const id = json<{ id: string }>(res).id;
  return waitFor(
    async () => {
      const got = json<Obj & { status: string; entries: Array<{ candidateId: string }> }>(
        await call(token, 'GET', `/v1/shortlists/${id}`),
      );
      return got.status === 'done' || got.status === 'failed' ? got : undefined;
    },
    15_000,
    'the shortlist to finish',
  );
}

const step = (token: string, orderId: string, candidateId: string, body: Obj) =>
  call(token, 'POST', `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`, body);

async function walk(token: string, orderId: string, candidateId: string, states: string[]) {
  for (const to of states) {
    const res = await step(token, orderId, candidateId, { to });
    expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
  }
}

async function bundleDone(token: string, bundleId: string) {
  await waitFor(
    async () =>
      json<{ status: string }>(await call(token, 'GET', `/v1/bundles/${bundleId}`)).status === 'done',
    15_000,
    'the bundle to render',
  );
}

async function pdfText(res: { rawPayload: Buffer }): Promise<string> {
  return (await extractText(new Uint8Array(res.rawPayload), { mergePages: true })).text;
}

async function konsulent(jobcenter: string, extra: Obj = {}): Promise<string> {
  const res = await call(t.tokens.admin, 'POST', '/v1/tokens', {
    role: 'konsulent',
    jobcenter,
    label: `konsulent ${jobcenter}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ token: string }>(res).token;
}

beforeEach(async () => {
  t = await createTestApi({ workers: true });
  await t.ctx.stores.access.createJobcenter({ id: JC_ODENSE, name: 'Jobcenter Odense' });
});
afterEach(async () => t?.close());

describe('withdrawn consent reaches every other jobcenter at once', () => {
  it("after Aarhus withdraws a candidate's consent, København and Odense can no longer read, move, bundle or send her", async () => {
    const aarhus = t.tokens.a;
    const kbh = t.tokens.b;
    await created(t.tokens.admin, '/v1/pools', {
      name: 'Aarhus-København',
      members: [JC_A, JC_B],
    });
    const odense = await konsulent(JC_ODENSE, { nationalScope: true });

    const metteBody = candidateBody(JC_A, {
      name: 'Mette Vestergaard',
      competences: ['truckcertifikat B', 'lagerstyring', 'kølelager'],
      consent: { searchable: true, shareWithPool: true, contactByCompany: true },
    });
    const mette = await created(aarhus, '/v1/candidates', metteBody);
    const ole = await created(
      kbh,
      '/v1/candidates',
      candidateBody(JC_B, { name: 'Ole Olsen', postalCode: '8210' }),
    );

    // København has her through the pool; Odense through its national grant.
    const kbhOrder = await created(kbh, '/v1/job-orders', orderIn(JC_B));
    const odenseOrder = await created(odense, '/v1/job-orders', orderIn(JC_ODENSE));
    const kbhList = await shortlist(kbh, kbhOrder, { scope: 'pool', size: 10 });
    expect(kbhList.entries.map((e) => e.candidateId)).toEqual(expect.arrayContaining([mette, ole]));
    const odenseList = await shortlist(odense, odenseOrder, { scope: 'all', size: 10 });
    expect(odenseList.entries.map((e) => e.candidateId)).toContain(mette);

    // Before the withdrawal: København reads her CV, sends her and Ole, and the company gets both CVs.
    const before = await call(kbh, 'GET', `/v1/job-orders/${kbhOrder}/workflow/${mette}`);
    expect(json<{ candidate: Obj }>(before).candidate).toMatchObject({ name: 'Mette Vestergaard' });
    await walk(kbh, kbhOrder, mette, ['contacted', 'interested', 'sent_to_company']);
    await walk(kbh, kbhOrder, ole, ['contacted', 'interested', 'sent_to_company']);
    const sentRes = await call(kbh, 'POST', `/v1/job-orders/${kbhOrder}/bundles`, {});
    expect(sentRes.statusCode, sentRes.body).toBe(202);
    const sent = json<{ bundle: { id: string }; company: { token: string; url: string } }>(sentRes);
    await bundleDone(kbh, sent.bundle.id);
    const company = sent.company.token;
    expect(await pdfText(await call(company, 'GET', `${sent.company.url}/pdf`))).toContain(
      'Mette Vestergaard',
    );
    await walk(odense, odenseOrder, mette, ['contacted', 'interested']);

    // Aarhus withdraws her consent.
    const withdraw = await call(aarhus, 'POST', '/v1/candidates', {
      ...metteBody,
      consent: { searchable: false, shareWithPool: false },
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);

    for (const [token, orderId] of [
      [kbh, kbhOrder],
      [odense, odenseOrder],
    ] as const) {
      // No read of the CV: the entry stays (for the statistics) but says withdrawn and holds nothing of her.
      const entry = await call(token, 'GET', `/v1/job-orders/${orderId}/workflow/${mette}`);
      expect(entry.statusCode, entry.body).toBe(200);
      expect(json(entry)).toMatchObject({ candidateId: mette, withdrawn: true, candidate: null });
      for (const personal of ['Vestergaard', 'kølelager', 'Lagermedarbejder', 'mette.hansen@example.dk']) {
        expect(entry.body).not.toContain(personal);
      }
      const list = json<{ entries: Array<Obj> }>(
        await call(token, 'GET', `/v1/job-orders/${orderId}/workflow`),
      );
      expect(list.entries.find((e) => e.candidateId === mette)).toMatchObject({
        withdrawn: true,
        explanation: null,
        score: null,
      });

      // The stored bruttoliste leaves her out (entries and near misses); the others keep their ranks.
      const lists = json<{ items: Array<{ id: string }> }>(
        await call(token, 'GET', `/v1/job-orders/${orderId}/shortlists`),
      );
      for (const { id } of lists.items) {
        const stored = await call(token, 'GET', `/v1/shortlists/${id}`);
        expect(stored.statusCode).toBe(200);
        expect(stored.body).not.toContain(mette);
      }

      // No workflow step.
      const moved = await step(token, orderId, mette, { to: 'sent_to_company' });
      expect(moved.statusCode).toBe(409);
      expect(moved.headers['content-type']).toContain('application/problem+json');
      expect(json(moved)).toMatchObject({
        type: 'urn:vikarmatch:problem:consent-withdrawn',
        candidateId: mette,
      });
      expect(json<{ detail: string }>(moved).detail).toMatch(/consent .*withdrawn/);
    }
    expect(
      json<{ state: string }>(await call(odense, 'GET', `/v1/job-orders/${odenseOrder}/workflow/${mette}`))
        .state,
    ).toBe('interested');

    // No bundle including her: refused by name; without her the others can still be sent.
    const again = await call(kbh, 'POST', `/v1/job-orders/${kbhOrder}/bundles`, {});
    expect(again.statusCode).toBe(409);
    expect(json<{ errors: Array<{ field: string; message: string }> }>(again).errors).toEqual([
      { field: 'candidateIds', message: expect.stringContaining(mette) },
    ]);
    const withoutHer = await call(kbh, 'POST', `/v1/job-orders/${kbhOrder}/bundles`, { candidateIds: [ole] });
    expect(withoutHer.statusCode, withoutHer.body).toBe(202);
    expect(json<{ bundle: { candidateIds: string[] } }>(withoutHer).bundle.candidateIds).toEqual([ole]);

    // The bundle already sent: the company no longer sees her, in the view or the PDF, and cannot choose her.
    const view = await call(company, 'GET', sent.company.url);
    expect(view.statusCode).toBe(200);
    expect(json<{ candidates: Array<{ name: string }> }>(view).candidates.map((c) => c.name)).toEqual([
      'Ole Olsen',
    ]);
    expect(view.body).not.toContain(mette);
    const pdf = await call(company, 'GET', `${sent.company.url}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf);
    expect(text).toContain('Ole Olsen');
    expect(text).not.toContain('Mette');
    expect(text).not.toContain('kølelager');
    const konsulentPdf = await pdfText(await call(kbh, 'GET', `/v1/bundles/${sent.bundle.id}/pdf`));
    expect(konsulentPdf).toContain('Ole Olsen');
    expect(konsulentPdf).not.toContain('Mette');
    const choose = await call(company, 'POST', `${sent.company.url}/choices`, {
      candidateId: mette,
      decision: 'chosen',
    });
    expect(choose.statusCode).toBe(404);

    // The home jobcenter keeps its own access.
    const home = await call(aarhus, 'GET', `/v1/candidates/${mette}`);
    expect(home.statusCode).toBe(200);
    expect(json(home)).toMatchObject({ name: 'Mette Vestergaard' });

    // Every cut is in her audit trail, which her home jobcenter reads.
    const audit = json<{
      items: Array<{ action: string; detail: string | null; actor: { jobcenter: string | null } }>;
    }>(await call(aarhus, 'GET', `/v1/audit?candidateId=${mette}`)).items;
    const cuts = audit.filter((a) => a.action.startsWith('consent.withdrawn.'));
    expect(cuts.map((c) => `${c.action} ${c.detail}`)).toEqual(
      expect.arrayContaining([
        'consent.withdrawn.hidden consent_withdrawn: workflow entry',
        'consent.withdrawn.hidden consent_withdrawn: workflow list',
        'consent.withdrawn.refused consent_withdrawn: workflow step',
        'consent.withdrawn.refused consent_withdrawn: new bundle',
        'consent.withdrawn.hidden consent_withdrawn: company view',
        'consent.withdrawn.hidden consent_withdrawn: bundle pdf',
        'consent.withdrawn.refused consent_withdrawn: company choice',
      ]),
    );
    expect(new Set(cuts.map((c) => c.actor.jobcenter))).toEqual(new Set([JC_B, JC_ODENSE]));
    // Nothing after the withdrawal (the oldest cut) counts as a read of her CV by another jobcenter or the company.
    let firstCut = -1;
    audit.forEach((a, i) => {
      if (a.action.startsWith('consent.withdrawn.')) firstCut = i;
    });
    const readsAfter = audit
      .slice(0, firstCut)
      .filter((a) =>
        [
          'candidate.cross_read',
          'bundle.download',
          'company.bundle.download',
          'company.bundle.view',
        ].includes(a.action),
      );
    expect(readsAfter).toEqual([]);
    expect(audit.slice(firstCut).map((a) => a.action)).toEqual(
      expect.arrayContaining(['candidate.cross_read', 'company.bundle.download']),
    );

    // Consent given again: the pool partner sees her again.
    await call(aarhus, 'POST', '/v1/candidates', metteBody);
    const back = await call(kbh, 'GET', `/v1/job-orders/${kbhOrder}/workflow/${mette}`);
    expect(json(back)).toMatchObject({ withdrawn: false, candidate: { name: 'Mette Vestergaard' } });
  });

  it('searchable: false alone cuts other jobcentre off, while the home jobcenter still works with her', async () => {
    await created(t.tokens.admin, '/v1/pools', { name: 'Aarhus-København', members: [JC_A, JC_B] });
    const body = candidateBody(JC_A, { name: 'Sanne Skov' });
    const sanne = await created(t.tokens.a, '/v1/candidates', body);
    const kbhOrder = await created(t.tokens.b, '/v1/job-orders', orderIn(JC_B));
    const aarhusOrder = await created(t.tokens.a, '/v1/job-orders', orderIn(JC_A));
    expect(
      (await shortlist(t.tokens.b, kbhOrder, { scope: 'pool' })).entries.map((e) => e.candidateId),
    ).toContain(sanne);
    expect(
      (await shortlist(t.tokens.a, aarhusOrder, { scope: 'own' })).entries.map((e) => e.candidateId),
    ).toContain(sanne);

    await call(t.tokens.a, 'POST', '/v1/candidates', {
      ...body,
      consent: { searchable: false, shareWithPool: true },
    });
    expect(json(await call(t.tokens.b, 'GET', `/v1/job-orders/${kbhOrder}/workflow/${sanne}`))).toMatchObject(
      {
        withdrawn: true,
        candidate: null,
      },
    );
    expect((await step(t.tokens.b, kbhOrder, sanne, { to: 'contacted' })).statusCode).toBe(409);
    // Her own jobcenter: reads and moves her on its own order.
    expect(
      json(await call(t.tokens.a, 'GET', `/v1/job-orders/${aarhusOrder}/workflow/${sanne}`)),
    ).toMatchObject({
      withdrawn: false,
      candidate: { name: 'Sanne Skov' },
    });
    expect((await step(t.tokens.a, aarhusOrder, sanne, { to: 'contacted' })).statusCode).toBe(200);
  });

  it('a jobcenter leaving the pool cuts its candidates off from the other members at once, and erasure too', async () => {
    const pool = await created(t.tokens.admin, '/v1/pools', {
      name: 'Aarhus-København',
      members: [JC_A, JC_B],
    });
    const lars = await created(t.tokens.a, '/v1/candidates', candidateBody(JC_A, { name: 'Lars Lund' }));
    const kbhOrder = await created(t.tokens.b, '/v1/job-orders', orderIn(JC_B));
    expect(
      (await shortlist(t.tokens.b, kbhOrder, { scope: 'pool' })).entries.map((e) => e.candidateId),
    ).toContain(lars);
    await walk(t.tokens.b, kbhOrder, lars, ['contacted']);

    const left = await call(t.tokens.admin, 'DELETE', `/v1/pools/${pool}/members/${JC_A}`);
    expect(left.statusCode, left.body).toBe(200);
    const entry = await call(t.tokens.b, 'GET', `/v1/job-orders/${kbhOrder}/workflow/${lars}`);
    expect(json(entry)).toMatchObject({ withdrawn: true, candidate: null, state: 'contacted' });
    expect(entry.body).not.toContain('Lars Lund');
    const refused = await step(t.tokens.b, kbhOrder, lars, { to: 'interested' });
    expect(refused.statusCode).toBe(409);
    expect(json<{ detail: string }>(refused).detail).toContain('shares no pool');

    // Back in the pool, and then erased: the entry stays without the person.
    await call(t.tokens.admin, 'PUT', `/v1/pools/${pool}/members/${JC_A}`);
    expect(json(await call(t.tokens.b, 'GET', `/v1/job-orders/${kbhOrder}/workflow/${lars}`))).toMatchObject({
      withdrawn: false,
    });
    expect((await call(t.tokens.a, 'DELETE', `/v1/candidates/${lars}`)).statusCode).toBe(204);
    const entries = json<{ entries: Array<{ candidateId: string; withdrawn: boolean; state: string }> }>(
      await call(t.tokens.b, 'GET', `/v1/job-orders/${kbhOrder}/workflow`),
    ).entries;
    expect(entries).toEqual([expect.objectContaining({ withdrawn: true, state: 'contacted' })]);
    expect(entries[0]!.candidateId).toMatch(/^erased:/);
    expect((await step(t.tokens.b, kbhOrder, entries[0]!.candidateId, { to: 'interested' })).statusCode).toBe(
      409,
    );
  });
});

describe('sharing across jobcentre only through pools; national reach only by grant', () => {
  it("a konsulent of a jobcenter in no pool gets 403 for scope 'all' and reaches nobody of another jobcenter", async () => {
    for (let i = 0; i < 3; i++) await created(t.tokens.a, '/v1/candidates', candidateBody(JC_A));
    const odense = await konsulent(JC_ODENSE);
    const order = await created(odense, '/v1/job-orders', orderIn(JC_ODENSE));

    const all = await call(odense, 'POST', `/v1/job-orders/${order}/shortlists`, { scope: 'all' });
    expect(all.statusCode).toBe(403);
    expect(all.headers['content-type']).toContain('application/problem+json');
    expect(json<{ detail: string }>(all).detail).toContain('national scope');
    expect(
      (await call(t.tokens.b, 'POST', `/v1/job-orders/${order}/shortlists`, { scope: 'all' })).statusCode,
    ).toBe(404);
    for (const scope of ['pool', 'auto'] as const) {
      const list = await shortlist(odense, order, { scope, size: 10 });
      expect(list.status).toBe('done');
      expect(list.entries).toEqual([]);
    }
  });

  it('national scope is granted by admin to a konsulent token only; what it finds stays closed to tokens without it', async () => {
    const aarhusIds = [];
    for (let i = 0; i < 2; i++)
      aarhusIds.push(await created(t.tokens.a, '/v1/candidates', candidateBody(JC_A)));
    const plain = await konsulent(JC_ODENSE);
    const national = await konsulent(JC_ODENSE, { nationalScope: true });
    const tokens = json<{ items: Array<{ label: string; nationalScope: boolean }> }>(
      await call(t.tokens.admin, 'GET', `/v1/tokens?jobcenter=${JC_ODENSE}`),
    ).items;
    expect(tokens.map((x) => x.nationalScope).sort()).toEqual([false, true]);
    const adminNational = await call(t.tokens.admin, 'POST', '/v1/tokens', {
      role: 'admin',
      label: 'x',
      nationalScope: true,
    });
    expect(adminNational.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(adminNational).errors[0]!.field).toBe('nationalScope');

    const order = await created(national, '/v1/job-orders', orderIn(JC_ODENSE));
    const list = await shortlist(national, order, { scope: 'all', size: 10 });
    expect(list.entries.map((e) => e.candidateId).sort()).toEqual(aarhusIds.sort());
    const candidateId = aarhusIds[0]!;
    expect(
      json(await call(national, 'GET', `/v1/job-orders/${order}/workflow/${candidateId}`)),
    ).toMatchObject({
      withdrawn: false,
      candidate: { jobcenter: JC_A },
    });
    // The same jobcenter without the grant: the entry is there, the person is not.
    const closed = await call(plain, 'GET', `/v1/job-orders/${order}/workflow/${candidateId}`);
    expect(json(closed)).toMatchObject({ withdrawn: true, candidate: null });
    expect((await step(plain, order, candidateId, { to: 'contacted' })).statusCode).toBe(409);
    // Admin has national reach by role.
    expect(
      (await call(t.tokens.admin, 'POST', `/v1/job-orders/${order}/shortlists`, { scope: 'all' })).statusCode,
    ).toBe(202);
  });
});

describe('a company token opens one bundle', () => {
  it("revoking one bundle's token closes that bundle even for another token of the same order", async () => {
    const ids = [];
    for (const name of ['Anna Andersen', 'Bo Bertelsen']) {
      ids.push(await created(t.tokens.a, '/v1/candidates', candidateBody(JC_A, { name })));
    }
    const order = await created(t.tokens.a, '/v1/job-orders', orderIn(JC_A));
    await shortlist(t.tokens.a, order, { scope: 'own' });
    const sentIds: Array<{ bundleId: string; token: string; tokenId: string }> = [];
    for (const id of ids) {
      await walk(t.tokens.a, order, id, ['contacted', 'interested', 'sent_to_company']);
      const res = await call(t.tokens.a, 'POST', `/v1/job-orders/${order}/bundles`, { candidateIds: [id] });
      expect(res.statusCode, res.body).toBe(202);
      const out = json<{ bundle: { id: string }; company: { token: string; tokenId: string } }>(res);
      sentIds.push({ bundleId: out.bundle.id, token: out.company.token, tokenId: out.company.tokenId });
      await bundleDone(t.tokens.a, out.bundle.id);
    }
    const [first, second] = sentIds as [(typeof sentIds)[0], (typeof sentIds)[0]];
    expect((await call(first.token, 'GET', `/v1/company/bundles/${first.bundleId}/pdf`)).statusCode).toBe(
      200,
    );
    expect((await call(t.tokens.a, 'DELETE', `/v1/bundles/${first.bundleId}/access`)).statusCode).toBe(204);
    expect((await call(first.token, 'GET', `/v1/company/bundles/${first.bundleId}`)).statusCode).toBe(401);
    // The other bundle's token, for the same order, opens its own bundle and nothing of the first.
    for (const url of [
      `/v1/company/bundles/${first.bundleId}`,
      `/v1/company/bundles/${first.bundleId}/pdf`,
    ]) {
      expect((await call(second.token, 'GET', url)).statusCode, url).toBe(404);
    }
    expect(
      (
        await call(second.token, 'POST', `/v1/company/bundles/${first.bundleId}/choices`, {
          candidateId: ids[0],
          decision: 'chosen',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call(second.token, 'GET', `/v1/company/bundles/${second.bundleId}`)).statusCode).toBe(200);

    // A company token made by admin for the order alone opens no bundle; one made for a bundle opens that one.
    const orderOnly = await call(t.tokens.admin, 'POST', '/v1/tokens', {
      role: 'virksomhed',
      jobOrderId: order,
      label: 'order only',
    });
    expect(orderOnly.statusCode, orderOnly.body).toBe(201);
    expect(
      (await call(json<{ token: string }>(orderOnly).token, 'GET', `/v1/company/bundles/${first.bundleId}`))
        .statusCode,
    ).toBe(404);
    const forBundle = await call(t.tokens.admin, 'POST', '/v1/tokens', {
      role: 'virksomhed',
      bundleId: first.bundleId,
      label: 'for the first bundle',
    });
    expect(forBundle.statusCode, forBundle.body).toBe(201);
    expect(json(forBundle)).toMatchObject({ bundleId: first.bundleId, jobOrderId: order, jobcenter: JC_A });
    expect(
      (await call(json<{ token: string }>(forBundle).token, 'GET', `/v1/company/bundles/${first.bundleId}`))
        .statusCode,
    ).toBe(200);
    // The binding is on the token records, for admin to see: the revoked one and the one admin made.
    const listed = json<{ items: Array<{ id: string; bundleId: string | null; revokedAt: string | null }> }>(
      await call(t.tokens.admin, 'GET', `/v1/tokens?bundleId=${first.bundleId}&includeInactive=true`),
    ).items;
    expect(listed).toHaveLength(2);
    expect(listed.every((x) => x.bundleId === first.bundleId)).toBe(true);
    expect(listed.find((x) => x.id === first.tokenId)?.revokedAt).not.toBeNull();
  });
});
