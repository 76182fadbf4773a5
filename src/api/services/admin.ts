import type { AppContext } from '../../context.ts';
import { JobcenterExistsError, type Role, type TokenFilter } from '../../ports/access.ts';
import { badRequest, conflict, notFound } from '../problem.ts';

type Deps = Pick<AppContext, 'stores'>;

export async function createJobcenter(deps: Deps, input: { id: string; name: string }) {
  try {
    return await deps.stores.access.createJobcenter(input);
  } catch (error) {
    if (error instanceof JobcenterExistsError) throw conflict(error.message);
    throw error;
  }
}

export async function listJobcentre(deps: Deps) {
  return { items: await deps.stores.access.listJobcentre() };
}

export interface TokenRequest {
  role: Role;
  jobcenter?: string | undefined;
  jobOrderId?: string | undefined;
  bundleId?: string | undefined;
  nationalScope?: boolean | undefined;
  label: string;
  expiresAt?: string | undefined;
}

/**
 * A konsulent token is bound to a registered jobcenter (and may be granted national scope); a virksomhed token to
 * one bundle of one job order (and that order's jobcenter). The clear token is returned here and nowhere else.
 */
export async function createToken(deps: Deps, input: TokenRequest) {
  let jobcenter: string | null = null;
  let jobOrderId: string | null = null;
  let bundleId: string | null = null;
  if (input.nationalScope && input.role !== 'konsulent') {
    throw badRequest('only a konsulent token can be granted national scope', [
      { field: 'nationalScope', message: 'is only for role konsulent' },
    ]);
  }
  if (input.bundleId !== undefined && input.role !== 'virksomhed') {
    throw badRequest('only a virksomhed token is bound to a bundle', [
      { field: 'bundleId', message: 'is only for role virksomhed' },
    ]);
  }
  if (input.role === 'konsulent') {
    if (!input.jobcenter) {
      throw badRequest('a konsulent token needs a jobcenter', [
        { field: 'jobcenter', message: 'is required for role konsulent' },
      ]);
    }
    if (!(await deps.stores.access.getJobcenter(input.jobcenter))) {
      throw badRequest('unknown jobcenter', [
        {
          field: 'jobcenter',
          message: `is not a registered jobcenter; create it with POST /v1/jobcentre first`,
        },
      ]);
    }
    jobcenter = input.jobcenter;
  } else if (input.role === 'virksomhed') {
    const bundle = input.bundleId === undefined ? undefined : await deps.stores.bundles.get(input.bundleId);
    if (input.bundleId !== undefined && !bundle) {
      throw badRequest('unknown bundle', [{ field: 'bundleId', message: 'is not a known bundle' }]);
    }
    if (bundle && input.jobOrderId !== undefined && bundle.jobOrderId !== input.jobOrderId) {
      throw badRequest('the bundle belongs to another job order', [
        { field: 'bundleId', message: 'is not a bundle of jobOrderId' },
      ]);
    }
    const orderId = input.jobOrderId ?? bundle?.jobOrderId;
    const order = orderId && (await deps.stores.jobOrders.get(orderId));
    if (!order) {
      throw badRequest('a virksomhed token needs an existing job order', [
        {
          field: 'jobOrderId',
          message: input.jobOrderId ? 'is not a known job order' : 'is required for role virksomhed',
        },
      ]);
    }
    jobcenter = order.jobcenter;
    jobOrderId = order.id;
    bundleId = bundle?.id ?? null;
  }
  if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= Date.now()) {
    throw badRequest('the token would be expired already', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  const { token, record } = await deps.stores.access.createToken({
    role: input.role,
    jobcenter,
    jobOrderId,
    bundleId,
    nationalScope: input.role === 'konsulent' && input.nationalScope === true,
    label: input.label,
    expiresAt: input.expiresAt ?? null,
  });
  return { ...record, token };
}

export async function listTokens(deps: Deps, filter: TokenFilter) {
  return { items: await deps.stores.access.listTokens(filter) };
}

export async function revokeToken(deps: Deps, id: string) {
  if (!(await deps.stores.access.getToken(id))) throw notFound('token', id);
  await deps.stores.access.revokeToken(id);
  await deps.stores.sessions.deleteByToken(id);
}
