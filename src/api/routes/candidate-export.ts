import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { candidateExport } from '../schemas/candidate-export.ts';
import { idParams } from '../schemas/common.ts';
import { exportCandidate } from '../services/candidate-export.ts';

export const candidateExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  app.get('/candidates/:id/export', {
    schema: {
      tags: ['candidates'],
      summary:
        'Everything held about one person (right of access): record, workflow, bundles, placements, who read the CV',
      description:
        'For the konsulent of the home jobcenter and admin; never the CPR or its hash. The export is audited.',
      params: idParams,
      response: { 200: candidateExport, ...errorResponses },
    },
    handler: async (request) => exportCandidate(ctx, request.principal, request.params.id),
  });
};
