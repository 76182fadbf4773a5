import type { z } from 'zod';
import { type CompanyChoice, choiceToTransition } from '../../domain/workflow.ts';
import { bundleJobId } from '../../jobs/catalog.ts';
import { enqueueOrDefer } from '../../jobs/enqueue-shortlist.ts';
import type { Bundle } from '../../ports/bundles.ts';
import type { Principal } from '../auth.ts';
import { conflict, notFound } from '../problem.ts';
import { type companyBundleView, seenByCompany } from '../schemas/bundles.ts';
import { visibleJobOrder } from './tenancy.ts';
import { actorOf, type Deps } from './workflow.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function bundleOut(b: Bundle) {
  return {
    id: b.id,
    jobOrderId: b.jobOrderId,
    status: b.status,
    candidateIds: b.candidateIds,
    createdAt: b.createdAt,
    completedAt: b.completedAt,
    error: b.error,
    pdfBytes: b.pdfBytes,
  };
}

/**
 * Sends the order's `sent_to_company` candidates as a CV-pakke: records the bundle, queues its rendering and makes
 * the company's token (virksomhed, scoped to this one job order, expiring). The token is in this answer only.
 */
export async function createBundle(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  body: { expiresInDays: number; label?: string | undefined },
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  const entries = (await deps.stores.candidacies.list(order.id)).filter((e) => e.state === 'sent_to_company');
  if (entries.length === 0) {
    throw conflict("no candidate is in state 'sent_to_company': move the chosen ones there first");
  }
  const bundle = await deps.stores.bundles.create({
    jobOrderId: order.id,
    jobcenter: order.jobcenter,
    candidateIds: entries.map((e) => e.candidateId),
    createdBy: principal.tokenId,
  });
  const expiresAt = new Date(Date.now() + body.expiresInDays * DAY_MS).toISOString();
  const { token, record } = await deps.stores.access.createToken({
    role: 'virksomhed',
    jobcenter: order.jobcenter,
    jobOrderId: order.id,
    label:
      body.label ?? `${order.jobOrder.company.name ?? order.jobOrder.company.cvr}: ${order.jobOrder.title}`,
    expiresAt,
  });
  await deps.stores.bundles.setToken(bundle.id, record.id);
  await enqueueOrDefer(deps.queue, 'bundle', { bundleId: bundle.id }, bundleJobId(bundle.id));
  return {
    bundle: bundleOut({ ...bundle, tokenId: record.id }),
    company: { token, tokenId: record.id, expiresAt, url: `/v1/company/bundles/${bundle.id}` },
  };
}

/** A bundle, for a konsulent of the order's jobcenter (404 for anyone else). */
export async function visibleBundle(deps: Deps, principal: Principal, id: string): Promise<Bundle> {
  const bundle = await deps.stores.bundles.get(id);
  if (!bundle) throw notFound('bundle', id);
  await visibleJobOrder(deps, principal, bundle.jobOrderId).catch(() => {
    throw notFound('bundle', id);
  });
  return bundle;
}

/**
 * The konsulent's own download of a bundle: the CVs of pool members' candidates in it are cross-jobcenter reads,
 * so they are audited like any other.
 */
export async function konsulentPdf(deps: Deps, principal: Principal, id: string): Promise<Buffer> {
  const bundle = await visibleBundle(deps, principal, id);
  const pdf = await bundlePdf(deps, bundle);
  for (const candidateId of bundle.candidateIds) {
    const record = await deps.stores.candidates.get(candidateId);
    if (!record || (principal.role === 'konsulent' && principal.jobcenter === record.jobcenter)) continue;
    await deps.stores.audit.record({
      actor: { ...actorOf(principal), jobcenter: principal.jobcenter },
      action: 'bundle.download',
      candidateId,
      homeJobcenter: record.jobcenter,
      jobOrderId: bundle.jobOrderId,
      bundleId: bundle.id,
      detail: null,
    });
  }
  return pdf;
}

