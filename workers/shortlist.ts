import type { RuleSet } from '../scoring/eligibility.ts';
import { proveEntry, reRank } from '../scoring/prove.ts';
import type { OrderQuery } from '../scoring/query.ts';
import { prepareQuery } from '../scoring/query.ts';
import { NEAR_MISS_MARGIN_KM, type RankResult, rankFromPostings } from '../scoring/rank.ts';
import type { Taxonomy } from '../scoring/taxonomy/taxonomy.ts';
import { analyse } from '../scoring/text/analyse.ts';
import { readOrderPhrases } from '../scoring/understanding.ts';
import type { ShortlistScope } from '../src/domain/shortlist.ts';
import type { CandidateIndex, RetrievalQuery } from '../src/ports/candidate-index.ts';
import type { JobOrderRecord } from '../src/ports/job-orders.ts';
import type { ShortlistResult } from '../src/ports/shortlists.ts';
import type { Stores } from '../src/ports/stores.ts';

export interface ShortlistDeps {
  stores: Pick<Stores, 'shortlists' | 'jobOrders'>;
  index: CandidateIndex;
  taxonomy: Taxonomy;
  loadRuleSet: (name: string) => RuleSet;
  /** Jobcentre that share candidates with this one (rekrutteringsfællesskab); none until pools exist. */
  poolMembers?: (jobcenter: string) => Promise<string[]>;
}

/**
 * How far each scope reaches: own jobcenter, plus pool members' consenting candidates, or every jobcenter's. 'all'
 * is national reach: the API grants it only to admin and to konsulent tokens made with national scope (checked
 * when the list is requested); the operator's `vikar shortlist --scope all` on the host keeps it.
 */
export async function scopeOf(
  scope: ShortlistScope,
  jobcenter: string,
  deps: Pick<ShortlistDeps, 'poolMembers'>,
): Promise<Pick<RetrievalQuery, 'homeJobcentre' | 'sharingJobcentre'>> {
  if (scope === 'own' || scope === 'auto') return { homeJobcentre: [jobcenter], sharingJobcentre: [] };
  if (scope === 'all') return { homeJobcentre: [jobcenter], sharingJobcentre: '*' };
  const members = (await deps.poolMembers?.(jobcenter)) ?? [];
  return { homeJobcentre: [jobcenter], sharingJobcentre: members.filter((m) => m !== jobcenter) };
}

/** Every concept that can meet one of the order's phrases, fully or as a related one. */
function orderConcepts(order: { mustHave: string[]; niceToHave: string[] }, taxonomy: Taxonomy): string[] {
  const out = new Set<string>();
  for (const reading of readOrderPhrases(order, taxonomy)) {
    for (const { id } of reading.concepts) {
      for (const c of taxonomy.selfAndNarrower(id)) out.add(c);
      for (const r of taxonomy.relatedTo(id)) for (const c of taxonomy.selfAndNarrower(r)) out.add(c);
    }
  }
  return [...out];
}

/** A ranked list before its claims are proven against the records, with the query that ranked it. */
export type ComputedShortlist = Omit<ShortlistResult, 'entries'> & {
  entries: RankResult['entries'];
  query: OrderQuery;
};

/**
 * Retrieves, scores and ranks. Pure computation over the ports: no writes. 'auto' runs the own jobcenter first and
 * widens to the pool when fewer than `size` fit (and the jobcenter is in a pool at all).
 */
export async function computeShortlist(
  order: JobOrderRecord,
  request: { scope: ShortlistScope; size: number; strategy: 'fit-first' | 'weighted' },
  deps: ShortlistDeps,
): Promise<ComputedShortlist> {
  if (request.scope !== 'auto') {
    return { ...(await computeInScope(order, request, deps)), effectiveScope: request.scope, widened: false };
  }
  const own = await computeInScope(order, { ...request, scope: 'own' }, deps);
  if (own.entries.length >= request.size) return { ...own, effectiveScope: 'own', widened: false };
  const members = (await deps.poolMembers?.(order.jobOrder.jobcenter)) ?? [];
  if (members.filter((m) => m !== order.jobOrder.jobcenter).length === 0) {
    return { ...own, effectiveScope: 'own', widened: false };
  }
  const pool = await computeInScope(order, { ...request, scope: 'pool' }, deps);
  return { ...pool, effectiveScope: 'pool', widened: true };
}

