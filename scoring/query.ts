import { understandPhrase } from './concepts/phrase.ts';
import type { PhraseUnderstanding } from './concepts/types.ts';
import type { EligibilityCandidate, RuleSet } from './eligibility.ts';
import type { Radius } from './geo.ts';
import type { Taxonomy } from './taxonomy/taxonomy.ts';
import { analyse, CONCEPT_PREFIX, compoundPartStems, pairTerm } from './text/analyse.ts';
import type { Vocabulary } from './vocabulary.ts';

export type RankingStrategy = 'fit-first' | 'weighted';

/** What scoring reads of a job order. Nothing about the company beyond place, hours, period and competences. */
export interface ScoringOrder {
  title: string;
  tasks?: string | undefined;
  mustHave: readonly string[];
  niceToHave: readonly string[];
  weeklyHours: number;
  period: { from: string; to: string };
  location: { lat: number; lon: number };
  radiusKm: Radius;
  jobrotation: boolean;
  driversLicence?: string | undefined;
  rankingStrategy: RankingStrategy;
}

/**
 * Where a candidate is and what their situation allows: the non-text facts scoring reads, stored at ingest and
 * carried by every index. No name, CPR, contact details, age, gender or health: they are not here.
 */
export interface SituationFacts extends EligibilityCandidate {
  lat: number;
  lon: number;
  driversLicences: readonly string[];
  maxDistanceKm: number | null;
}

/** What scoring reads of a candidate: who it is (ids only), its situation and its analysed terms. */
export interface CandidateFacts extends SituationFacts {
  id: string;
  externalId: string;
  jobcenter: string;
  /** Sorted distinct term ids; this candidate's are terms[termStart, termEnd) so an index can pool them. */
  terms: Uint32Array;
  tf: Uint8Array;
  termStart: number;
  termEnd: number;
  norm: number;
}

/**
 * A competence phrase compiled against the vocabulary: OR over alternatives, each an AND of slots of ids. A concept
 * is one slot holding the concept and every narrower one; a phrase without a concept is matched on adjacency pairs,
 * so its words count only where they stand together in one field.
 */
export interface CompiledPhrase {
  label: string;
  understanding: PhraseUnderstanding;
  alternatives: Uint32Array[][];
  /** Concept terms of concepts related to the phrase's: partial credit, never the phrase itself. */
  related: Uint32Array;
}

export interface OrderQuery {
  order: ScoringOrder;
  strategy: RankingStrategy;
  ruleSet: RuleSet;
  mustHave: CompiledPhrase[];
  niceToHave: CompiledPhrase[];
  /** The order's text (title, tasks, competences) as idf-weighted term ids, for text similarity. */
  textTerms: Uint32Array;
  textWeights: Float64Array;
  textNorm: number;
  /**
   * Term id -> slot in `hits`, or -1 for a term the order never asks about. Matching walks a candidate's terms once
   * through this table instead of binary-searching the candidate for every alternative of every phrase.
   */
  termSlots: Int32Array;
  /** Slots below this belong to must-have or nice-to-have phrases; the rest only to the order's text. */
  phraseSlots: number;
  /**
   * Every term id with a slot: a candidate holding none of them cannot be relevant, so an index with postings
   * needs to read only the candidates listed under these.
   */
  queryTerms: Uint32Array;
  /** Per-candidate scratch: the candidate's weight for each query term (0 = absent). Reset after each candidate. */
  hits: Uint8Array;
  /** Per-candidate scratch: which `hits` slots are set, so clearing costs only what was set. */
  touched: Int32Array;
  /**
   * Per-candidate scratch: each must-have, then each nice-to-have, rated 0 (absent), 1 (prose), 2 (listed), or
   * RELATED (only a related concept: partial credit, not a match).
   */
  phraseStrengths: Uint8Array;
  taxonomy: Taxonomy;
}

/** A phrase rating meaning "only a related concept": see CompiledPhrase.related. */
export const RELATED = 3;

const ids = (vocabulary: Vocabulary, terms: Iterable<string>): Uint32Array => {
  const found = new Set<number>();
  for (const term of terms) {
    const id = vocabulary.lookup(term);
    if (id !== undefined) found.add(id);
  }
  return Uint32Array.from([...found].sort((a, b) => a - b));
};

/** Every known pair term of two words, each allowing its typo neighbours. */
function pairSlot(a: string, b: string, vocabulary: Vocabulary): Uint32Array {
  const terms: string[] = [];
  for (const x of vocabulary.typoNeighbours(a)) {
    for (const y of vocabulary.typoNeighbours(b))
      terms.push(pairTerm(vocabulary.term(x), vocabulary.term(y)));
  }
  return ids(vocabulary, terms);
}

