import type { EligibilityCandidate, RuleSet } from './eligibility.ts';
import type { Radius } from './geo.ts';
import { analyse, phraseQuery } from './text/analyse.ts';
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

/** A competence phrase compiled against the vocabulary: OR over alternatives, each an AND of slots of ids. */
export interface CompiledPhrase {
  label: string;
  alternatives: Uint32Array[][];
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
  /** Per-candidate scratch: the candidate's weight for each query term (0 = absent). Reset after each candidate. */
  hits: Uint8Array;
  /** Per-candidate scratch: which `hits` slots are set, so clearing costs only what was set. */
  touched: Int32Array;
  /** Per-candidate scratch: each must-have, then each nice-to-have, rated 0 (absent), 1 (prose) or 2 (listed). */
  phraseStrengths: Uint8Array;
}

export function compilePhrase(phrase: string, vocabulary: Vocabulary): CompiledPhrase {
  const q = phraseQuery(phrase);
  const alternatives: Uint32Array[][] = [];
  for (const alternative of q.alternatives) {
    const slots = alternative.map((term) => vocabulary.typoNeighbours(term));
    // A slot no candidate can fill makes the whole alternative unmatchable: drop it rather than test it each time.
    if (slots.length > 0 && slots.every((s) => s.length > 0)) alternatives.push(slots);
  }
  return { label: q.label, alternatives };
}

export function prepareQuery(
  order: ScoringOrder,
  ruleSet: RuleSet,
  vocabulary: Vocabulary,
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
  const mustHave = order.mustHave.map((p) => compilePhrase(p, vocabulary));
  const niceToHave = order.niceToHave.map((p) => compilePhrase(p, vocabulary));
  const termSlots = new Int32Array(vocabulary.size).fill(-1);
  let slotCount = 0;
  const assign = (id: number) => {
    if (termSlots[id] === -1) termSlots[id] = slotCount++;
  };
  // Phrase terms first, so `slot < phraseSlots` says a hit can match a competence at all.
  for (const phrase of [...mustHave, ...niceToHave]) {
    for (const alternative of phrase.alternatives) for (const slot of alternative) slot.forEach(assign);
  }
  const phraseSlots = slotCount;
  textTerms.forEach(assign);
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
    hits: new Uint8Array(slotCount),
    touched: new Int32Array(slotCount),
    phraseStrengths: new Uint8Array(mustHave.length + niceToHave.length),
  };
}