export async function bundlePdf(deps: Deps, bundle: Bundle): Promise<Buffer> {
  if (bundle.status !== 'done') {
    throw conflict(
      bundle.status === 'queued' || bundle.status === 'rendering'
        ? 'the bundle is still being rendered; try again shortly'
        : `the bundle is ${bundle.status}${bundle.error ? `: ${bundle.error}` : ''}`,
    );
  }
  const pdf = await deps.stores.bundles.getPdf(bundle.id);
  if (!pdf) throw notFound('bundle PDF');
  return pdf;
}

/** Closes the company's link at once; the bundle itself stays for the konsulent. */
export async function revokeBundleAccess(deps: Deps, principal: Principal, id: string) {
  const bundle = await visibleBundle(deps, principal, id);
  if (bundle.tokenId) await deps.stores.access.revokeToken(bundle.tokenId);
}

/** The company's view: only a bundle of the job order its token is for; anything else does not exist. */
export async function companyBundle(deps: Deps, principal: Principal, id: string): Promise<Bundle> {
  const bundle = await deps.stores.bundles.get(id);
  if (!bundle || principal.role !== 'virksomhed' || bundle.jobOrderId !== principal.jobOrderId) {
    throw notFound('bundle', id);
  }
  return bundle;
}

async function auditCompanyRead(deps: Deps, principal: Principal, bundle: Bundle, action: string) {
  for (const candidateId of bundle.candidateIds) {
    const record = await deps.stores.candidates.get(candidateId);
    await deps.stores.audit.record({
      actor: { ...actorOf(principal), jobcenter: principal.jobcenter },
      action,
      candidateId,
      homeJobcenter: record?.jobcenter ?? null,
      jobOrderId: bundle.jobOrderId,
      bundleId: bundle.id,
      detail: null,
    });
  }
}

/** What the company reads: the order, and per candidate the name and where they stand. Audited per candidate. */
export async function companyView(deps: Deps, principal: Principal, id: string) {
  const bundle = await companyBundle(deps, principal, id);
  const order = await deps.stores.jobOrders.get(bundle.jobOrderId);
  if (!order) throw notFound('bundle', id);
  await auditCompanyRead(deps, principal, bundle, 'company.bundle.view');
  const candidates: z.infer<typeof companyBundleView>['candidates'] = [];
  for (const candidateId of bundle.candidateIds) {
    const record = await deps.stores.candidates.get(candidateId);
    const entry = await deps.stores.candidacies.get(bundle.jobOrderId, candidateId);
    if (!record || !entry) continue;
    // The company sees its own part of the workflow only: a candidate who withdrew is 'withdrawn', never why.
    const state = seenByCompany(entry.state) ? entry.state : 'withdrawn';
    candidates.push({ candidateId, name: record.candidate.name, state });
  }
  return {
    id: bundle.id,
    status: bundle.status,
    jobOrder: {
      id: order.id,
      title: order.jobOrder.title,
      period: order.jobOrder.period,
      weeklyHours: order.jobOrder.weeklyHours,
    },
    pdf: `/v1/company/bundles/${bundle.id}/pdf`,
    candidates,
  };
}

export async function companyPdf(deps: Deps, principal: Principal, id: string): Promise<Buffer> {
  const bundle = await companyBundle(deps, principal, id);
  const pdf = await bundlePdf(deps, bundle);
  await auditCompanyRead(deps, principal, bundle, 'company.bundle.download');
  return pdf;
}

export async function companyChoose(deps: Deps, principal: Principal, id: string, choice: CompanyChoice) {
  const bundle = await companyBundle(deps, principal, id);
  if (!bundle.candidateIds.includes(choice.candidateId))
    throw notFound('candidate in this bundle', choice.candidateId);
  const entry = await deps.stores.candidacies.transition(
    bundle.jobOrderId,
    choice.candidateId,
    choiceToTransition(choice),
    actorOf(principal),
  );
  return { candidateId: entry.candidateId, state: entry.state };
}
