import { STRONG_WEIGHT } from './profile.ts';
import { type CandidateFacts, type CompiledPhrase, type OrderQuery, RELATED } from './query.ts';

/** A competence only mentioned in prose counts for less than one the candidate lists. */
export const WEAK_MATCH_CREDIT = 0.75;

/** A related concept (liftcertifikat for truckcertifikat) earns this much of a phrase: a hint, never a match. */
export const RELATED_CREDIT = 0.25;

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

/**
 * How a phrase was found: 2 in the competence/title/education fields, 1 only in the CV's prose, 0 not at all.
 * OR over the alternatives; an alternative is as strong as its weakest slot.
 */
function phraseStrength(q: OrderQuery, phrase: CompiledPhrase): number {
  let best = 0;
  for (const alternative of phrase.alternatives) {
    let weakest = 2;
    for (const slot of alternative) {
      weakest = Math.min(weakest, slotStrength(q, slot));
      if (weakest === 0) break;
    }
    if (weakest > best) best = weakest;
    if (best === 2) break;
  }
  if (best === 0) {
    for (let i = 0; i < phrase.related.length; i++) if (weightOf(q, phrase.related[i]!) > 0) return RELATED;
  }
  return best;
}

/**
 * One pass over the candidate's terms marks the ones the order asks about; returns how many. The candidate's
 * terms are the longer list (a whole CV), so one table lookup each beats a binary search per query term.
 */
function collectHits(c: CandidateFacts, q: OrderQuery): number {
  const { termSlots, hits, touched } = q;
  let n = 0;
  for (let i = c.termStart; i < c.termEnd; i++) {
    const slot = termSlots[c.terms[i]!];
    if (slot === undefined || slot < 0) continue;
    hits[slot] = c.tf[i]!;
    touched[n++] = slot;
  }
  return n;
}

/** Whether any of the candidate's hits is a competence-phrase term; most hits in a city are common text words. */
function touchesPhrase(q: OrderQuery, n: number): boolean {
  for (let i = 0; i < n; i++) if (q.touched[i]! < q.phraseSlots) return true;
  return false;
}

function clearHits(q: OrderQuery, n: number) {
  for (let i = 0; i < n; i++) q.hits[q.touched[i]!] = 0;
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

/**
 * Rates every must-have and nice-to-have phrase once into `q.phraseStrengths` (must-haves first), where both the
 * coverage and, for a relevant candidate, the matched/missing labels read it.
 */
function ratePhrases(q: OrderQuery, phraseHit: boolean) {
  const { mustHave, niceToHave, phraseStrengths } = q;
  for (let i = 0; i < mustHave.length; i++)
    phraseStrengths[i] = phraseHit ? phraseStrength(q, mustHave[i]!) : 0;
  for (let i = 0; i < niceToHave.length; i++) {
    phraseStrengths[mustHave.length + i] = phraseHit ? phraseStrength(q, niceToHave[i]!) : 0;
  }
}

/** Coverage credit and count of `count` phrases rated from `offset` in `q.phraseStrengths`. */
function coverage(q: OrderQuery, offset: number, count: number) {
  let credit = 0;
  let matched = 0;
  for (let i = offset; i < offset + count; i++) {
    const strength = q.phraseStrengths[i]!;
    if (strength === 0) continue;
    if (strength === RELATED) {
      credit += RELATED_CREDIT;
      continue;
    }
    matched++;
    credit += strength === 2 ? 1 : WEAK_MATCH_CREDIT;
  }
  return { credit: count === 0 ? 0 : credit / count, count: matched };
}

function label(
  q: OrderQuery,
  phrases: CompiledPhrase[],
  offset: number,
  matched: string[],
  missing: string[],
) {
  for (let i = 0; i < phrases.length; i++) {
    const strength = q.phraseStrengths[offset + i]!;
    if (strength > 0 && strength !== RELATED) matched.push(phrases[i]!.label);
    else missing.push(phrases[i]!.label);
  }
}

/** Below this a candidate with no competence matched has nothing to do with the order. */
export const MIN_RELEVANCE = 0.1;

/**
 * Competence fit: must-have coverage, nice-to-have coverage and text similarity, weighted; a part the order does
 * not use (no nice-to-haves, say) drops out and the others are re-weighted, so scores stay comparable across orders.
 * Null for a candidate with nothing to do with the order: one who holds no term of any of the order's phrases (no
 * concept, narrower or related concept, or phrase word) when the order has phrases, or who matches none and has a
 * text score under MIN_RELEVANCE. Words of the order's text alone (its title and tasks: _medarbejder_) never make
 * a candidate relevant to an order that names its competences; for one that names none, the text decides. In a
 * dense city most candidates in reach are irrelevant, so they are told apart before any label list is built, and
 * an index with postings need read only the holders of the phrases' terms.
 */
export function relevantCompetenceFit(c: CandidateFacts, q: OrderQuery): CompetenceFit | null {
  const hitCount = collectHits(c, q);
  try {
    if (hitCount === 0) return null;
    const phraseHit = touchesPhrase(q, hitCount);
    // The relevance condition: see the doc comment.
    if (!phraseHit && q.mustHave.length + q.niceToHave.length > 0) return null;
    ratePhrases(q, phraseHit);
    const must = coverage(q, 0, q.mustHave.length);
    const nice = coverage(q, q.mustHave.length, q.niceToHave.length);
    const text = textSimilarityOfHits(c, q);
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
    const score = weighted / total;
    if (must.count === 0 && nice.count === 0 && score < MIN_RELEVANCE) return null;
    const matched: string[] = [];
    const missing: string[] = [];
    label(q, q.mustHave, 0, matched, missing);
    label(q, q.niceToHave, q.mustHave.length, matched, missing);
    return {
      score,
      mustCoverage: must.credit,
      niceCoverage: nice.credit,
      text,
      matched,
      missing,
      mustMatched: must.count,
      niceMatched: nice.count,
    };
  } finally {
    clearHits(q, hitCount);
  }
}
