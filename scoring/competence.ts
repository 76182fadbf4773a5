import { STRONG_WEIGHT } from './profile.ts';
import type { CandidateFacts, CompiledPhrase, OrderQuery } from './query.ts';

/** How a competence phrase was found: in the competence/title/education fields, or only in the CV's prose. */
export type MatchStrength = 'strong' | 'weak' | 'none';

/** A competence only mentioned in prose counts for less than one the candidate lists. */
export const WEAK_MATCH_CREDIT = 0.75;

export const COMPETENCE_WEIGHTS = { mustHave: 0.55, niceToHave: 0.2, text: 0.25 } as const;

/** Cosine similarities of a short order text to a whole CV are small; this maps a good one (0.4) near 1. */
const TEXT_SCALE = 2.5;

export interface CompetenceFit {
  score: number;
  mustCoverage: number;
  niceCoverage: number;
  text: number;
  matched: string[];
  missing: string[];
  /** Must-haves matched (strong or weak) out of all must-haves. */
  mustMatched: number;
  niceMatched: number;
}

/** The candidate's weight for a query term, from the hits table filled by `collectHits`. */
function weightOf(q: OrderQuery, id: number): number {
  const slot = q.termSlots[id];
  return slot === undefined || slot < 0 ? 0 : q.hits[slot]!;
}

function slotStrength(q: OrderQuery, slot: Uint32Array): number {
  let best = 0;
  for (let i = 0; i < slot.length; i++) {
    const w = weightOf(q, slot[i]!);
    if (w >= STRONG_WEIGHT) return 2;
    if (w > 0) best = 1;
  }
  return best;
}

function phraseStrength(q: OrderQuery, phrase: CompiledPhrase): MatchStrength {
  let best = 0;
  for (const alternative of phrase.alternatives) {
    // An alternative is as strong as its weakest slot.
    let weakest = 2;
    for (const slot of alternative) {
      weakest = Math.min(weakest, slotStrength(q, slot));
      if (weakest === 0) break;
    }
    if (weakest > best) best = weakest;
    if (best === 2) break;
  }
  return best === 2 ? 'strong' : best === 1 ? 'weak' : 'none';
}

/**
 * One pass over the candidate's terms marks the ones the order asks about; returns how many. The candidate's
 * terms are the longer list (a whole CV), so one table lookup each beats a binary search per query term.
 */
function collectHits(c: CandidateFacts, q: OrderQuery, touched: number[]): number {
  const { termSlots, hits } = q;
  for (let i = c.termStart; i < c.termEnd; i++) {
    const slot = termSlots[c.terms[i]!];
    if (slot === undefined || slot < 0) continue;
    hits[slot] = c.tf[i]!;
    touched.push(slot);
  }
  return touched.length;
}

function clearHits(q: OrderQuery, touched: number[]) {
  for (let i = 0; i < touched.length; i++) q.hits[touched[i]!] = 0;
}

/** Runs `fn` with the order's hits table filled for this candidate, and leaves it clean for the next one. */
function withHits<T>(c: CandidateFacts, q: OrderQuery, fn: (anyHit: boolean) => T): T {
  const touched: number[] = [];
  try {
    return fn(collectHits(c, q, touched) > 0);
  } finally {
    clearHits(q, touched);
  }
}

/** Cosine between the order's idf-weighted terms and the candidate's log-scaled term frequencies, scaled to [0,1]. */
function textSimilarityOfHits(c: CandidateFacts, q: OrderQuery): number {
  if (q.textNorm === 0 || c.norm === 0) return 0;
  let dot = 0;
  for (let i = 0; i < q.textTerms.length; i++) {
    const w = weightOf(q, q.textTerms[i]!);
    if (w > 0) dot += q.textWeights[i]! * Math.log1p(w);
  }
  return Math.min(1, (TEXT_SCALE * dot) / (q.textNorm * c.norm));
}

function coverage(
  q: OrderQuery,
  phrases: CompiledPhrase[],
  anyHit: boolean,
  matched: string[],
  missing: string[],
) {
  let credit = 0;
  let count = 0;
  for (const phrase of phrases) {
    const strength = anyHit ? phraseStrength(q, phrase) : 'none';
    if (strength === 'none') {
      missing.push(phrase.label);
      continue;
    }
    count++;
    credit += strength === 'strong' ? 1 : WEAK_MATCH_CREDIT;
    matched.push(phrase.label);
  }
  return { credit: phrases.length === 0 ? 0 : credit / phrases.length, count };
}

/**
 * Competence fit: must-have coverage, nice-to-have coverage and text similarity, weighted; a part the order does
 * not use (no nice-to-haves, say) drops out and the others are re-weighted, so scores stay comparable across orders.
 */
export function competenceFit(c: CandidateFacts, q: OrderQuery): CompetenceFit {
  return withHits(c, q, (anyHit) => fitOfHits(c, q, anyHit));
}

function fitOfHits(c: CandidateFacts, q: OrderQuery, anyHit: boolean): CompetenceFit {
  const matched: string[] = [];
  const missing: string[] = [];
  const must = coverage(q, q.mustHave, anyHit, matched, missing);
  const nice = coverage(q, q.niceToHave, anyHit, matched, missing);
  const text = anyHit ? textSimilarityOfHits(c, q) : 0;

  let weighted = COMPETENCE_WEIGHTS.text * text;
  let total = COMPETENCE_WEIGHTS.text;
  if (q.mustHave.length > 0) {
    weighted += COMPETENCE_WEIGHTS.mustHave * must.credit;
    total += COMPETENCE_WEIGHTS.mustHave;
  }
  if (q.niceToHave.length > 0) {
    weighted += COMPETENCE_WEIGHTS.niceToHave * nice.credit;
    total += COMPETENCE_WEIGHTS.niceToHave;
  }
  return {
    score: weighted / total,
    mustCoverage: must.credit,
    niceCoverage: nice.credit,
    text,
    matched,
    missing,
    mustMatched: must.count,
    niceMatched: nice.count,
  };
}
