import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type Actor,
  assertOutcome,
  assertTransition,
  type DeclineReason,
  InvalidOutcomeError,
  OUTCOMES,
  type OutcomeKind,
  type OutcomeRequest,
  type TransitionRequest,
  type WorkflowState,
} from '../../domain/workflow.ts';
import {
  type AuditEntry,
  type Bundle,
  type BundleStatus,
  type EntrySource,
  type NewAuditEntry,
  type Placement,
  type PlacementOutcome,
  type Pool,
  type PoolContribution,
  type Stats,
  type WorkflowEntry,
  type WorkflowEvent,
  WorkflowNotFoundError,
  type WorkflowStore,
} from '../../ports/workflow.ts';

interface EntryRow {
  job_order_id: string;
  candidate_id: string;
  home_jobcenter: string;
  order_jobcenter: string;
  state: WorkflowState;
  source: EntrySource;
  first_shortlist_id: string | null;
  decline_reason: DeclineReason | null;
  company_reason: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

interface EventRow {
  id: number;
  job_order_id: string;
  candidate_id: string;
  from_state: WorkflowState | null;
  to_state: WorkflowState;
  reason: string | null;
  note: string | null;
  actor_token_id: string;
  actor_label: string;
  actor_role: Actor['role'];
  at: string;
}

interface BundleRow {
  id: string;
  job_order_id: string;
  jobcenter: string;
  status: BundleStatus;
  candidate_ids_json: string;
  token_id: string | null;
  created_by: string;
  created_at: string;
  completed_at: string | null;
  error: string | null;
  pdf_bytes: number | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor_token_id: string;
  actor_label: string;
  actor_role: Actor['role'];
  actor_jobcenter: string | null;
  action: string;
  candidate_id: string | null;
  home_jobcenter: string | null;
  job_order_id: string | null;
  bundle_id: string | null;
  detail: string | null;
}

interface PlacementRow {
  id: string;
  job_order_id: string;
  candidate_id: string;
  home_jobcenter: string;
  order_jobcenter: string;
  outcome: OutcomeKind | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

interface OutcomeRow {
  outcome: OutcomeKind;
  date: string;
  reason: string | null;
  note: string | null;
  actor_token_id: string;
  actor_label: string;
  at: string;
}

const BUNDLE_COLUMNS =
  'id, job_order_id, jobcenter, status, candidate_ids_json, token_id, created_by, created_at, completed_at, error, pdf_bytes';

function toEntry(r: EntryRow): WorkflowEntry {
  return {
    jobOrderId: r.job_order_id,
    candidateId: r.candidate_id,
    homeJobcenter: r.home_jobcenter,
    orderJobcenter: r.order_jobcenter,
    state: r.state,
    source: r.source,
    firstShortlistId: r.first_shortlist_id,
    declineReason: r.decline_reason,
    companyReason: r.company_reason,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toEvent(r: EventRow): WorkflowEvent {
  return {
    id: r.id,
    jobOrderId: r.job_order_id,
    candidateId: r.candidate_id,
    from: r.from_state,
    to: r.to_state,
    reason: r.reason,
    note: r.note,
    actor: { tokenId: r.actor_token_id, label: r.actor_label, role: r.actor_role },
    at: r.at,
  };
}

function toBundle(r: BundleRow): Bundle {
  return {
    id: r.id,
    jobOrderId: r.job_order_id,
    jobcenter: r.jobcenter,
    status: r.status,
    candidateIds: JSON.parse(r.candidate_ids_json) as string[],
    tokenId: r.token_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    error: r.error,
    pdfBytes: r.pdf_bytes,
  };
}

function toAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: {
      tokenId: r.actor_token_id,
      label: r.actor_label,
      role: r.actor_role,
      jobcenter: r.actor_jobcenter,
    },
    action: r.action,
    candidateId: r.candidate_id,
    homeJobcenter: r.home_jobcenter,
    jobOrderId: r.job_order_id,
    bundleId: r.bundle_id,
    detail: r.detail,
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The WorkflowStore on the SqliteStore's connection (same file, same transactions). The store must have run its
 * migrations (which include WORKFLOW_MIGRATIONS) before this is constructed.
 */
export class SqliteWorkflowStore implements WorkflowStore {
  /** Prepared once per SQL text: the audit log and the workflow steps run on every request of these routes. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private q<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  private now(): string {
    return new Date().toISOString();
  }

  async syncShortlist(input: {
    shortlistId: string;
    jobOrderId: string;
    orderJobcenter: string;
    entries: ReadonlyArray<{ candidateId: string; jobcenter: string }>;
  }): Promise<void> {
    const insert = this.q(
      `INSERT INTO workflow_entries (job_order_id, candidate_id, home_jobcenter, order_jobcenter, state, source,
         first_shortlist_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'suggested', 'shortlist', ?, ?, ?)
       ON CONFLICT (job_order_id, candidate_id) DO NOTHING`,
    );
    const now = this.now();
    this.db.transaction(() => {
      for (const e of input.entries) {
        insert.run(
          input.jobOrderId,
          e.candidateId,
          e.jobcenter,
          input.orderJobcenter,
          input.shortlistId,
          now,
          now,
        );
      }
    })();
  }

  async addEntry(input: {
    jobOrderId: string;
    orderJobcenter: string;
    candidateId: string;
    homeJobcenter: string;
    source: EntrySource;
    actor: Actor;
  }): Promise<WorkflowEntry> {
    const now = this.now();
    this.q(
      `INSERT INTO workflow_entries (job_order_id, candidate_id, home_jobcenter, order_jobcenter, state, source,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, 'suggested', ?, ?, ?)
         ON CONFLICT (job_order_id, candidate_id) DO NOTHING`,
    ).run(
      input.jobOrderId,
      input.candidateId,
      input.homeJobcenter,
      input.orderJobcenter,
      input.source,
      now,
      now,
    );
    return (await this.getEntry(input.jobOrderId, input.candidateId))!;
  }

  async getEntry(jobOrderId: string, candidateId: string): Promise<WorkflowEntry | undefined> {
    const row = this.q<[string, string], EntryRow>(
      'SELECT * FROM workflow_entries WHERE job_order_id = ? AND candidate_id = ?',
    ).get(jobOrderId, candidateId);
    return row && toEntry(row);
  }

  async listEntries(jobOrderId: string): Promise<WorkflowEntry[]> {
    return this.q<[string], EntryRow>(
      'SELECT * FROM workflow_entries WHERE job_order_id = ? ORDER BY created_at, candidate_id',
    )
      .all(jobOrderId)
      .map(toEntry);
  }

  async transition(
    jobOrderId: string,
    candidateId: string,
    request: TransitionRequest,
    actor: Actor,
  ): Promise<WorkflowEntry> {
    // IMMEDIATE: the read of the current state and the write must not interleave with another process's step.
    const step = this.db.transaction(() => {
      const row = this.q<[string, string], EntryRow>(
        'SELECT * FROM workflow_entries WHERE job_order_id = ? AND candidate_id = ?',
      ).get(jobOrderId, candidateId);
      if (!row) throw new WorkflowNotFoundError(`candidate ${candidateId} is not on job order ${jobOrderId}`);
      assertTransition(row.state, request.to);
      const now = this.now();
      const reason = 'reason' in request ? request.reason : null;
      const note = request.note ?? null;
      this.q(
        `UPDATE workflow_entries SET state = @to, updated_at = @now,
             decline_reason = CASE WHEN @to = 'declined' THEN @reason ELSE decline_reason END,
             company_reason = CASE WHEN @to = 'not_chosen' THEN @reason ELSE company_reason END,
             note = COALESCE(@note, note)
           WHERE job_order_id = @jobOrderId AND candidate_id = @candidateId`,
      ).run({ to: request.to, now, reason, note, jobOrderId, candidateId });
      this.q(
        `INSERT INTO workflow_events (job_order_id, candidate_id, order_jobcenter, from_state, to_state, reason, note,
             actor_token_id, actor_label, actor_role, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        jobOrderId,
        candidateId,
        row.order_jobcenter,
        row.state,
        request.to,
        reason,
        note,
        actor.tokenId,
        actor.label,
        actor.role,
        now,
      );
    });
    step.immediate();
    return (await this.getEntry(jobOrderId, candidateId))!;
  }

  async history(jobOrderId: string, candidateId: string): Promise<WorkflowEvent[]> {
    return this.q<[string, string], EventRow>(
      'SELECT * FROM workflow_events WHERE job_order_id = ? AND candidate_id = ? ORDER BY id',
    )
      .all(jobOrderId, candidateId)
      .map(toEvent);
  }

  async createBundle(input: {
    jobOrderId: string;
    jobcenter: string;
    candidateIds: string[];
    createdBy: string;
  }): Promise<Bundle> {
    const id = randomUUID();
    this.q(
      `INSERT INTO bundles (id, job_order_id, jobcenter, status, candidate_ids_json, created_by, created_at)
         VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
    ).run(
      id,
      input.jobOrderId,
      input.jobcenter,
      JSON.stringify(input.candidateIds),
      input.createdBy,
      this.now(),
    );
    return (await this.getBundle(id))!;
  }

  async setBundleToken(id: string, tokenId: string): Promise<void> {
    this.q('UPDATE bundles SET token_id = ? WHERE id = ?').run(tokenId, id);
  }

  async markBundleRendering(id: string): Promise<void> {
    this.q(`UPDATE bundles SET status = 'rendering' WHERE id = ? AND status IN ('queued', 'rendering')`).run(
      id,
    );
  }

  /** A finished bundle is never re-rendered: a retried job keeps the PDF the company may already have seen. */
  async completeBundle(id: string, pdf: Buffer, candidateIds: string[]): Promise<void> {
    this.q(
      `UPDATE bundles SET status = 'done', pdf = ?, pdf_bytes = ?, candidate_ids_json = ?, completed_at = ?,
           error = NULL
         WHERE id = ? AND status IN ('queued', 'rendering')`,
    ).run(pdf, pdf.length, JSON.stringify(candidateIds), this.now(), id);
  }

  async failBundle(id: string, error: string): Promise<void> {
    this.q(
      `UPDATE bundles SET status = 'failed', error = ?, completed_at = ? WHERE id = ? AND status IN ('queued', 'rendering')`,
    ).run(error, this.now(), id);
  }

  async getBundle(id: string): Promise<Bundle | undefined> {
    const row = this.q<[string], BundleRow>(`SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE id = ?`).get(id);
    return row && toBundle(row);
  }

  async getBundlePdf(id: string): Promise<Buffer | undefined> {
    const row = this.q<[string], { pdf: Buffer | null }>(
      `SELECT pdf FROM bundles WHERE id = ? AND status = 'done'`,
    ).get(id);
    return row?.pdf ?? undefined;
  }

  async listBundles(jobOrderId: string): Promise<Bundle[]> {
    return this.q<[string], BundleRow>(
      `SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE job_order_id = ? ORDER BY created_at, id`,
    )
      .all(jobOrderId)
      .map(toBundle);
  }

  async releaseContact(input: {
    candidateId: string;
    toJobcenter: string;
    releasedBy: string;
  }): Promise<void> {
    this.q(
      `INSERT INTO contact_releases (candidate_id, to_jobcenter, released_by, released_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (candidate_id, to_jobcenter) DO NOTHING`,
    ).run(input.candidateId, input.toJobcenter, input.releasedBy, this.now());
  }

  async isContactReleased(candidateId: string, toJobcenter: string): Promise<boolean> {
    return (
      this.q('SELECT 1 FROM contact_releases WHERE candidate_id = ? AND to_jobcenter = ?').get(
        candidateId,
        toJobcenter,
      ) !== undefined
    );
  }

  async audit(e: NewAuditEntry): Promise<void> {
    this.q(
      `INSERT INTO audit_log (at, actor_token_id, actor_label, actor_role, actor_jobcenter, action, candidate_id,
           home_jobcenter, job_order_id, bundle_id, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.now(),
      e.actor.tokenId,
      e.actor.label,
      e.actor.role,
      e.actor.jobcenter,
      e.action,
      e.candidateId,
      e.homeJobcenter,
      e.jobOrderId,
      e.bundleId,
      e.detail,
    );
  }

  async listAudit(filter: {
    candidateId?: string;
    homeJobcenter?: string;
    limit?: number;
  }): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.candidateId !== undefined) {
      where.push('candidate_id = ?');
      params.push(filter.candidateId);
    }
    if (filter.homeJobcenter !== undefined) {
      where.push('home_jobcenter = ?');
      params.push(filter.homeJobcenter);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.q<unknown[], AuditRow>(sql)
      .all(...params, filter.limit ?? 1000)
      .map(toAudit);
  }

  async createPool(input: { name: string; members: string[] }): Promise<Pool> {
    const id = randomUUID();
    const now = this.now();
    this.db.transaction(() => {
      this.q('INSERT INTO pools (id, name, created_at) VALUES (?, ?, ?)').run(id, input.name, now);
      const add = this.q(
        'INSERT OR IGNORE INTO pool_members (pool_id, jobcenter, added_at) VALUES (?, ?, ?)',
      );
      for (const m of input.members) add.run(id, m, now);
    })();
    return (await this.getPool(id))!;
  }

  async getPool(id: string): Promise<Pool | undefined> {
    const row = this.q<[string], { id: string; name: string; created_at: string }>(
      'SELECT * FROM pools WHERE id = ?',
    ).get(id);
    if (!row) return undefined;
    const members = this.q<[string], { jobcenter: string }>(
      'SELECT jobcenter FROM pool_members WHERE pool_id = ? ORDER BY jobcenter',
    )
      .all(id)
      .map((m) => m.jobcenter);
    return { id: row.id, name: row.name, members, createdAt: row.created_at };
  }

  async listPools(filter: { jobcenter?: string } = {}): Promise<Pool[]> {
    const ids =
      filter.jobcenter === undefined
        ? this.q<[], { id: string }>('SELECT id FROM pools ORDER BY created_at, id').all()
        : this.q<[string], { id: string }>(
            `SELECT p.id FROM pools p JOIN pool_members m ON m.pool_id = p.id WHERE m.jobcenter = ?
               ORDER BY p.created_at, p.id`,
          ).all(filter.jobcenter);
    const pools: Pool[] = [];
    for (const { id } of ids) {
      const pool = await this.getPool(id);
      if (pool) pools.push(pool);
    }
    return pools;
  }

  async addPoolMember(poolId: string, jobcenter: string): Promise<Pool | undefined> {
    if (!(await this.getPool(poolId))) return undefined;
    this.q('INSERT OR IGNORE INTO pool_members (pool_id, jobcenter, added_at) VALUES (?, ?, ?)').run(
      poolId,
      jobcenter,
      this.now(),
    );
    return this.getPool(poolId);
  }

  async removePoolMember(poolId: string, jobcenter: string): Promise<Pool | undefined> {
    if (!(await this.getPool(poolId))) return undefined;
    this.q('DELETE FROM pool_members WHERE pool_id = ? AND jobcenter = ?').run(poolId, jobcenter);
    return this.getPool(poolId);
  }

  async poolMembers(jobcenter: string): Promise<string[]> {
    return this.q<[string, string], { jobcenter: string }>(
      `SELECT DISTINCT other.jobcenter FROM pool_members me
         JOIN pool_members other ON other.pool_id = me.pool_id
         WHERE me.jobcenter = ? AND other.jobcenter <> ? ORDER BY other.jobcenter`,
    )
      .all(jobcenter, jobcenter)
      .map((r) => r.jobcenter);
  }

  async recordOutcome(input: {
    jobOrderId: string;
    candidateId: string;
    request: OutcomeRequest;
    actor: Actor;
  }): Promise<Placement> {
    const { jobOrderId, candidateId, request, actor } = input;
    const write = this.db.transaction(() => {
      const entry = this.q<[string, string], EntryRow>(
        'SELECT * FROM workflow_entries WHERE job_order_id = ? AND candidate_id = ?',
      ).get(jobOrderId, candidateId);
      if (!entry)
        throw new WorkflowNotFoundError(`candidate ${candidateId} is not on job order ${jobOrderId}`);
      if (entry.state !== 'chosen') {
        throw new InvalidOutcomeError(
          `an outcome needs a placement: the candidate's state is '${entry.state}', not 'chosen'`,
        );
      }
      const now = this.now();
      let placement = this.q<[string, string], PlacementRow>(
        'SELECT * FROM placements WHERE job_order_id = ? AND candidate_id = ?',
      ).get(jobOrderId, candidateId);
      assertOutcome(placement?.outcome ?? null, request.outcome);
      if (!placement) {
        const id = randomUUID();
        this.q(
          `INSERT INTO placements (id, job_order_id, candidate_id, home_jobcenter, order_jobcenter, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, jobOrderId, candidateId, entry.home_jobcenter, entry.order_jobcenter, now, now);
        placement = { id } as PlacementRow;
      }
      this.q('UPDATE placements SET outcome = ?, reason = ?, updated_at = ? WHERE id = ?').run(
        request.outcome,
        request.reason ?? null,
        now,
        placement.id,
      );
      this.q(
        `INSERT INTO placement_outcomes (placement_id, outcome, date, reason, note, actor_token_id, actor_label, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        placement.id,
        request.outcome,
        request.date ?? now.slice(0, 10),
        request.reason ?? null,
        request.note ?? null,
        actor.tokenId,
        actor.label,
        now,
      );
    });
    write.immediate();
    return (await this.getPlacement(jobOrderId, candidateId))!;
  }

  async getPlacement(jobOrderId: string, candidateId: string): Promise<Placement | undefined> {
    const row = this.q<[string, string], PlacementRow>(
      'SELECT * FROM placements WHERE job_order_id = ? AND candidate_id = ?',
    ).get(jobOrderId, candidateId);
    if (!row) return undefined;
    const outcomes = this.q<[string], OutcomeRow>(
      'SELECT * FROM placement_outcomes WHERE placement_id = ? ORDER BY id',
    )
      .all(row.id)
      .map(
        (o): PlacementOutcome => ({
          outcome: o.outcome,
          date: o.date,
          reason: o.reason,
          note: o.note,
          actor: { tokenId: o.actor_token_id, label: o.actor_label },
          at: o.at,
        }),
      );
    return {
      id: row.id,
      jobOrderId: row.job_order_id,
      candidateId: row.candidate_id,
      homeJobcenter: row.home_jobcenter,
      orderJobcenter: row.order_jobcenter,
      outcome: row.outcome,
      reason: row.reason,
      outcomes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async stats(jobcentre: string[]): Promise<Stats> {
    const outcomes = Object.fromEntries([...OUTCOMES, 'none'].map((o) => [o, 0])) as Stats['outcomes'];
    const empty: Stats = {
      jobcentre,
      orders: 0,
      ordersWithShortlist: 0,
      medianSecondsOrderToShortlist: null,
      medianSecondsShortlistToChoice: null,
      medianSecondsOrderToChoice: null,
      sentToCompany: 0,
      chosen: 0,
      hitRate: null,
      placements: 0,
      outcomes,
    };
    if (jobcentre.length === 0) return empty;
    const inList = placeholders(jobcentre.length);
    // Per order: when it was made, its first finished shortlist and its first choice.
    const orders = this.q<
      unknown[],
      { created_at: string; shortlist_at: string | null; chosen_at: string | null }
    >(
      `SELECT o.created_at,
           (SELECT min(s.completed_at) FROM shortlists s WHERE s.job_order_id = o.id AND s.status = 'done') AS shortlist_at,
           (SELECT min(e.at) FROM workflow_events e WHERE e.job_order_id = o.id AND e.to_state = 'chosen') AS chosen_at
         FROM job_orders o WHERE o.jobcenter IN (${inList})`,
    ).all(...jobcentre);
    const toShortlist: number[] = [];
    const toChoice: number[] = [];
    const shortlistToChoice: number[] = [];
    for (const o of orders) {
      if (o.shortlist_at) toShortlist.push(seconds(o.created_at, o.shortlist_at));
      if (o.chosen_at) toChoice.push(seconds(o.created_at, o.chosen_at));
      if (o.shortlist_at && o.chosen_at) shortlistToChoice.push(seconds(o.shortlist_at, o.chosen_at));
    }
    // Distinct (order, candidate) pairs: a candidate sent once counts once, whatever happened after.
    const counts = this.q<unknown[], { sent: number; chosen: number }>(
      `SELECT
           count(DISTINCT CASE WHEN to_state = 'sent_to_company' THEN job_order_id || '|' || candidate_id END) AS sent,
           count(DISTINCT CASE WHEN to_state = 'chosen' THEN job_order_id || '|' || candidate_id END) AS chosen
         FROM workflow_events WHERE order_jobcenter IN (${inList})`,
    ).get(...jobcentre)!;
    const placements = this.q<unknown[], { outcome: OutcomeKind | null; n: number }>(
      `SELECT outcome, count(*) AS n FROM placements WHERE home_jobcenter IN (${inList}) GROUP BY outcome`,
    ).all(...jobcentre);
    let placed = 0;
    for (const p of placements) {
      placed += p.n;
      outcomes[p.outcome ?? 'none'] += p.n;
    }
    return {
      ...empty,
      orders: orders.length,
      ordersWithShortlist: toShortlist.length,
      medianSecondsOrderToShortlist: median(toShortlist),
      medianSecondsShortlistToChoice: median(shortlistToChoice),
      medianSecondsOrderToChoice: median(toChoice),
      sentToCompany: counts.sent,
      chosen: counts.chosen,
      hitRate: counts.sent === 0 ? null : Math.round((counts.chosen / counts.sent) * 1000) / 1000,
      placements: placed,
      outcomes,
    };
  }

  async poolContribution(poolId: string): Promise<PoolContribution[]> {
    const pool = await this.getPool(poolId);
    if (!pool) return [];
    const members = pool.members;
    if (members.length === 0) return [];
    return members.map((jobcenter) => {
      const shared = this.q<[string], { n: number }>(
        `SELECT count(*) AS n FROM candidates WHERE jobcenter = ? AND searchable = 1 AND incomplete = 0
             AND json_extract(candidate_json, '$.consent.shareWithPool') = 1`,
      ).get(jobcenter)!.n;
      const others = members.filter((m) => m !== jobcenter);
      const otherList = placeholders(others.length);
      const shortlisted =
        others.length === 0
          ? 0
          : this.q<unknown[], { n: number }>(
              `SELECT count(*) AS n FROM workflow_entries WHERE home_jobcenter = ? AND order_jobcenter IN (${otherList})`,
            ).get(jobcenter, ...others)!.n;
      const placed =
        others.length === 0
          ? 0
          : this.q<unknown[], { n: number }>(
              `SELECT count(*) AS n FROM placements WHERE home_jobcenter = ? AND order_jobcenter IN (${otherList})`,
            ).get(jobcenter, ...others)!.n;
      return { jobcenter, candidatesShared: shared, shortlisted, placed };
    });
  }

  async anonymiseCandidate(candidateId: string): Promise<number> {
    const anon = `erased:${randomUUID()}`;
    const run = this.db.transaction(() => {
      let touched = 0;
      touched += this.q(
        'UPDATE workflow_entries SET candidate_id = ?, note = NULL, company_reason = NULL WHERE candidate_id = ?',
      ).run(anon, candidateId).changes;
      touched += this.q(
        'UPDATE workflow_events SET candidate_id = ?, note = NULL WHERE candidate_id = ?',
      ).run(anon, candidateId).changes;
      const placementIds = this.q<[string], { id: string }>(
        'SELECT id FROM placements WHERE candidate_id = ?',
      ).all(candidateId);
      touched += this.q('UPDATE placements SET candidate_id = ? WHERE candidate_id = ?').run(
        anon,
        candidateId,
      ).changes;
      const clearNotes = this.q('UPDATE placement_outcomes SET note = NULL WHERE placement_id = ?');
      for (const p of placementIds) clearNotes.run(p.id);
      touched += this.q('DELETE FROM contact_releases WHERE candidate_id = ?').run(candidateId).changes;
      touched += this.q('UPDATE audit_log SET candidate_id = ? WHERE candidate_id = ?').run(
        anon,
        candidateId,
      ).changes;
      // A rendered bundle is a copy of the CV: it goes, and the bundle says why.
      const bundles = this.q<[string], { id: string; candidate_ids_json: string }>(
        `SELECT id, candidate_ids_json FROM bundles WHERE instr(candidate_ids_json, ?) > 0`,
      ).all(candidateId);
      const erase = this.q(
        `UPDATE bundles SET status = 'erased', pdf = NULL, pdf_bytes = NULL, candidate_ids_json = ?,
           error = 'a candidate in this bundle was erased (GDPR); send a new bundle' WHERE id = ?`,
      );
      for (const b of bundles) {
        const ids = (JSON.parse(b.candidate_ids_json) as string[]).map((id) =>
          id === candidateId ? anon : id,
        );
        touched += erase.run(JSON.stringify(ids), b.id).changes;
      }
      return touched;
    });
    return run.immediate();
  }
}
