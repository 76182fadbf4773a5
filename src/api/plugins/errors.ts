import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldError } from '../../domain/errors.ts';
import { PROBLEM_CONTENT_TYPE, type Problem, ProblemError, problemType } from '../problem.ts';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

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
) {
  const where = (error as { validationContext?: string }).validationContext ?? 'body';
  const errors: FieldError[] = error.validation.map((v) => ({
    field: fieldFromPointer(v.instancePath),
    message: v.message ?? 'is invalid',
  }));
  return {
    type: problemType('validation'),
    title: 'Invalid request',
    status: 400,
    detail: `the request ${where === 'querystring' ? 'query' : where} has ${errors.length === 1 ? 'an invalid field' : 'invalid fields'}: ${errors.map((e) => e.field).join(', ')}`,
    errors,
  } satisfies Problem;
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
  return { type: problemType(slugFor(status)), title: TITLES[status] ?? 'Error', status, detail };
}

function slugFor(status: number): string {
  return (
    {
      400: 'bad-request',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not-found',
      409: 'conflict',
      413: 'payload-too-large',
      415: 'unsupported-media-type',
      429: 'rate-limited',
    }[status] ?? `http-${status}`
  );
}

export function sendProblem(reply: FastifyReply, problem: Problem & Record<string, unknown>) {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer((p: unknown) => JSON.stringify(p))
    .send({ ...problem, requestId: reply.request.id });
}

export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof ProblemError) {
        // Expected outcomes of a request (a foreign id, a wrong role): no stack, nothing of the input.
        request.log.info({ status: error.status, problem: error.slug }, 'request refused');
        return sendProblem(reply, error.toProblem());
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const problem = validationProblem(error);
        request.log.info({ status: 400, fields: problem.errors.map((e) => e.field) }, 'invalid request');
        return sendProblem(reply, problem);
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 400 && status < 500) {
        request.log.info({ status, code: error.code }, 'request refused');
        return sendProblem(reply, clientProblem(error, status, request));
      }
      // A bug or an unavailable dependency: log it whole for the operator, show the caller only the request id.
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, {
        type: problemType('internal'),
        title: TITLES[500]!,
        status: 500,
        detail: 'something went wrong on our side; quote the request id when reporting it',
      });
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        type: problemType('not-found'),
        title: 'Not Found',
        status: 404,
        detail: `no route ${request.method} ${request.url.split('?')[0]}`,
      }),
    );
  },
  { name: 'vikarmatch-errors' },
);
