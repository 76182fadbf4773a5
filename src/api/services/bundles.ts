import type { z } from 'zod';
import { bundleCandidate, latestEntries, renderBundle } from '../../../workers/bundle.ts';
import { type CompanyChoice, choiceToTransition } from '../../domain/workflow.ts';
import { bundleJobId } from '../../jobs/catalog.ts';
import { enqueueOrDefer } from '../../jobs/enqueue-shortlist.ts';
import type { Bundle } from '../../ports/bundles.ts';
import type { CandidateRecord } from '../../ports/candidates.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';
import { bundleViewer, type HiddenReason, hiddenDetail, type Viewer } from '../../privacy/sharing.ts';
import type { Principal } from '../auth.ts';
import { badRequest, conflict, notFound, ProblemError } from '../problem.ts';
import { type companyBundleView, seenByCompany } from '../schemas/bundles.ts';
import { auditCut, orderViewer, sharingRule, visibleJobOrder } from './tenancy.ts';
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
    openedAt: b.openedAt,
    viewCount: b.viewCount,
  };
}

/** The bundle with the state of the company's link, as the konsulent's screens show it. */
export async function bundleDetail(deps: Deps, b: Bundle) {
  const token = b.tokenId ? await deps.stores.access.getToken(b.tokenId) : undefined;
  return {
    ...bundleOut(b),
    companyLink: token
      ? {
          expiresAt: token.expiresAt,
          revokedAt: token.revokedAt,
          active:
            token.revokedAt === null &&
            (token.expiresAt === null || token.expiresAt > new Date().toISOString()),
        }
      : null,
  };
}

/** The order's bundles, newest first, for a konsulent of the order's jobcenter. */
export async function orderBundles(deps: Deps, principal: Principal, jobOrderId: string) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  const bundles = (await deps.stores.bundles.list(order.id)).reverse();
  const items = [];
  for (const b of bundles) items.push(await bundleDetail(deps, b));
  return { items };
}

/** Who of the bundle's candidates the viewer may see now, and why the others are hidden. */
async function split(
  deps: Deps,
  bundle: Pick<Bundle, 'jobOrderId' | 'jobcenter'>,
  candidateIds: readonly string[],
  viewer: Viewer,
): Promise<{
  shown: string[];
  hidden: Array<{ id: string; home: string | null; reason: HiddenReason }>;
  /** The records read to decide, so a caller need not read each person again. */
  records: ReadonlyMap<string, CandidateRecord>;
}> {
  const sight = await sharingRule(viewer, deps.stores);
  const records = await deps.stores.candidates.getMany(candidateIds);
  const shown: string[] = [];
  const hidden: Array<{ id: string; home: string | null; reason: HiddenReason }> = [];
  for (const id of candidateIds) {
    const record = records.get(id);
    const seen = sight(record);
    if (seen.visible) shown.push(id);
    else {
      const entry = record ? undefined : await deps.stores.candidacies.get(bundle.jobOrderId, id);
      hidden.push({ id, home: record?.jobcenter ?? entry?.homeJobcenter ?? null, reason: seen.reason });
    }
  }
  return { shown, hidden, records };
}

async function auditHidden(
  deps: Deps,
  principal: Principal,
  bundle: { id: string | null; jobOrderId: string },
  hidden: ReadonlyArray<{ id: string; home: string | null; reason: HiddenReason }>,
  action: 'consent.withdrawn.hidden' | 'consent.withdrawn.refused',
  where: string,
) {
  for (const h of hidden) {
    await auditCut(deps, principal, action, {
      candidateId: h.id,
      homeJobcenter: h.home,
      jobOrderId: bundle.jobOrderId,
      bundleId: bundle.id,
      reason: h.reason,
      where,
    });
  }
}

/**
 * Sends the order's `sent_to_company` candidates (or the ones named in `candidateIds`) as a CV-pakke: records the
 * bundle, queues its rendering and makes the company's token (virksomhed, bound to this one bundle, expiring). The
 * token is in this answer only. A person no longer shared with the order's jobcenter is refused by name, never
 * silently sent.
 */
