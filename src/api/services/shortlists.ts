import type { AppContext } from '../../context.ts';
import type { ShortlistRequest } from '../../domain/shortlist.ts';
import { enqueueShortlist } from '../../jobs/enqueue-shortlist.ts';
import { shortlistView } from '../../views/shortlist.ts';
import type { Principal } from '../auth.ts';
import { assertMayUseScope, visibleJobOrder, visibleShortlist } from './tenancy.ts';

type Deps = Pick<AppContext, 'stores' | 'queue'>;

/** Starts a bruttoliste for an order the principal may see; the caller polls GET /v1/shortlists/{id}. */
export async function requestShortlist(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  request: ShortlistRequest,
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  assertMayUseScope(principal, request.scope);
  const created = await enqueueShortlist(deps, order, request);
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
