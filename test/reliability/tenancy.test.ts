import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JC_B, jobOrderBody } from '../api/helpers.ts';
import { type Operation, readApi } from './openapi.ts';
import { buildWorld, idFor, type World } from './world.ts';

/**
 * Every route with an id in its path, taken from the OpenAPI document: another jobcenter's konsulent (101), and
 * a company holding 101's bundle link, asking for 751's real objects get exactly the answer an unknown id gets
 * (status and body), so a foreign id cannot be told from a missing one.
 */

const UNKNOWN_UUID = '8f14e45f-ceea-467a-a866-051b1f3c6d2b';
/** A real kommunekode (Frederiksberg) that is not registered as a jobcenter here. */
const UNKNOWN_JOBCENTER = '147';

/**
 * Routes where another jobcenter's access is meant to succeed. The matrix below asks them about a pool 101 is not
 * in (and answers must match an unknown pool); this list is checked separately against a pool 101 shares with 751.
 */
const LEGITIMATE_CROSS_ACCESS: Record<string, string> = {
  'GET /v1/pools/{id}': 'every member of a pool sees the pool it belongs to',
  'GET /v1/pools/{id}/stats': "a pool's statistics are shared by its members",
};

/** A body the route would accept from the caller for its own objects, so the refusal is about the id. */
function bodyFor(world: World, op: Operation): unknown {
  const key = `${op.method} ${op.path}`;
  const known: Record<string, unknown> = {
    'PUT /v1/job-orders/{id}': jobOrderBody(JC_B, { title: 'overtaget' }),
    'PATCH /v1/job-orders/{id}': { title: 'overtaget' },
    'POST /v1/job-orders/{id}/shortlists': { size: 5, scope: 'own' },
    'POST /v1/job-orders/{id}/workflow/{candidateId}/transitions': { to: 'contacted' },
    'POST /v1/job-orders/{id}/proposals': { candidateId: world.b.candidate },
    'POST /v1/job-orders/{id}/placements/{candidateId}/outcomes': { outcome: 'started', date: '2027-01-04' },
    'POST /v1/candidates/{id}/releases': { jobcenter: JC_B },
    'POST /v1/job-orders/{id}/bundles': { expiresInDays: 7 },
    'POST /v1/company/bundles/{id}/choices': { candidateId: world.a.candidate, decision: 'interview' },
  };
  if (key in known) return known[key];
  return op.body ? {} : undefined;
}

function url(op: Operation, value: (param: string) => string): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
}

/**
 * The body without what differs per request by design: the request id, and the caller's own path values where a
 * message repeats them (the caller typed them, so repeating them tells nothing about whether the object exists).
 */
