import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/** The subset of JSON Schema the OpenAPI document uses (zod's output). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Names of the `{param}`s in the path, in order. */
  params: string[];
  /** Media type and schema of the request body, if the route takes one. */
  body?: { type: string; schema: Schema };
}

interface Document {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Api {
  operations: Operation[];
  resolve(schema: Schema): Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the app's own OpenAPI document, so a route added later is covered without being listed. */
export async function readApi(app: FastifyInstance): Promise<Api> {
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}`);
  const doc = res.json() as Document;
  const components = doc.components?.schemas ?? {};
  const resolve = (schema: Schema): Schema => {
    let s = schema;
    for (let hops = 0; s.$ref && hops < 20; hops++) {
      const name = s.$ref.split('/').at(-1)!;
      s = components[name] ?? {};
    }
    return s;
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]): Operation => {
        const content = op.requestBody?.content ?? {};
        const type = Object.keys(content)[0];
        return {
          method: m.toUpperCase() as Operation['method'],
          path,
          params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!),
          ...(type ? { body: { type, schema: resolve(content[type]!.schema) } } : {}),
        };
      }),
  );
  return { operations, resolve };
}

/**
 * A route whose body schema says only "an object" (PUT and PATCH of a whole record) takes the shape the collection's
 * POST takes: borrow that schema, so generated bodies get past the first check.
 */
export function bodySchema(api: Api, op: Operation): Schema | undefined {
  const schema = op.body?.schema;
  if (!schema) return undefined;
  const vague = schema.type === 'object' && Object.keys(schema.properties ?? {}).length === 0;
  if (!vague) return schema;
  const collection = op.path.replace(/\/\{[^}]+\}$/, '');
  const post = api.operations.find((o) => o.method === 'POST' && o.path === collection);
  return post?.body?.schema ?? schema;
}

const isoDate = fc
  .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Values that satisfy the schema, or nearly: the shapes a well-behaved client sends. */
export function valid(api: Api, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = api.resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((alt) => valid(api, alt, depth + 1)));
  if (s.allOf) return valid(api, Object.assign({}, ...s.allOf.map(api.resolve)), depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const examples = [s.example, s.default].filter((e) => e !== undefined);
  const withExamples = (arb: fc.Arbitrary<unknown>) =>
    examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), arb) : arb;
  switch (type) {
    case 'string': {
      if (s.format === 'date') return isoDate;
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'email') return fc.constantFrom('a@example.dk', 'mette.hansen@example.dk');
      if (s.pattern) {
        try {
          return withExamples(fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= 200));
        } catch {
          // A pattern fast-check cannot generate from: examples and plain strings stand in.
        }
      }
      const minLength = s.minLength ?? 0;
      return withExamples(
        fc.string({ minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? 40, 40)) }),
      );
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 6) return fc.constant([]);
      const minLength = s.minItems ?? 0;
      return fc.array(valid(api, s.items ?? {}, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)),
      });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const props = s.properties ?? {};
      const record = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valid(api, v, depth + 1)]));
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values no schema wants: wrong types, edge numbers, odd and huge strings, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_VALUE,
    Number.MAX_VALUE,
    5e-324,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u202eevil\u202c',
    '\u200b',
    '\uFEFF',
    '\uD800',
    '💥🇩🇰',
    'Øre Æble Å',
    '0101901234',
    '010190-1234',
    '01.01.90 - 1234',
    '../../etc/passwd',
    '%00',
    "'; DROP TABLE candidates; --",
    '<script>alert(1)</script>',
    '9999-12-31',
    '0000-00-00',
    '2026-02-30',
    [],
    {},
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 10, max: 2_000 }).map((n) => {
    let v: unknown = 'leaf';
    for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
    return v;
  }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}`)),
);

/** Mutates one node of a value: replaced by a hostile value, removed, or given a stranger beside it. */
export interface Mutation {
  at: number;
  kind: 'replace' | 'remove' | 'extra';
  value: unknown;
  key: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'remove', 'extra'),
  value: hostileValue,
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'id', 'jobcenter', 'role'),
    fc.string({ maxLength: 10 }),
  ),
});

export function mutate(value: unknown, m: Mutation): unknown {
  // Containers in document order; the mutation picks one (the root too) by index.
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown>);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(value);
  if (containers.length === 0) return m.value;
  const target = containers[m.at % containers.length]!;
  const keys = Object.keys(target);
  if (m.kind === 'extra' || keys.length === 0) {
    if (Array.isArray(target)) target.push(m.value);
    else
      Object.defineProperty(target, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return value;
  }
  const key = keys[m.at % keys.length]!;
  if (m.kind === 'remove') {
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else delete (target as Record<string, unknown>)[key];
  } else {
    (target as Record<string, unknown>)[key] = m.value;
  }
  return value;
}
