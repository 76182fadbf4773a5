import { z } from 'zod';
import { BENEFITS } from '../../scoring/eligibility.ts';
import { isLicenceCategory, LICENCE_CATEGORIES } from '../../scoring/licence.ts';
import {
  dateRange,
  externalId,
  geoPoint,
  isoDate,
  jobcenterId,
  postalCode,
  requirePostalCodeOrLocation,
  resolveLocation,
  shortText,
  stringList,
} from './common.ts';
import { normaliseCpr } from './cpr.ts';
import { isCprFree, nameText, redactedText } from './text.ts';

// One list: the jobrotation rules (scoring/, which imports nothing of the app) own the benefits they judge.
export { BENEFITS };
export const benefit = z.enum(BENEFITS);
export type Benefit = z.infer<typeof benefit>;

export const EDUCATION_LEVELS = ['grundskole', 'gymnasial', 'eud', 'kvu', 'mvu', 'lvu'] as const;
export const educationLevel = z.enum(EDUCATION_LEVELS);

/**
 * Why a candidate is unavailable. Free text here could carry health information (sygdom, behandling), which the
 * service must never store or show, so only these neutral reasons are kept; anything else becomes 'andet'.
 */
export const UNAVAILABLE_REASONS = ['uddannelse', 'ferie', 'job', 'orlov', 'andet'] as const;
const unavailableReason = z
  .string()
  .optional()
  .transform((r) => {
    const value = r?.trim().toLowerCase();
    if (value === undefined || value === '') return undefined;
    return (UNAVAILABLE_REASONS as readonly string[]).includes(value)
      ? (value as (typeof UNAVAILABLE_REASONS)[number])
      : 'andet';
  });

/** One kørekort category (a candidate's, or the one an order requires), written in any case. */
export const driversLicence = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z.string().refine(isLicenceCategory, {
      message: `is not a Danish kørekortkategori (one of ${LICENCE_CATEGORIES.join(', ')})`,
    }),
  );

// Made once: building an Intl formatter costs far more than formatting with it, and every record is checked.
const DANISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** ISO date of today in Denmark: a date a konsulent writes "today" is still today after 23:00 UTC. */
export function todayInDenmark(now: Date = new Date()): string {
  return DANISH_DATE.format(now);
}

/** Someone cannot have become ledig on a day that has not come yet (9999-12-31 would top every ranking). */
const unemployedSince = isoDate.refine((date) => date <= todayInDenmark(), {
  message: 'must not be in the future',
});

/** E-mail and phone are contact data: a CPR there is refused, since redacting it would leave no address. */
const cprFree = { message: 'must not contain a CPR-nummer' };

const cpr = z.string().transform((value, ctx) => {
  const normalised = normaliseCpr(value);
  if (!normalised) {
    // The message must not echo the value: CPR never appears in errors or logs.
    ctx.addIssue({ code: 'custom', message: 'is not a valid CPR-nummer (DDMMÅÅ-XXXX with a real date)' });
    return z.NEVER;
  }
  return normalised;
});

export const candidateFields = z.object({
  externalId,
  jobcenter: jobcenterId,
  name: nameText(200),
  cpr: cpr.optional(),
  email: z.email('must be an e-mail address').refine(isCprFree, cprFree).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{8,16}$/, 'must be a phone number, e.g. +4512345678')
    .refine(isCprFree, cprFree)
    .optional(),
  postalCode: postalCode.optional(),
  location: geoPoint.optional(),
  unemployedSince,
  benefit,
  weeklyHours: z.number().min(1).max(80).optional(),
  availableFrom: isoDate.optional(),
  unavailable: z
    .array(
      z.object({ from: isoDate, to: isoDate, reason: unavailableReason }).refine((r) => r.from <= r.to, {
        message: '"from" must not be after "to"',
        path: ['to'],
      }),
    )
    .max(100)
    .default([]),
  competences: stringList,
  educations: z
    .array(z.object({ title: shortText, level: educationLevel.optional() }))
    .max(100)
    .default([]),
  experience: z
    .array(
      z.object({
        title: shortText,
        from: isoDate.optional(),
        to: isoDate.optional(),
        description: redactedText({ max: 5000, min: 0, trim: false }).optional(),
      }),
    )
    .max(200)
    .default([]),
  languages: stringList,
  driversLicences: z.array(driversLicence).max(20).default([]),
  // Whatever the source (JSON, CSV, API, a CV document), a CPR in the free text never reaches the store or the index.
  cvText: redactedText({ max: 200_000, min: 0, trim: false }).optional(),
  activeSchemes: z
    .array(redactedText({ max: 500 }).transform((s) => s.toLowerCase()))
    .max(20)
    .default([]),
  consent: z
    .object({
      searchable: z.boolean().default(true),
      shareWithPool: z.boolean().default(false),
      /**
       * The candidate agreed that a company may contact them directly: only then does a CV-pakke show e-mail and
       * phone. Optional without a default, so records stored before it existed keep their content hash.
       */
      contactByCompany: z.boolean().optional(),
    })
    .default({ searchable: true, shareWithPool: false }),
  wishes: z
    .object({
      maxDistanceKm: z.number().positive().max(1000).optional(),
      jobTitles: z.array(shortText).max(50).optional(),
    })
    .optional(),
});

/** A Candidate as integrators send it. Unknown fields are dropped, not rejected. */
export const candidateInput = candidateFields
  .superRefine(requirePostalCodeOrLocation)
  .transform((c) => ({ ...c, ...resolveLocation(c.postalCode, c.location) }));

export type CandidateInput = z.input<typeof candidateInput>;
/** A validated candidate, location resolved. Still holds the CPR: the Store hashes it and drops it. */
export type Candidate = z.output<typeof candidateInput>;
/** What the service keeps and returns: never the CPR. */
export type StoredCandidate = Omit<Candidate, 'cpr'>;

export { dateRange };
