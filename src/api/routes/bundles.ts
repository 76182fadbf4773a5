import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nameText } from '../../domain/text.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { bundleDetailView, createdBundleView, pdfResponse } from '../schemas/bundles.ts';
import { idParams, list } from '../schemas/common.ts';
import {
  bundleDetail,
  createBundle,
  konsulentPdf,
  orderBundles,
  revokeBundleAccess,
  visibleBundle,
} from '../services/bundles.ts';

const tags = ['bundles'];

/** CV-pakker as the konsulent sends them; the company reads them under /v1/company. */
export const bundleRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  app.post('/job-orders/:id/bundles', {
    schema: {
      tags,
      summary: "Send the 'sent_to_company' candidates as one PDF; returns the company's token once",
      params: idParams,
      body: z
        .object({
          expiresInDays: z.number().int().min(1).max(90).default(14),
          label: nameText(200).optional(),
          candidateIds: z
            .array(z.string().min(1).max(100))
            .min(1)
            .max(500)
            .optional()
            .meta({
              description:
                "Send only these of the order's 'sent_to_company' candidates (default: all of them), e.g. to " +
                'leave out someone who is no longer shared with your jobcenter',
            }),
        })
        .prefault({}),
      response: { 202: createdBundleView, ...errorResponses },
    },
    preValidation: async (request) => {
      if (request.body === null || request.body === undefined) request.body = {} as typeof request.body;
    },
    handler: async (request, reply) => {
      const origin = ctx.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
      const out = await createBundle(ctx, request.principal, request.params.id, request.body, origin);
      return reply.code(202).header('location', `/v1/bundles/${out.bundle.id}`).send(out);
    },
  });

  app.get('/bundles/:id', {
    schema: {
      tags,
      summary: 'A bundle and its rendering status',
      params: idParams,
      response: { 200: bundleDetailView, ...errorResponses },
    },
    handler: async (request) =>
      bundleDetail(ctx, await visibleBundle(ctx, request.principal, request.params.id)),
  });

  app.get('/job-orders/:id/bundles', {
    schema: {
      tags,
      summary: "The order's CV-pakker, newest first, with whether the company opened them",
      params: idParams,
      response: { 200: list(bundleDetailView), ...errorResponses },
    },
    handler: async (request) => orderBundles(ctx, request.principal, request.params.id),
  });

  app.get('/bundles/:id/pdf', {
    schema: {
      tags,
      summary: 'The rendered PDF',
      params: idParams,
      response: { 200: pdfResponse('The CV-pakke; 409 while it is still being rendered'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const pdf = await konsulentPdf(ctx, request.principal, request.params.id);
      return reply.type('application/pdf').send(pdf);
    },
  });

  app.delete('/bundles/:id/access', {
    schema: {
      tags,
      summary: "Revoke the company's token at once",
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await revokeBundleAccess(ctx, request.principal, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
