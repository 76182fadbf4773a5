import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** Security headers on every answer. */
export const helmetPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      // The web app and the Swagger UI load scripts, styles and fonts from this origin only, never inline scripts;
      // images and fonts may also be data: URLs (icons inlined by the build). The validator badge of the Swagger UI
      // is its only outside image.
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          'img-src': ["'self'", 'data:', 'validator.swagger.io'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          // Served over plain HTTP on a LAN too (npm start): upgrading its requests to HTTPS would break the app.
          'upgrade-insecure-requests': null,
        },
      },
    });
  },
  { name: 'vikarmatch-helmet' },
);
