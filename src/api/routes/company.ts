import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { companyChoice } from '../../domain/workflow.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { companyBundleView, companyChoiceView, pdfResponse } from '../schemas/bundles.ts';
import { idParams } from '../schemas/common.ts';
import { companyChoose, companyPdf, companyView } from '../services/bundles.ts';

const tags = ['company'];

/**
 * The company's (virksomhed) side: with the token from the konsulent it reads the one bundle of its job order and
 * records its choice. Every view and download is in the audit log. No other route accepts its token.
 */
export const companyRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('virksomhed'));

  app.get('/company/bundles/:id', {
    schema: {
      tags,
      summary: 'The bundle: job order and candidates (audited)',
      params: idParams,
      response: { 200: companyBundleView, ...errorResponses },
    },
    handler: async (request) => companyView(ctx, request.principal, request.params.id),
  });

  app.get('/company/bundles/:id/pdf', {
    schema: {
      tags,
      summary: 'The CV-pakke as PDF (audited)',
      params: idParams,
      response: { 200: pdfResponse('The CV-pakke; 409 while it is still being rendered'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const pdf = await companyPdf(ctx, request.principal, request.params.id);
      return reply.type('application/pdf').header('cache-control', 'no-store').send(pdf);
    },
  });

  app.post('/company/bundles/:id/choices', {
    schema: {
      tags,
      summary: 'Record the decision for one candidate: interview, chosen or not_chosen (with reason)',
      params: idParams,
      body: companyChoice,
      response: { 200: companyChoiceView, ...errorResponses },
    },
    handler: async (request) => companyChoose(ctx, request.principal, request.params.id, request.body),
  });
};
