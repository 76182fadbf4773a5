import { z } from 'zod';
import { fieldError, pageQuery } from './common.ts';

export const importRunView = z
  .object({
    id: z.string(),
    kind: z.enum(['candidates', 'job-orders']),
    status: z.enum(['running', 'finished', 'interrupted']).meta({
      description:
        '`interrupted`: the process running it died; the counts are the records that landed before it did',
    }),
    source: z.string(),
    jobcenter: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    incomplete: z.number().int(),
    rejected: z.number().int(),
    rejectionsUrl: z.string(),
  })
  .meta({ id: 'ImportRun' });

export const importRejectionView = z
  .object({
    line: z.number().int(),
    file: z.string(),
    externalId: z.string().optional(),
    reason: z.string(),
    errors: z.array(fieldError),
  })
  .meta({ id: 'ImportRejection' });

export const rejectionsQuery = z.object({
  limit: pageQuery.limit.meta({ description: 'Rejections per page (1-500, default 50)' }),
  after: pageQuery.after.meta({ description: '`next` of the previous page' }),
});
