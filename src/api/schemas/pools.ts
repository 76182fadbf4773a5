import { z } from 'zod';
import { MONTH_PATTERN } from '../../domain/months.ts';
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

const month = z.string().regex(MONTH_PATTERN, 'must be a calendar month as YYYY-MM');

/** The months a statistics answer covers, in Danish time; at most 36. */
export const monthRangeQuery = z.object({
  from: month
    .optional()
    .meta({ description: 'First month, YYYY-MM (Europe/Copenhagen); default 11 months before `to`' }),
  to: month.optional().meta({ description: 'Last month, YYYY-MM; default the current month' }),
});

export const monthStatsView = z
  .object({
    month: z.string().meta({ description: 'YYYY-MM, a calendar month in Europe/Copenhagen time' }),
    orders: z.number().int().meta({ description: 'Job orders created this month' }),
    shortlists: z.number().int().meta({ description: 'Shortlists (bruttolister) finished this month' }),
    sentToCompany: z
      .number()
      .int()
      .meta({ description: 'Candidates first sent to a company this month (once per order and candidate)' }),
    chosen: z.number().int().meta({ description: 'Candidates first chosen this month' }),
    placements: z.number().int().meta({ description: 'Placements made this month' }),
    hitRate: z
      .number()
      .nullable()
      .meta({ description: 'chosen / sentToCompany of this month; null when nothing was sent' }),
    medianSecondsOrderToShortlist: medianSeconds('from order to first shortlist, orders created this month'),
    medianSecondsOrderToChoice: medianSeconds('from order to the first choice, orders created this month'),
  })
  .meta({ id: 'MonthStats' });

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
    range: z
      .object({ from: z.string(), to: z.string() })
      .meta({ description: 'The months of `months` (the other figures are totals over all time)' }),
    months: z.array(monthStatsView).meta({ description: 'One row per month of `range`, oldest first' }),
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
    memberMonths: z
      .array(
        z.object({
          jobcenter: z.string(),
          months: z.array(
            z.object({ month: z.string(), shortlisted: z.number().int(), placed: z.number().int() }),
          ),
        }),
      )
      .meta({
        description: "Each member's shortlisted and placed (as in `members`) per month of `totals.range`",
      }),
  })
  .meta({ id: 'PoolStats' });
