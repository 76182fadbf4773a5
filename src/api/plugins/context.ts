import fp from 'fastify-plugin';
import type { AppContext } from '../../context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ports, config and job handlers; routes reach them only through the service functions. */
    ctx: AppContext;
  }
}

export const contextPlugin = fp<{ ctx: AppContext }>(
  async (app, { ctx }) => {
    app.decorate('ctx', ctx);
  },
  { name: 'vikarmatch-context' },
);
