import { z } from 'zod';
import { rankingStrategy } from './job-order.ts';

/**
 * 'auto' (the default) is how konsulenter work: own jobcenter first, widened to the rekrutteringsfællesskab when
 * fewer than `size` candidates fit; the list's `effectiveScope` says which one produced it.
 */
export const SHORTLIST_SCOPES = ['own', 'pool', 'all', 'auto'] as const;
export const shortlistScope = z.enum(SHORTLIST_SCOPES);
export type ShortlistScope = z.infer<typeof shortlistScope>;

export const shortlistRequest = z.object({
  size: z.number().int().min(1).max(500).default(10),
  scope: shortlistScope.default('auto'),
  /** Overrides the job order's own ranking strategy for this list. */
  strategy: rankingStrategy.optional(),
});
export type ShortlistRequest = z.output<typeof shortlistRequest>;

export const eligibilityVerdict = z.object({
  eligible: z.boolean(),
  ruleSet: z.string(),
  reasons: z.array(z.string()),
});

export const breakdown = z.object({
  competence: z.number().min(0).max(1),
  distance: z.number().min(0).max(1),
  unemployment: z.number().min(0).max(1),
});

export const EVIDENCE_FIELDS = [
  'competences',
  'languages',
  'driversLicences',
  'experience.title',
  'experience.description',
  'educations',
  'cvText',
] as const;

export const evidenceItem = z.object({
  /** The order's phrase, as listed in `matched`. */
  phrase: z.string(),
  /** The taxonomy concept the candidate holds that met it (the phrase's own or a narrower one); null for words. */
  concept: z.string().nullable(),
  conceptLabel: z.string().nullable(),
  /** The candidate's words, as written. */
  foundAs: z.string(),
  field: z.enum(EVIDENCE_FIELDS),
});

export const shortlistEntry = z.object({
  rank: z.number().int().min(1),
  candidateId: z.string(),
  externalId: z.string(),
  jobcenter: z.string(),
  score: z.number().min(0).max(1),
  breakdown,
  matched: z.array(z.string()),
  missing: z.array(z.string()),
  distanceKm: z.number().min(0),
  unemployedMonths: z.number().int().min(0),
  eligibility: eligibilityVerdict,
  /** 1 = fits every must-have, 2 = fits partly, 3 = weak fit. Kept for clients that read it; see fitTier. */
  fitBand: z.number().int().min(1).max(3),
  /**
   * The fit-first tier: 1 every must-have, a nice-to-have (when the order has any) and a home inside the inner
   * radius; 2 every must-have; 3 more than half of them; 4 the rest. Fit-first ranks by tier, then longest ledighed.
   * Absent on lists made before tiers existed.
   */
  fitTier: z.number().int().min(1).max(4).optional(),
  /** Where each `matched` phrase was found in the candidate's own words; absent on lists made before evidence. */
  evidence: z.array(evidenceItem).optional(),
  /** A plain-Danish sentence a konsulent can read aloud to the company. */
  explanation: z.string(),
});
export type ShortlistEntry = z.infer<typeof shortlistEntry>;

export const nearMiss = z.object({
  candidateId: z.string(),
  externalId: z.string(),
  jobcenter: z.string(),
  reasons: z.array(z.string()).min(1),
});
export type NearMiss = z.infer<typeof nearMiss>;

export const SHORTLIST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const shortlist = z.object({
  id: z.string(),
  jobOrderId: z.string(),
  status: z.enum(SHORTLIST_STATUSES),
  scope: shortlistScope,
  size: z.number().int(),
  strategy: rankingStrategy,
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  candidatesConsidered: z.number().int().min(0),
  entries: z.array(shortlistEntry),
  nearMisses: z.array(nearMiss),
  error: z.string().optional(),
  /** Which scope produced the entries ('own' or 'pool' for an 'auto' list); set once the list is done. */
  effectiveScope: shortlistScope.exclude(['auto']).optional(),
  /** True when an 'auto' list had to reach into the pool. */
  widened: z.boolean().optional(),
});
export type Shortlist = z.infer<typeof shortlist>;
