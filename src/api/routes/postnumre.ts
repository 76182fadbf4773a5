import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchPostalAreas } from '../../geo/postnumre.ts';
import { requireRole } from '../auth.ts';
import { errorResponses } from '../problem.ts';

const postnummerView = z.object({ postalCode: z.string(), town: z.string() }).meta({ id: 'Postnummer' });

/** The postnummer field of the forms: a number or a town name typed in, the postnumre it may mean. */
export const postnummerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', requireRole('admin', 'konsulent'));
  app.get('/postnumre', {
    schema: {
      tags: ['geo'],
      summary: 'Up to 20 postnumre whose number or town name starts with q (case and æ/ø/å-insensitive)',
      querystring: z.object({
        q: z
          .string()
          .trim()
          .min(1)
          .max(50)
          .meta({ description: 'Digits of a postnummer, or the start of a town name' }),
      }),
      response: { 200: z.object({ items: z.array(postnummerView) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: searchPostalAreas(request.query.q, 20).map((a) => ({ postalCode: a.postalCode, town: a.name })),
    }),
  });
};
