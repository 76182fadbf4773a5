import { addMonths, copenhagenMonth, type MonthRange, monthCount } from '../../domain/months.ts';
import type { Pool } from '../../ports/pools.ts';
import type { Principal } from '../auth.ts';
import { badRequest, forbidden, notFound } from '../problem.ts';
import type { Deps } from './workflow.ts';

/** A pool is visible to admin and to konsulenter of its members; to everyone else it does not exist. */
export async function visiblePool(deps: Deps, principal: Principal, id: string): Promise<Pool> {
  const pool = await deps.stores.pools.get(id);
  const member = pool && principal.jobcenter !== null && pool.members.includes(principal.jobcenter);
  if (!pool || (principal.role !== 'admin' && !(principal.role === 'konsulent' && member))) {
    throw notFound('pool', id);
  }
  return pool;
}

/** More months would be a report, not a screen; and it bounds the size of the monthly queries. */
export const MAX_MONTHS = 36;

/** The months asked for: by default the current Copenhagen month and the 11 before it. */
export function monthRange(query: { from?: string | undefined; to?: string | undefined }): MonthRange {
  const to = query.to ?? copenhagenMonth(new Date());
  const from = query.from ?? addMonths(to, -11);
  const n = monthCount({ from, to });
  if (n < 1) {
    throw badRequest('the month range is empty', [
      { field: 'from', message: `must not be after to (${to})` },
    ]);
  }
  if (n > MAX_MONTHS) {
    throw badRequest(`the month range spans ${n} months`, [
      { field: 'from', message: `must be at most ${MAX_MONTHS} months before to (${to})` },
    ]);
  }
  return { from, to };
}

async function statsOf(deps: Deps, jobcentre: string[], range: MonthRange) {
  return {
    ...(await deps.stores.stats.summary(jobcentre)),
    range,
    months: await deps.stores.stats.months(jobcentre, range),
  };
}

export async function poolStats(deps: Deps, principal: Principal, id: string, range: MonthRange) {
  const pool = await visiblePool(deps, principal, id);
  return {
    pool,
    totals: await statsOf(deps, pool.members, range),
    members: await deps.stores.stats.poolContribution(pool.id),
    memberMonths: await deps.stores.stats.poolMonths(pool.id, range),
  };
}

/** A konsulent sees its own jobcenter's figures; admin any one, or every jobcenter together. */
export async function jobcenterStats(
  deps: Deps,
  principal: Principal,
  jobcenter: string | undefined,
  range: MonthRange,
) {
  if (principal.role !== 'admin') {
    if (jobcenter !== undefined && jobcenter !== principal.jobcenter) {
      throw forbidden(`your token may only read the statistics of jobcenter ${principal.jobcenter}`);
    }
    return statsOf(deps, principal.jobcenter ? [principal.jobcenter] : [], range);
  }
  if (jobcenter !== undefined) return statsOf(deps, [jobcenter], range);
  return statsOf(
    deps,
    (await deps.stores.access.listJobcentre()).map((j) => j.id),
    range,
  );
}
