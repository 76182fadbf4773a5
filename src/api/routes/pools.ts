import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobcenterId } from '../../domain/common.ts';
import { poolInput } from '../../domain/workflow.ts';
import { requireRole } from '../auth.ts';
import { errorResponses, notFound } from '../problem.ts';
import { idParams } from '../schemas/common.ts';
import { monthRangeQuery, poolListView, poolStatsView, poolView } from '../schemas/pools.ts';
import { monthRange, poolStats, visiblePool } from '../services/pools.ts';

const tags = ['pools'];
const memberParams = z.object({ id: z.string().min(1), jobcenter: jobcenterId });

/** Rekrutteringsfællesskaber: admin manages them; konsulenter of members read them and their statistics. */
export const poolRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));
  const adminOnly = requireRole('admin');

  app.post('/pools', {
    schema: {
      tags,
      summary: 'Create a pool of jobcentre (admin)',
      body: poolInput,
      response: { 201: poolView, ...errorResponses },
    },
    preHandler: adminOnly,
    handler: async (request, reply) => reply.code(201).send(await ctx.stores.pools.create(request.body)),
  });

  app.get('/pools', {
    schema: {
      tags,
      summary: 'Pools (a konsulent sees those of its jobcenter)',
      response: { 200: poolListView, ...errorResponses },
    },
    handler: async (request) => {
      const p = request.principal;
      if (p.role === 'admin') return { items: await ctx.stores.pools.list() };
      return { items: p.jobcenter ? await ctx.stores.pools.list({ jobcenter: p.jobcenter }) : [] };
    },
  });

  app.get('/pools/:id', {
    schema: {
      tags,
      summary: 'One pool',
      params: z.object({ id: z.string().min(1) }),
      response: { 200: poolView, ...errorResponses },
    },
    handler: async (request) => visiblePool(ctx, request.principal, request.params.id),
  });

  app.put('/pools/:id/members/:jobcenter', {
    schema: {
      tags,
      summary: 'Add a member (admin)',
      params: memberParams,
      response: { 200: poolView, ...errorResponses },
    },
    preHandler: adminOnly,
    handler: async (request) => {
      const pool = await ctx.stores.pools.addMember(request.params.id, request.params.jobcenter);
      if (!pool) throw notFound('pool', request.params.id);
      return pool;
    },
  });

  app.delete('/pools/:id/members/:jobcenter', {
    schema: {
      tags,
      summary: 'Remove a member (admin)',
      params: memberParams,
      response: { 200: poolView, ...errorResponses },
    },
    preHandler: adminOnly,
    handler: async (request) => {
      const pool = await ctx.stores.pools.removeMember(request.params.id, request.params.jobcenter);
      if (!pool) throw notFound('pool', request.params.id);
      return pool;
    },
  });

  app.get('/pools/:id/stats', {
    schema: {
      tags,
      summary:
        "The pool's figures and each member's contribution (shared, shortlisted, placed), also per month",
      params: idParams,
      querystring: monthRangeQuery,
      response: { 200: poolStatsView, ...errorResponses },
    },
    handler: async (request) =>
      poolStats(ctx, request.principal, request.params.id, monthRange(request.query)),
  });
};
