import type { AppContext } from '../../context.ts';
import type { Shortlist, ShortlistRequest } from '../../domain/shortlist.ts';
import { enqueueShortlist } from '../../jobs/enqueue-shortlist.ts';
import type { ShortlistSummary } from '../../ports/shortlists.ts';
import { shortlistView } from '../../views/shortlist.ts';
import type { Principal } from '../auth.ts';
import { ProblemError } from '../problem.ts';
import {
  assertMayUseScope,
  auditCut,
  orderViewer,
  sharingRule,
  visibleJobOrder,
  visibleShortlist,
} from './tenancy.ts';

type Deps = Pick<AppContext, 'stores' | 'queue'>;
type RequestDeps = Deps & { config: Pick<AppContext['config'], 'SHORTLISTS_IN_FLIGHT_PER_ORDER'> };

/**
 * Starts a bruttoliste for an order the principal may see; the caller polls GET /v1/shortlists/{id}. An order with
 * SHORTLISTS_IN_FLIGHT_PER_ORDER lists queued or running takes no more until one finishes (two requests arriving
 * together may both pass the check: the cap bounds a runaway loop, it is not a quota).
 */
export async function requestShortlist(
  deps: RequestDeps,
  principal: Principal,
  jobOrderId: string,
  request: ShortlistRequest,
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  assertMayUseScope(principal, request.scope);
  const cap = deps.config.SHORTLISTS_IN_FLIGHT_PER_ORDER;
  const inFlight = await deps.stores.shortlists.countInFlight(order.id);
  if (inFlight >= cap) {
    throw new ProblemError({
      code: 'rate-limited',
      detail: `this job order already has ${inFlight} bruttolister queued or running (at most ${cap} at once); request another when one of them is done`,
      extra: { inFlight, limit: cap },
    });
  }
  const created = await enqueueShortlist(deps, order, request);
  return { id: created.id, status: created.status };
}

/**
 * A stored list as the principal may see it now: people of other jobcentre whose consent was withdrawn since (or
 * whose jobcenter left the pool) are left out of entries and near misses, each cut audited. Ranks keep their numbers,
 * so the gap shows that someone was there.
 */
export async function getShortlist(deps: Deps, principal: Principal, id: string) {
  const { shortlist, order } = await visibleShortlist(deps, principal, id);
  const people = [...shortlist.entries, ...shortlist.nearMisses];
  const foreign = new Set(people.filter((e) => e.jobcenter !== order.jobcenter).map((e) => e.candidateId));
  if (foreign.size === 0) return named(deps, shortlistView(shortlist), order.jobcenter);
  const sight = await sharingRule(orderViewer(principal, order), deps.stores);
  const hidden = new Set<string>();
  for (const candidateId of foreign) {
    const seen = sight(await deps.stores.candidates.get(candidateId));
    if (seen.visible) continue;
    hidden.add(candidateId);
    await auditCut(deps, principal, 'consent.withdrawn.hidden', {
      candidateId,
      homeJobcenter: null,
      jobOrderId: order.id,
      bundleId: null,
      reason: seen.reason,
      where: 'shortlist',
    });
  }
  const shown = (e: { candidateId: string }) => !hidden.has(e.candidateId);
  return named(
    deps,
    shortlistView({
      ...shortlist,
      entries: shortlist.entries.filter(shown),
      nearMisses: shortlist.nearMisses.filter(shown),
    }),
    order.jobcenter,
  );
}

/**
 * Adds each person's name as it is now, read in one query: names are never kept in a stored list, so an erasure or
 * a withdrawn consent acts at once. Only the order's own jobcenter's people are named: another jobcenter's
 * candidate is opened one at a time, where that read is audited.
 */
async function named(deps: Deps, list: Shortlist, jobcenter: string) {
  const own = [...list.entries, ...list.nearMisses]
    .filter((e) => e.jobcenter === jobcenter)
    .map((e) => e.candidateId);
  const names = await deps.stores.candidates.namesIn(jobcenter, own);
  const name = (e: { candidateId: string }) => names.get(e.candidateId) ?? null;
  return {
    ...list,
    entries: list.entries.map((e) => ({ ...e, name: name(e) })),
    nearMisses: list.nearMisses.map((n) => ({ ...n, name: name(n) })),
  };
}

/** An order's lists newest first, a page at a time, summarised; a cursor the store did not make answers 400. */
export async function listShortlists(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  page: { limit: number; after?: string | undefined },
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  const found = await deps.stores.shortlists.listSummaries(order.id, page);
  return { items: found.items.map(summaryView), next: found.next };
}

function summaryView(s: ShortlistSummary) {
  return {
    id: s.id,
    jobOrderId: s.jobOrderId,
    status: s.status,
    scope: s.scope,
    size: s.size,
    strategy: s.strategy,
    createdAt: s.createdAt,
    completedAt: s.completedAt,
    candidatesConsidered: s.candidatesConsidered,
    entryCount: s.entryCount,
    nearMissCount: s.nearMissCount,
    ...(s.error ? { error: s.error } : {}),
    ...(s.effectiveScope && s.effectiveScope !== 'auto' ? { effectiveScope: s.effectiveScope } : {}),
    ...(s.widened !== undefined ? { widened: s.widened } : {}),
  };
}
