import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import {
  candidateBody,
  createTestApi,
  JC_A,
  JC_B,
  jobOrderBody,
  json,
  type TestApi,
} from '../api/helpers.ts';
import { waitFor } from '../support/wait.ts';

/** A jobcenter in a pool with A but not with B: the pool B must not see. */
export const JC_POOL = '461';

/** The objects one jobcenter owns, each reachable by an id route. */
export interface Owned {
  jobcenter: string;
  candidate: string;
  /** A second candidate, on the shortlist but never sent: for steps the first one has already taken. */
  spare: string;
  jobOrder: string;
  shortlist: string;
  bundle: string;
  /** The virksomhed token the bundle was sent with. */
  company: string;
  importRun: string;
}

/** An app with real objects of jobcenter A (751) and B (101), made through the API as a konsulent would. */
export interface World {
  t: TestApi;
  a: Owned;
  b: Owned;
  /** A pool of A and 461 (not B), and a pool of A and B. */
  pools: { withoutB: string; withB: string };
  /** A token made only to be revoked by the routes under test, never used to call. */
  spareTokenId: string;
  tokens: { admin: string; a: string; b: string; companyA: string; companyB: string };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function ok(t: TestApi, token: string, method: Method, url: string, payload?: unknown) {
  const res = await t.call(token, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return json<Record<string, unknown>>(res);
}

async function own(t: TestApi, token: string, jobcenter: string): Promise<Owned> {
  const candidate = (await ok(t, token, 'POST', '/v1/candidates', candidateBody(jobcenter))).id as string;
  const spare = (
    await ok(
      t,
      token,
      'POST',
      '/v1/candidates',
      candidateBody(jobcenter, { name: 'Ole Olsen', cpr: undefined }),
    )
  ).id as string;
  const bulk = await t.call(token, {
    method: 'POST',
    url: '/v1/candidates/bulk',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: `${JSON.stringify(candidateBody(jobcenter, { name: 'Bente Bulk', cpr: undefined }))}\n`,
  });
  expect(bulk.statusCode, bulk.body).toBe(200);
  const importRun = json<{ runId: string }>(bulk).runId;
  const jobOrder = (await ok(t, token, 'POST', '/v1/job-orders', jobOrderBody(jobcenter))).id as string;
  const shortlist = (
    await ok(t, token, 'POST', `/v1/job-orders/${jobOrder}/shortlists`, { size: 10, scope: 'own' })
  ).id as string;
  const done = await waitFor(
    async () => {
      const s = await ok(t, token, 'GET', `/v1/shortlists/${shortlist}`);
      return s.status === 'done' || s.status === 'failed' ? s : undefined;
    },
    20_000,
    `the shortlist of ${jobcenter}`,
  );
  expect(done.status).toBe('done');
  const listed = (done.entries as Array<{ candidateId: string }>).map((e) => e.candidateId);
  expect(listed).toEqual(expect.arrayContaining([candidate, spare]));
  for (const to of ['contacted', 'interested', 'sent_to_company']) {
    await ok(t, token, 'POST', `/v1/job-orders/${jobOrder}/workflow/${candidate}/transitions`, { to });
  }
  const sent = await ok(t, token, 'POST', `/v1/job-orders/${jobOrder}/bundles`, { expiresInDays: 7 });
  const bundle = (sent.bundle as { id: string }).id;
  const company = (sent.company as { token: string }).token;
  await waitFor(
    async () => (await ok(t, token, 'GET', `/v1/bundles/${bundle}`)).status === 'done',
    20_000,
    `the bundle of ${jobcenter}`,
  );
  return { jobcenter, candidate, spare, jobOrder, shortlist, bundle, company, importRun };
}

export async function buildWorld(): Promise<World> {
  const t = await createTestApi({ workers: true });
  await t.ctx.stores.access.createJobcenter({ id: JC_POOL, name: 'Jobcenter Horsens' });
  const a = await own(t, t.tokens.a, JC_A);
  const b = await own(t, t.tokens.b, JC_B);
  const admin = t.tokens.admin;
  const withoutB = (await ok(t, admin, 'POST', '/v1/pools', { name: 'Østjylland', members: [JC_A, JC_POOL] }))
    .id as string;
  const withB = (await ok(t, admin, 'POST', '/v1/pools', { name: 'Aarhus-København', members: [JC_A, JC_B] }))
    .id as string;
  const spareTokenId = (
    await t.ctx.stores.access.createToken({ role: 'konsulent', jobcenter: JC_A, label: 'to be revoked' })
  ).record.id;
  return {
    t,
    a,
    b,
    pools: { withoutB, withB },
    spareTokenId,
    tokens: { admin, a: t.tokens.a, b: t.tokens.b, companyA: a.company, companyB: b.company },
  };
}

/**
 * The real id of A's that a path parameter names, from the route's path: `{candidateId}` is a candidate, `{id}`
 * is what the segment before it collects. Undefined for a route this table does not know yet: the tests fail on
 * that, so a new id route gets an entry here.
 */
export function idFor(owned: Owned, world: World, path: string, param: string): string | undefined {
  if (param === 'candidateId') return owned.candidate;
  if (param === 'jobcenter') return owned.jobcenter;
  if (param !== 'id') return undefined;
  const segment = path.match(/\/([a-z-]+)\/\{id\}/)?.[1];
  switch (segment) {
    case 'candidates':
      return owned.candidate;
    case 'job-orders':
      return owned.jobOrder;
    case 'shortlists':
      return owned.shortlist;
    case 'bundles':
      return owned.bundle;
    case 'pools':
      return world.pools.withoutB;
    case 'tokens':
      return world.spareTokenId;
    case 'imports':
    case 'import-runs':
    case 'runs':
    case 'bulk':
    case 'uploads':
      return owned.importRun;
    default:
      return undefined;
  }
}
