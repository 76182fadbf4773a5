import { analyse } from './text/analyse.ts';
import { type PersonFacts, protectedFactsRemover } from './text/protected.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * A candidate's text, pre-normalised once at ingest: sorted distinct term ids with a weighted frequency each.
 * Shortlists then match by binary search and never re-parse a CV.
 */
export interface TermProfile {
  terms: Uint32Array;
  /** Weighted frequency per term (same index as `terms`), capped at 255. */
  tf: Uint8Array;
  /** Euclidean length of the log-scaled frequencies: the document side of the cosine. */
  norm: number;
}

/** Where a competence is stated says how much it counts: a listed competence outweighs a mention in prose. */
export const FIELD_WEIGHT = { competence: 3, title: 3, education: 2, prose: 1 } as const;

/** A term with at least this weight was stated as a competence, title or education, not only in prose. */
export const STRONG_WEIGHT = FIELD_WEIGHT.education;

export interface ProfileSource {
  competences?: readonly string[];
  educations?: ReadonlyArray<{ title: string }>;
  experience?: ReadonlyArray<{ title: string; description?: string | undefined }>;
  languages?: readonly string[];
  driversLicences?: readonly string[];
  cvText?: string | undefined;
}

/**
 * The analysed terms of a candidate with their summed field weights. Strings, not ids: this is what the Store
 * keeps, so any index (or a restarted process) can intern them without analysing the CV again. Every text loses
 * the person's name, contact lines, age, gender and health words first (`person` says whose name), so none of
 * them can become a term.
 */
export function weightedTerms(source: ProfileSource, person?: PersonFacts): Array<[string, number]> {
  const withoutProtected = protectedFactsRemover(person);
  const weights = new Map<string, number>();
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    for (const term of analyse(withoutProtected(text))) weights.set(term, (weights.get(term) ?? 0) + weight);
  };
  // Prose counts once per term however often it repeats a word: saying 'lager' five times is not five competences.
  const prose = new Set<string>();
  const addProse = (text: string | undefined) => {
    if (text) for (const term of analyse(withoutProtected(text))) prose.add(term);
  };
  for (const c of source.competences ?? []) add(c, FIELD_WEIGHT.competence);
  for (const l of source.languages ?? []) add(l, FIELD_WEIGHT.competence);
  for (const k of source.driversLicences ?? []) add(`kørekort ${k}`, FIELD_WEIGHT.competence);
  for (const e of source.experience ?? []) {
    add(e.title, FIELD_WEIGHT.title);
    addProse(e.description);
  }
  for (const e of source.educations ?? []) add(e.title, FIELD_WEIGHT.education);
  addProse(source.cvText);
  for (const term of prose) weights.set(term, (weights.get(term) ?? 0) + FIELD_WEIGHT.prose);
  return [...weights];
}

/** Interns weighted terms into a profile: sorted ids, weights capped at 255, and the vector length. */
export function profileFromTerms(
  terms: ReadonlyArray<readonly [string, number]>,
  vocabulary: Vocabulary,
): TermProfile {
  const pairs = terms.map(([term, weight]) => [vocabulary.intern(term), weight] as const);
  pairs.sort((a, b) => a[0] - b[0]);
  const ids = new Uint32Array(pairs.length);
  const tf = new Uint8Array(pairs.length);
  let sumSquares = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [id, weight] = pairs[i]!;
    ids[i] = id;
    tf[i] = Math.min(255, Math.max(1, Math.round(weight)));
    sumSquares += Math.log1p(tf[i]!) ** 2;
  }
  return { terms: ids, tf, norm: Math.sqrt(sumSquares) };
}

export function buildTermProfile(source: ProfileSource, vocabulary: Vocabulary): TermProfile {
  return profileFromTerms(weightedTerms(source), vocabulary);
}