/** The alternatives of a phrase no concept covers: its words standing together, never scattered over the CV. */
function wordAlternatives(phrase: string, words: readonly string[], vocabulary: Vocabulary): Uint32Array[][] {
  if (words.length === 0) return [];
  if (words.length === 1) {
    const word = words[0]!;
    const alternatives = [[vocabulary.typoNeighbours(word)]];
    // A compound also matches where its parts are written apart ('tag-arbejde', 'tag arbejde').
    const parts = compoundPartStems(phrase, word);
    if (parts.length > 1) alternatives.push(parts.slice(1).map((p, i) => pairSlot(parts[i]!, p, vocabulary)));
    return alternatives;
  }
  return [words.slice(1).map((w, i) => pairSlot(words[i]!, w, vocabulary))];
}

/**
 * The concepts that count as related to a phrase's concepts, for partial credit: each related concept and anything
 * narrower than it, in taxonomy order.
 */
export function relatedConcepts(concepts: readonly string[], taxonomy: Taxonomy): string[] {
  const related = new Set<string>();
  for (const concept of concepts) {
    for (const r of taxonomy.relatedTo(concept)) for (const c of taxonomy.selfAndNarrower(r)) related.add(c);
  }
  return [...related];
}

export function compilePhrase(phrase: string, vocabulary: Vocabulary, taxonomy: Taxonomy): CompiledPhrase {
  const understanding = understandPhrase(phrase, taxonomy);
  const label = phrase.trim();
  let alternatives: Uint32Array[][];
  let related: string[] = [];
  if (understanding.concepts.length > 0) {
    const slots = understanding.concepts.map((concept) =>
      ids(
        vocabulary,
        taxonomy.selfAndNarrower(concept).map((c) => CONCEPT_PREFIX + c),
      ),
    );
    for (const word of understanding.words) slots.push(vocabulary.typoNeighbours(word));
    alternatives = [slots];
    related = relatedConcepts(understanding.concepts, taxonomy).map((c) => CONCEPT_PREFIX + c);
  } else {
    alternatives = wordAlternatives(phrase, understanding.words, vocabulary);
  }
  // A slot no candidate can fill makes the whole alternative unmatchable: drop it rather than test it each time.
  alternatives = alternatives.filter((slots) => slots.length > 0 && slots.every((s) => s.length > 0));
  return { label, understanding, alternatives, related: ids(vocabulary, related) };
}

export function prepareQuery(
  order: ScoringOrder,
  ruleSet: RuleSet,
  vocabulary: Vocabulary,
  taxonomy: Taxonomy,
  strategy: RankingStrategy = order.rankingStrategy,
): OrderQuery {
  const text = [order.title, order.tasks ?? '', ...order.mustHave, ...order.niceToHave].join('\n');
  const weights = new Map<number, number>();
  for (const term of analyse(text)) {
    const id = vocabulary.lookup(term);
    if (id !== undefined) weights.set(id, vocabulary.idf(id));
  }
  const textTerms = Uint32Array.from([...weights.keys()].sort((a, b) => a - b));
  const textWeights = Float64Array.from(textTerms, (id) => weights.get(id)!);
  const textNorm = Math.sqrt(textWeights.reduce((sum, w) => sum + w * w, 0));
  const mustHave = order.mustHave.map((p) => compilePhrase(p, vocabulary, taxonomy));
  const niceToHave = order.niceToHave.map((p) => compilePhrase(p, vocabulary, taxonomy));
  const termSlots = new Int32Array(vocabulary.size).fill(-1);
  let slotCount = 0;
  const assign = (id: number) => {
    if (termSlots[id] === -1) termSlots[id] = slotCount++;
  };
  // Phrase terms first, so `slot < phraseSlots` says a hit can match a competence at all.
  for (const phrase of [...mustHave, ...niceToHave]) {
    for (const alternative of phrase.alternatives) for (const slot of alternative) slot.forEach(assign);
    phrase.related.forEach(assign);
  }
  const phraseSlots = slotCount;
  textTerms.forEach(assign);
  const queryTerms: number[] = [];
  termSlots.forEach((slot, id) => {
    if (slot >= 0) queryTerms.push(id);
  });
  return {
    order,
    strategy,
    ruleSet,
    mustHave,
    niceToHave,
    textTerms,
    textWeights,
    textNorm,
    termSlots,
    phraseSlots,
    queryTerms: Uint32Array.from(queryTerms),
    hits: new Uint8Array(slotCount),
    touched: new Int32Array(slotCount),
    phraseStrengths: new Uint8Array(mustHave.length + niceToHave.length),
    taxonomy,
  };
}
