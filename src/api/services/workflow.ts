import { writeCandidateBatch } from '../../../indexer/import.ts';
import { validateCandidate } from '../../../indexer/validate.ts';
import { evaluateProposal } from '../../candidacy/proposal.ts';
import type { AppContext } from '../../context.ts';
import {
  type Actor,
  mayTransition,
  type OutcomeRequest,
  type TransitionRequest,
} from '../../domain/workflow.ts';
import type { Candidacy } from '../../ports/candidacies.ts';
import type { CandidateRecord } from '../../ports/candidates.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';
import { ownsJobcenter, type Principal } from '../auth.ts';
import { badRequest, conflict, forbidden, notFound } from '../problem.ts';
import {
  auditCut,
  mayOtherJobcenterSee,
  notSharedProblem,
  orderViewer,
  sharingRule,
  visibleCandidate,
  visibleJobOrder,
} from './tenancy.ts';

export type Deps = Pick<AppContext, 'stores' | 'index' | 'loadRuleSet' | 'queue' | 'taxonomy'>;

export const actorOf = (p: Principal): Actor => ({ tokenId: p.tokenId, label: p.label, role: p.role });

/** The person behind an entry as the order's konsulent may see them: the CV, without CPR, and contact rules. */
export async function candidateForOrder(
  deps: Deps,
  principal: Principal,
  order: JobOrderRecord,
  record: CandidateRecord,
) {
  const c = record.candidate;
  const home = principal.role === 'konsulent' && principal.jobcenter === record.jobcenter;
  const released =
    home ||
    principal.role === 'admin' ||
    (await deps.stores.contactReleases.isReleased(record.id, order.jobcenter));
  if (!home) {
    // Reading another jobcenter's CV is what the audit log is for.
    await deps.stores.audit.record({
      actor: { ...actorOf(principal), jobcenter: principal.jobcenter },
      action: 'candidate.cross_read',
      candidateId: record.id,
      homeJobcenter: record.jobcenter,
      jobOrderId: order.id,
      bundleId: null,
      detail: null,
    });
  }
  return {
    id: record.id,
    externalId: record.externalId,
    jobcenter: record.jobcenter,
    name: c.name,
    postalCode: c.postalCode,
    weeklyHours: c.weeklyHours,
    availableFrom: c.availableFrom,
    competences: c.competences,
    educations: c.educations,
    experience: c.experience,
    languages: c.languages,
    driversLicences: c.driversLicences,
    consent: {
      searchable: c.consent.searchable,
      shareWithPool: c.consent.shareWithPool,
      contactByCompany: c.consent.contactByCompany ?? false,
    },
    /** Hidden until the candidate's home jobcenter releases them to this order's jobcenter. */
    contactReleased: released,
    ...(released ? { email: c.email, phone: c.phone } : {}),
  };
}

/**
 * The order's workflow: every candidate ever put on it with their state. `new` marks those who first appeared in
 * the newest finished shortlist (or the one asked for) when an earlier list existed.
 */
export async function orderWorkflow(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  shortlistId?: string,
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  // Oldest first, whatever order the Store lists them in.
  const lists = (await deps.stores.shortlists.list(order.id))
    .filter((s) => s.status === 'done')
    .sort(
      (x, y) =>
        x.createdAt.localeCompare(y.createdAt) || (x.completedAt ?? '').localeCompare(y.completedAt ?? ''),
    );
  const reference = shortlistId ? lists.find((l) => l.id === shortlistId) : lists.at(-1);
  if (shortlistId && !reference) throw notFound('shortlist', shortlistId);
  const earlier = reference ? lists.indexOf(reference) > 0 : false;
  const ranked = new Map((reference?.entries ?? []).map((e) => [e.candidateId, e]));
  const entries = await deps.stores.candidacies.list(order.id);
  const sight = await sharingRule(orderViewer(principal, order), deps.stores);
  const out = [];
  for (const e of entries) {
    // The entry stays (it counts in the statistics); what the ranking said about a person no longer shared goes.
    const withdrawn = e.homeJobcenter !== order.jobcenter && !(await stillShared(e));
    const r = withdrawn ? undefined : ranked.get(e.candidateId);
    out.push({
      ...entryOut(e),
      withdrawn,
      new: earlier && e.firstShortlistId === reference?.id,
      rank: r?.rank ?? null,
      score: r?.score ?? null,
      explanation: r?.explanation ?? null,
    });
  }
  return { jobOrderId: order.id, shortlistId: reference?.id ?? null, entries: out };

  async function stillShared(e: Candidacy): Promise<boolean> {
    const seen = sight(await deps.stores.candidates.get(e.candidateId));
    if (seen.visible) return true;
    await auditCut(deps, principal, 'consent.withdrawn.hidden', {
      candidateId: e.candidateId,
      homeJobcenter: e.homeJobcenter,
      jobOrderId: order.id,
      bundleId: null,
      reason: seen.reason,
      where: 'workflow list',
    });
    return false;
  }
}

