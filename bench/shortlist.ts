import { searchFactsFor } from '../indexer/facts.ts';
import { toCandidateFacts } from '../scoring/facts.ts';
import { prepareQuery } from '../scoring/query.ts';
import { rankCandidates } from '../scoring/rank.ts';
import { activeTaxonomy } from '../scoring/taxonomy/active.ts';
import { Vocabulary } from '../scoring/vocabulary.ts';
import { EmbeddedCandidateIndex } from '../src/adapters/embedded-index/embedded-candidate-index.ts';
import { generateCandidates } from '../src/demo/generate.ts';
import { type Candidate, candidateInput } from '../src/domain/candidate.ts';
import type { IndexDocument } from '../src/ports/candidate-index.ts';
import type { JobOrderRecord } from '../src/ports/job-orders.ts';
import { loadRuleSet } from '../src/rulesets/load.ts';
import { computeShortlist } from '../workers/shortlist.ts';
import { fmt, jobOrders, percentile, TODAY, time, timeAsync } from './util.ts';

const BASELINE_POOL = 100_000;

/**
 * A whole shortlist through the embedded index and the scorer, as the worker runs it, national scope.
 * Baseline: a full scan that re-normalises every candidate's CV for the query (no index, no stored terms).
 */
export async function run(size: number) {
  const index = new EmbeddedCandidateIndex();
  let batch: IndexDocument[] = [];
  let n = 0;
  const build = await timeAsync(async () => {
    for (const raw of generateCandidates(size, { seed: 1, today: TODAY })) {
      const c = candidateInput.parse(raw);
      const id = `c${String(n++).padStart(8, '0')}`;
      batch.push({ id, jobcenter: c.jobcenter, externalId: c.externalId, facts: searchFactsFor(c) });
      if (batch.length === 5000) {
        await index.upsert(batch);
        batch = [];
      }
    }
    await index.upsert(batch);
  });
  global.gc?.();
  const heapAfterBuild = process.memoryUsage();

  const orders = jobOrders(40);
  const deps = {
    stores: undefined as never,
    index,
    taxonomy: activeTaxonomy(),
    loadRuleSet: (name: string) => loadRuleSet(name),
  };
  const timings: number[] = [];
  const ownTimings: number[] = [];
  let considered = 0;
  for (const jobOrder of orders) {
    const record = {
      id: 'bench',
      jobcenter: jobOrder.jobcenter,
      externalId: jobOrder.externalId,
      jobOrder,
    } as JobOrderRecord;
    const { ms, value } = await timeAsync(() =>
      computeShortlist(record, { scope: 'all', size: 10, strategy: 'fit-first' }, deps),
    );
    timings.push(ms);
    considered += value.candidatesConsidered;
    // The everyday case: a jobkonsulent's own jobcenter's candidates (plus any from others in reach who share).
    const own = await timeAsync(() =>
      computeShortlist(record, { scope: 'own', size: 10, strategy: 'fit-first' }, deps),
    );
    ownTimings.push(own.ms);
  }

  // Baseline on (up to) the first 100k, generated again from the same seed so that holding their full records does
  // not count in the index's RSS above: analyse every CV again for the one query, then score all of them.
  const baselinePool: Array<Candidate & { id: string }> = [];
  for (const raw of generateCandidates(Math.min(size, BASELINE_POOL), { seed: 1, today: TODAY })) {
    baselinePool.push({
      ...candidateInput.parse(raw),
      id: `c${String(baselinePool.length).padStart(8, '0')}`,
    });
  }
  const order = orders[0]!;
  const ruleSet = loadRuleSet(order.ruleSet);
  const baseline = time(() => {
    const vocabulary = new Vocabulary();
    const facts = baselinePool.map((c) => toCandidateFacts(c, vocabulary, activeTaxonomy()));
    return rankCandidates(facts, prepareQuery(order, ruleSet, vocabulary, activeTaxonomy()), { size: 10 });
  });
  const baselineMs = baseline.ms * (size / baselinePool.length);
  const p50 = percentile(timings, 50);
  return {
    'index built (generate + validate + analyse + index)': `${fmt(build.ms)} (${Math.round(size / (build.ms / 1000)).toLocaleString('en')} CVs/s)`,
    'RSS after build (the index and the process, nothing else held)': `${Math.round(heapAfterBuild.rss / 2 ** 20)} MB (JS heap ${Math.round(heapAfterBuild.heapUsed / 2 ** 20)} MB, typed arrays ${Math.round(heapAfterBuild.arrayBuffers / 2 ** 20)} MB)`,
    'shortlist p50 (40 orders, scope all, size 10)': fmt(p50),
    'shortlist p95': fmt(percentile(timings, 95)),
    'shortlist mean': fmt(timings.reduce((a, b) => a + b, 0) / timings.length),
    'shortlist p50 / p95, scope own': `${fmt(percentile(ownTimings, 50))} / ${fmt(percentile(ownTimings, 95))}`,
    'candidates scored per shortlist (mean)': Math.round(considered / orders.length).toLocaleString('en'),
    [`baseline: full scan re-normalising every CV${size > baselinePool.length ? ` (measured on ${baselinePool.length.toLocaleString('en')}, scaled)` : ''}`]:
      fmt(baselineMs),
    'ratio baseline / ours (p50)': `${(baselineMs / p50).toFixed(0)}x`,
    'peak RSS': `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  };
}
