import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobcenterId } from '../../domain/common.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { statsView } from '../schemas/pools.ts';
import { jobcenterStats } from '../services/pools.ts';

/** Orders, time from order to shortlist to choice, hit rate, placements (attributed to the home jobcenter), outcomes. */
export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));
  app.get('/stats', {
    schema: {
      tags: ['stats'],
      summary: "A jobcenter's statistics (a konsulent: its own; admin: any, or all together)",
      querystring: z.object({ jobcenter: jobcenterId.optional() }),
      response: { 200: statsView, ...errorResponses },
    },
    handler: async (request) => jobcenterStats(ctx, request.principal, request.query.jobcenter),
  });
};
