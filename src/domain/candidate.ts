import { z } from 'zod';
import { BENEFITS } from '../../scoring/eligibility.ts';
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
import { normaliseCpr, redactCprInText } from './cpr.ts';

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

const driversLicence = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z.string().regex(/^(AM|A1|A2|A|B|BE|C1|C1E|C|CE|D1|D1E|D|DE|T|TM)$/, 'is not a Danish kørekortkategori'),
  );

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
  name: shortText.max(200),
  cpr: cpr.optional(),
  email: z.email('must be an e-mail address').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{8,16}$/, 'must be a phone number, e.g. +4512345678')
    .optional(),
  postalCode: postalCode.optional(),
  location: geoPoint.optional(),
  unemployedSince: isoDate,
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
        description: z.string().max(5000).optional(),
      }),
    )
    .max(200)
    .default([]),
  languages: stringList,
  driversLicences: z.array(driversLicence).max(20).default([]),
  // Whatever the source (JSON, CSV, API, a CV document), a CPR in the free text never reaches the store or the index.
  cvText: z.string().max(200_000).transform(redactCprInText).optional(),
  activeSchemes: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .transform((s) => s.toLowerCase()),
    )
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
