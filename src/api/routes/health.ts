import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, problemResponse, problemSchema } from '../problem.ts';
import { readiness } from '../services/health.ts';

const tags = ['health'];
const checks = z.record(z.string(), z.string());

/** No auth and no rate limit: load balancers and orchestrators call these. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/live', {
    config: { rateLimit: false },
    schema: {
      tags,
      security: [],
      summary: 'The process is up',
      response: { 200: z.object({ status: z.literal('ok') }), 500: errorResponses[500] },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/ready', {
    config: { rateLimit: false },
    schema: {
      tags,
      security: [],
      summary: 'Store, index and queue answer (503 names the one that does not)',
      response: {
        200: z.object({ status: z.literal('ok'), checks }),
        500: errorResponses[500],
        503: problemResponse(
          'Not ready: `checks` names the port that does not answer',
          problemSchema.extend({ checks }),
        ),
      },
    },
    handler: async () => ({ status: 'ok' as const, checks: await readiness(app.ctx) }),
  });
};