export function entryOut(e: Candidacy) {
  return {
    candidateId: e.candidateId,
    homeJobcenter: e.homeJobcenter,
    state: e.state,
    source: e.source,
    firstShortlistId: e.firstShortlistId,
    declineReason: e.declineReason,
    companyReason: e.companyReason,
    note: e.note,
    updatedAt: e.updatedAt,
  };
}

export async function entryDetail(deps: Deps, principal: Principal, jobOrderId: string, candidateId: string) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  const entry = await deps.stores.candidacies.get(order.id, candidateId);
  if (!entry) throw notFound('workflow entry for candidate', candidateId);
  const record = await deps.stores.candidates.get(candidateId);
  const seen = await mayOtherJobcenterSee(record, orderViewer(principal, order), deps.stores);
  if (!seen.visible) {
    await auditCut(deps, principal, 'consent.withdrawn.hidden', {
      candidateId,
      homeJobcenter: entry.homeJobcenter,
      jobOrderId: order.id,
      bundleId: null,
      reason: seen.reason,
      where: 'workflow entry',
    });
  }
  return {
    ...entryOut(entry),
    withdrawn: entry.homeJobcenter !== order.jobcenter && !seen.visible,
    history: (await deps.stores.candidacies.history(order.id, candidateId)).map((h) => ({
      from: h.from,
      to: h.to,
      reason: h.reason,
      note: h.note,
      by: { label: h.actor.label, role: h.actor.role, tokenId: h.actor.tokenId },
      at: h.at,
    })),
    candidate: record && seen.visible ? await candidateForOrder(deps, principal, order, record) : null,
  };
}

export async function transition(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  candidateId: string,
  request: TransitionRequest,
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  if (!mayTransition(principal.role, request.to)) {
    throw forbidden(`a ${principal.role} token may not move a candidate to '${request.to}'`);
  }
  await assertStillShared(deps, principal, order, candidateId);
  // An invalid step throws from the store; the error table answers it as a 409 naming both states.
  const entry = await deps.stores.candidacies.transition(order.id, candidateId, request, actorOf(principal));
  return entryOut(entry);
}

/**
 * No step moves a person of another jobcenter who is no longer shared with the order's one: 409 saying so, audited.
 * The home jobcenter's own candidates always move. An unknown entry is left to the store's 404.
 */
export async function assertStillShared(
  deps: Deps,
  principal: Principal,
  order: JobOrderRecord,
  candidateId: string,
  viewer = orderViewer(principal, order),
  bundleId: string | null = null,
): Promise<void> {
  const entry = await deps.stores.candidacies.get(order.id, candidateId);
  if (!entry || entry.homeJobcenter === order.jobcenter) return;
  const seen = await mayOtherJobcenterSee(await deps.stores.candidates.get(candidateId), viewer, deps.stores);
  if (seen.visible) return;
  await auditCut(deps, principal, 'consent.withdrawn.refused', {
    candidateId,
    homeJobcenter: entry.homeJobcenter,
    jobOrderId: order.id,
    bundleId,
    reason: seen.reason,
    where: 'workflow step',
  });
  throw notSharedProblem(seen.reason, order.jobcenter, candidateId);
}

