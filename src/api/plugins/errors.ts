import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldError } from '../../domain/errors.ts';
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  ProblemError,
  problemForStatus,
  problemFromDomain,
} from '../problem.ts';

/** `/period/to` -> `period.to`, `/experience/2/from` -> `experience[2].from` (the domain's formatPath style). */
export function fieldFromPointer(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').filter(Boolean)) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out || '(root)';
}

function validationProblem(
  error: FastifyError & { validation: Array<{ instancePath: string; message?: string }> },
): ProblemError {
  const where = (error as { validationContext?: string }).validationContext ?? 'body';
  const errors: FieldError[] = error.validation.map((v) => ({
    field: fieldFromPointer(v.instancePath),
    message: v.message ?? 'is invalid',
  }));
  return new ProblemError({
    code: 'validation',
    detail: `the request ${where === 'querystring' ? 'query' : where} has ${errors.length === 1 ? 'an invalid field' : 'invalid fields'}: ${errors.map((e) => e.field).join(', ')}`,
    errors,
  });
}

/**
 * Errors Fastify and its plugins raise with a 4xx status. Their messages are safe to show except a JSON syntax
 * error, whose V8 message quotes the body (which may hold a CPR-nummer).
 */
function clientProblem(error: FastifyError, status: number, request: FastifyRequest): Problem {
  let detail = error.message;
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    detail = 'the request body is not valid JSON';
  } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const type = String(request.headers['content-type'] ?? 'none')
      .split(';')[0]!
      .slice(0, 100);
    detail = `unsupported content type ${type}: send application/json (or application/x-ndjson to /v1/candidates/bulk)`;
  } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    detail = 'the request body is larger than this route accepts';
  }
  return problemForStatus(status, detail);
}

export function sendProblem(reply: FastifyReply, problem: Problem & Record<string, unknown>) {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer((p: unknown) => JSON.stringify(p))
    .send({ ...problem, requestId: reply.request.id });
}

/**
 * Errors the router raises before any route or hook runs (a path segment that is not valid percent-encoding, or
 * longer than the router takes): Fastify answers them in its own JSON, quoting the path, unless given this. The
 * path may hold anything a client typed, so the detail does not repeat it.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(reply, problemForStatus(414, 'a path segment is longer than this API accepts'));
  }
  return sendProblem(reply, problemForStatus(400, 'the request path is not valid percent-encoding'));
}

/** Renders every error as a problem (see problem.ts for the table of codes). */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const expected =
        error instanceof ProblemError
          ? error
          : hasZodFastifySchemaValidationErrors(error)
            ? validationProblem(error)
            : problemFromDomain(error);
      if (expected) {
        // Expected outcomes of a request (a foreign id, a wrong role): no stack, nothing of the input.
        request.log.info(
          {
            status: expected.status,
            problem: expected.code,
            ...(expected.errors ? { fields: expected.errors.map((e) => e.field) } : {}),
          },
          'request refused',
        );
        return sendProblem(reply, expected.toProblem());
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 400 && status < 500) {
        request.log.info({ status, code: error.code }, 'request refused');
        return sendProblem(reply, clientProblem(error, status, request));
      }
      // A bug or an unavailable dependency: log it whole for the operator, show the caller only the request id.
      request.log.error({ err: error }, 'request failed');
      return sendProblem(
        reply,
        new ProblemError({
          code: 'internal',
          detail: 'something went wrong on our side; quote the request id when reporting it',
        }).toProblem(),
      );
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        new ProblemError({
          code: 'not-found',
          // The path is not echoed: it may hold anything a caller typed, a CPR-nummer included.
          detail: `no route matches this ${request.method} request (the routes are listed at /docs)`,
        }).toProblem(),
      ),
    );
  },
  { name: 'vikarmatch-errors' },
);
