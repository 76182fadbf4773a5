import { z } from 'zod';
import { SHORTLIST_STATUSES, shortlist } from '../../domain/shortlist.ts';
import { page } from './common.ts';

export const shortlistAccepted = z.object({ id: z.string(), status: z.enum(SHORTLIST_STATUSES) }).meta({
  id: 'ShortlistAccepted',
  description: 'Poll GET /v1/shortlists/{id} until status is done or failed',
});

/** The bruttoliste as the API contract gives it; the domain schema is its single source. */
export const shortlistView = shortlist.meta({ id: 'Shortlist' });

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
