import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jobcenterId } from '../../domain/common.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { monthRangeQuery, statsView } from '../schemas/pools.ts';
import { jobcenterStats, monthRange } from '../services/pools.ts';

/**
 * Orders, time from order to shortlist to choice, hit rate, placements (attributed to the home jobcenter), outcomes:
 * totals over all time, and the same per calendar month of a range.
 */
export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));
  app.get('/stats', {
    schema: {
      tags: ['stats'],
      summary: "A jobcenter's statistics (a konsulent: its own; admin: any, or all together)",
      querystring: monthRangeQuery.extend({ jobcenter: jobcenterId.optional() }),
      response: { 200: statsView, ...errorResponses },
    },
    handler: async (request) =>
      jobcenterStats(ctx, request.principal, request.query.jobcenter, monthRange(request.query)),
  });
};
