import type { AppContext } from '../../context.ts';
import type { AuditEntry } from '../../ports/audit.ts';
import type { CandidateRecord } from '../../ports/candidates.ts';
import type { Principal } from '../auth.ts';
import { notFound } from '../problem.ts';
import { type CandidateExport, candidateExport } from '../schemas/candidate-export.ts';
import { candidateOut } from './views.ts';

type Deps = Pick<AppContext, 'stores'>;

/** Who asked for an export, as the audit log records it. */
export type ExportActor = AuditEntry['actor'];

/** Company reads of a bundle: what makes it "opened". */
const OPENED = ['company.bundle.view', 'company.bundle.download'];
/** An access request reads the whole log of one person; no one has been read this often. */
const AUDIT_LIMIT = 1_000_000;

/**
 * Builds the export of one person. It goes through the schema on the way out: only listed fields leave, so a
 * field added to a record later (a hash, say) stays in unless someone lists it here.
 */
export async function buildCandidateExport(deps: Deps, record: CandidateRecord): Promise<CandidateExport> {
  const { stores } = deps;
  const [candidacies, bundles, placements, audit] = await Promise.all([
    stores.candidacies.listByCandidate(record.id),
    stores.bundles.listByCandidate(record.id),
    stores.placements.listByCandidate(record.id),
    stores.audit.list({ candidateId: record.id, limit: AUDIT_LIMIT }),
  ]);
  const workflow = [];
  for (const c of candidacies) {
    const order = await stores.jobOrders.get(c.jobOrderId);
    const history = await stores.candidacies.history(c.jobOrderId, record.id);
    workflow.push({
      jobOrder: {
        id: c.jobOrderId,
        jobcenter: c.orderJobcenter,
        externalId: order?.externalId ?? null,
        title: order?.jobOrder.title ?? null,
        companyName: order?.jobOrder.company.name ?? null,
      },
      state: c.state,
      source: c.source,
      firstShortlistId: c.firstShortlistId,
      declineReason: c.declineReason,
      companyReason: c.companyReason,
      note: c.note,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      history: history.map((e) => ({
        from: e.from,
        to: e.to,
        reason: e.reason,
        note: e.note,
        by: { label: e.actor.label, role: e.actor.role },
        at: e.at,
      })),
    });
  }
  const firstOpened = new Map<string, string>();
  // The log is newest first: the last read seen for a bundle is its first.
  for (const e of audit) if (e.bundleId && OPENED.includes(e.action)) firstOpened.set(e.bundleId, e.at);
  return candidateExport.parse({
    exportedAt: new Date().toISOString(),
    candidate: candidateOut(record),
    workflow,
    bundles: bundles.map((b) => ({
      id: b.id,
      jobOrderId: b.jobOrderId,
      jobcenter: b.jobcenter,
      status: b.status,
      createdAt: b.createdAt,
      completedAt: b.completedAt,
      opened: firstOpened.has(b.id),
      firstOpenedAt: firstOpened.get(b.id) ?? null,
    })),
    placements: placements.map((p) => ({
      id: p.id,
      jobOrderId: p.jobOrderId,
      orderJobcenter: p.orderJobcenter,
      outcome: p.outcome,
      reason: p.reason,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      outcomes: p.outcomes.map((o) => ({
        outcome: o.outcome,
        date: o.date,
        reason: o.reason,
        note: o.note,
        by: { label: o.actor.label },
        at: o.at,
      })),
    })),
    auditLog: audit.map((e) => ({
      at: e.at,
      action: e.action,
      by: { label: e.actor.label, role: e.actor.role, jobcenter: e.actor.jobcenter },
      jobOrderId: e.jobOrderId,
      bundleId: e.bundleId,
      detail: e.detail,
    })),
  });
}

/** The export is itself a read of everything about the person, so it is audited like one. */
export async function auditExport(deps: Deps, actor: ExportActor, record: CandidateRecord, via: string) {
  await deps.stores.audit.record({
    actor,
    action: 'candidate.export',
    candidateId: record.id,
    homeJobcenter: record.jobcenter,
    jobOrderId: null,
    bundleId: null,
    detail: via,
  });
}

/**
 * GET /v1/candidates/{id}/export: the home jobcenter's konsulent or an admin. Deliberately not the wider read
 * access of a pool: only the jobcenter responsible for the person answers an access request.
 */
export async function exportCandidate(deps: Deps, principal: Principal, id: string) {
  const record = await deps.stores.candidates.get(id);
  const home = principal.role === 'konsulent' && principal.jobcenter === record?.jobcenter;
  if (!record || !(home || principal.role === 'admin')) throw notFound('candidate');
  const out = await buildCandidateExport(deps, record);
  await auditExport(
    deps,
    {
      tokenId: principal.tokenId,
      label: principal.label,
      role: principal.role,
      jobcenter: principal.jobcenter,
    },
    record,
    'api',
  );
  return out;
}
