import { type CompetenceFit, relevantCompetenceFit } from './competence.ts';
import { rangesOverlap } from './dates.ts';
import { type EligibilityVerdict, evaluateEligibility } from './eligibility.ts';
import type { EvidenceItem } from './evidence.ts';
import { explainEntry, formatKm } from './explain.ts';
import { distanceScore, haversineKm } from './geo.ts';
import { holdsLicence } from './licence.ts';
import type { CandidateFacts, OrderQuery, RankingStrategy } from './query.ts';
import { unemployedMonths, unemploymentScore } from './unemployment.ts';

/** Weights of the composite score. Protected attributes have no weight because they are never inputs. */
export const SCORE_WEIGHTS = { competence: 0.55, distance: 0.25, unemployment: 0.2 } as const;

/**
 * Candidates this far beyond the outer radius are still reported as near misses ("17,2 km > 15 km"): close enough
 * that a konsulent might widen the radius for them. 5 km, not more: the ring beyond grows with the square of its
 * width, and with 10 km it held most of the candidates a city order had to score, for near misses nobody would call.
 */
export const NEAR_MISS_MARGIN_KM = 5;

export interface RankedEntry {
  candidateId: string;
  externalId: string;
  jobcenter: string;
  score: number;
  breakdown: { competence: number; distance: number; unemployment: number };
  matched: string[];
  missing: string[];
  distanceKm: number;
  unemployedMonths: number;
  eligibility: { eligible: boolean; ruleSet: string; reasons: string[] };
  fitBand: 1 | 2 | 3;
  /** The fit-first tier: see fitTier. */
  fitTier: FitTier;
  explanation: string;
  /** Where each matched phrase was found; attached once the candidate's record is read (see ./prove.ts). */
  evidence?: EvidenceItem[];
}

export type FitTier = 1 | 2 | 3 | 4;

export interface RankedNearMiss {
  candidateId: string;
  externalId: string;
  jobcenter: string;
  reasons: string[];
  /** For ordering only: near misses that fit best are the most useful to see. */
  competence: number;
}

export type Evaluation =
  | { kind: 'entry'; entry: RankedEntry }
  | { kind: 'nearMiss'; nearMiss: RankedNearMiss }
  | { kind: 'skip' };

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * 1: every must-have met and a solid overall fit; 2: at least half of the must-haves or a fair fit; 3: the rest.
 * The fit-first strategy ranks by band before ledighed, as konsulenter do: "among those who fit, longest first".
 */
export function fitBand(fit: CompetenceFit, mustCount: number): 1 | 2 | 3 {
  const allMust = fit.mustMatched === mustCount;
  if (allMust && fit.score >= 0.5) return 1;
  if ((mustCount > 0 && fit.mustMatched * 2 >= mustCount) || fit.score >= 0.3) return 2;
  return 3;
}

/**
 * Fit-first tiers, so "longest ledighed first" only ever compares candidates who fit equally well:
 * 1 every must-have, at least one nice-to-have (when the order has any) and a home inside the inner radius;
 * 2 every must-have; 3 more than half of the must-haves; 4 the rest.
 */
export function fitTier(mustMatched: number, niceMatched: number, km: number, q: OrderQuery): FitTier {
  const mustCount = q.mustHave.length;
  if (mustMatched === mustCount) {
    const niceOk = q.niceToHave.length === 0 || niceMatched > 0;
    return niceOk && km <= q.order.radiusKm.full ? 1 : 2;
  }
  return mustMatched * 2 > mustCount ? 3 : 4;
}

/** The plain-Danish explanation of an entry, with the evidence of each claim when the entry carries it. */
export function explainRanked(entry: RankedEntry, q: OrderQuery, related?: readonly EvidenceItem[]): string {
  return explainEntry({
    matched: entry.matched,
    missing: entry.missing,
    distanceKm: entry.distanceKm,
    fullRadiusKm: q.order.radiusKm.full,
    unemployedMonths: entry.unemployedMonths,
    jobrotation: q.order.jobrotation,
    eligible: entry.eligibility.eligible,
    eligibilityReasons: entry.eligibility.reasons,
    // With no phrase matched or missing, a competence score can only come from the text.
    textOnlyEvidence: entry.breakdown.competence > 0,
    evidence: entry.evidence,
    related,
  });
}

/**
 * The hard filters. With `out` null it only counts failures, so the common case (a candidate that passes, or one
 * that cannot make the list anyway) formats no Danish reason text.
 */
