import { z } from 'zod';
import { BENEFITS, EDUCATION_LEVELS, UNAVAILABLE_REASONS } from '../domain/candidate.ts';
import { jobcenterId } from '../domain/common.ts';
import { RANKING_STRATEGIES } from '../domain/job-order.ts';
import { ROLES } from '../ports/access.ts';

/**
 * Response shapes. The request schemas are the domain's (src/domain); responses need plain schemas because
 * the zod serializer encodes through them (a transform cannot run backwards), and because a response schema is
 * also a filter: a field not listed here, like `cpr`, never leaves the service.
 */

const point = z.object({ lat: z.number(), lon: z.number() });
const draftable = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const id = z.uuid().meta({ description: 'Store id (uuid)' });
export const idParams = z.object({ id });

export const writeStatus = z.enum(['created', 'updated', 'unchanged']);

const candidateBase = {
  id: z.uuid(),
  externalId: z.string(),
  jobcenter: z.string(),
  name: draftable(z.string()),
  email: z.string().optional(),
  phone: z.string().optional(),
  postalCode: z.string().optional(),
  location: draftable(point),
  locationSource: draftable(z.enum(['location', 'postalCode'])),
  unemployedSince: draftable(z.string()),
  benefit: draftable(z.enum(BENEFITS)),
  weeklyHours: z.number().optional(),
  availableFrom: z.string().optional(),
  unavailable: z.array(
    z.object({ from: z.string(), to: z.string(), reason: z.enum(UNAVAILABLE_REASONS).optional() }),
  ),
  competences: z.array(z.string()),
  educations: z.array(z.object({ title: z.string(), level: z.enum(EDUCATION_LEVELS).optional() })),
  experience: z.array(
    z.object({
      title: z.string(),
      from: z.string().optional(),
      to: z.string().optional(),
      description: z.string().optional(),
    }),
  ),
  languages: z.array(z.string()),
  driversLicences: z.array(z.string()),
  activeSchemes: z.array(z.string()),
  consent: z.object({
    searchable: z.boolean(),
    shareWithPool: z.boolean(),
    contactByCompany: z.boolean().optional(),
  }),
  wishes: z
    .object({ maxDistanceKm: z.number().optional(), jobTitles: z.array(z.string()).optional() })
    .optional(),
  incomplete: z
    .array(z.string())
    .meta({ description: 'Required fields still missing; never shortlisted until filled' }),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A candidate as the API returns it: never the CPR. */
export const candidateView = z
  .object({ ...candidateBase, cvText: z.string().optional() })
  .meta({ id: 'Candidate' });
/** List items leave out the CV text, which can be long. */
export const candidateListItem = z.object(candidateBase).meta({ id: 'CandidateListItem' });
export const candidateWriteView = candidateView.extend({ status: writeStatus });

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
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'JobOrder' });
export const jobOrderWriteView = jobOrderView.extend({ status: writeStatus });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z
      .string()
      .nullable()
      .meta({ description: 'Cursor for the next page (pass as `after`); null at the end' }),
  });

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .meta({ description: 'true or false' });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: z.string().min(1).max(200).optional(),
};

export const candidateListQuery = z.object({
  jobcenter: jobcenterId.optional(),
  searchable: flag.optional(),
  incomplete: flag.optional(),
  benefit: z.enum(BENEFITS).optional(),
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'externalId or name contains this' }),
  ...pageQuery,
});

export const jobOrderListQuery = z.object({
  jobcenter: jobcenterId.optional(),
  ...pageQuery,
});

export const bulkLine = z.object({
  line: z.number().int(),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  id: z.string().optional(),
  externalId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const bulkReport = z
  .object({
    runId: z.string(),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    lines: z.array(bulkLine),
  })
  .meta({ id: 'BulkReport' });

export const jobcenterView = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'Jobcenter' });

export const tokenView = z
  .object({
    id: z.string(),
    role: z.enum(ROLES),
    jobcenter: z.string().nullable(),
    jobOrderId: z.string().nullable(),
    label: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const createdTokenView = tokenView.extend({
  token: z.string().meta({ description: 'The clear token: shown once, store it now' }),
});
