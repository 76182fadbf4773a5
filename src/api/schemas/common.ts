import { z } from 'zod';

/**
 * Shapes every resource's schemas share. Request schemas are the domain's (src/domain); responses need plain
 * schemas because the zod serializer encodes through them (a transform cannot run backwards), and because a
 * response schema is also a filter: a field not listed, like `cpr`, never leaves the service.
 */

export const point = z.object({ lat: z.number(), lon: z.number() });
/** A field a draft record (an incomplete CV document) may lack. */
export const draftable = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const id = z.uuid().meta({ description: 'Store id (uuid)' });
export const idParams = z.object({ id });

export const writeStatus = z.enum(['created', 'updated', 'unchanged']);

export const fieldError = z.object({ field: z.string(), message: z.string() });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z
      .string()
      .nullable()
      .meta({ description: 'Cursor for the next page (pass as `after`); null at the end' }),
  });

/** A whole list in one answer (lists that stay short: pools, tokens, an order's shortlists). */
export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .meta({ description: 'true or false' });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: z.string().min(1).max(200).optional(),
};

/** A binary body: Fastify sends a Buffer as it is, so this only documents it. */
export const binary = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
