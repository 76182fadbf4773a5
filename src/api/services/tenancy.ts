import type { AppContext } from '../../context.ts';
import type { ShortlistScope } from '../../domain/shortlist.ts';
import type { CandidateRecord } from '../../ports/candidates.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';
import type { ShortlistRecord } from '../../ports/shortlists.ts';
import {
  type HiddenReason,
  hiddenDetail,
  mayOtherJobcenterSee,
  sharingRule,
  type Viewer,
} from '../../privacy/sharing.ts';
import { ownsJobcenter, type Principal } from '../auth.ts';
import { forbidden, notFound, ProblemError } from '../problem.ts';

export { mayOtherJobcenterSee, sharingRule, type Viewer };

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

/**
 * The importer's tenancy options for an upload through the API: the run belongs to the konsulent's jobcenter, and a
 * record of another jobcenter is refused on its own line (an admin may write any).
 */
export function uploadTenancy(principal: Principal, what: string) {
  return {
    tenant: principal.role === 'admin' ? null : (principal.jobcenter ?? null),
    refuse: (jobcenter: string) =>
      ownsJobcenter(principal, jobcenter) ? undefined : writeRefusal(principal, jobcenter, what),
  };
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

/** National reach is a grant: admin has it by role, a konsulent only when its token was made with it. */
export const hasNationalScope = (principal: Principal): boolean =>
  principal.role === 'admin' || (principal.role === 'konsulent' && principal.nationalScope);

/** A list that reaches every jobcenter (scope 'all') needs the national grant; pools are the normal way to share. */
export function assertMayUseScope(principal: Principal, scope: ShortlistScope): void {
  if (scope === 'all' && !hasNationalScope(principal)) {
    throw forbidden(
      "scope 'all' reaches every jobcenter and needs a token granted national scope; your lists reach other " +
        "jobcentre through the pools your jobcenter is in: use scope 'pool' or 'auto'",
    );
  }
}

/** The eyes an order's candidates are seen through: the order's jobcenter, with the principal's national grant. */
export function orderViewer(principal: Principal, order: Pick<JobOrderRecord, 'jobcenter'>): Viewer {
  return { jobcenter: order.jobcenter, national: hasNationalScope(principal) };
}

export interface Cut {
  candidateId: string;
  homeJobcenter: string | null;
  jobOrderId: string | null;
  bundleId: string | null;
  reason: HiddenReason;
  /** Where it was cut, e.g. 'workflow entry', 'bundle pdf'. */
  where: string;
}

/**
 * Audits a read hidden or a step refused because the candidate is not shared with the viewer (any more). An erased
 * person is skipped: the id is anonymous and there is nobody left to account to.
 */
export async function auditCut(
  deps: Deps,
  principal: Principal,
  action: 'consent.withdrawn.hidden' | 'consent.withdrawn.refused',
  cut: Cut,
): Promise<void> {
  if (cut.reason === 'erased') return;
  await deps.stores.audit.record({
    actor: {
      tokenId: principal.tokenId,
      label: principal.label,
      role: principal.role,
      jobcenter: principal.jobcenter,
    },
    action,
    candidateId: cut.candidateId,
    homeJobcenter: cut.homeJobcenter,
    jobOrderId: cut.jobOrderId,
    bundleId: cut.bundleId,
    detail: `${cut.reason}: ${cut.where}`,
  });
}

/** The problem a refused step or bundle answers with. */
export function notSharedProblem(
  reason: HiddenReason,
  viewerJobcenter: string,
  candidateId: string,
  field?: string,
): ProblemError {
  const detail = hiddenDetail(reason, viewerJobcenter);
  return new ProblemError({
    code: 'consent-withdrawn',
    detail,
    extra: { candidateId, reason },
    ...(field ? { errors: [{ field, message: `candidate ${candidateId}: ${detail}` }] } : {}),
  });
}