async function computeInScope(
  order: JobOrderRecord,
  request: { scope: ShortlistScope; size: number; strategy: 'fit-first' | 'weighted' },
  deps: ShortlistDeps,
): Promise<ComputedShortlist> {
  const jo = order.jobOrder;
  const ruleSet = deps.loadRuleSet(jo.ruleSet);
  const retrieval = await deps.index.retrieve({
    location: jo.location,
    radiusKm: jo.radiusKm.max + NEAR_MISS_MARGIN_KM,
    ...(await scopeOf(request.scope, jo.jobcenter, deps)),
    terms: analyse([jo.title, jo.tasks ?? '', ...jo.mustHave, ...jo.niceToHave].join('\n')),
    concepts: orderConcepts(jo, deps.taxonomy),
    limit: 5000,
  });
  const query = prepareQuery(jo, ruleSet, retrieval.vocabulary, deps.taxonomy, request.strategy);
  const ranked = rankFromPostings(retrieval, query, { size: request.size });
  return {
    candidatesConsidered: ranked.candidatesConsidered,
    entries: ranked.entries,
    query,
    nearMisses: ranked.nearMisses.map(({ competence: _ordering, ...nearMiss }) => nearMiss),
  };
}

/**
 * Reads each entry's record for the evidence of its claims. A candidate erased since the index saw them is dropped
 * here: the Store is the truth, so a list never names a person who no longer exists.
 */
async function withEvidence(
  entries: RankResult['entries'],
  query: OrderQuery,
  deps: { stores: Pick<Stores, 'candidates'> },
): Promise<RankResult['entries']> {
  const records = await deps.stores.candidates.getMany(entries.map((e) => e.candidateId));
  const proven: RankResult['entries'] = [];
  entries.forEach((entry) => {
    const record = records.get(entry.candidateId);
    if (!record) return;
    const c = record.candidate;
    proven.push(
      proveEntry(
        entry,
        query,
        { ...c, concepts: record.facts.concepts ?? [] },
        {
          name: c.name,
          email: c.email,
          phone: c.phone,
        },
      ),
    );
  });
  return reRank(proven, query);
}

export interface ShortlistJobDeps extends ShortlistDeps {
  stores: Pick<Stores, 'shortlists' | 'jobOrders' | 'candidates'>;
  /**
   * Runs after ranking and before the list is marked done, so what it writes is there for whoever sees the list
   * done. When it fails the list stays running and the job's retry ranks again; it must be idempotent.
   */
  beforeDone?: (order: JobOrderRecord, result: ShortlistResult) => Promise<void>;
}

/**
 * Ranks a queued shortlist and stores it: idempotent, so a retried or duplicated job never makes a second list or
 * overwrites a finished one.
 */
export async function runShortlistJob(shortlistId: string, deps: ShortlistJobDeps): Promise<void> {
  const shortlist = await deps.stores.shortlists.get(shortlistId);
  if (!shortlist) throw new Error(`shortlist ${shortlistId} does not exist`);
  if (shortlist.status === 'done' || shortlist.status === 'failed') return;
  const order = await deps.stores.jobOrders.get(shortlist.jobOrderId);
  if (!order) {
    await deps.stores.shortlists.fail(shortlistId, 'the job order was deleted');
    return;
  }
  await deps.stores.shortlists.markRunning(shortlistId);
  const { query, ...ranked } = await computeShortlist(order, shortlist, deps);
  const result: ShortlistResult = { ...ranked, entries: await withEvidence(ranked.entries, query, deps) };
  await deps.beforeDone?.(order, result);
  await deps.stores.shortlists.complete(shortlistId, result);
}
