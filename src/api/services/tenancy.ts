import type { AppContext } from '../../context.ts';
import type { CandidateRecord } from '../../ports/candidates.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';
import type { ShortlistRecord } from '../../ports/shortlists.ts';
import { ownsJobcenter, type Principal } from '../auth.ts';
import { forbidden, notFound } from '../problem.ts';

type Deps = Pick<AppContext, 'stores'>;

/** The candidate, when it exists and the principal may see it; 404 otherwise (another tenant's too). */
export async function visibleCandidate(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<CandidateRecord> {
  const record = await deps.stores.candidates.get(id);
  if (!record || !ownsJobcenter(principal, record.jobcenter)) throw notFound('candidate', id);
  return record;
}

export async function visibleJobOrder(deps: Deps, principal: Principal, id: string): Promise<JobOrderRecord> {
  const record = await deps.stores.jobOrders.get(id);
  if (!record || !ownsJobcenter(principal, record.jobcenter)) throw notFound('job order', id);
  return record;
}

/** A shortlist is visible with its job order. */
export async function visibleShortlist(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<{ shortlist: ShortlistRecord; order: JobOrderRecord }> {
  const shortlist = await deps.stores.shortlists.get(id);
  const order = shortlist && (await deps.stores.jobOrders.get(shortlist.jobOrderId));
  if (!shortlist || !order || !ownsJobcenter(principal, order.jobcenter)) throw notFound('shortlist', id);
  return { shortlist, order };
}

/**
 * Writing into a jobcenter: a konsulent only into its own. Unlike reads of an id, the caller named the jobcenter
 * itself, so a 403 that says why is more useful than pretending it does not exist.
 */
export function assertMayWrite(principal: Principal, jobcenter: string, what: string): void {
  if (!ownsJobcenter(principal, jobcenter)) throw forbidden(writeRefusal(principal, jobcenter, what));
}

export function writeRefusal(principal: Principal, jobcenter: string, what: string): string {
  return `your token may only write ${what} of jobcenter ${principal.jobcenter ?? '(none)'}, not ${jobcenter}`;
}

/** The jobcenter a list is restricted to: a konsulent's own; for admin the requested one, or all. */
export function listScope(
  principal: Principal,
  requested: string | undefined,
  what: string,
): string | undefined {
  if (principal.role === 'admin') return requested;
  if (requested !== undefined && requested !== principal.jobcenter) {
    throw forbidden(`your token may only list ${what} of jobcenter ${principal.jobcenter}, not ${requested}`);
  }
  return principal.jobcenter ?? undefined;
}
