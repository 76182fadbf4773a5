import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { FieldError } from '../domain/errors.ts';
import { InvalidOutcomeError, InvalidTransitionError } from '../domain/workflow.ts';
import { CandidacyNotFoundError } from '../ports/candidacies.ts';
import { InvalidCursorError } from '../ports/page.ts';
import { UnknownRuleSetError } from '../rulesets/load.ts';

/**
 * RFC 9457 problem details: the one error envelope of the API. Services throw a ProblemError; the error handler
 * (plugins/errors.ts) renders it, and renders every other error (validation, body parsing, rate limit, unknown
 * route, a bug) in the same shape.
 */
export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: '`urn:vikarmatch:problem:<code>`, one per code of the error table' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The error table: every problem the API answers, by code. The code is the `type` slug; status and title belong
 * to the code, so the same kind of failure always looks the same to a client. The first code of a status is what a
 * framework error with that status (a bad JSON body, an oversized upload) is answered as.
 */
export const PROBLEMS = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  csrf: { status: 403, title: 'CSRF token missing or wrong' },
  'not-found': { status: 404, title: 'Not Found' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed' },
  'not-acceptable': { status: 406, title: 'Not Acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  'invalid-transition': { status: 409, title: 'Invalid workflow transition' },
  'invalid-outcome': { status: 409, title: 'Invalid placement outcome' },
  'consent-withdrawn': { status: 409, title: 'Candidate not shared with your jobcenter' },
  'payload-too-large': { status: 413, title: 'Payload Too Large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type' },
  unprocessable: { status: 422, title: 'Unprocessable Content' },
  'rate-limited': { status: 429, title: 'Too Many Requests' },
  internal: { status: 500, title: 'Internal Server Error' },
  'not-ready': { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const problemType = (code: string) => `urn:vikarmatch:problem:${code}`;

/** The code a status is answered as when nothing more specific is known. */
export function codeForStatus(status: number): ProblemCode | undefined {
  return (Object.keys(PROBLEMS) as ProblemCode[]).find((code) => PROBLEMS[code].status === status);
}

export interface ProblemInit {
  code: ProblemCode;
  /** What went wrong for this request, in words a client developer can act on; never personal data. */
  detail?: string | undefined;
  /** One entry per bad field, `field` as a dotted path (`period.to`, `experience[2].from`). */
  errors?: FieldError[] | undefined;
  /** Members beside the envelope's own, e.g. `from`/`to` of an invalid transition or a readiness probe's `checks`. */
  extra?: Record<string, unknown> | undefined;
}

export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(init: ProblemInit) {
    const { status, title } = PROBLEMS[init.code];
    super(init.detail ?? title);
    this.name = 'ProblemError';
    this.code = init.code;
    this.status = status;
    this.title = title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.extra = init.extra;
  }

  toProblem(): Problem & Record<string, unknown> {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

/** A status the table has no code for (a static file's 416, say): its HTTP reason phrase, under `http-<status>`. */
export function problemForStatus(status: number, detail: string): Problem {
  const code = codeForStatus(status);
  if (code) return new ProblemError({ code, detail }).toProblem();
  return { type: problemType(`http-${status}`), title: STATUS_CODES[status] ?? 'Error', status, detail };
}

/**
 * Errors the ports and the domain throw that are the caller's doing, as problems: the error handler answers them
 * wherever they are thrown, so services need not catch them.
 */
export function problemFromDomain(error: unknown): ProblemError | undefined {
  if (error instanceof InvalidCursorError) {
    return new ProblemError({
      code: 'validation',
      detail: 'invalid page cursor',
      errors: [{ field: 'after', message: 'is not a cursor from a previous page (use `next`)' }],
    });
  }
  if (error instanceof InvalidTransitionError) {
    return new ProblemError({
      code: 'invalid-transition',
      detail: error.message,
      extra: { from: error.from, to: error.to },
    });
  }
  if (error instanceof InvalidOutcomeError) {
    return new ProblemError({ code: 'invalid-outcome', detail: error.message });
  }
  if (error instanceof CandidacyNotFoundError) return notFound('workflow entry');
  if (error instanceof UnknownRuleSetError) {
    // Only an order stored before rule sets were checked at write time, or whose rule set file was removed since.
    return new ProblemError({
      code: 'conflict',
      detail: `the job order's ${error.message}: set the order's ruleSet to one of them`,
    });
  }
  return undefined;
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemError({ code: 'validation', detail, errors });

export const unauthorized = (detail: string) => new ProblemError({ code: 'unauthorized', detail });

export const forbidden = (detail: string) => new ProblemError({ code: 'forbidden', detail });

/**
 * Also the answer for another tenant's records: whether they exist is none of the caller's business. The id is not
 * echoed: whatever was typed into the path (a CPR-nummer, say) stays out of the answer.
 */
export const notFound = (what: string, _id?: string) =>
  new ProblemError({ code: 'not-found', detail: `${what} was not found` });

export const conflict = (detail: string) => new ProblemError({ code: 'conflict', detail });

/** An error response in a route schema: documents the problem envelope under its own media type. */
export function problemResponse(description: string): ProblemResponse<typeof problemSchema>;
export function problemResponse<S extends z.ZodType>(description: string, schema: S): ProblemResponse<S>;
export function problemResponse(description: string, schema: z.ZodType = problemSchema) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema } } };
}
interface ProblemResponse<S extends z.ZodType> {
  description: string;
  content: { 'application/problem+json': { schema: S } };
}

/**
 * The error responses every route declares (spread into its `response`): what a route can answer besides its
 * success. A route that differs (the NDJSON upload's limits, readiness's 503) overrides or adds beside them.
 */
export const errorResponses = {
  400: problemResponse('Invalid request: `errors` names each field'),
  401: problemResponse('No valid API token'),
  403: problemResponse('The token may not do this'),
  404: problemResponse('Not found (also when it belongs to another jobcenter)'),
  409: problemResponse('Conflicts with the current state'),
  413: problemResponse('The request body is larger than the route accepts (1 MiB for JSON)'),
  415: problemResponse('Unsupported content type: send application/json'),
  429: problemResponse('Rate limit exceeded; retry later'),
  500: problemResponse('Internal error; quote the request id when reporting it'),
};
