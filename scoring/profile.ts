import type { CandidateConcept, EvidenceField } from './concepts/types.ts';
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
 * A candidate's texts field by field, listed fields before prose (where a konsulent looks first), each without the
 * person's name, contact details and protected words: a surname like Smed is never evidence of being one. The
 * analysed terms, concept extraction and the evidence of a claim all read these same texts, so ingest cleans them
 * once and hands them to both.
 */
export function cleanFieldTexts(source: ProfileSource, person?: PersonFacts): Array<[EvidenceField, string]> {
  const texts: Array<[EvidenceField, string]> = [];
  for (const c of source.competences ?? []) texts.push(['competences', c]);
  for (const l of source.languages ?? []) texts.push(['languages', l]);
  for (const k of source.driversLicences ?? []) texts.push(['driversLicences', `kørekort ${k}`]);
  for (const e of source.experience ?? []) texts.push(['experience.title', e.title]);
  for (const e of source.educations ?? []) texts.push(['educations', e.title]);
  for (const e of source.experience ?? [])
    if (e.description) texts.push(['experience.description', e.description]);
  if (source.cvText) texts.push(['cvText', source.cvText]);
  const withoutProtected = protectedFactsRemover(person);
  return texts.filter(([, text]) => text).map(([field, text]) => [field, withoutProtected(text)]);
}

const TERM_WEIGHT: Record<EvidenceField, number | 'prose'> = {
  competences: FIELD_WEIGHT.competence,
  languages: FIELD_WEIGHT.competence,
  driversLicences: FIELD_WEIGHT.competence,
  'experience.title': FIELD_WEIGHT.title,
  educations: FIELD_WEIGHT.education,
  'experience.description': 'prose',
  cvText: 'prose',
};

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
  return weightedTermsOfTexts(cleanFieldTexts(source, person), concepts);
}

/** weightedTerms of texts already cleaned by cleanFieldTexts (in its order, which fixes the terms' order). */
export function weightedTermsOfTexts(
  texts: ReadonlyArray<readonly [EvidenceField, string]>,
  concepts: readonly CandidateConcept[] = [],
): Array<[string, number]> {
  const weights = new Map<string, number>();
  const addTerm = (term: string, weight: number) => weights.set(term, (weights.get(term) ?? 0) + weight);
  // Prose counts once per term however often it repeats a word: saying 'lager' five times is not five competences.
  const prose = new Set<string>();
  for (const [field, text] of texts) {
    const weight = TERM_WEIGHT[field];
    if (weight === 'prose') {
      for (const term of analyse(text)) prose.add(term);
      for (const pair of adjacentPairs(text)) prose.add(pair);
    } else {
      for (const term of analyse(text)) addTerm(term, weight);
      for (const pair of adjacentPairs(text)) addTerm(pair, weight);
    }
  }
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
