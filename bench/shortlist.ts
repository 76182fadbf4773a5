import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { searchFactsFor } from '../indexer/facts.ts';
import { relevantCompetenceFit } from '../scoring/competence.ts';
import { situationFacts } from '../scoring/facts.ts';
import { haversineKm, kmToDegrees } from '../scoring/geo.ts';
import { prepareQuery } from '../scoring/query.ts';
import { NEAR_MISS_MARGIN_KM, phraseTermsOf, rankCandidates } from '../scoring/rank.ts';
import { activeTaxonomy } from '../scoring/taxonomy/active.ts';
import { analyse } from '../scoring/text/analyse.ts';
import { readOrderPhrases } from '../scoring/understanding.ts';
import { EmbeddedCandidateIndex } from '../src/adapters/embedded-index/embedded-candidate-index.ts';
import { generateCandidates } from '../src/demo/generate.ts';
import { type Candidate, candidateInput } from '../src/domain/candidate.ts';
import type { JobOrder } from '../src/domain/job-order.ts';
import type { IndexDocument, RetrievalQuery } from '../src/ports/candidate-index.ts';
import type { JobOrderRecord } from '../src/ports/job-orders.ts';
import { loadRuleSet } from '../src/rulesets/load.ts';
import { computeShortlist, scopeOf } from '../workers/shortlist.ts';
import { fmt, jobOrders, percentile, TODAY, time, timeAsync } from './util.ts';

const ORDERS = 40;
type Scope = 'all' | 'own';

const idOf = (n: number) => `c${String(n).padStart(8, '0')}`;

const pct = (xs: number[]) => `${fmt(percentile(xs, 50))} / ${fmt(percentile(xs, 95))}`;
const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length).toLocaleString('en');
const ratio = (baseline: number[], ours: number[], p: number) =>
  `${(percentile(baseline, p) / percentile(ours, p)).toFixed(1)}x`;

/** The CV as one text, as an engineer would feed it to a full-text index. */
function cvText(c: Candidate): string {
  return [
    ...c.competences,
    ...c.experience.map((e) => `${e.title} ${e.description ?? ''}`),
    ...c.educations.map((e) => e.title),
    c.cvText ?? '',
  ].join('\n');
}

/**
 * The order's words as an FTS5 query: every word of the title and the must-/nice-to-haves, OR'd, each quoted so
 * that no word is read as FTS syntax. Whole words, no prefix matching: the cheaper choice for the baseline.
 */
function ftsQuery(o: JobOrder): string {
  const words = new Set(
    [o.title, ...o.mustHave, ...o.niceToHave]
      .join(' ')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );
  return [...words].map((w) => `"${w}"`).join(' OR ');
}

/**
 * The baseline an engineer would pick instead of an index of their own: SQLite FTS5 ranked by bm25, holding the same
 * candidates' CV text beside the columns the hard filters need, with those filters in SQL.
 */