/**
 * A candidate the company proposes: an existing one of the konsulent's own jobcenter by id, or a new one in full
 * (stored and indexed like any other). Returns the jobrotation verdict with every failed rule and the fit.
 */
export async function propose(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  body: { candidateId?: string | undefined; candidate?: unknown },
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  if ((body.candidateId === undefined) === (body.candidate === undefined)) {
    throw badRequest('send either candidateId or candidate', [
      { field: '(root)', message: 'exactly one of candidateId and candidate is required' },
    ]);
  }
  let record: CandidateRecord;
  if (body.candidateId !== undefined) {
    record = await visibleCandidate(deps, principal, body.candidateId);
  } else {
    const validated = validateCandidate(body.candidate);
    if (!validated.ok) throw badRequest(`candidate: ${validated.reason}`);
    const write = validated.value;
    if (!ownsJobcenter(principal, write.jobcenter)) {
      throw forbidden(`a proposed candidate is registered in your own jobcenter, not ${write.jobcenter}`);
    }
    const [result] = await writeCandidateBatch(deps, [write]);
    record = (await deps.stores.candidates.get(result!.id))!;
  }
  if (record.incomplete.length > 0) {
    throw conflict(
      `the candidate is incomplete (${record.incomplete.join(', ')}); complete the record first`,
    );
  }
  const evaluation = evaluateProposal(
    record,
    order.jobOrder,
    deps.loadRuleSet(order.jobOrder.ruleSet),
    deps.taxonomy,
  );
  const entry = await deps.stores.candidacies.add({
    jobOrderId: order.id,
    orderJobcenter: order.jobcenter,
    candidateId: record.id,
    homeJobcenter: record.jobcenter,
    source: 'company_proposal',
    actor: actorOf(principal),
  });
  return { candidateId: record.id, externalId: record.externalId, evaluation, entry: entryOut(entry) };
}

/** The home jobcenter lets another jobcenter see a shared candidate's e-mail and phone. Audited. */
export async function releaseContact(
  deps: Deps,
  principal: Principal,
  candidateId: string,
  toJobcenter: string,
) {
  const record = await visibleCandidate(deps, principal, candidateId);
  await deps.stores.contactReleases.release({
    candidateId: record.id,
    toJobcenter,
    releasedBy: principal.tokenId,
  });
  await deps.stores.audit.record({
    actor: { ...actorOf(principal), jobcenter: principal.jobcenter },
    action: 'contact.release',
    candidateId: record.id,
    homeJobcenter: record.jobcenter,
    jobOrderId: null,
    bundleId: null,
    detail: `to jobcenter ${toJobcenter}`,
  });
  return { candidateId: record.id, releasedTo: toJobcenter };
}

export async function recordOutcome(
  deps: Deps,
  principal: Principal,
  jobOrderId: string,
  candidateId: string,
  request: OutcomeRequest,
) {
  const order = await visibleJobOrder(deps, principal, jobOrderId);
  const placement = await deps.stores.placements.recordOutcome({
    jobOrderId: order.id,
    candidateId,
    request,
    actor: actorOf(principal),
  });
  return {
    id: placement.id,
    jobOrderId: placement.jobOrderId,
    candidateId: placement.candidateId,
    homeJobcenter: placement.homeJobcenter,
    orderJobcenter: placement.orderJobcenter,
    outcome: placement.outcome,
    reason: placement.reason,
    outcomes: placement.outcomes.map((o) => ({
      outcome: o.outcome,
      date: o.date,
      reason: o.reason,
      at: o.at,
    })),
  };
}

/** The audit trail of one candidate: for admin, or a konsulent of the candidate's home jobcenter. */
export async function auditTrail(deps: Deps, principal: Principal, candidateId: string | undefined) {
  if (candidateId === undefined) {
    if (principal.role !== 'admin') {
      throw badRequest('candidateId is required', [{ field: 'candidateId', message: 'is required' }]);
    }
    return { items: await deps.stores.audit.list({}) };
  }
  if (principal.role !== 'admin') await visibleCandidate(deps, principal, candidateId);
  return { items: await deps.stores.audit.list({ candidateId }) };
}
