import { z } from 'zod';
import { nearMiss, SHORTLIST_STATUSES, shortlist, shortlistEntry } from '../../domain/shortlist.ts';
import { page } from './common.ts';

export const shortlistAccepted = z.object({ id: z.string(), status: z.enum(SHORTLIST_STATUSES) }).meta({
  id: 'ShortlistAccepted',
  description: 'Poll GET /v1/shortlists/{id} until status is done or failed',
});

const readerName = z
  .string()
  .nullable()
  .optional()
  .meta({
    description:
      "The candidate's name as it is now, read when the list is read (never kept in the list, so an erasure or a " +
      "change shows at once). Given for candidates of the order's own jobcenter; null for another jobcenter's " +
      'candidate (pool or all scope): open the candidate to see who it is. An admin reads the list as the ' +
      "order's jobcenter does (names of that jobcenter's candidates only).",
  });

/** The bruttoliste as the API contract gives it; the domain schema is its single source, names added at read. */
export const shortlistView = shortlist
  .extend({
    entries: z.array(shortlistEntry.extend({ name: readerName })),
    nearMisses: z.array(nearMiss.extend({ name: readerName })),
  })
  .meta({ id: 'Shortlist' });

/** One of an order's shortlists in its list: the full entries are at GET /v1/shortlists/{id}. */
export const shortlistSummaryView = shortlist
  .pick({
    id: true,
    jobOrderId: true,
    status: true,
    scope: true,
    size: true,
    strategy: true,
    createdAt: true,
    completedAt: true,
    candidatesConsidered: true,
    error: true,
    effectiveScope: true,
    widened: true,
  })
  .extend({
    entryCount: z.number().int().min(0).meta({ description: 'How many ranked entries the list holds' }),
    nearMissCount: z.number().int().min(0),
  })
  .meta({ id: 'ShortlistSummary' });
export const shortlistListView = page(shortlistSummaryView);

export const shortlistListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().min(1).max(200).optional(),
});