function buildFts(file: string, size: number) {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.function('km', { deterministic: true }, (lat1, lon1, lat2, lon2) =>
    haversineKm(lat1 as number, lon1 as number, lat2 as number, lon2 as number),
  );
  db.exec(`
    CREATE TABLE cand (
      id INTEGER PRIMARY KEY, cid TEXT NOT NULL, jobcenter TEXT NOT NULL, share INTEGER NOT NULL,
      lat REAL NOT NULL, lon REAL NOT NULL, max_km REAL, weekly_hours REAL, available_from TEXT,
      unemployed_since TEXT NOT NULL);
    CREATE TABLE unavailable (cand INTEGER NOT NULL, "from" TEXT NOT NULL, "to" TEXT NOT NULL);
    CREATE VIRTUAL TABLE cv USING fts5(text, tokenize = 'unicode61 remove_diacritics 0');`);
  const insCand = db.prepare('INSERT INTO cand VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insCv = db.prepare('INSERT INTO cv (rowid, text) VALUES (?, ?)');
  const insUn = db.prepare('INSERT INTO unavailable VALUES (?, ?, ?)');
  const insertBatch = db.transaction((rows: Array<[number, Candidate]>) => {
    for (const [n, c] of rows) {
      // The situation only: the concept extraction the index's build runs is what FTS5 does without.
      if (!c.consent.searchable) continue;
      const f = situationFacts(c);
      insCand.run(
        n,
        idOf(n),
        c.jobcenter,
        c.consent.shareWithPool ? 1 : 0,
        f.lat,
        f.lon,
        f.maxDistanceKm,
        f.weeklyHours,
        f.availableFrom,
        f.unemployedSince,
      );
      insCv.run(n, cvText(c));
      for (const u of f.unavailable) insUn.run(n, u.from, u.to);
    }
  });
  let batch: Array<[number, Candidate]> = [];
  let n = 0;
  for (const raw of generateCandidates(size, { seed: 1, today: TODAY })) {
    batch.push([n++, candidateInput.parse(raw)]);
    if (batch.length === 5000) {
      insertBatch(batch);
      batch = [];
    }
  }
  insertBatch(batch);
  db.exec(`
    CREATE INDEX cand_lat ON cand (lat);
    CREATE INDEX unavailable_cand ON unavailable (cand);
    ANALYZE;`);
  const select = (scope: Scope) =>
    db.prepare(`
      SELECT c.cid FROM cv JOIN cand c ON c.id = cv.rowid
      WHERE cv MATCH @match
        AND ${scope === 'own' ? 'c.jobcenter = @jobcenter' : '(c.jobcenter = @jobcenter OR c.share = 1)'}
        AND c.lat BETWEEN @latMin AND @latMax AND c.lon BETWEEN @lonMin AND @lonMax
        AND km(@lat, @lon, c.lat, c.lon) <= @radius
        AND (c.max_km IS NULL OR km(@lat, @lon, c.lat, c.lon) <= c.max_km)
        AND (c.weekly_hours IS NULL OR c.weekly_hours >= @hours)
        AND (c.available_from IS NULL OR c.available_from <= @from)
        AND NOT EXISTS (SELECT 1 FROM unavailable u WHERE u.cand = c.id AND u."from" <= @to AND u."to" >= @from)
      ORDER BY bm25(cv), c.unemployed_since
      LIMIT 10`);
  const statements = { all: select('all'), own: select('own') };
  return {
    db,
    shortlist(o: JobOrder, scope: Scope): string[] {
      const { dLat, dLon } = kmToDegrees(o.radiusKm.max, o.location!.lat);
      return (
        statements[scope].all({
          match: ftsQuery(o),
          jobcenter: o.jobcenter,
          lat: o.location!.lat,
          lon: o.location!.lon,
          latMin: o.location!.lat - dLat,
          latMax: o.location!.lat + dLat,
          lonMin: o.location!.lon - dLon,
          lonMax: o.location!.lon + dLon,
          radius: o.radiusKm.max,
          hours: o.weeklyHours,
          from: o.period.from,
          to: o.period.to,
        }) as Array<{ cid: string }>
      ).map((r) => r.cid);
    },
  };
}

/**
 * A whole shortlist through the embedded index and the scorer, as the worker runs it, for scope all (national) and
 * own (the jobkonsulent's jobcenter), against two baselines measured in the same run on the same candidates and
 * orders: (a) the same scorer over every candidate in reach, i.e. the same pre-analysed facts without postings;
 * (b) SQLite FTS5 ranked by bm25 with the same geo, hours and availability filters in SQL.
 */
export async function run(size: number) {
  global.gc?.();
  const before = process.memoryUsage();
  const index = new EmbeddedCandidateIndex();
  let batch: IndexDocument[] = [];
  let n = 0;
  const build = await timeAsync(async () => {
    for (const raw of generateCandidates(size, { seed: 1, today: TODAY })) {
      const c = candidateInput.parse(raw);
      batch.push({
        id: idOf(n++),
        jobcenter: c.jobcenter,
        externalId: c.externalId,
        facts: searchFactsFor(c),
      });
      if (batch.length === 5000) {
        await index.upsert(batch);
        batch = [];
      }
    }
    await index.upsert(batch);
  });
  batch = [];
  global.gc?.();
  const afterBuild = process.memoryUsage();
  const liveBytes = afterBuild.heapUsed + afterBuild.arrayBuffers - before.heapUsed - before.arrayBuffers;

  const orders = jobOrders(ORDERS);
  const taxonomy = activeTaxonomy();
  const deps = {
    stores: undefined as never,
    index,
    taxonomy,
    loadRuleSet: (name: string) => loadRuleSet(name),
  };
  const record = (jobOrder: JobOrder) =>
    ({
      id: 'bench',
      jobcenter: jobOrder.jobcenter,
      externalId: jobOrder.externalId,
      jobOrder,
    }) as JobOrderRecord;

  /** What the worker asks the index for, so the exhaustive scan reads exactly the candidates in reach. */
  const retrievalFor = async (o: JobOrder, scope: Scope) => {
    const query: RetrievalQuery = {
      location: o.location!,
      radiusKm: o.radiusKm.max + NEAR_MISS_MARGIN_KM,
      ...(await scopeOf(scope, o.jobcenter, {})),
      terms: analyse([o.title, o.tasks ?? '', ...o.mustHave, ...o.niceToHave].join('\n')),
      limit: 5000,
    };
    const retrieval = await index.retrieve(query);
    return {
      retrieval,
      query: prepareQuery(o, loadRuleSet(o.ruleSet), retrieval.vocabulary, taxonomy, o.rankingStrategy),
    };
  };

  const ours: Record<Scope, number[]> = { all: [], own: [] };
  const scan: Record<Scope, number[]> = { all: [], own: [] };
  const fts: Record<Scope, number[]> = { all: [], own: [] };
  const scored: Record<Scope, number[]> = { all: [], own: [] };
  // The previous retrieval, for comparison: everyone posted under any of the order's terms, common words included.
  const oneStep: Record<Scope, number[]> = { all: [], own: [] };
  const oneStepScored: Record<Scope, number[]> = { all: [], own: [] };
  const inReach: Record<Scope, number[]> = { all: [], own: [] };
  const rejected: Record<Scope, number[]> = { all: [], own: [] };
  let identical = 0;
  // Warm-up, untimed: compiled code for both paths before either is measured.
  for (const o of orders.slice(0, 5)) {
    await computeShortlist(record(o), { scope: 'all', size: 10, strategy: o.rankingStrategy }, deps);
    const { retrieval, query } = await retrievalFor(o, 'all');
    rankCandidates(retrieval.candidates, query, { size: 10 });
  }
  for (const o of orders) {
    for (const scope of ['all', 'own'] as const) {
      const mine = await timeAsync(() =>
        computeShortlist(record(o), { scope, size: 10, strategy: o.rankingStrategy }, deps),
      );
      ours[scope].push(mine.ms);
      scored[scope].push(mine.value.candidatesConsidered);
      const exhaustive = await timeAsync(async () => {
        const { retrieval, query } = await retrievalFor(o, scope);
        return rankCandidates(retrieval.candidates, query, { size: 10 });
      });
      scan[scope].push(exhaustive.ms);
      inReach[scope].push(exhaustive.value.candidatesConsidered);
      const same = (a: Array<{ candidateId: string }>, b: Array<{ candidateId: string }>) =>
        a.length === b.length && a.every((e, i) => e.candidateId === b[i]!.candidateId);
      if (same(mine.value.entries, exhaustive.value.entries)) identical++;
      // Untimed: of the candidates the postings handed the scorer, how many its cheap relevance check (no
      // competence hit and too little text similarity) or the radius dropped before any label list was built.
      const everyTerm = await timeAsync(async () => {
        const { retrieval, query } = await retrievalFor(o, scope);
        return rankCandidates(retrieval.holding!(query.queryTerms), query, { size: 10 });
      });
      oneStep[scope].push(everyTerm.ms);
      oneStepScored[scope].push(everyTerm.value.candidatesConsidered);
      const { retrieval, query } = await retrievalFor(o, scope);
      const phrases = query.mustHave.length + query.niceToHave.length > 0;
      const read = [retrieval.holding!(phrases ? phraseTermsOf(query) : query.queryTerms)];
      let dropped = 0;
      for (const candidates of read) {
        for (const c of candidates) {
          const km = haversineKm(o.location!.lat, o.location!.lon, c.lat, c.lon);
          if (km > o.radiusKm.max + NEAR_MISS_MARGIN_KM || relevantCompetenceFit(c, query) === null)
            dropped++;
        }
      }
      rejected[scope].push(dropped);
    }
  }
  const heapAfterQueries = process.memoryUsage();
  // Part of ours that neither baseline pays: reading the order's phrases into concepts for the retrieval query.
  const phrases = orders.map((o) => time(() => readOrderPhrases(o, taxonomy)).ms);

  // A long (1M) run that dies in the FTS5 part still leaves the index's figures on stderr.
  process.stderr.write(
    `  shortlist ${size}: ours all ${pct(ours.all)}, own ${pct(ours.own)}; scan all ${pct(scan.all)}, own ${pct(scan.own)}; scored ${mean(scored.all)} / ${mean(scored.own)}; RSS after build ${Math.round(afterBuild.rss / 2 ** 20)} MB; ${Math.round(liveBytes / size)} live bytes per candidate\n`,
  );
  // FTS5 last, in a file of its own, so neither its build nor its page cache counts in the index's RSS above.
  const ftsFile = join(tmpdir(), `vm-bench-fts-${process.pid}.db`);
  try {
    const ftsBuild = time(() => buildFts(ftsFile, size));
    const sqlite = ftsBuild.value;
    for (const o of orders) sqlite.shortlist(o, 'all'); // warm the page cache, as the index is warm
    for (const o of orders) {
      for (const scope of ['all', 'own'] as const) fts[scope].push(time(() => sqlite.shortlist(o, scope)).ms);
    }
    sqlite.db.close();
    return {
      'index built (generate + validate + analyse + index)': `${fmt(build.ms)} (${Math.round(size / (build.ms / 1000)).toLocaleString('en')} CVs/s)`,
      'RSS after build (the index and the process, nothing else held)': `${Math.round(afterBuild.rss / 2 ** 20)} MB (JS heap ${Math.round(afterBuild.heapUsed / 2 ** 20)} MB, typed arrays ${Math.round(afterBuild.arrayBuffers / 2 ** 20)} MB)`,
      'live bytes per candidate (heap + typed arrays grown by the build, after GC)': Math.round(
        liveBytes / size,
      ).toLocaleString('en'),
      [`ours, scope all, p50 / p95 (${ORDERS} orders, size 10)`]: pct(ours.all),
      'ours, scope own, p50 / p95': pct(ours.own),
      'ours, candidates scored per shortlist, all / own (mean; postings, or the cells in reach when fewer)': `${mean(scored.all)} / ${mean(scored.own)}`,
      'before: postings of every order term in one step, all p50 / p95; own p50 / p95': `${pct(oneStep.all)}; ${pct(oneStep.own)}`,
      '  candidates scored per shortlist, all / own (mean)': `${mean(oneStepScored.all)} / ${mean(oneStepScored.own)}`,
      '  of those, dropped at the cheap relevance check or outside the radius, all / own (mean)': `${mean(rejected.all)} / ${mean(rejected.own)}`,
      '  of ours, reading the order phrases into concepts, p50 / p95': pct(phrases),
      'baseline (a) exhaustive scan of the same facts, all: p50 / p95': pct(scan.all),
      'baseline (a) exhaustive scan, own: p50 / p95': pct(scan.own),
      '  candidates in reach = scored by the scan, all / own (mean)': `${mean(inReach.all)} / ${mean(inReach.own)}`,
      '  same top 10 as ours': `${identical} of ${ORDERS * 2} lists`,
      'baseline (b) SQLite FTS5 bm25 + SQL filters, all: p50 / p95': pct(fts.all),
      'baseline (b) SQLite FTS5, own: p50 / p95': pct(fts.own),
      '  FTS5 database built in': fmt(ftsBuild.ms),
      'ratio (a) scan / ours, all p50 / p95; own p50 / p95': `${ratio(scan.all, ours.all, 50)} / ${ratio(scan.all, ours.all, 95)}; ${ratio(scan.own, ours.own, 50)} / ${ratio(scan.own, ours.own, 95)}`,
      'ratio (b) FTS5 / ours, all p50 / p95; own p50 / p95': `${ratio(fts.all, ours.all, 50)} / ${ratio(fts.all, ours.all, 95)}; ${ratio(fts.own, ours.own, 50)} / ${ratio(fts.own, ours.own, 95)}`,
      'RSS after the queries (before FTS5)': `${Math.round(heapAfterQueries.rss / 2 ** 20)} MB`,
      'peak RSS (includes the FTS5 build)': `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    };
  } finally {
    rmSync(ftsFile, { force: true });
  }
}
