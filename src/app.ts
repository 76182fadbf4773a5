import Fastify, { type FastifyInstance } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authenticate, authPlugin } from './api/auth.ts';
import { contextPlugin } from './api/plugins/context.ts';
import { errorsPlugin, frameworkErrors } from './api/plugins/errors.ts';
import { helmetPlugin } from './api/plugins/helmet.ts';
import { genReqId, loggerOptions, requestIdPlugin } from './api/plugins/logging.ts';
import { queueDashboardPlugin } from './api/plugins/queue-dashboard.ts';
import { rateLimitPlugin } from './api/plugins/rate-limit.ts';
import { swaggerPlugin } from './api/plugins/swagger.ts';
import { webAppPlugin } from './api/plugins/web-app.ts';
import { adminRoutes } from './api/routes/admin.ts';
import { bundleRoutes } from './api/routes/bundles.ts';
import { candidateExportRoutes } from './api/routes/candidate-export.ts';
import { candidateRoutes } from './api/routes/candidates.ts';
import { companyRoutes } from './api/routes/company.ts';
import { explainTextRoutes } from './api/routes/explain-text.ts';
import { healthRoutes } from './api/routes/health.ts';
import { importRunRoutes } from './api/routes/import-runs.ts';
import { jobOrderRoutes } from './api/routes/job-orders.ts';
import { overviewRoutes } from './api/routes/overview.ts';
import { poolRoutes } from './api/routes/pools.ts';
import { postnummerRoutes } from './api/routes/postnumre.ts';
import { sessionRoutes } from './api/routes/session.ts';
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
  candidateExportRoutes,
  importRunRoutes,
  jobOrderRoutes,
  shortlistRoutes,
  adminRoutes,
  workflowRoutes,
  bundleRoutes,
  companyRoutes,
  poolRoutes,
  statsRoutes,
  explainTextRoutes,
  postnummerRoutes,
  overviewRoutes,
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
 * cross-cutting plugins (one file each in api/plugins/), then /health, then /v1 behind auth.
 */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(ctx.config, opts.logger ?? true),
    genReqId,
    // genReqId reads x-request-id itself, so a hostile value is replaced instead of echoed.
    requestIdHeader: false,
    trustProxy: trustProxyOption(ctx.config.TRUST_PROXY),
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only (and NDJSON on the bulk routes): a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(contextPlugin, { ctx });
  await app.register(errorsPlugin);
  await app.register(authPlugin);
  await app.register(requestIdPlugin);
  await app.register(helmetPlugin);
  await app.register(rateLimitPlugin);
  await app.register(swaggerPlugin);

  await app.register(healthRoutes, { prefix: '/health' });
  // Outside the token check: this is how a browser gets a session in the first place.
  await app.register(sessionRoutes, { prefix: '/v1' });
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', authenticate);
      for (const routes of V1_ROUTES) await v1.register(routes);
    },
    { prefix: '/v1' },
  );
  await app.register(queueDashboardPlugin);
  await app.register(webAppPlugin);

  await app.ready();
  return app;
}
