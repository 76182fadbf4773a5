import { z } from 'zod';
import { SHORTLIST_STATUSES, shortlist } from '../../domain/shortlist.ts';
import { list } from './common.ts';

export const shortlistAccepted = z.object({ id: z.string(), status: z.enum(SHORTLIST_STATUSES) }).meta({
  id: 'ShortlistAccepted',
  description: 'Poll GET /v1/shortlists/{id} until status is done or failed',
});

/** The bruttoliste as the API contract gives it; the domain schema is its single source. */
export const shortlistView = shortlist.meta({ id: 'Shortlist' });
export const shortlistListView = list(shortlistView);
