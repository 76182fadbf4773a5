import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobcenterId, shortText } from '../../domain/common.ts';
import { ROLES } from '../../ports/access.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { createdTokenView, jobcenterView, tokenView } from '../schemas/admin.ts';
import { idParams, list } from '../schemas/common.ts';
import { createJobcenter, createToken, listJobcentre, listTokens, revokeToken } from '../services/admin.ts';

const tags = ['admin'];

const tokenRequest = z.object({
  role: z.enum(ROLES),
  jobcenter: jobcenterId.optional().meta({ description: 'Required for role konsulent' }),
  jobOrderId: z
    .uuid()
    .optional()
    .meta({ description: 'Required for role virksomhed (or given by bundleId)' }),
  bundleId: z
    .uuid()
    .optional()
    .meta({
      description:
        'Role virksomhed: the one CV-pakke the token opens (a company token without one opens no bundle); ' +
        'POST /v1/job-orders/{id}/bundles makes such a token itself',
    }),
  nationalScope: z
    .boolean()
    .optional()
    .meta({
      description:
        "Role konsulent: may request shortlists with scope 'all' (every jobcenter's sharing candidates) and read " +
        'those it finds. Without it a konsulent reaches other jobcentre only through shared pools',
    }),
  label: shortText
    .max(200)
    .meta({ description: 'Who or what holds the token, e.g. a name or an integration' }),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

const tokenListQuery = z.object({
  role: z.enum(ROLES).optional(),
  jobcenter: jobcenterId.optional(),
  jobOrderId: z.uuid().optional(),
  bundleId: z.uuid().optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin'));

  app.post('/jobcentre', {
    schema: {
      tags,
      summary: 'Register a jobcenter (tenant); id is the kommunekode',
      body: z.object({ id: jobcenterId, name: shortText.max(200) }),
      response: { 201: jobcenterView, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await createJobcenter(ctx, request.body)),
  });

  app.get('/jobcentre', {
    schema: {
      tags,
      summary: 'The registered jobcentre',
      response: { 200: list(jobcenterView), ...errorResponses },
    },
    handler: async () => listJobcentre(ctx),
  });

  app.post('/tokens', {
    schema: {
      tags,
      summary: 'Create an API token; the clear token is in this response only',
      body: tokenRequest,
      response: { 201: createdTokenView, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await createToken(ctx, request.body)),
  });

  app.get('/tokens', {
    schema: {
      tags,
      summary: 'API tokens (never the token itself or its hash)',
      querystring: tokenListQuery,
      response: { 200: list(tokenView), ...errorResponses },
    },
    handler: async (request) => {
      const q = request.query;
      return listTokens(ctx, {
        ...(q.role ? { role: q.role } : {}),
        ...(q.jobcenter ? { jobcenter: q.jobcenter } : {}),
        ...(q.jobOrderId ? { jobOrderId: q.jobOrderId } : {}),
        ...(q.bundleId ? { bundleId: q.bundleId } : {}),
        ...(q.includeInactive ? { includeInactive: true } : {}),
      });
    },
  });

  app.post('/admin/reindex', {
    schema: {
      tags,
      summary:
        'Rebuild the candidate index from the Store (a reindex job); the way to refill a Meilisearch index',
      response: {
        202: z.object({
          id: z.string().meta({ description: 'The id of the queued reindex job' }),
          status: z.literal('queued'),
        }),
        ...errorResponses,
      },
    },
    handler: async (_request, reply) => {
      // Not deduplicated: a reindex asked for after a change must run after it, not merge into an earlier one.
      const job = await ctx.queue.enqueue('reindex', { reason: 'POST /v1/admin/reindex' });
      return reply.code(202).send({ id: job.id, status: 'queued' as const });
    },
  });

  app.delete('/tokens/:id', {
    schema: {
      tags,
      summary: 'Revoke a token',
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await revokeToken(ctx, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
