import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { authenticate, authPlugin, resolvePrincipal } from './api/auth.ts';
import { contextPlugin } from './api/plugins/context.ts';
import { errorsPlugin } from './api/plugins/errors.ts';
import { genReqId, loggerOptions } from './api/plugins/logging.ts';
import { adminRoutes } from './api/routes/admin.ts';
import { bundleRoutes } from './api/routes/bundles.ts';
import { candidateRoutes } from './api/routes/candidates.ts';
import { companyRoutes } from './api/routes/company.ts';
import { healthRoutes } from './api/routes/health.ts';
import { jobOrderRoutes } from './api/routes/job-orders.ts';
import { poolRoutes } from './api/routes/pools.ts';
import { shortlistRoutes } from './api/routes/shortlists.ts';
import { statsRoutes } from './api/routes/stats.ts';
import { workflowRoutes } from './api/routes/workflow.ts';
import type { AppContext } from './context.ts';

/**
 * Route plugins under /v1, in registration order. Every one of them sits behind the token check (a 401 without a
 * valid token) and declares its own roles with requireRole. Add a resource with one line here.
 */
const V1_ROUTES: FastifyPluginAsyncZod[] = [
  candidateRoutes,
  jobOrderRoutes,
  shortlistRoutes,
  adminRoutes,
  // Issue 6: workflow, CV bundles, the company's side, pools and statistics.
  workflowRoutes,
  bundleRoutes,
  companyRoutes,
  poolRoutes,
  statsRoutes,
];

/** Fastify takes a hop count as a function of the hop; booleans and address lists as they are. */
function trustProxyOption(setting: boolean | number | string[]) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export interface BuildAppOptions {
  /** false: no logging; an object: pino options merged over the defaults (tests pass a `stream`). */
  logger?: boolean | object;
}

/**
 * Builds the HTTP API on a context, without listening (server.ts listens; tests use app.inject). Layers, in order:
 * cross-cutting plugins (errors, security headers, docs, rate limit), then /health, then /v1 behind auth.
 */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(ctx.config, opts.logger ?? true),
    genReqId,
    // genReqId reads x-request-id itself, so a hostile value is replaced instead of echoed.
    requestIdHeader: false,
    trustProxy: trustProxyOption(ctx.config.TRUST_PROXY),
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only (and NDJSON on the bulk routes): a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(contextPlugin, { ctx });
  await app.register(errorsPlugin);
  await app.register(authPlugin);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    // The Swagger UI loads its own script and styles from /docs/static; everything else is JSON.
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'] },
    },
  });

  // With Redis, every API process counts against the same budget; a Redis outage lets requests through rather than
  // taking the API down with it.
  const rateLimitRedis = ctx.config.REDIS_URL
    ? new Redis(ctx.config.REDIS_URL, { connectTimeout: 1000, maxRetriesPerRequest: 1 })
    : undefined;
  if (rateLimitRedis) {
    app.addHook('onClose', async () => {
      await rateLimitRedis.quit();
    });
  }
  await app.register(rateLimit, {
    ...(rateLimitRedis
      ? { redis: rateLimitRedis, nameSpace: `${ctx.config.REDIS_PREFIX}:ratelimit:`, skipOnError: true }
      : {}),
    max: ctx.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    // Not per route: the plugin's route-level hooks run after the /v1 authentication hook, so requests with a bad
    // token (token guessing) were answered 401 without ever being counted. The app-level hook below counts first.
    global: false,
    // Per token when the request carries a valid one (a busy integration behind one NAT is not throttled by
    // its neighbours); per address otherwise, which also limits token guessing.
    keyGenerator: async (request) => {
      const principal = await resolvePrincipal(request);
      return principal ? `token:${principal.tokenId}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`rate limit of ${context.max} requests per ${context.after} exceeded; retry later`),
        {
          statusCode: context.statusCode,
        },
      ),
  });

  const limitRate = app.rateLimit();
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.rateLimit === false) return;
    await limitRate.call(app, request, reply);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vikarmatch API',
        description:
          'Finds and ranks vikarer among ledige for a job order. Authenticate with `Authorization: Bearer <token>`.',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, { prefix: '/health' });
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', authenticate);
      for (const routes of V1_ROUTES) await v1.register(routes);
    },
    { prefix: '/v1' },
  );

  await app.ready();
  return app;
}
