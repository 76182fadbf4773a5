import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type EDUCATION_LEVELS, educationLevel } from '../domain/candidate.ts';

/**
 * Occupations common in Danish vikar and jobrotation work, for synthetic data only: data/occupations.json, read
 * and checked once when the generator first needs it. Why the spelling variants matter and what the template
 * placeholders mean is written at the top of that file.
 */
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export interface Occupation {
  id: string;
  /** Title variants as people write them, most common first. */
  titles: readonly string[];
  /** Relative share among ledige (candidates). */
  supply: number;
  /** Relative share among vikariater (job orders); jobrotation skews to care, service and production. */
  demand: number;
  /** Competence concepts, most central first; each lists spelling variants, most common first. */
  competences: readonly (readonly string[])[];
  /** The typical education, and how many in the occupation have it (authorised professions: nearly all). */
  education: { title: string; level: EducationLevel; share: number };
  /** Kørekort beyond B that people in the occupation hold, with the share holding each. */
  licences: readonly (readonly [licence: string, share: number])[];
  /** Kørekort a job order in this occupation may require, with how often it does. */
  jobLicences: readonly (readonly [licence: string, share: number])[];
  /** Words for made-up company names: '<Town> <trade> A/S'. */
  trades: readonly string[];
  /** Share of job orders whose employer is the kommune itself (care, schools, cleaning of public buildings). */
  publicShare: number;
  /** Experience descriptions. */
  experience: readonly string[];
  /** CV sentences in the first person. */
  cv: readonly string[];
  /** Job order task descriptions. */
  tasks: readonly string[];
}

const share = z.number().min(0).max(1);
const weight = z.number().nonnegative();
const texts = z.array(z.string().min(1)).min(1);
const licenceShares = z.array(z.tuple([z.string().min(1), share]));

const occupation = z.strictObject({
  id: z.string().min(1),
  titles: texts,
  supply: weight,
  demand: weight,
  // At most 31: the generator keeps a set of picked concepts in the bits of one number.
  competences: z.array(texts).min(2).max(31),
  education: z.strictObject({ title: z.string().min(1), level: educationLevel, share }),
  licences: licenceShares,
  jobLicences: licenceShares,
  trades: texts,
  publicShare: share,
  experience: texts,
  cv: texts,
  tasks: texts,
});

const file = z.object({
  occupations: z.array(occupation).min(1),
  generalCompetences: z.array(texts).min(1),
  generalEducations: z.array(z.tuple([z.string().min(1), educationLevel, weight])).min(1),
});

function load() {
  const parsed = file.safeParse(
    JSON.parse(readFileSync(new URL('./data/occupations.json', import.meta.url), 'utf8')),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`occupations.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

const data = load();

export const OCCUPATIONS: readonly Occupation[] = data.occupations;

/** Competences that show up across occupations, so no occupation owns them. */
export const GENERAL_COMPETENCES: readonly (readonly string[])[] = data.generalCompetences;

/** Educations people list besides the one their occupation needs, with how often. */
export const GENERAL_EDUCATIONS: readonly (readonly [
  title: string,
  level: EducationLevel,
  weight: number,
])[] = data.generalEducations;