export async function createBundle(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  body: { expiresInDays: number; label?: string | undefined; candidateIds?: string[] | undefined },
  /** Where the web app is reached, e.g. https://vikarmatch.example.dk: the company link points there. */
  origin = '',
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  let entries = (await deps.stores.candidacies.list(order.id)).filter((e) => e.state === 'sent_to_company');
  if (body.candidateIds !== undefined) {
    const sent = new Set(entries.map((e) => e.candidateId));
    const unknown = body.candidateIds.filter((id) => !sent.has(id));
    if (unknown.length > 0) {
      throw badRequest(
        "candidateIds may only name candidates of this order in state 'sent_to_company'",
        unknown.map((id) => ({
          field: 'candidateIds',
          message: `candidate ${id} is not in state 'sent_to_company'`,
        })),
      );
    }
    const wanted = new Set(body.candidateIds);
    entries = entries.filter((e) => wanted.has(e.candidateId));
  }
  if (entries.length === 0) {
    throw conflict("no candidate is in state 'sent_to_company': move the chosen ones there first");
  }
  const { hidden } = await split(
    deps,
    { jobOrderId: order.id, jobcenter: order.jobcenter },
    entries.map((e) => e.candidateId),
    orderViewer(principal, order),
  );
  if (hidden.length > 0) {
    await auditHidden(
      deps,
      principal,
      { id: null, jobOrderId: order.id },
      hidden,
      'consent.withdrawn.refused',
      'new bundle',
    );
    throw new ProblemError({
      code: 'consent-withdrawn',
      detail:
        `${hidden.length} of the candidates can no longer be sent to the company: they are not shared with ` +
        `jobcenter ${order.jobcenter} any more. Leave them out by sending candidateIds with the others.`,
      errors: hidden.map((h) => ({
        field: 'candidateIds',
        message: `candidate ${h.id}: ${hiddenDetail(h.reason, order.jobcenter)}`,
      })),
    });
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
    bundleId: bundle.id,
    label:
      body.label ?? `${order.jobOrder.company.name ?? order.jobOrder.company.cvr}: ${order.jobOrder.title}`,
    expiresAt,
  });
  await deps.stores.bundles.setToken(bundle.id, record.id);
  await enqueueOrDefer(deps.queue, 'bundle', { bundleId: bundle.id }, bundleJobId(bundle.id));
  return {
    bundle: bundleOut({ ...bundle, tokenId: record.id }),
    company: {
      token,
      tokenId: record.id,
      expiresAt,
      url: `/v1/company/bundles/${bundle.id}`,
      // The secret goes in the fragment: browsers never send it to the server or a proxy's log.
      link: `${origin}/virksomhed#${token}`,
    },
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
  const order = await visibleJobOrder(deps, principal, bundle.jobOrderId);
  const { pdf, shown } = await pdfFor(deps, principal, bundle, order, orderViewer(principal, order));
  for (const candidateId of shown) {
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

/**
 * The bundle's PDF as the viewer may have it now. The stored PDF was rendered when the bundle was made; when a
 * person in it is no longer shared with the viewer it is stale, never served again, and the PDF is rendered anew
 * without them (409 when nobody is left).
 */
async function pdfFor(
  deps: Deps,
  principal: Principal,
  bundle: Bundle,
  order: JobOrderRecord,
  viewer: Viewer,
): Promise<{ pdf: Buffer; shown: string[] }> {
  const stored = await bundlePdf(deps, bundle);
  const { shown, hidden } = await split(deps, bundle, bundle.candidateIds, viewer);
  if (hidden.length === 0) return { pdf: stored, shown };
  await auditHidden(deps, principal, bundle, hidden, 'consent.withdrawn.hidden', 'bundle pdf');
  const rendered = shown.length > 0 ? await renderBundle(bundle, order, shown, deps) : undefined;
  if (!rendered) {
    throw new ProblemError({
      code: 'consent-withdrawn',
      detail: 'none of the candidates in this bundle can be shown any more',
    });
  }
  return { pdf: rendered.pdf, shown: rendered.included };
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
  if (bundle.tokenId) {
    await deps.stores.access.revokeToken(bundle.tokenId);
    await deps.stores.sessions.deleteByToken(bundle.tokenId);
  }
}

/**
 * The company's view: only the one bundle its token was made for (a token of another bundle of the same order
 * does not open it); anything else does not exist.
 */
export async function companyBundle(deps: Deps, principal: Principal, id: string): Promise<Bundle> {
  const bundle = await deps.stores.bundles.get(id);
  if (
    !bundle ||
    principal.role !== 'virksomhed' ||
    principal.bundleId !== bundle.id ||
    bundle.jobOrderId !== principal.jobOrderId
  ) {
    throw notFound('bundle', id);
  }
  return bundle;
}

/** The candidates of the bundle the company may still see; the hidden ones are audited as cut. */
async function companyShown(deps: Deps, principal: Principal, bundle: Bundle, where: string) {
  const { shown, hidden, records } = await split(
    deps,
    bundle,
    bundle.candidateIds,
    await bundleViewer(bundle, deps.stores),
  );
  await auditHidden(deps, principal, bundle, hidden, 'consent.withdrawn.hidden', where);
  return { shown, records };
}

async function auditCompanyRead(
  deps: Deps,
  principal: Principal,
  bundle: Bundle,
  candidateIds: readonly string[],
  action: string,
  known: ReadonlyMap<string, CandidateRecord> = new Map(),
) {
  const unknown = candidateIds.filter((id) => !known.has(id));
  const read = unknown.length > 0 ? await deps.stores.candidates.getMany(unknown) : new Map();
  for (const candidateId of candidateIds) {
    const record = known.get(candidateId) ?? read.get(candidateId);
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

/**
 * What the company reads: the order, and per candidate the name, what the PDF shows of them and where they stand.
 * Audited per candidate. A person no longer shared with the order's jobcenter is not in it at all.
 */
export async function companyView(deps: Deps, principal: Principal, id: string) {
  const bundle = await companyBundle(deps, principal, id);
  const order = await deps.stores.jobOrders.get(bundle.jobOrderId);
  if (!order) throw notFound('bundle', id);
  const { shown, records } = await companyShown(deps, principal, bundle, 'company view');
  await deps.stores.bundles.recordView(bundle.id);
  await auditCompanyRead(deps, principal, bundle, shown, 'company.bundle.view', records);
  const candidates: z.infer<typeof companyBundleView>['candidates'] = [];
  const entries = await latestEntries(deps.stores.shortlists, order.id);
  for (const candidateId of shown) {
    const record = records.get(candidateId);
    const entry = await deps.stores.candidacies.get(bundle.jobOrderId, candidateId);
    if (!record || !entry) continue;
    // The company sees its own part of the workflow only: a candidate who withdrew is 'withdrawn', never why.
    const state = seenByCompany(entry.state) ? entry.state : 'withdrawn';
    const { name: _inThePdfAsHeading, ...cv } = await bundleCandidate(
      record,
      order,
      entries.get(candidateId),
      deps,
    );
    candidates.push({ candidateId, name: record.candidate.name, state, cv });
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
  const order = await deps.stores.jobOrders.get(bundle.jobOrderId);
  if (!order) throw notFound('bundle', id);
  const { pdf, shown } = await pdfFor(
    deps,
    principal,
    bundle,
    order,
    await bundleViewer(bundle, deps.stores),
  );
  await auditCompanyRead(deps, principal, bundle, shown, 'company.bundle.download');
  return pdf;
}

export async function companyChoose(deps: Deps, principal: Principal, id: string, choice: CompanyChoice) {
  const bundle = await companyBundle(deps, principal, id);
  if (!bundle.candidateIds.includes(choice.candidateId))
    throw notFound('candidate in this bundle', choice.candidateId);
  const { hidden } = await split(deps, bundle, [choice.candidateId], await bundleViewer(bundle, deps.stores));
  if (hidden.length > 0) {
    await auditHidden(deps, principal, bundle, hidden, 'consent.withdrawn.refused', 'company choice');
    throw notFound('candidate in this bundle', choice.candidateId);
  }
  const entry = await deps.stores.candidacies.transition(
    bundle.jobOrderId,
    choice.candidateId,
    choiceToTransition(choice),
    actorOf(principal),
  );
  return { candidateId: entry.candidateId, state: entry.state };
}
