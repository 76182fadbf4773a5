import { conceptsOfTexts } from './concepts/extract.ts';
import type { Benefit } from './eligibility.ts';
import {
  cleanFieldTexts,
  type ProfileSource,
  profileFromTerms,
  type TermProfile,
  weightedTermsOfTexts,
} from './profile.ts';
import type { CandidateFacts, SituationFacts } from './query.ts';
import type { Taxonomy } from './taxonomy/taxonomy.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * The fields of a candidate record that scoring may use. Deliberately a whitelist: the record's name, CPR,
 * contact details and anything else are never copied into CandidateFacts, so they cannot influence a score.
 */
export interface ScorableCandidate extends ProfileSource {
  id: string;
  externalId: string;
  jobcenter: string;
  location: { lat: number; lon: number };
  unemployedSince: string;
  benefit: Benefit;
  weeklyHours?: number | undefined;
  availableFrom?: string | undefined;
  unavailable?: ReadonlyArray<{ from: string; to: string }>;
  activeSchemes?: readonly string[];
  wishes?: { maxDistanceKm?: number | undefined } | undefined;
}

/**
 * The situation facts of a candidate record, in the stored shape (fresh arrays, absent values as null): shared by
 * the stored search facts (indexer) and the in-memory scoring input so both copy exactly the same whitelist.
 */
export function situationFacts(c: Omit<ScorableCandidate, 'id' | 'externalId' | 'jobcenter'>) {
  return {
    lat: c.location.lat,
    lon: c.location.lon,
    unemployedSince: c.unemployedSince,
    benefit: c.benefit,
    weeklyHours: c.weeklyHours ?? null,
    availableFrom: c.availableFrom ?? null,
    unavailable: (c.unavailable ?? []).map((u) => ({ from: u.from, to: u.to })),
    activeSchemes: [...(c.activeSchemes ?? [])],
    driversLicences: [...(c.driversLicences ?? [])],
    maxDistanceKm: c.wishes?.maxDistanceKm ?? null,
  } satisfies SituationFacts;
}

/** Exactly the situation facts of `from`, which may carry more (consent flags, terms, ...). */
export function pickSituation(from: SituationFacts): SituationFacts {
  return copySituation(from, {} as SituationFacts);
}

/** pickSituation into an object a hot loop reuses for every candidate, so nothing is allocated per candidate. */
export function copySituation<T extends SituationFacts>(from: SituationFacts, into: T): T {
  into.lat = from.lat;
  into.lon = from.lon;
  into.unemployedSince = from.unemployedSince;
  into.benefit = from.benefit;
  into.weeklyHours = from.weeklyHours;
  into.availableFrom = from.availableFrom;
  into.unavailable = from.unavailable;
  into.activeSchemes = from.activeSchemes;
  into.driversLicences = from.driversLicences;
  into.maxDistanceKm = from.maxDistanceKm;
  return into;
}

export function toCandidateFacts(
  c: ScorableCandidate,
  vocabulary: Vocabulary,
  taxonomy: Taxonomy,
): CandidateFacts {
  const source: ProfileSource = {
    competences: c.competences,
    educations: c.educations,
    experience: c.experience,
    languages: c.languages,
    driversLicences: c.driversLicences,
    cvText: c.cvText,
  };
  const texts = cleanFieldTexts(source);
  const profile = profileFromTerms(weightedTermsOfTexts(texts, conceptsOfTexts(texts, taxonomy)), vocabulary);
  return assemble(c, situationFacts(c), profile);
}

const FIELD_SET: Record<keyof SituationFacts, true> = {
  lat: true,
  lon: true,
  unemployedSince: true,
  benefit: true,
  weeklyHours: true,
  availableFrom: true,
  unavailable: true,
  activeSchemes: true,
  driversLicences: true,
  maxDistanceKm: true,
};

/**
 * The situation fact names (the compiler checks the list is complete), for stores that ask for fields by name, such
 * as a search engine's retrieved attributes; a test checks that pickSituation copies each of them.
 */
export const SITUATION_FIELDS = Object.keys(FIELD_SET) as ReadonlyArray<keyof SituationFacts>;

/**
 * Scoring facts from facts stored at ingest (situation + analysed weighted terms), the terms interned into and
 * counted by `vocabulary`.
 */
export function factsFromStored(
  ids: Pick<CandidateFacts, 'id' | 'externalId' | 'jobcenter'>,
  f: SituationFacts,
  terms: ReadonlyArray<readonly [string, number]>,
  vocabulary: Vocabulary,
): CandidateFacts {
  const profile = profileFromTerms(terms, vocabulary);
  vocabulary.addDocument(profile.terms);
  return assemble(ids, pickSituation(f), profile);
}

function assemble(
  ids: Pick<CandidateFacts, 'id' | 'externalId' | 'jobcenter'>,
  situation: SituationFacts,
  profile: TermProfile,
): CandidateFacts {
  return {
    id: ids.id,
    externalId: ids.externalId,
    jobcenter: ids.jobcenter,
    ...situation,
    terms: profile.terms,
    tf: profile.tf,
    termStart: 0,
    termEnd: profile.terms.length,
    norm: profile.norm,
  };
}
