import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobcenterId } from '../../domain/common.ts';
import { outcomeRequest, transitionRequest } from '../../domain/workflow.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import { id, idParams } from '../schemas/common.ts';
import {
  auditListView,
  contactReleaseView,
  orderWorkflowView,
  placementView,
  proposalView,
  workflowEntryDetailView,
  workflowEntryView,
} from '../schemas/workflow.ts';
import {
  auditTrail,
  entryDetail,
  orderWorkflow,
  propose,
  recordOutcome,
  releaseContact,
  transition,
} from '../services/workflow.ts';

const tags = ['workflow'];
const entryParams = z.object({ id, candidateId: z.string().min(1).max(100) });

/**
 * The konsulent's work on a job order after the bruttoliste: per candidate suggested -> contacted -> interested |
 * declined -> sent_to_company -> interview -> chosen | not_chosen, company proposals, outcomes, contact release.
 */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  app.get('/job-orders/:id/workflow', {
    schema: {
      tags,
      summary:
        "Every candidate on the order with their workflow state; 'new' = first seen in the newest list",
      params: idParams,
      querystring: z.object({ shortlistId: z.string().optional() }),
      response: { 200: orderWorkflowView, ...errorResponses },
    },
    handler: async (request) =>
      orderWorkflow(ctx, request.principal, request.params.id, request.query.shortlistId),
  });

  app.get('/job-orders/:id/workflow/:candidateId', {
    schema: {
      tags,
      summary:
        "One candidate's workflow, history and CV (another jobcenter's: audited, contact hidden until released)",
      params: entryParams,
      response: { 200: workflowEntryDetailView, ...errorResponses },
    },
    handler: async (request) =>
      entryDetail(ctx, request.principal, request.params.id, request.params.candidateId),
  });

  app.post('/job-orders/:id/workflow/:candidateId/transitions', {
    schema: {
      tags,
      summary: 'Move a candidate to the next state (409 names the current and the asked-for state)',
      params: entryParams,
      body: transitionRequest,
      response: { 200: workflowEntryView, ...errorResponses },
    },
    handler: async (request) =>
      transition(ctx, request.principal, request.params.id, request.params.candidateId, request.body),
  });

  app.post('/job-orders/:id/proposals', {
    schema: {
      tags,
      summary:
        'Add a candidate the company proposes (by candidateId or a full candidate); returns the jobrotation verdict',
      params: idParams,
      body: z.object({
        candidateId: z.string().optional(),
        // Checked by the service like an imported candidate, so a bad one is named as `candidate: <reason>`.
        candidate: z
          .unknown()
          .optional()
          .meta({ description: 'A whole Candidate, as POST /v1/candidates takes it' }),
      }),
      response: { 201: proposalView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await propose(ctx, request.principal, request.params.id, request.body)),
  });

  app.post('/job-orders/:id/placements/:candidateId/outcomes', {
    schema: {
      tags,
      summary: 'Record a placement outcome: started, completed, hired_ordinarily, left_early (with reason)',
      params: entryParams,
      body: outcomeRequest,
      response: { 201: placementView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordOutcome(
            ctx,
            request.principal,
            request.params.id,
            request.params.candidateId,
            request.body,
          ),
        ),
  });

  app.post('/candidates/:id/releases', {
    schema: {
      tags,
      summary: "Release a candidate's contact details to another jobcenter (home jobcenter only; audited)",
      params: idParams,
      body: z.object({ jobcenter: jobcenterId }),
      response: { 201: contactReleaseView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await releaseContact(ctx, request.principal, request.params.id, request.body.jobcenter)),
  });

  app.get('/audit', {
    schema: {
      tags,
      summary: "Who read or released a candidate's CV: admin, or the candidate's home jobcenter",
      querystring: z.object({ candidateId: z.string().optional() }),
      response: { 200: auditListView, ...errorResponses },
    },
    handler: async (request) => auditTrail(ctx, request.principal, request.query.candidateId),
  });
};
