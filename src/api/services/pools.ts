import type { Pool } from '../../ports/pools.ts';
import type { Principal } from '../auth.ts';
import { forbidden, notFound } from '../problem.ts';
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

export async function poolStats(deps: Deps, principal: Principal, id: string) {
  const pool = await visiblePool(deps, principal, id);
  return {
    pool,
    totals: await deps.stores.stats.summary(pool.members),
    members: await deps.stores.stats.poolContribution(pool.id),
  };
}

/** A konsulent sees its own jobcenter's figures; admin any one, or every jobcenter together. */
export async function jobcenterStats(deps: Deps, principal: Principal, jobcenter: string | undefined) {
  if (principal.role !== 'admin') {
    if (jobcenter !== undefined && jobcenter !== principal.jobcenter) {
      throw forbidden(`your token may only read the statistics of jobcenter ${principal.jobcenter}`);
    }
    return deps.stores.stats.summary(principal.jobcenter ? [principal.jobcenter] : []);
  }
  if (jobcenter !== undefined) return deps.stores.stats.summary([jobcenter]);
  return deps.stores.stats.summary((await deps.stores.access.listJobcentre()).map((j) => j.id));
}
