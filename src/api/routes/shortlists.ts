import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shortlistRequest } from '../../domain/shortlist.ts';
import { requireRole } from '../auth.ts';
import { errorResponses, problemResponse } from '../problem.ts';
import { idParams } from '../schemas/common.ts';
import {
  shortlistAccepted,
  shortlistListQuery,
  shortlistListView,
  shortlistView,
} from '../schemas/shortlists.ts';
import { getShortlist, listShortlists, requestShortlist } from '../services/shortlists.ts';

const tags = ['shortlists'];

export const shortlistRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  app.post('/job-orders/:id/shortlists', {
    schema: {
      tags,
      summary: 'Request a bruttoliste; computed by a worker, poll GET /v1/shortlists/{id}',
      params: idParams,
      // prefault: an empty body gets the defaults (size 10, scope auto) instead of a validation error.
      body: shortlistRequest.prefault({}),
      response: {
        202: shortlistAccepted,
        ...errorResponses,
        429: problemResponse(
          'Rate limit exceeded, or the job order already has SHORTLISTS_IN_FLIGHT_PER_ORDER lists queued or running',
        ),
      },
    },
    preValidation: async (request) => {
      // No body at all means "the defaults", like an empty object.
      if (request.body === null || request.body === undefined) request.body = {} as typeof request.body;
    },
    handler: async (request, reply) => {
      const out = await requestShortlist(ctx, request.principal, request.params.id, request.body);
      return reply.code(202).header('location', `/v1/shortlists/${out.id}`).send(out);
    },
  });

  app.get('/job-orders/:id/shortlists', {
    schema: {
      tags,
      summary:
        'The shortlists of a job order, newest first, a page at a time (summaries: entries via GET /v1/shortlists/{id})',
      params: idParams,
      querystring: shortlistListQuery,
      response: {
        200: shortlistListView,
        ...errorResponses,
      },
    },
    handler: async (request) => listShortlists(ctx, request.principal, request.params.id, request.query),
  });

  app.get('/shortlists/:id', {
    schema: {
      tags,
      summary: 'A bruttoliste: status, then the ranked entries with their breakdown',
      params: idParams,
      response: {
        200: shortlistView,
        ...errorResponses,
      },
    },
    handler: async (request) => getShortlist(ctx, request.principal, request.params.id),
  });
};
