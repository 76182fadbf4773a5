import { z } from 'zod';
import type { FieldError } from '../domain/errors.ts';

/**
 * RFC 9457 problem details: the one error envelope of the API. Services throw a ProblemError; the error handler
 * (src/api/errors.ts) renders it, and renders every other error (validation, body parsing, rate limit, unknown
 * route, a bug) in the same shape.
 */
export const problemSchema = z
  .object({
    type: z.string(),
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

/** An error response in a route schema: documents the problem envelope under its own media type. */
export const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

export const problemType = (slug: string) => `urn:vikarmatch:problem:${slug}`;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra members (e.g. `checks` of a readiness probe). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }

  toProblem(): Problem & Record<string, unknown> {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemError(400, 'validation', 'Invalid request', detail, errors);

export const unauthorized = (detail: string) => new ProblemError(401, 'unauthorized', 'Unauthorized', detail);

export const forbidden = (detail: string) => new ProblemError(403, 'forbidden', 'Forbidden', detail);

/** Also the answer for another tenant's records: whether they exist is none of the caller's business. */
export const notFound = (what: string, id?: string) =>
  new ProblemError(
    404,
    'not-found',
    'Not Found',
    id ? `${what} ${id} was not found` : `${what} was not found`,
  );

export const conflict = (detail: string) => new ProblemError(409, 'conflict', 'Conflict', detail);
