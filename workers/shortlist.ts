import type { RuleSet } from '../scoring/eligibility.ts';
import { prepareQuery } from '../scoring/query.ts';
import { NEAR_MISS_MARGIN_KM, rankCandidates } from '../scoring/rank.ts';
import { analyse } from '../scoring/text/analyse.ts';
import type { ShortlistScope } from '../src/domain/shortlist.ts';
import type { CandidateIndex, RetrievalQuery } from '../src/ports/candidate-index.ts';
import type { JobOrderRecord } from '../src/ports/job-orders.ts';
import type { ShortlistResult } from '../src/ports/shortlists.ts';
import type { Stores } from '../src/ports/stores.ts';

export interface ShortlistDeps {
  stores: Pick<Stores, 'shortlists' | 'jobOrders'>;
  index: CandidateIndex;
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

/**
 * Retrieves, scores and ranks. Pure computation over the ports: no writes. 'auto' runs the own jobcenter first and
 * widens to the pool when fewer than `size` fit (and the jobcenter is in a pool at all).
 */
export async function computeShortlist(
  order: JobOrderRecord,
  request: { scope: ShortlistScope; size: number; strategy: 'fit-first' | 'weighted' },
  deps: ShortlistDeps,
): Promise<ShortlistResult> {
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
): Promise<ShortlistResult> {
  const jo = order.jobOrder;
  const ruleSet = deps.loadRuleSet(jo.ruleSet);
  const retrieval = await deps.index.retrieve({
    location: jo.location,
    radiusKm: jo.radiusKm.max + NEAR_MISS_MARGIN_KM,
    ...(await scopeOf(request.scope, jo.jobcenter, deps)),
    terms: analyse([jo.title, jo.tasks ?? '', ...jo.mustHave, ...jo.niceToHave].join('\n')),
    limit: 5000,
  });
  const query = prepareQuery(jo, ruleSet, retrieval.vocabulary, request.strategy);
  const ranked = rankCandidates(retrieval.candidates, query, { size: request.size });
  return {
    candidatesConsidered: ranked.candidatesConsidered,
    entries: ranked.entries,
    nearMisses: ranked.nearMisses.map(({ competence: _ordering, ...nearMiss }) => nearMiss),
  };
}

export interface ShortlistJobDeps extends ShortlistDeps {
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
  const result = await computeShortlist(order, shortlist, deps);
  await deps.beforeDone?.(order, result);
  await deps.stores.shortlists.complete(shortlistId, result);
}
