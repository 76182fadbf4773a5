import { z } from 'zod';
import { OUTCOMES } from '../../domain/workflow.ts';
import { list } from './common.ts';

/** A pool (rekrutteringsfællesskab); its statistics and a jobcenter's are below. */
export const poolView = z
  .object({ id: z.string(), name: z.string(), members: z.array(z.string()), createdAt: z.string() })
  .meta({ id: 'Pool' });
export const poolListView = list(poolView);

const medianSeconds = (what: string) =>
  z
    .number()
    .nullable()
    .meta({ description: `Median over orders, seconds ${what}; null until measurable` });

export const statsView = z
  .object({
    jobcentre: z.array(z.string()),
    orders: z.number().int(),
    ordersWithShortlist: z.number().int(),
    medianSecondsOrderToShortlist: medianSeconds('from order to first shortlist'),
    medianSecondsShortlistToChoice: medianSeconds('from shortlist to the first choice'),
    medianSecondsOrderToChoice: medianSeconds('from order to the first choice'),
    sentToCompany: z.number().int(),
    chosen: z.number().int(),
    hitRate: z
      .number()
      .nullable()
      .meta({ description: 'chosen / sent to company; null when nothing was sent' }),
    placements: z
      .number()
      .int()
      .meta({ description: 'Placements of candidates whose home jobcenter is one of `jobcentre`' }),
    outcomes: z.record(z.enum([...OUTCOMES, 'none']), z.number().int()),
  })
  .meta({ id: 'Stats' });

export const poolStatsView = z
  .object({
    pool: poolView,
    totals: statsView,
    members: z.array(
      z.object({
        jobcenter: z.string(),
        candidatesShared: z.number().int(),
        shortlisted: z.number().int(),
        placed: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PoolStats' });
