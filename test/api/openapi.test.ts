import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponses, PROBLEM_CONTENT_TYPE } from '../../src/api/problem.ts';
import { createTestApi, json, type TestApi } from './helpers.ts';

/**
 * The OpenAPI document is what the web app's typed client is generated from: every operation must say what it
 * answers. Walked from /docs/json, so a route added later is checked without anyone listing it here.
 */

type JsonSchema = Record<string, unknown>;
interface MediaType {
  schema?: JsonSchema;
}
interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const TYPED = ['type', '$ref', 'properties', 'anyOf', 'oneOf', 'allOf', 'enum', 'const'];

/**
 * Where a schema (or a schema inside it) says nothing about its shape: `{}`, or a schema with none of the
 * keywords that give one. Returns the JSON pointer-ish paths of the untyped places.
 */
function untypedPlaces(
  doc: Document,
  schema: JsonSchema | undefined,
  at: string,
  seen = new Set<string>(),
): string[] {
  if (!schema || typeof schema !== 'object') return [at];
  if (!TYPED.some((k) => k in schema)) return [at];
  const out: string[] = [];
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return out;
    seen.add(ref);
    const name = ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) return [`${at} ($ref ${ref} does not resolve)`];
    return untypedPlaces(doc, target, `${at} -> ${name}`, seen);
  }
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [key, sub] of Object.entries(props ?? {}))
    out.push(...untypedPlaces(doc, sub, `${at}.${key}`, seen));
  if (schema.items && typeof schema.items === 'object') {
    out.push(...untypedPlaces(doc, schema.items as JsonSchema, `${at}[]`, seen));
  }
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[k] as JsonSchema[] | undefined;
    list?.forEach((sub, i) => {
      out.push(...untypedPlaces(doc, sub, `${at}.${k}[${i}]`, seen));
    });
  }
  return out;
}

describe('the OpenAPI document', () => {
  let t: TestApi;
  let doc: Document;
  const operations: Array<{ name: string; op: Operation }> = [];

  beforeAll(async () => {
    t = await createTestApi();
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    doc = json<Document>(res);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (METHODS.includes(method)) operations.push({ name: `${method.toUpperCase()} ${path}`, op });
      }
    }
  });
  afterAll(async () => t?.close());

  it('lists the operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
  });

  it('types the success body of every operation', () => {
    const problems: string[] = [];
    for (const { name, op } of operations) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) problems.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        const media = Object.entries(response.content ?? {});
        if (status === '204') {
          // No body: nothing to type, but nothing may be promised either.
          for (const [type, { schema }] of media) {
            if (schema?.type !== 'null') problems.push(`${name} 204: a body under ${type}`);
          }
          continue;
        }
        if (media.length === 0) problems.push(`${name} ${status}: no content`);
        for (const [type, { schema }] of media) {
          for (const place of untypedPlaces(doc, schema, 'body')) {
            problems.push(`${name} ${status} ${type}: untyped at ${place}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers every error as application/problem+json in the problem envelope', () => {
    const problems: string[] = [];
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^[45]\d\d$/.test(status)) continue;
        const types = Object.keys(response.content ?? {});
        if (types.length !== 1 || types[0] !== PROBLEM_CONTENT_TYPE) {
          problems.push(`${name} ${status}: ${types.join(', ') || 'no content'}`);
          continue;
        }
        let schema = response.content![PROBLEM_CONTENT_TYPE]!.schema ?? {};
        if (typeof schema.$ref === 'string') {
          schema = doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {};
        }
        const props = Object.keys((schema.properties as object | undefined) ?? {});
        for (const member of ['type', 'title', 'status', 'detail', 'errors']) {
          if (!props.includes(member)) problems.push(`${name} ${status}: the envelope lacks ${member}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('declares the shared error responses on every /v1 operation', () => {
    const shared = Object.keys(errorResponses);
    const missing = operations
      .filter(({ name }) => name.includes(' /v1/'))
      .flatMap(({ name, op }) =>
        shared.filter((status) => !(status in (op.responses ?? {}))).map((status) => `${name} ${status}`),
      );
    expect(missing).toEqual([]);
  });

  it('documents the bundle PDFs as application/pdf', () => {
    for (const path of ['/v1/bundles/{id}/pdf', '/v1/company/bundles/{id}/pdf']) {
      const ok = doc.paths[path]?.get?.responses?.['200'];
      expect(Object.keys(ok?.content ?? {}), path).toEqual(['application/pdf']);
      expect(ok?.content?.['application/pdf']?.schema).toMatchObject({ type: 'string', format: 'binary' });
    }
  });
});