function hardFilterFailures(c: CandidateFacts, q: OrderQuery, km: number, out: string[] | null): number {
  const { order } = q;
  let failures = 0;
  if (km > order.radiusKm.max) {
    failures++;
    out?.push(`afstand ${formatKm(km)} km > ${formatKm(order.radiusKm.max)} km`);
  }
  if (c.maxDistanceKm !== null && km > c.maxDistanceKm) {
    failures++;
    out?.push(`ønsker højst ${formatKm(c.maxDistanceKm)} km til arbejde, afstanden er ${formatKm(km)} km`);
  }
  if (c.weeklyHours !== null && c.weeklyHours < order.weeklyHours) {
    failures++;
    out?.push(`kan arbejde ${c.weeklyHours} timer/uge, jobbet er ${order.weeklyHours} timer/uge`);
  }
  if (c.availableFrom !== null && c.availableFrom > order.period.from) {
    failures++;
    out?.push(`tidligst ledig fra ${c.availableFrom}, perioden starter ${order.period.from}`);
  }
  for (const u of c.unavailable) {
    if (!rangesOverlap(u, order.period)) continue;
    failures++;
    out?.push(`ikke ledig ${u.from}–${u.to} i perioden`);
  }
  if (order.driversLicence && !holdsLicence(c.driversLicences, order.driversLicence)) {
    failures++;
    out?.push(`mangler kørekort ${order.driversLicence}`);
  }
  return failures;
}

/**
 * What a ranker has already kept: a candidate strictly below both bars cannot make the list, so it is dropped
 * before its explanation and reasons are written. Pruning never changes the result, only the work.
 */
export interface RankBar {
  /** The worst entry still kept once the list is full, or null while it is not. */
  worstEntry: RankedEntry | null;
  compare: (a: RankedEntry, b: RankedEntry) => number;
  /** The lowest competence among the kept near misses once that list is full, or -1. */
  nearMissFloor: number;
}

// A module function, not a closure per call: tsx/esbuild wrap every named closure in a defineProperty call.
function nearMissOf(c: CandidateFacts, competence: number, reasons: string[]): Evaluation {
  return {
    kind: 'nearMiss',
    nearMiss: { candidateId: c.id, externalId: c.externalId, jobcenter: c.jobcenter, reasons, competence },
  };
}

/** Shared: most candidates in reach are skipped, and a fresh object for each was measurable garbage. */
const SKIP: Evaluation = Object.freeze({ kind: 'skip' });

/** Scores one candidate for one order. Deterministic and free of I/O. */
export function evaluateCandidate(c: CandidateFacts, q: OrderQuery, bar?: RankBar): Evaluation {
  const { order } = q;
  const km = haversineKm(order.location.lat, order.location.lon, c.lat, c.lon);
  if (km > order.radiusKm.max + NEAR_MISS_MARGIN_KM) return SKIP;

  const fit = relevantCompetenceFit(c, q);
  if (fit === null) return SKIP;
  const belowNearMissBar = bar !== undefined && fit.score < bar.nearMissFloor;

  if (hardFilterFailures(c, q, km, null) > 0) {
    if (belowNearMissBar) return SKIP;
    const reasons: string[] = [];
    hardFilterFailures(c, q, km, reasons);
    if (order.jobrotation) {
      for (const r of evaluateEligibility(q.ruleSet, c, order).reasons)
        if (!reasons.includes(r)) reasons.push(r);
    }
    return nearMissOf(c, fit.score, reasons);
  }

  const months = unemployedMonths(c.unemployedSince, order.period.from);
  const breakdown = {
    competence: round(fit.score),
    distance: round(distanceScore(km, order.radiusKm)),
    unemployment: round(unemploymentScore(months)),
  };
  const score = round(
    SCORE_WEIGHTS.competence * breakdown.competence +
      SCORE_WEIGHTS.distance * breakdown.distance +
      SCORE_WEIGHTS.unemployment * breakdown.unemployment,
  );
  const distanceKm = round(km, 1);
  const entry: RankedEntry = {
    candidateId: c.id,
    externalId: c.externalId,
    jobcenter: c.jobcenter,
    score,
    breakdown,
    matched: fit.matched,
    missing: fit.missing,
    distanceKm,
    unemployedMonths: months,
    eligibility: { eligible: true, ruleSet: q.ruleSet.name, reasons: [] },
    fitBand: fitBand(fit, q.mustHave.length),
    fitTier: fitTier(fit.mustMatched, fit.niceMatched, km, q),
    explanation: '',
  };
  // The eligibility rules are the costliest check left: a candidate who can make neither list never runs them.
  const belowEntryBar = bar?.worstEntry != null && bar.compare(entry, bar.worstEntry) > 0;
  if (belowEntryBar && (belowNearMissBar || !order.jobrotation)) return SKIP;
  const verdict: EligibilityVerdict = evaluateEligibility(q.ruleSet, c, order);
  if (order.jobrotation && !verdict.eligible)
    return belowNearMissBar ? SKIP : nearMissOf(c, fit.score, [...verdict.reasons]);
  if (belowEntryBar) return SKIP;
  entry.eligibility = { eligible: verdict.eligible, ruleSet: verdict.ruleSet, reasons: verdict.reasons };
  entry.explanation = explainRanked(entry, q);
  return { kind: 'entry', entry };
}

const byId = (a: { candidateId: string }, b: { candidateId: string }) =>
  a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0;

/**
 * The order of a bruttoliste. Ties always end on the candidate id, so the same input gives the same list.
 * Fit-first: by tier; in the partial tiers (3, 4) more must-haves met first, since one of two must-haves fits
 * better than none ('passer lige godt' means as many must-haves); then the longest ledighed, then score.
 * `mustHave` are the order's must-have labels (as `matched` lists them).
 */
