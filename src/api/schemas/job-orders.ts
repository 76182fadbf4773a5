import { z } from 'zod';
import { CONCEPT_KINDS } from '../../../scoring/taxonomy/taxonomy.ts';
import { jobcenterId } from '../../domain/common.ts';
import { RANKING_STRATEGIES } from '../../domain/job-order.ts';
import { pageQuery, point, writeStatus } from './common.ts';

export const jobOrderView = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    jobcenter: z.string(),
    company: z.object({ cvr: z.string(), name: z.string().optional() }),
    title: z.string(),
    postalCode: z.string().optional(),
    location: point,
    locationSource: z.enum(['location', 'postalCode']),
    tasks: z.string().optional(),
    mustHave: z.array(z.string()),
    niceToHave: z.array(z.string()),
    weeklyHours: z.number(),
    period: z.object({ from: z.string(), to: z.string() }),
    positions: z.number().int(),
    radiusKm: z.object({ full: z.number(), max: z.number() }),
    jobrotation: z.boolean(),
    ruleSet: z.string(),
    driversLicence: z.string().optional(),
    rankingStrategy: z.enum(RANKING_STRATEGIES),
    understanding: z
      .array(
        z.object({
          phrase: z.string(),
          kind: z.enum(['mustHave', 'niceToHave']),
          concepts: z.array(z.object({ id: z.string(), label: z.string(), kind: z.enum(CONCEPT_KINDS) })),
          words: z.array(z.string()),
          framing: z.array(z.string()),
          understood: z.boolean(),
        }),
      )
      .meta({
        description:
          'How each must-have and nice-to-have is matched: the taxonomy concepts it was understood as (a candidate ' +
          'meets it with the concept or a narrower one), or, when not understood, its words, matched only where ' +
          'they stand together in one field of a CV. Framing words such as "erfaring med" are not requirements.',
      }),
    jobrotationEstimate: z
      .object({
        vikarHours: z.number().meta({
          description:
            'weeklyHours × the weeks of the period, a week being 5 working days (Monday to Friday, both period ' +
            'dates included, public holidays not subtracted)',
        }),
        ratePerHour: z
          .number()
          .meta({ description: "The rule set's jobrotationsydelse in kroner per vikar hour" }),
        amount: z
          .number()
          .meta({ description: 'vikarHours × ratePerHour, in kroner: an estimate, not a bevilling' }),
        ruleSet: z.string(),
      })
      .nullable()
      .meta({
        description:
          'The expected jobrotationsydelse to the company; null when the order is not jobrotation or its rule set ' +
          'carries no sats',
      }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'JobOrder' });
export const jobOrderWriteView = jobOrderView.extend({ status: writeStatus });

export const jobOrderListQuery = z.object({
  jobcenter: jobcenterId.optional(),
  ...pageQuery,
});
