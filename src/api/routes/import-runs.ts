import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { idParams, page } from '../schemas/common.ts';
import { importRejectionView, importRunView, rejectionsQuery } from '../schemas/import-runs.ts';
import { getImportRun, listRejections } from '../services/import-runs.ts';

const tags = ['candidates'];

/** Import runs (a bulk upload's, or `vikar import`'s for an admin) and their per-line rejection reports. */
export const importRunRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  app.get('/import-runs/:id', {
    schema: {
      tags,
      summary: "An import run: status and counts (a konsulent sees its own jobcenter's uploads)",
      params: idParams,
      response: { 200: importRunView, ...errorResponses },
    },
    handler: async (request) => getImportRun(ctx, request.principal, request.params.id),
  });

  app.get('/import-runs/:id/rejections', {
    schema: {
      tags,
      summary: 'Every rejected line of an import run, in file order, a page at a time',
      params: idParams,
      querystring: rejectionsQuery,
      response: { 200: page(importRejectionView), ...errorResponses },
    },
    handler: async (request) => listRejections(ctx, request.principal, request.params.id, request.query),
  });
};
