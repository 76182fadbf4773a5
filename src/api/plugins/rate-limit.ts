import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { outageReporter } from '../../runtime/outage.ts';
import { resolvePrincipal } from '../auth.ts';

/**
 * RATE_LIMIT_PER_MINUTE requests per token (or per address without a valid token). With REDIS_URL every API
 * process counts against the same budget; a Redis outage lets requests through rather than taking the API down
 * with it. A route opts out with `config: { rateLimit: false }` (the health probes).
 */
export const rateLimitPlugin = fp(
  async (app) => {
    const { config } = app.ctx;
    const redis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, { connectTimeout: 1000, maxRetriesPerRequest: 1 })
      : undefined;
    if (redis) {
      // Without a listener every reconnect attempt during an outage is an unhandled 'error' event.
      const outage = outageReporter(
        (error) => app.log.warn({ err: error }, 'rate-limit Redis unreachable: requests pass unlimited'),
        () => app.log.info('rate-limit Redis reachable again'),
      );
      redis.on('error', outage.failed);
      redis.on('ready', outage.recovered);
      app.addHook('onClose', async () => {
        await redis.quit();
      });
    }
    await app.register(rateLimit, {
      ...(redis ? { redis, nameSpace: `${config.REDIS_PREFIX}:ratelimit:`, skipOnError: true } : {}),
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: '1 minute',
      // Not per route: the plugin's route-level hooks run after the /v1 authentication hook, so requests with a
      // bad token (token guessing) were answered 401 without ever being counted. The app-level hook below counts
      // first.
      global: false,
      // Per token when the request carries a valid one (a busy integration behind one NAT is not throttled by
      // its neighbours); per address otherwise, which also limits token guessing.
      keyGenerator: async (request) => {
        const principal = await resolvePrincipal(request);
        return principal ? `token:${principal.tokenId}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new Error(`rate limit of ${context.max} requests per ${context.after} exceeded; retry later`),
          { statusCode: context.statusCode },
        ),
    });

    const limitRate = app.rateLimit();
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config?.rateLimit === false) return;
      await limitRate.call(app, request, reply);
    });
  },
  { name: 'vikarmatch-rate-limit', dependencies: ['vikarmatch-context'] },
);
