import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerToken } from '../auth.ts';
import { errorResponses } from '../problem.ts';
import {
  companySessionRequest,
  companySessionView,
  sessionRequest,
  sessionView,
} from '../schemas/session.ts';
import { companyLogIn, currentSession, logIn, logOut } from '../services/session.ts';

const tags = ['session'];

/**
 * Browser sessions for the web app: a token (konsulent, admin) or a company link's secret is exchanged for an
 * httpOnly cookie, so the secret never sits in the page's storage. Outside the /v1 token check: these routes are
 * how a browser gets in. The cookie then works on every /v1 route, with X-CSRF-Token on each state change.
 */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post('/session', {
    schema: {
      tags,
      summary: 'Log in with a konsulent or admin token; sets the session cookie',
      body: sessionRequest.prefault({}),
      response: { 200: sessionView, ...errorResponses },
    },
    handler: async (request, reply) => logIn(ctx, request, reply, request.body.token ?? bearerToken(request)),
  });

  app.get('/session', {
    schema: {
      tags,
      summary: "The cookie's session: who is logged in, and the CSRF token",
      response: { 200: sessionView, ...errorResponses },
    },
    handler: async (request) => currentSession(ctx, request),
  });

  app.delete('/session', {
    schema: {
      tags,
      summary: 'Log out: ends the session server-side and clears the cookie (needs X-CSRF-Token)',
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await logOut(ctx, request, reply);
      return reply.code(204).send(null);
    },
  });

  app.post('/company/session', {
    schema: {
      tags: [...tags, 'company'],
      summary: "Open a company link: its secret (the part after #) for a cookie bound to the link's CV-pakke",
      body: companySessionRequest.prefault({}),
      response: { 200: companySessionView, ...errorResponses },
    },
    handler: async (request, reply) =>
      companyLogIn(ctx, request, reply, request.body.secret ?? bearerToken(request)),
  });
};
