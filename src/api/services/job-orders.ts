import { estimateJobrotation, type JobrotationEstimate } from '../../../scoring/jobrotation-estimate.ts';
import type { AppContext } from '../../context.ts';
import { fieldErrors } from '../../domain/errors.ts';
import { type JobOrder, jobOrderInput } from '../../domain/job-order.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';
import { ruleSetProblem, UnknownRuleSetError } from '../../rulesets/load.ts';
import type { Principal } from '../auth.ts';
import { badRequest } from '../problem.ts';
import { assertMayWrite, listScope, visibleJobOrder } from './tenancy.ts';
import { jobOrderOut } from './views.ts';

/** The order as answered, with its jobrotation estimate from the rule set's sats. */
export function jobOrderResponse(deps: Pick<Deps, 'loadRuleSet' | 'taxonomy'>, r: JobOrderRecord) {
  let estimate: JobrotationEstimate | undefined;
  if (r.jobOrder.jobrotation) {
    try {
      estimate = estimateJobrotation(r.jobOrder, deps.loadRuleSet(r.jobOrder.ruleSet));
    } catch (error) {
      // A rule set removed since the order was stored: the order still reads, without an estimate.
      if (!(error instanceof UnknownRuleSetError)) throw error;
    }
  }
  return { ...jobOrderOut(r, deps.taxonomy), jobrotationEstimate: estimate ?? null };
}

type Deps = Pick<AppContext, 'stores' | 'loadRuleSet' | 'taxonomy'>;

/** References the schema cannot check alone: the rule set must be one this deployment can load. */
function assertReferencesExist(deps: Deps, jobOrder: JobOrder): void {
  const problem = ruleSetProblem(jobOrder.ruleSet, deps.loadRuleSet);
  if (problem) throw badRequest('the job order is invalid', [{ field: 'ruleSet', message: problem }]);
}

/** Upsert by (jobcenter, externalId), the same write as `vikar import job-orders`. */
export async function upsertJobOrder(deps: Deps, principal: Principal, jobOrder: JobOrder) {
  assertMayWrite(principal, jobOrder.jobcenter, 'job orders');
  assertReferencesExist(deps, jobOrder);
  const [result] = await deps.stores.jobOrders.upsert([{ jobOrder }]);
  const stored = await deps.stores.jobOrders.get(result!.id);
  return { ...jobOrderResponse(deps, stored!), status: result!.status };
}

export async function getJobOrder(deps: Deps, principal: Principal, id: string) {
  return jobOrderResponse(deps, await visibleJobOrder(deps, principal, id));
}

export async function listJobOrders(
  deps: Deps,
  principal: Principal,
  query: { jobcenter?: string | undefined; limit: number; after?: string | undefined },
) {
  const jobcenter = listScope(principal, query.jobcenter, 'job orders');
  const page = await deps.stores.jobOrders.list(jobcenter === undefined ? {} : { jobcenter }, {
    limit: query.limit,
    after: query.after,
  });
  return { items: page.items.map((r) => jobOrderResponse(deps, r)), next: page.next };
}

/**
 * Replaces an order by id (PUT) or changes some of its fields (PATCH, a shallow JSON merge: a nested object such
 * as `period` is replaced whole). The result is validated like a new order; jobcenter and externalId are its
 * upsert key and cannot change here.
 */
export async function updateJobOrder(
  deps: Deps,
  principal: Principal,
  id: string,
  body: Record<string, unknown>,
  mode: 'replace' | 'merge',
) {
  const existing = await visibleJobOrder(deps, principal, id);
  let raw: Record<string, unknown>;
  if (mode === 'replace') {
    raw = { jobcenter: existing.jobcenter, externalId: existing.externalId, ...body };
  } else {
    const { locationSource, location, ...stored } = existing.jobOrder;
    // A location derived from the old postnummer must not outlive a new postnummer.
    const keepLocation = locationSource === 'location' && !('postalCode' in body && !('location' in body));
    raw = { ...stored, ...(keepLocation ? { location } : {}), ...body };
  }
  const parsed = jobOrderInput.safeParse(raw);
  if (!parsed.success) throw badRequest('the job order is invalid', fieldErrors(parsed.error));
  const keyErrors = (['jobcenter', 'externalId'] as const)
    .filter((k) => parsed.data[k] !== existing[k])
    .map((k) => ({ field: k, message: `cannot be changed (it is the order's key); it is "${existing[k]}"` }));
  if (keyErrors.length > 0) throw badRequest('the job order key cannot change', keyErrors);
  assertReferencesExist(deps, parsed.data);
  const [result] = await deps.stores.jobOrders.upsert([{ jobOrder: parsed.data }]);
  const stored = await deps.stores.jobOrders.get(result!.id);
  return { ...jobOrderResponse(deps, stored!), status: result!.status };
}

/** Its shortlists go with it. */
export async function deleteJobOrder(deps: Deps, principal: Principal, id: string): Promise<void> {
  await visibleJobOrder(deps, principal, id);
  await deps.stores.jobOrders.delete(id);
}
