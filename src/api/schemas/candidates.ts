import { z } from 'zod';
import { BENEFITS, EDUCATION_LEVELS, UNAVAILABLE_REASONS } from '../../domain/candidate.ts';
import { isoDate, jobcenterId } from '../../domain/common.ts';
import { draftable, fieldError, flag, pageQuery, point, writeStatus } from './common.ts';

export const education = z.object({ title: z.string(), level: z.enum(EDUCATION_LEVELS).optional() });
export const experience = z.object({
  title: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  description: z.string().optional(),
});

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
  educations: z.array(education),
  experience: z.array(experience),
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

export const candidateListQuery = z
  .object({
    jobcenter: jobcenterId.optional(),
    searchable: flag.optional(),
    incomplete: flag.optional(),
    benefit: z.enum(BENEFITS).optional(),
    q: z.string().trim().min(1).max(200).optional().meta({ description: 'externalId or name contains this' }),
    ledigSinceFrom: isoDate
      .optional()
      .meta({ description: 'Ledig since this day or later (YYYY-MM-DD, inclusive)' }),
    ledigSinceTo: isoDate
      .optional()
      .meta({ description: 'Ledig since this day or earlier (YYYY-MM-DD, inclusive)' }),
    ...pageQuery,
  })
  .refine((q) => !q.ledigSinceFrom || !q.ledigSinceTo || q.ledigSinceFrom <= q.ledigSinceTo, {
    message: 'must not be before ledigSinceFrom',
    path: ['ledigSinceTo'],
  });

export const bulkLine = z.object({
  line: z.number().int(),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  id: z.string().optional(),
  externalId: z.string().optional(),
  errors: z.array(fieldError).optional(),
});

export const bulkReport = z
  .object({
    runId: z.string(),
    status: z.enum(['running', 'finished', 'interrupted']),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    lines: z.array(bulkLine).meta({
      description: 'The first 100 stored and the first 100 rejected lines, in line order',
    }),
    truncated: z.boolean().meta({ description: 'Lines were left out of `lines`: they are counted above' }),
    rejectionsUrl: z.string().meta({ description: "Every rejected line, paged: the import run's report" }),
  })
  .meta({ id: 'BulkReport' });

export const documentUploadQuery = z.object({
  filename: z.string().trim().min(1).max(255).meta({
    description:
      'The file name as the user had it (e.g. mette-hansen.pdf): the default externalId, and a clue to the name',
  }),
  jobcenter: jobcenterId
    .optional()
    .meta({ description: "The candidate's jobcenter: a konsulent's own by default; an admin must give it" }),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Overrides the externalId taken from the file name' }),
});
