import type { Benefit } from './eligibility.ts';
import { buildTermProfile, type ProfileSource, profileFromTerms } from './profile.ts';
import type { CandidateFacts } from './query.ts';
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
 * Where the candidate is and what their situation allows: the non-text facts, shared by the stored search facts
 * (indexer) and the in-memory scoring input so both copy exactly the same whitelist.
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
  };
}

export function toCandidateFacts(c: ScorableCandidate, vocabulary: Vocabulary): CandidateFacts {
  const profile = buildTermProfile(
    {
      competences: c.competences,
      educations: c.educations,
      experience: c.experience,
      languages: c.languages,
      driversLicences: c.driversLicences,
      cvText: c.cvText,
    },
    vocabulary,
  );
  return {
    id: c.id,
    externalId: c.externalId,
    jobcenter: c.jobcenter,
    ...situationFacts(c),
    terms: profile.terms,
    tf: profile.tf,
    termStart: 0,
    termEnd: profile.terms.length,
    norm: profile.norm,
  };
}

export type SituationFacts = ReturnType<typeof situationFacts>;

/**
 * Scoring facts from facts stored at ingest (situation + analysed weighted terms), the terms interned into and
 * counted by `vocabulary`. Copies the whitelist field by field: stored records carry more (consent flags, ...).
 */
export function factsFromStored(
  ids: Pick<CandidateFacts, 'id' | 'externalId' | 'jobcenter'>,
  f: SituationFacts,
  terms: ReadonlyArray<readonly [string, number]>,
  vocabulary: Vocabulary,
): CandidateFacts {
  const profile = profileFromTerms(terms, vocabulary);
  vocabulary.addDocument(profile.terms);
  return {
    id: ids.id,
    externalId: ids.externalId,
    jobcenter: ids.jobcenter,
    lat: f.lat,
    lon: f.lon,
    unemployedSince: f.unemployedSince,
    benefit: f.benefit,
    weeklyHours: f.weeklyHours,
    availableFrom: f.availableFrom,
    unavailable: f.unavailable,
    activeSchemes: f.activeSchemes,
    driversLicences: f.driversLicences,
    maxDistanceKm: f.maxDistanceKm,
    terms: profile.terms,
    tf: profile.tf,
    termStart: 0,
    termEnd: profile.terms.length,
    norm: profile.norm,
  };
}
