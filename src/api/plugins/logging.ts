import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions, RawRequestDefaultExpression } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';

/**
 * Personal data that must never reach a log line, at any depth a log object is likely to carry it. Request bodies
 * are not logged at all (Fastify does not, and the error handler logs no input); this is the second line.
 */
const PERSONAL = ['cpr', 'name', 'email', 'phone', 'cvText'];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  ...PERSONAL.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
];

/** Only a short id of safe characters is echoed from a caller's x-request-id; anything else gets a new id. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function genReqId(req: RawRequestDefaultExpression): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

interface LoggedRequest {
  method: string;
  url?: string;
  id?: string;
  routeOptions?: { url?: string | undefined };
}

/**
 * The route pattern (`/v1/candidates/:id`), never the path itself or its query string: an id typed into a path may
 * be a CPR-nummer, and `?q=Mette Hansen` is a search for a person by name. A request that matched no route is
 * logged as such.
 */
function serializeRequest(req: LoggedRequest) {
  const route = req.routeOptions?.url;
  return {
    method: req.method,
    // '/*' is the web app's catch-all (its files and screens), which is no route of the API either.
    url: typeof route === 'string' && route !== '' && route !== '/*' ? route : '(no route)',
    id: req.id,
  };
}

/** Pino options for Fastify: level from config, redaction, and request lines that name the route, not the path. */
export function loggerOptions(config: Config, override: boolean | object | undefined) {
  if (override === false) return false;
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
    ...(typeof override === 'object' ? override : {}),
  } as FastifyServerOptions['logger'];
}

/** Every answer names its request id, so a caller can quote it (the problem envelope carries it too). */
export const requestIdPlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
  },
  { name: 'vikarmatch-request-id' },
);
