import type { AppContext } from '../../context.ts';
import type { ShortlistRequest } from '../../domain/shortlist.ts';
import { shortlistView } from '../../views/shortlist.ts';
import type { Principal } from '../auth.ts';
import { visibleJobOrder, visibleShortlist } from './tenancy.ts';

type Deps = Pick<AppContext, 'stores' | 'queue'>;

/**
 * Records the shortlist and queues its computation; the caller polls GET /v1/shortlists/{id}. The job id is derived
 * from the shortlist id, so enqueuing it again (a retried request handler) runs it once.
 */
export async function requestShortlist(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  request: ShortlistRequest,
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  const created = await deps.stores.shortlists.create({
    jobOrderId: order.id,
    scope: request.scope,
    size: request.size,
    strategy: request.strategy ?? order.jobOrder.rankingStrategy,
  });
  await deps.queue.enqueue('shortlist', { shortlistId: created.id }, { jobId: `shortlist-${created.id}` });
  return { id: created.id, status: created.status };
}

export async function getShortlist(deps: Deps, principal: Principal, id: string) {
  const { shortlist } = await visibleShortlist(deps, principal, id);
  return shortlistView(shortlist);
}

export async function listShortlists(deps: Deps, principal: Principal, jobOrderId: string) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  return { items: (await deps.stores.shortlists.list(order.id)).map(shortlistView) };
}