export function compareEntries(
  strategy: RankingStrategy,
  mustHave: readonly string[] = [],
): (a: RankedEntry, b: RankedEntry) => number {
  if (strategy === 'weighted')
    return (a, b) => b.score - a.score || b.unemployedMonths - a.unemployedMonths || byId(a, b);
  const must = new Set(mustHave);
  const met = (e: RankedEntry) => {
    let n = 0;
    for (const m of e.matched) if (must.has(m)) n++;
    return n;
  };
  return (a, b) =>
    a.fitTier - b.fitTier ||
    (a.fitTier >= 3 ? met(b) - met(a) : 0) ||
    b.unemployedMonths - a.unemployedMonths ||
    b.score - a.score ||
    byId(a, b);
}

export interface RankOptions {
  size: number;
  nearMissLimit?: number;
}

export interface RankResult {
  entries: Array<RankedEntry & { rank: number }>;
  nearMisses: RankedNearMiss[];
  candidatesConsidered: number;
}

/**
 * Keeps entries and near misses in bounded arrays while candidates stream past, so a pool of a million costs
 * memory only for what can still make the list.
 */
export class ShortlistRanker {
  private entries: RankedEntry[] = [];
  private nearMisses: RankedNearMiss[] = [];
  private considered = 0;
  private readonly compare: (a: RankedEntry, b: RankedEntry) => number;
  private readonly nearMissLimit: number;
  private readonly bar: RankBar;

  constructor(
    private readonly query: OrderQuery,
    private readonly options: RankOptions,
  ) {
    this.compare = compareEntries(
      query.strategy,
      query.mustHave.map((p) => p.label),
    );
    this.nearMissLimit = options.nearMissLimit ?? Math.max(10, options.size);
    this.bar = { worstEntry: null, compare: this.compare, nearMissFloor: -1 };
  }

  add(candidate: CandidateFacts): void {
    this.considered++;
    const result = evaluateCandidate(candidate, this.query, this.bar);
    if (result.kind === 'entry') {
      this.entries.push(result.entry);
      if (this.entries.length >= this.options.size * 4 + 64) this.trimEntries();
    } else if (result.kind === 'nearMiss') {
      this.nearMisses.push(result.nearMiss);
      if (this.nearMisses.length >= this.nearMissLimit * 4 + 64) this.trimNearMisses();
    }
  }

  /**
   * Which bars are set, i.e. from which point candidates can be pruned. Read by tests that must prove pruning ran;
   * a getter, so the hot loop pays nothing for it.
   */
  get barsSet(): { entries: boolean; nearMisses: boolean } {
    return { entries: this.bar.worstEntry !== null, nearMisses: this.bar.nearMissFloor >= 0 };
  }

  private trimEntries() {
    this.entries.sort(this.compare);
    this.entries.length = Math.min(this.entries.length, this.options.size);
    if (this.entries.length === this.options.size) this.bar.worstEntry = this.entries.at(-1) ?? null;
  }

  private trimNearMisses() {
    this.nearMisses.sort((a, b) => b.competence - a.competence || byId(a, b));
    this.nearMisses.length = Math.min(this.nearMisses.length, this.nearMissLimit);
    if (this.nearMisses.length === this.nearMissLimit)
      this.bar.nearMissFloor = this.nearMisses.at(-1)!.competence;
  }

  result(): RankResult {
    this.trimEntries();
    this.trimNearMisses();
    return {
      entries: this.entries.map((e, i) => ({ rank: i + 1, ...e })),
      nearMisses: this.nearMisses,
      candidatesConsidered: this.considered,
    };
  }
}

/** Candidates in reach as an index hands them over: all of them, or (with postings) those holding given terms. */
export interface CandidateSource {
  candidates: Iterable<CandidateFacts>;
  holding?(termIds: Uint32Array): Iterable<CandidateFacts>;
}

/**
 * Ranks from an index's postings, with the same result as ranking every candidate in reach: when the order has
 * phrases only their terms' holders can be relevant (see relevantCompetenceFit), so the common words of its title
 * and tasks, which much of the pool writes, are not read; an order without phrases reads every text term's holders.
 */
export function rankFromPostings(
  source: CandidateSource,
  query: OrderQuery,
  options: RankOptions,
): RankResult {
  if (!source.holding) return rankCandidates(source.candidates, query, options);
  const phrases = query.mustHave.length + query.niceToHave.length > 0;
  return rankCandidates(source.holding(phrases ? phraseTermsOf(query) : query.queryTerms), query, options);
}

/** The order's terms that can meet or partly meet one of its phrases (the rest only add to the text similarity). */
export function phraseTermsOf(query: OrderQuery): Uint32Array {
  return query.queryTerms.filter((id) => query.termSlots[id]! < query.phraseSlots);
}

export function rankCandidates(
  candidates: Iterable<CandidateFacts>,
  query: OrderQuery,
  options: RankOptions,
): RankResult {
  const ranker = new ShortlistRanker(query, options);
  for (const c of candidates) ranker.add(c);
  return ranker.result();
}
