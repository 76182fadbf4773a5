import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobcenterId } from '../../domain/common.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { overviewView } from '../schemas/overview.ts';
import { overview } from '../services/overview.ts';

/** The front page of the web app. */
export const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));
  app.get('/overview', {
    schema: {
      tags: ['overview'],
      summary:
        "A jobcenter's work in progress: open orders, lists being computed, who owes an answer, CV-pakker not " +
        'opened, recent company decisions (a konsulent: its own jobcenter; admin: any, or all)',
      querystring: z.object({ jobcenter: jobcenterId.optional() }),
      response: { 200: overviewView, ...errorResponses },
    },
    handler: async (request) => overview(ctx, request.principal, request.query.jobcenter),
  });
};
