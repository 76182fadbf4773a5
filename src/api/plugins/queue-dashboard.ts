import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { checkCsrf, resolveAuth } from '../auth.ts';
import { forbidden, ProblemError, unauthorized } from '../problem.ts';
import { sendProblem } from './errors.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The dashboard's own page sends its requests without our CSRF header; a browser says whether a request came from
 * a page of this origin, which is what the header proves for the web app.
 */
const fromOwnPage = (request: FastifyRequest) => request.headers['sec-fetch-site'] === 'same-origin';

/**
 * With REDIS_URL, the BullMQ queue's dashboard at /admin/queues (see and retry failed jobs), for admin only: a
 * bearer token or the session cookie of an admin. Without Redis there is no dashboard (the embedded queue lives
 * in the SQLite file).
 */
export const queueDashboardPlugin = fp(
  async (app) => {
    const { config } = app.ctx;
    if (!config.REDIS_URL) return;
    const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, connectTimeout: 2_000 });
    // Reported by the queue itself and the rate limiter; here an outage only makes the dashboard fail its reads.
    connection.on('error', () => {});
    const queue = new Queue('jobs', { connection, prefix: config.REDIS_PREFIX });
    queue.on('error', () => {});
    app.addHook('onClose', async () => {
      await queue.close();
      connection.disconnect();
    });

    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter });

    await app.register(
      async (scope) => {
        // Not part of the API: kept out of the OpenAPI document the web app's client is generated from.
        scope.addHook('onRoute', (route) => {
          route.schema = { ...route.schema, hide: true };
        });
        // Answered here rather than thrown: the dashboard's own error handler would turn a refusal into a 500.
        scope.addHook('onRequest', async (request, reply) => {
          try {
            const auth = await resolveAuth(request);
            if (!auth) throw unauthorized('Log ind som administrator for at se køerne');
            if (auth.principal.role !== 'admin') throw forbidden('Køoversigten er kun for administratorer');
            if (auth.session && !fromOwnPage(request)) checkCsrf(request, auth.session);
          } catch (error) {
            if (!(error instanceof ProblemError)) throw error;
            return sendProblem(reply, error.toProblem());
          }
        });
        await scope.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  },
  { name: 'vikarmatch-queue-dashboard', dependencies: ['vikarmatch-context'] },
);
