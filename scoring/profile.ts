import type { CandidateConcept } from './concepts/types.ts';
import { adjacentPairs, analyse, CONCEPT_PREFIX, PAIR_SEPARATOR } from './text/analyse.ts';
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

/** Whether a term is a plain word (stem or compound part), the only kind text similarity compares. */
export function isWordTerm(term: string): boolean {
  return !term.startsWith(CONCEPT_PREFIX) && !term.includes(PAIR_SEPARATOR);
}

/**
 * The analysed terms of a candidate with their summed field weights: word stems and compound parts, adjacency pairs
 * (words that stand together in one field) and, given `concepts`, one CONCEPT_PREFIX term per concept held. Strings,
 * not ids: this is what the Store keeps, so any index (or a restarted process) can intern them without analysing the
 * CV again. Every text loses the person's name, contact lines, age, gender and health words first (`person` says
 * whose name), so none of them can become a term.
 */
export function weightedTerms(
  source: ProfileSource,
  person?: PersonFacts,
  concepts: readonly CandidateConcept[] = [],
): Array<[string, number]> {
  const withoutProtected = protectedFactsRemover(person);
  const weights = new Map<string, number>();
  const addTerm = (term: string, weight: number) => weights.set(term, (weights.get(term) ?? 0) + weight);
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    const clean = withoutProtected(text);
    for (const term of analyse(clean)) addTerm(term, weight);
    for (const pair of adjacentPairs(clean)) addTerm(pair, weight);
  };
  // Prose counts once per term however often it repeats a word: saying 'lager' five times is not five competences.
  const prose = new Set<string>();
  const addProse = (text: string | undefined) => {
    if (!text) return;
    const clean = withoutProtected(text);
    for (const term of analyse(clean)) prose.add(term);
    for (const pair of adjacentPairs(clean)) prose.add(pair);
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
  for (const term of prose) addTerm(term, FIELD_WEIGHT.prose);
  for (const c of concepts) addTerm(CONCEPT_PREFIX + c.concept, c.weight);
  return [...weights];
}

/** Interns weighted terms into a profile: sorted ids, weights capped at 255, and the vector length. */
export function profileFromTerms(
  terms: ReadonlyArray<readonly [string, number]>,
  vocabulary: Vocabulary,
): TermProfile {
  const pairs = terms.map(([term, weight]) => [vocabulary.intern(term), weight, isWordTerm(term)] as const);
  pairs.sort((a, b) => a[0] - b[0]);
  // The cosine compares words only: pairs and concepts are matched exactly, and would only dilute it.
  const wordTerm = pairs.map((p) => p[2]);
  const ids = new Uint32Array(pairs.length);
  const tf = new Uint8Array(pairs.length);
  let sumSquares = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [id, weight] = pairs[i]!;
    ids[i] = id;
    tf[i] = Math.min(255, Math.max(1, Math.round(weight)));
    if (wordTerm[i]) sumSquares += Math.log1p(tf[i]!) ** 2;
  }
  return { terms: ids, tf, norm: Math.sqrt(sumSquares) };
}
