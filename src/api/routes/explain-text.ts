import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { explainText } from '../../../scoring/concepts/explain-text.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { explainTextBody, explainTextView } from '../schemas/explain-text.ts';

/** Which concepts the taxonomy finds in a text, and where: why a CV did or did not match. Reads nothing stored. */
export const explainTextRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));
  app.post('/explain-text', {
    schema: {
      tags: ['taxonomy'],
      summary:
        'The competence concepts found in a text, with their spans and context, and the words not understood',
      body: explainTextBody,
      response: { 200: explainTextView, ...errorResponses },
    },
    handler: async (request) => ({
      taxonomyVersion: ctx.taxonomy.version,
      ...explainText(request.body.text, ctx.taxonomy),
    }),
  });
};
