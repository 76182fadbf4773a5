import { type EligibilityVerdict, evaluateEligibility, type RuleSet } from '../../scoring/eligibility.ts';
import { formatKm } from '../../scoring/explain.ts';
import { factsFromStored } from '../../scoring/facts.ts';
import { haversineKm } from '../../scoring/geo.ts';
import { proveEntry } from '../../scoring/prove.ts';
import { prepareQuery } from '../../scoring/query.ts';
import { evaluateCandidate, NEAR_MISS_MARGIN_KM, type RankedEntry } from '../../scoring/rank.ts';
import type { Taxonomy } from '../../scoring/taxonomy/taxonomy.ts';
import { Vocabulary } from '../../scoring/vocabulary.ts';
import type { JobOrder } from '../domain/job-order.ts';
import type { CandidateRecord } from '../ports/candidates.ts';

/**
 * A candidate the company proposes itself ("we already know someone"): the konsulent needs to know whether that
 * person may be the vikar (jobrotation) and how they fit, with every failed rule's reason.
 */
export interface ProposalEvaluation {
  /** entry = would be on the list; nearMiss = a hard filter or jobrotation rule fails; unrelated = no fit at all. */
  verdict: 'entry' | 'nearMiss' | 'unrelated';
  eligibility: {
    required: boolean;
    eligible: boolean;
    ruleSet: string;
    failed: Array<{ code: string; reason: string }>;
  };
  score: RankedEntry['score'] | null;
  breakdown: RankedEntry['breakdown'] | null;
  matched: string[];
  missing: string[];
  distanceKm: number;
  /** Every reason the candidate would not be on the list (hard filters and, for jobrotation, failed rules). */
  reasons: string[];
  /** Plain Danish, like a bruttoliste entry's explanation. */
  explanation: string;
}

export function evaluateProposal(
  record: CandidateRecord,
  order: JobOrder,
  ruleSet: RuleSet,
  taxonomy: Taxonomy,
): ProposalEvaluation {
  const f = record.facts;
  // A vocabulary of this one candidate: idf is flat, which is right for "does this person fit", not a ranking.
  const vocabulary = new Vocabulary();
  const facts = factsFromStored(record, f, f.terms, vocabulary);
  const verdict: EligibilityVerdict = evaluateEligibility(ruleSet, facts, order);
  const eligibility = {
    required: order.jobrotation,
    eligible: verdict.eligible,
    ruleSet: verdict.ruleSet,
    failed: verdict.failed.map((r) => ({ code: r.code, reason: r.reason })),
  };
  const km = Math.round(haversineKm(order.location.lat, order.location.lon, f.lat, f.lon) * 10) / 10;
  const query = prepareQuery(order, ruleSet, vocabulary, taxonomy);
  const result = evaluateCandidate(facts, query);
  const rotation = order.jobrotation
    ? verdict.eligible
      ? 'Opfylder reglerne for jobrotation.'
      : `Opfylder ikke reglerne for jobrotation: ${verdict.reasons.join('; ')}.`
    : '';
  if (result.kind === 'entry') {
    const c = record.candidate;
    const e = proveEntry(
      result.entry,
      query,
      { ...c, concepts: f.concepts ?? [] },
      {
        name: c.name,
        email: c.email,
        phone: c.phone,
      },
    );
    return {
      verdict: 'entry',
      eligibility,
      score: e.score,
      breakdown: e.breakdown,
      matched: e.matched,
      missing: e.missing,
      distanceKm: e.distanceKm,
      reasons: [],
      explanation: e.explanation,
    };
  }
  if (result.kind === 'nearMiss') {
    const reasons = result.nearMiss.reasons;
    return {
      verdict: 'nearMiss',
      eligibility,
      score: null,
      breakdown: null,
      matched: [],
      missing: [],
      distanceKm: km,
      reasons,
      explanation: `Ville ikke komme på bruttolisten: ${reasons.join('; ')}.`,
    };
  }
  const far = km > order.radiusKm.max + NEAR_MISS_MARGIN_KM;
  const reasons = far
    ? [`afstand ${formatKm(km)} km > ${formatKm(order.radiusKm.max)} km`]
    : ['ingen af de ønskede kompetencer og et CV der ikke ligner opgaverne'];
  return {
    verdict: 'unrelated',
    eligibility,
    score: null,
    breakdown: null,
    matched: [],
    missing: [...order.mustHave],
    distanceKm: km,
    reasons,
    explanation: [`Passer ikke til jobordren: ${reasons.join('; ')}.`, rotation].filter(Boolean).join(' '),
  };
}