function comparable(res: LightMyRequestResponse, pathValues: string[]): string {
  let text = res.body;
  for (const value of pathValues) text = text.split(value).join('<path value>');
  try {
    const { requestId: _requestId, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return text;
  }
}

const pathValues = (path: string) => path.split('/').filter((s) => s.length >= 3 && !/^[a-z-]+$/.test(s));

describe('tenancy over every id route', () => {
  let world: World;
  let ops: Operation[];
  beforeAll(async () => {
    world = await buildWorld();
    ops = (await readApi(world.t.app)).operations.filter((o) => o.params.length > 0);
  }, 120_000);
  afterAll(async () => world?.t.close());

  const send = (token: string, op: Operation, path: string) => {
    const body = bodyFor(world, op);
    const opts: InjectOptions = {
      method: op.method,
      url: path,
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    return world.t.call(token, opts);
  };

  it('answers a foreign id exactly as an unknown one, on every route with a path parameter', async () => {
    expect(ops.length).toBeGreaterThanOrEqual(20);
    const principals = [
      { name: 'konsulent 101', token: world.tokens.b },
      { name: 'virksomhed of a 101 order', token: world.tokens.companyB },
    ];
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let cases = 0;
    for (const principal of principals) {
      for (const op of ops) {
        const foreign = url(op, (param) => {
          const id = idFor(world.a, world, op.path, param);
          if (id === undefined) throw new Error(`no real id for {${param}} of ${op.path}: add it to idFor`);
          return id;
        });
        const unknown = url(op, (param) => (param === 'jobcenter' ? UNKNOWN_JOBCENTER : UNKNOWN_UUID));
        const got = await send(principal.token, op, foreign);
        const missing = await send(principal.token, op, unknown);
        cases++;
        statuses.set(got.statusCode, (statuses.get(got.statusCode) ?? 0) + 1);
        const what = `${principal.name}: ${op.method} ${op.path}`;
        if (got.statusCode < 400)
          failures.push(`${what} answered ${got.statusCode}: ${got.body.slice(0, 200)}`);
        else if (got.statusCode !== missing.statusCode) {
          failures.push(
            `${what} answered ${got.statusCode} for a foreign id, ${missing.statusCode} for an unknown one`,
          );
        } else if (comparable(got, pathValues(foreign)) !== comparable(missing, pathValues(unknown))) {
          failures.push(`${what} bodies differ: ${got.body.slice(0, 200)} vs ${missing.body.slice(0, 200)}`);
        }
        if (got.statusCode >= 400) {
          expect(String(got.headers['content-type']), what).toMatch(/^application\/problem\+json/);
        }
      }
    }
    const histogram = [...statuses.entries()].map(([s, n]) => `${s}:${n}`).join(' ');
    console.log(
      `tenancy: ${cases} cases (${ops.length} id routes x ${principals.length} principals); ${histogram}`,
    );
    expect(failures).toEqual([]);
    // The routes a konsulent may use at all refuse with 404: not a 403 that says "it is there, but not yours".
    const konsulentRoutes = ops.filter((o) => !o.path.startsWith('/v1/company/'));
    for (const op of konsulentRoutes) {
      const res = await send(
        world.tokens.b,
        op,
        url(op, (p) => idFor(world.a, world, op.path, p)!),
      );
      expect([403, 404], `${op.method} ${op.path}`).toContain(res.statusCode);
    }
  });

  it('left everything of 751 as it was, the company link included', async () => {
    const a = world.tokens.a;
    for (const path of [
      `/v1/candidates/${world.a.candidate}`,
      `/v1/job-orders/${world.a.jobOrder}`,
      `/v1/shortlists/${world.a.shortlist}`,
      `/v1/bundles/${world.a.bundle}`,
      `/v1/bundles/${world.a.bundle}/pdf`,
      `/v1/job-orders/${world.a.jobOrder}/workflow/${world.a.candidate}`,
    ]) {
      expect((await world.t.call(a, { method: 'GET', url: path })).statusCode, path).toBe(200);
    }
    const order = (
      await world.t.call(a, { method: 'GET', url: `/v1/job-orders/${world.a.jobOrder}` })
    ).json();
    expect(order.title).toBe('Lagermedarbejder');
    const entry = (
      await world.t.call(a, {
        method: 'GET',
        url: `/v1/job-orders/${world.a.jobOrder}/workflow/${world.a.spare}`,
      })
    ).json();
    expect(entry.entry?.state ?? entry.state).toBe('suggested');
    const company = await world.t.call(world.tokens.companyA, {
      method: 'GET',
      url: `/v1/company/bundles/${world.a.bundle}/pdf`,
    });
    expect(company.statusCode).toBe(200);
  });

  it('lets a pool member read the pool it shares, the one cross-jobcenter access by id', async () => {
    for (const [route, why] of Object.entries(LEGITIMATE_CROSS_ACCESS)) {
      const op = ops.find((o) => `${o.method} ${o.path}` === route);
      expect(op, route).toBeDefined();
      const path = url(op!, () => world.pools.withB);
      const res = await world.t.call(world.tokens.b, { method: op!.method, url: path });
      expect(res.statusCode, `${route}: ${why}`).toBe(200);
    }
  });
});
