import type { AppContext } from '../../context.ts';
import type { ImportRun } from '../../ports/import-runs.ts';
import type { Principal } from '../auth.ts';
import { notFound } from '../problem.ts';
import { rejectionsUrl } from './candidates.ts';

type Deps = Pick<AppContext, 'stores'>;

/**
 * An import run, when the principal may see it: an admin every run; a konsulent the runs of uploads made for its
 * own jobcenter. A CLI import or an admin's upload belongs to no jobcenter and is the admin's alone; anything
 * else answers 404, as if it did not exist.
 */
export async function visibleImportRun(deps: Deps, principal: Principal, id: string): Promise<ImportRun> {
  const run = await deps.stores.importRuns.get(id);
  if (!run) throw notFound('import run', id);
  if (principal.role === 'admin') return run;
  if (run.jobcenter === null || run.jobcenter !== principal.jobcenter) throw notFound('import run', id);
  return run;
}

export async function getImportRun(deps: Deps, principal: Principal, id: string) {
  const { owner: _owner, errors: _errors, ...run } = await visibleImportRun(deps, principal, id);
  return { ...run, rejectionsUrl: rejectionsUrl(run.id) };
}

export async function listRejections(
  deps: Deps,
  principal: Principal,
  id: string,
  page: { limit: number; after?: string | undefined },
) {
  await visibleImportRun(deps, principal, id);
  return deps.stores.importRuns.rejections(id, page);
}
