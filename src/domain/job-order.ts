import { z } from 'zod';
import { driversLicence } from './candidate.ts';
import {
  dateRange,
  externalId,
  geoPoint,
  jobcenterId,
  postalCode,
  requirePostalCodeOrLocation,
  resolveLocation,
  shortText,
  stringList,
} from './common.ts';
import { isValidCvr } from './cvr.ts';
import { CPR_IN_ID_MESSAGE, isCprFree, nameText, redactedText } from './text.ts';

export const RANKING_STRATEGIES = ['fit-first', 'weighted'] as const;
export const rankingStrategy = z.enum(RANKING_STRATEGIES);
export type RankingStrategy = z.infer<typeof rankingStrategy>;

export const DEFAULT_RADIUS_KM = { full: 10, max: 15 } as const;

export const cvr = z
  .string()
  .trim()
  .refine(isValidCvr, { message: 'must be a CVR-nummer: 8 digits passing the modulus-11 check' })
  .meta({ example: '24256790' });

export const jobOrderFields = z.object({
  externalId,
  jobcenter: jobcenterId,
  company: z.object({ cvr, name: nameText(200).optional() }),
  title: shortText.max(300),
  postalCode: postalCode.optional(),
  location: geoPoint.optional(),
  tasks: redactedText({ max: 10_000, min: 0 }).optional(),
  mustHave: stringList,
  niceToHave: stringList,
  weeklyHours: z.number().min(1).max(80),
  period: dateRange,
  positions: z.number().int().min(1).max(1000).default(1),
  radiusKm: z
    .object({ full: z.number().min(0).max(500), max: z.number().min(0).max(500) })
    .partial()
    .default({})
    .transform((r) => ({ full: r.full ?? DEFAULT_RADIUS_KM.full, max: r.max ?? DEFAULT_RADIUS_KM.max }))
    .refine((r) => r.full <= r.max, { message: '"full" must not exceed "max"', path: ['max'] }),
  jobrotation: z.boolean().default(false),
  ruleSet: z
    .string()
    .max(64, 'must be at most 64 characters')
    .regex(/^[a-z0-9-]+$/, 'must name a rule set, e.g. "default"')
    .refine(isCprFree, { message: CPR_IN_ID_MESSAGE })
    .default('default'),
  driversLicence: driversLicence.optional(),
  rankingStrategy: rankingStrategy.default('fit-first'),
});

export const jobOrderInput = jobOrderFields
  .superRefine(requirePostalCodeOrLocation)
  .transform((o) => ({ ...o, ...resolveLocation(o.postalCode, o.location) }));

export type JobOrderInput = z.input<typeof jobOrderInput>;
export type JobOrder = z.output<typeof jobOrderInput>;
