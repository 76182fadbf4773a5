import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CPR } from '../api/helpers.ts';
import {
  type Api,
  bodySchema,
  hostileValue,
  mutate,
  mutation,
  type Operation,
  readApi,
  valid,
} from './openapi.ts';
import { buildWorld, idFor, type World } from './world.ts';

/**
 * Generated requests against every write route the OpenAPI document lists, with every kind of token: whatever a
 * client sends, the answer is never a 5xx, every error is problem+json, and the process stays up. `npm test` runs
 * a small seeded round; `npm run test:reliability` sets FUZZ_RUNS to a large one (FUZZ_SEED picks another seed).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_500);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const CHUNK = 250;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
type Role = 'admin' | 'a' | 'b' | 'companyA' | 'none' | 'bogus';

type Param =
  | { kind: 'real' }
  | { kind: 'foreign' }
  | { kind: 'any-real'; pick: number }
  | { kind: 'literal'; value: string }
  /** Sent as is, not percent-encoded: broken escapes and separators the router must cope with. */
  | { kind: 'raw'; value: string };

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; text: string; contentType: string };

interface Request {
  op: Operation;
  role: Role;
  params: Param[];
  body: Body;
}

const paramArb: fc.Arbitrary<Param> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'real' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'foreign' as const }) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'any-real' as const, pick })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.uuid(),
        fc.string({ maxLength: 40 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        fc.constantFrom(
          TEST_CPR,
          '010190-1234',
          '0101901234',
          '..',
          '.',
          '0',
          '-1',
          '9999',
          'null',
          'undefined',
          '00000000-0000-0000-0000-000000000000',
          'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
          '%00',
          'x'.repeat(5_000),
        ),
      )
      .map((value) => ({ kind: 'literal' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '%C0%AE%C0%AE',
        '%00',
        'a%2Fb',
        'a/b',
        'a;b',
        'a?b=1',
        'a#b',
        '%u0041',
      )
      .map((value) => ({ kind: 'raw' as const, value })),
  },
);

const WRONG_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/problem+json',
  'application/x-ndjson',
  'application/octet-stream',
  '*/*',
  'json',
  ';;;',
];

const MALFORMED = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '}',
    'null',
    '[]',
    '"text"',
    '42',
    'true',
    '\u0000',
    '{"a":1}{"b":2}',
    '{"a":1} trailing',
    "{'single':'quotes'}",
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":1,}',
    '\uFEFF{}',
    '{"__proto__":{"polluted":true}}',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
    '['.repeat(200_000),
    `{"name":"${'x'.repeat(1_200_000)}"}`,
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
);

