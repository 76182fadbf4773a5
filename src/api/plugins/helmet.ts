import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** Security headers on every answer. */
export const helmetPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      // The Swagger UI loads its own script and styles from /docs/static; everything else is JSON.
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'] },
      },
    });
  },
  { name: 'vikarmatch-helmet' },
);
