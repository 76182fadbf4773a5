import { similarity } from 'ml-distance';
import { toCandidateFacts } from '../scoring/facts.ts';
import { prepareQuery } from '../scoring/query.ts';
import { rankCandidates } from '../scoring/rank.ts';
import { activeTaxonomy } from '../scoring/taxonomy/active.ts';
import { Vocabulary } from '../scoring/vocabulary.ts';
import { loadRuleSet } from '../src/rulesets/load.ts';
import { candidates, fmt, jobOrders, naiveKeywordScore, orderWords, percentile, time } from './util.ts';

/**
 * The scoring library alone: every candidate of the pool scored against one order, no index and no geo
 * pre-filter. Baseline: naive keyword matching over the raw CV text, the way a manual udsøgning works.
 */
export async function run(size: number) {
  const pool = candidates(size);
  const vocabulary = new Vocabulary();
  const prep = time(() =>
    pool.map((c) => {
      const f = toCandidateFacts(c, vocabulary, activeTaxonomy());
      vocabulary.addDocument(f.terms);
      return f;
    }),
  );
  const facts = prep.value;
  // A broad order (jobrotation off, 500 km radius) so every candidate is scored in full.
  const order = { ...jobOrders(1)[0]!, jobrotation: false, radiusKm: { full: 400, max: 500 } };
  const ruleSet = loadRuleSet(order.ruleSet);
  const ours: number[] = [];
  for (let i = 0; i < 5; i++) {
    ours.push(
      time(() =>
        rankCandidates(facts, prepareQuery(order, ruleSet, vocabulary, activeTaxonomy()), { size: 10 }),
      ).ms,
    );
  }
  const words = orderWords(order);
  const naive: number[] = [];
  for (let i = 0; i < 3; i++) {
    naive.push(
      time(() =>
        pool
          .map((c) => ({ id: c.id, s: naiveKeywordScore(c, words) }))
          .sort((a, b) => b.s - a.s)
          .slice(0, 10),
      ).ms,
    );
  }
  // A second baseline from the design card's libraries: dense bag-of-words cosine (ml-distance) per candidate.
  const cosine = time(() => {
    const dims = [...new Set(words)];
    const q = dims.map(() => 1);
    return pool
      .map((c) => {
        const v = dims.map((w) => naiveKeywordScore(c, [w]));
        return { id: c.id, s: v.some((x) => x > 0) ? similarity.cosine(q, v) : 0 };
      })
      .sort((a, b) => b.s - a.s)
      .slice(0, 10);
  });
  const p50 = percentile(ours, 50);
  return {
    'profiles built at ingest': `${fmt(prep.ms)} (${Math.round(size / (prep.ms / 1000)).toLocaleString('en')} CVs/s, once per CV)`,
    'full scoring, one order, median of 5': fmt(p50),
    'candidates scored per second': Math.round(size / (p50 / 1000)).toLocaleString('en'),
    'baseline: naive keyword match (median of 3)': fmt(percentile(naive, 50)),
    'baseline: bag-of-words cosine, ml-distance': fmt(cosine.ms),
    'ratio naive / ours': `${(percentile(naive, 50) / p50).toFixed(1)}x`,
  };
}