function bodyArb(api: Api, op: Operation): fc.Arbitrary<Body> {
  const schema = bodySchema(api, op);
  const ndjson = op.body?.type.includes('ndjson');
  // NDJSON lines are what the collection's single POST takes.
  const itemSchema = ndjson
    ? api.operations.find((o) => o.method === 'POST' && o.path === op.path.replace(/\/bulk$/, ''))?.body
        ?.schema
    : schema;
  const value = itemSchema ? valid(api, itemSchema) : fc.jsonValue({ maxDepth: 2 });
  const mutated = fc
    .tuple(value, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([v, ms]) => ms.reduce((acc, m) => mutate(acc, m), v as unknown));
  const either = fc.oneof({ weight: 2, arbitrary: value }, { weight: 3, arbitrary: mutated });
  const contentType = op.body?.type ?? 'application/json';

  if (ndjson) {
    const line = fc.oneof(
      { weight: 6, arbitrary: either.map((v) => JSON.stringify(v) ?? 'undefined') },
      { weight: 1, arbitrary: MALFORMED.filter((s) => s.length < 10_000) },
      { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? '') },
    );
    return fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.array(line, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'))
          .map(([lines, eol]) => ({ kind: 'raw' as const, text: lines.join(eol), contentType })),
      },
      { weight: 1, arbitrary: MALFORMED.map((text) => ({ kind: 'raw' as const, text, contentType })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(either, fc.constantFrom(...WRONG_TYPES, 'application/json'))
          .map(([v, ct]) => ({ kind: 'json' as const, value: v, contentType: ct })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    );
  }
  if (!op.body) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
      {
        weight: 1,
        arbitrary: hostileValue.map((v) => ({
          kind: 'json' as const,
          value: v,
          contentType: 'application/json',
        })),
      },
      {
        weight: 1,
        arbitrary: MALFORMED.map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })),
      },
    );
  }
  return fc.oneof(
    { weight: 7, arbitrary: either.map((v) => ({ kind: 'json' as const, value: v, contentType })) },
    { weight: 2, arbitrary: MALFORMED.map((text) => ({ kind: 'raw' as const, text, contentType })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(either, fc.constantFrom(...WRONG_TYPES))
        .map(([v, ct]) => ({ kind: 'json' as const, value: v, contentType: ct })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

function requestArb(api: Api, ops: Operation[]): fc.Arbitrary<Request> {
  return fc.oneof(
    ...ops.map((op) =>
      fc.record({
        op: fc.constant(op),
        // Mostly tokens that get past authentication, so the routes themselves are reached.
        role: fc.constantFrom<Role>('admin', 'admin', 'a', 'a', 'a', 'b', 'b', 'companyA', 'none', 'bogus'),
        params: fc.array(paramArb, { minLength: op.params.length, maxLength: op.params.length }),
        body: bodyArb(api, op),
      }),
    ),
  );
}

function toInject(world: World, req: Request): InjectOptions {
  const allIds = [
    ...Object.values(world.a),
    ...Object.values(world.b),
    ...Object.values(world.pools),
    world.spareTokenId,
  ];
  let i = 0;
  const url = req.op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = req.params[i++]!;
    const value =
      p.kind === 'real'
        ? idFor(world.a, world, req.op.path, name)
        : p.kind === 'foreign'
          ? idFor(world.b, world, req.op.path, name)
          : p.kind === 'any-real'
            ? allIds[p.pick % allIds.length]
            : p.value;
    return p.kind === 'raw' ? p.value : encodeURIComponent(value ?? 'unknown');
  });
  const token =
    req.role === 'none'
      ? undefined
      : req.role === 'bogus'
        ? 'vm_not-a-token'
        : world.tokens[req.role === 'a' || req.role === 'b' || req.role === 'admin' ? req.role : 'companyA'];
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const body = req.body;
  if (body.kind === 'none') return { method: req.op.method, url, headers };
  if (body.contentType) headers['content-type'] = body.contentType;
  const payload = body.kind === 'raw' ? body.text : (JSON.stringify(body.value) ?? '');
  return { method: req.op.method, url, headers, payload };
}

function describeRequest(opts: InjectOptions): string {
  const payload = typeof opts.payload === 'string' ? opts.payload : '';
  const shown = payload.length > 300 ? `${payload.slice(0, 300)}… (${payload.length} chars)` : payload;
  return `${opts.method} ${String(opts.url).slice(0, 200)} [${(opts.headers as Record<string, string>)['content-type'] ?? '-'}] ${shown}`;
}

describe(`fuzz: ${RUNS} generated requests over every write route`, () => {
  let world: World;
  let api: Api;
  beforeAll(async () => {
    world = await buildWorld();
    api = await readApi(world.t.app);
  }, 120_000);
  afterAll(async () => world?.t.close());

  it(
    'answers no 5xx, puts every error in problem+json, and stays live',
    async () => {
      const ops = api.operations.filter((o) => WRITE_METHODS.has(o.method) && o.path.startsWith('/v1/'));
      expect(ops.length).toBeGreaterThanOrEqual(15);
      for (const op of ops) {
        for (const param of op.params) {
          expect(
            idFor(world.a, world, op.path, param),
            `a real id for {${param}} of ${op.path}`,
          ).toBeDefined();
        }
      }
      const arb = requestArb(api, ops);
      const statuses = new Map<number, number>();
      const serverErrors: string[] = [];
      const badEnvelopes: string[] = [];
      let sent = 0;
      for (let chunk = 0; sent < RUNS; chunk++) {
        const batch = fc.sample(arb, { seed: SEED + chunk, numRuns: Math.min(CHUNK, RUNS - sent) });
        for (const req of batch) {
          const opts = toInject(world, req);
          const res = await world.t.app.inject(opts);
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) {
            serverErrors.push(`${res.statusCode} ${describeRequest(opts)} -> ${res.body.slice(0, 300)}`);
          }
          if (res.statusCode >= 400) {
            let body: { type?: unknown; title?: unknown; status?: unknown } = {};
            try {
              body = res.json();
            } catch {
              // Not JSON: reported below.
            }
            const envelopeOk =
              String(res.headers['content-type']).startsWith('application/problem+json') &&
              typeof body.type === 'string' &&
              typeof body.title === 'string' &&
              body.status === res.statusCode;
            if (!envelopeOk) {
              badEnvelopes.push(
                `${res.statusCode} ${res.headers['content-type']} ${describeRequest(opts)} -> ${res.body.slice(0, 200)}`,
              );
            }
          }
        }
      }
      const live = await world.t.app.inject({ method: 'GET', url: '/health/live' });
      const histogram = [...statuses.entries()]
        .sort(([x], [y]) => x - y)
        .map(([s, n]) => `${s}:${n}`)
        .join(' ');
      console.log(
        `fuzz: ${sent} requests over ${ops.length} write operations (seed ${SEED}), ${serverErrors.length} with status >= 500, ${badEnvelopes.length} errors outside problem+json; statuses ${histogram}`,
      );
      expect(sent).toBe(RUNS);
      expect(serverErrors.slice(0, 10)).toEqual([]);
      expect(badEnvelopes.slice(0, 10)).toEqual([]);
      expect(live.statusCode).toBe(200);
    },
    // About 5 ms a request on a slow shared machine, plus room.
    60_000 + RUNS * 20,
  );
});
