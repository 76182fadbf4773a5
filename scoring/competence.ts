import { findTerm, STRONG_WEIGHT } from './profile.ts';
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

function slotStrength(c: CandidateFacts, slot: Uint32Array): number {
  let best = 0;
  for (let i = 0; i < slot.length; i++) {
    const at = findTerm(c.terms, c.termStart, c.termEnd, slot[i]!);
    if (at >= 0) {
      const w = c.tf[at]!;
      if (w >= STRONG_WEIGHT) return 2;
      best = 1;
    }
  }
  return best;
}

export function matchPhrase(c: CandidateFacts, phrase: CompiledPhrase): MatchStrength {
  let best = 0;
  for (const alternative of phrase.alternatives) {
    // An alternative is as strong as its weakest slot.
    let weakest = 2;
    for (const slot of alternative) {
      weakest = Math.min(weakest, slotStrength(c, slot));
      if (weakest === 0) break;
    }
    if (weakest > best) best = weakest;
    if (best === 2) break;
  }
  return best === 2 ? 'strong' : best === 1 ? 'weak' : 'none';
}

/** Cosine between the order's idf-weighted terms and the candidate's log-scaled term frequencies, scaled to [0,1]. */
export function textSimilarity(c: CandidateFacts, q: OrderQuery): number {
  if (q.textNorm === 0 || c.norm === 0) return 0;
  let dot = 0;
  for (let i = 0; i < q.textTerms.length; i++) {
    const at = findTerm(c.terms, c.termStart, c.termEnd, q.textTerms[i]!);
    if (at >= 0) dot += q.textWeights[i]! * Math.log1p(c.tf[at]!);
  }
  return Math.min(1, (TEXT_SCALE * dot) / (q.textNorm * c.norm));
}

function coverage(c: CandidateFacts, phrases: CompiledPhrase[], matched: string[], missing: string[] | null) {
  let credit = 0;
  let count = 0;
  for (const phrase of phrases) {
    const strength = matchPhrase(c, phrase);
    if (strength === 'none') {
      missing?.push(phrase.label);
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
  const matched: string[] = [];
  const missing: string[] = [];
  const must = coverage(c, q.mustHave, matched, missing);
  const nice = coverage(c, q.niceToHave, matched, missing);
  const text = textSimilarity(c, q);

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
