import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobOrderInput } from '../../domain/job-order.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { idParams, page } from '../schemas/common.ts';
import { jobOrderListQuery, jobOrderView, jobOrderWriteView } from '../schemas/job-orders.ts';
import {
  deleteJobOrder,
  getJobOrder,
  listJobOrders,
  updateJobOrder,
  upsertJobOrder,
} from '../services/job-orders.ts';

const tags = ['job orders'];

export const jobOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  app.post('/job-orders', {
    schema: {
      tags,
      summary: 'Create or update a job order / vikarprofil (upsert by jobcenter + externalId)',
      body: jobOrderInput,
      response: {
        200: jobOrderWriteView,
        201: jobOrderWriteView,
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const out = await upsertJobOrder(ctx, request.principal, request.body);
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  });

  app.get('/job-orders', {
    schema: {
      tags,
      summary: 'List job orders (a konsulent sees its own jobcenter only)',
      querystring: jobOrderListQuery,
      response: {
        200: page(jobOrderView),
        ...errorResponses,
      },
    },
    handler: async (request) => listJobOrders(ctx, request.principal, request.query),
  });

  app.get('/job-orders/:id', {
    schema: {
      tags,
      summary: 'One job order',
      params: idParams,
      response: {
        200: jobOrderView,
        ...errorResponses,
      },
    },
    handler: async (request) => getJobOrder(ctx, request.principal, request.params.id),
  });

  app.put('/job-orders/:id', {
    schema: {
      tags,
      summary: 'Replace a job order (jobcenter and externalId may be left out; they cannot change)',
      params: idParams,
      body: z.looseObject({}).meta({ description: 'A whole JobOrder' }),
      response: {
        200: jobOrderWriteView,
        ...errorResponses,
      },
    },
    handler: async (request) =>
      updateJobOrder(ctx, request.principal, request.params.id, request.body, 'replace'),
  });

  app.patch('/job-orders/:id', {
    schema: {
      tags,
      summary: 'Change some fields of a job order (shallow merge; nested objects are replaced whole)',
      params: idParams,
      body: z.looseObject({}).meta({ description: 'Some JobOrder fields' }),
      response: {
        200: jobOrderWriteView,
        ...errorResponses,
      },
    },
    handler: async (request) =>
      updateJobOrder(ctx, request.principal, request.params.id, request.body, 'merge'),
  });

  app.delete('/job-orders/:id', {
    schema: {
      tags,
      summary: 'Delete a job order and its shortlists',
      params: idParams,
      response: {
        204: z.null(),
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      await deleteJobOrder(ctx, request.principal, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
