import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { StoredCandidate } from '../../domain/candidate.ts';
import { normaliseCpr } from '../../domain/cpr.ts';
import type { JobOrder } from '../../domain/job-order.ts';
import type { NearMiss, ShortlistEntry } from '../../domain/shortlist.ts';
import { InvalidCursorError } from '../../ports/page.ts';
import type {
  CandidateFilter,
  CandidateRecord,
  CandidateSearchFacts,
  CandidateWrite,
  ImportRun,
  JobOrderRecord,
  Page,
  PageResult,
  ShortlistRecord,
  ShortlistResult,
  ShortlistStatus,
  Store,
  WriteResult,
} from '../../ports/store.ts';
import { assertCprKey, hashCpr } from './cpr-hash.ts';
import { migrate } from './migrations.ts';

/** An import run keeps its first rejections only: a million bad rows must not become a 100 MB row. */
const MAX_STORED_IMPORT_ERRORS = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface SqliteStoreOptions {
  /** A path, or ':memory:' (unit tests of other modules only: WAL and durability need a file). */
  file: string;
  /** Secret for the keyed CPR hash. */
  cprKey: Buffer;
}

interface CandidateRow {
  id: string;
  jobcenter: string;
  external_id: string;
  candidate_json: string;
  facts_json: string;
  incomplete_json: string;
  created_at: string;
  updated_at: string;
}

interface JobOrderRow {
  id: string;
  jobcenter: string;
  external_id: string;
  job_order_json: string;
  created_at: string;
  updated_at: string;
}

interface ShortlistRow {
  id: string;
  job_order_id: string;
  status: ShortlistStatus;
  scope: ShortlistRecord['scope'];
  size: number;
  strategy: ShortlistRecord['strategy'];
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  candidates_considered: number;
  entries_json: string;
  near_misses_json: string;
  error: string | null;
  /** Added by the workflow migration (version 10): which scope produced the list, and whether it was widened. */
  effective_scope?: ShortlistRecord['scope'] | null;
  widened?: number | null;
}

interface ImportRunRow {
  id: string;
  kind: ImportRun['kind'];
  source: string;
  started_at: string;
  finished_at: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  errors_json: string;
}

/** A candidate write with everything that does not depend on the stored row already computed. */
interface PreparedCandidate {
  jobcenter: string;
  externalId: string;
  externalIdFold: string;
  nameFold: string | null;
  benefit: string | null;
  searchable: number;
  incomplete: number;
  candidateJson: string;
  factsJson: string;
  incompleteJson: string;
  /** Digest of the three JSON columns; the CPR hash is mixed in once the stored row is known. */
  bodyDigest: string;
  /** undefined = the write carries no CPR: keep the stored hash (see upsertCandidates). */
  cprHash: string | undefined;
}

const CANDIDATE_COLUMNS =
  'id, jobcenter, external_id, candidate_json, facts_json, incomplete_json, created_at, updated_at';
const JOB_ORDER_COLUMNS = 'id, jobcenter, external_id, job_order_json, created_at, updated_at';

/**
 * JSON with object keys sorted at every level, so the same content always gives the same bytes (and hash)
 * whatever order a parser or a spread produced the keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * Copies only what is out of order and returns already-sorted parts as they are: this runs on every write of an
 * import, and a JSON.stringify replacer (called for every value) cost twice as much.
 */
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null) continue;
      const sorted = sortKeys(item);
      if (sorted !== item) {
        copy ??= value.slice();
        copy[i] = sorted;
      }
    }
    return copy ?? value;
  }
  // Dates and the like serialise through toJSON, not their keys.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (!inOrder) keys.sort();
  let copy: Record<string, unknown> | undefined = inOrder ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = object[key];
    const sorted = sortKeys(child);
    if (!copy && sorted !== child) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]!] = object[keys[j]!];
    }
    if (copy) copy[key] = sorted;
  }
  return copy ?? value;
}

const idBytes = Buffer.alloc(16);
export function uuidV7(now = Date.now()): string {
  randomFillSync(idBytes, 6, 10);
  idBytes.writeUIntBE(now, 0, 6);
  idBytes[6] = (idBytes[6]! & 0x0f) | 0x70;
  idBytes[8] = (idBytes[8]! & 0x3f) | 0x80;
  const h = idBytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const newId = process.env.VM_V7 ? () => uuidV7() : randomUUID;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function checkLimit(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
}

function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '';
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id) || encodeCursor(id) !== cursor) throw new InvalidCursorError();
  return id;
}

function toCandidateRecord(row: CandidateRow): CandidateRecord {
  return {
    id: row.id,
    jobcenter: row.jobcenter,
    externalId: row.external_id,
    candidate: JSON.parse(row.candidate_json) as StoredCandidate,
    facts: JSON.parse(row.facts_json) as CandidateSearchFacts,
    incomplete: JSON.parse(row.incomplete_json) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toJobOrderRecord(row: JobOrderRow): JobOrderRecord {
  return {
    id: row.id,
    jobcenter: row.jobcenter,
    externalId: row.external_id,
    jobOrder: JSON.parse(row.job_order_json) as JobOrder,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toShortlistRecord(row: ShortlistRow): ShortlistRecord {
  const record: ShortlistRecord = {
    id: row.id,
    jobOrderId: row.job_order_id,
    status: row.status,
    scope: row.scope,
    size: row.size,
    strategy: row.strategy,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    candidatesConsidered: row.candidates_considered,
    entries: JSON.parse(row.entries_json) as ShortlistEntry[],
    nearMisses: JSON.parse(row.near_misses_json) as NearMiss[],
  };
  if (row.error !== null) record.error = row.error;
  if (row.effective_scope) record.effectiveScope = row.effective_scope;
  if (row.widened !== null && row.widened !== undefined) record.widened = row.widened === 1;
  return record;
}

function toImportRun(row: ImportRunRow): ImportRun {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    incomplete: row.incomplete,
    rejected: row.rejected,
    errors: JSON.parse(row.errors_json) as ImportRun['errors'],
  };
}

function prepareStatements(db: Database.Database) {
  return {
    candidateKey: db.prepare<[string, string], { id: string; content_hash: string; cpr_hash: string | null }>(
      'SELECT id, content_hash, cpr_hash FROM candidates WHERE jobcenter = ? AND external_id = ?',
    ),
    insertCandidate: db.prepare(
      `INSERT INTO candidates (id, jobcenter, external_id, external_id_fold, name_fold, benefit, searchable,
         incomplete, candidate_json, facts_json, incomplete_json, content_hash, cpr_hash, created_at, updated_at)
       VALUES (@id, @jobcenter, @externalId, @externalIdFold, @nameFold, @benefit, @searchable, @incomplete,
         @candidateJson, @factsJson, @incompleteJson, @contentHash, @cprHash, @now, @now)`,
    ),
    updateCandidate: db.prepare(
      `UPDATE candidates SET external_id_fold = @externalIdFold, name_fold = @nameFold, benefit = @benefit,
         searchable = @searchable, incomplete = @incomplete, candidate_json = @candidateJson,
         facts_json = @factsJson, incomplete_json = @incompleteJson, content_hash = @contentHash,
         cpr_hash = @cprHash, updated_at = @now
       WHERE id = @id`,
    ),
    getCandidate: db.prepare<[string], CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id = ?`,
    ),
    findCandidate: db.prepare<[string, string], CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE jobcenter = ? AND external_id = ?`,
    ),
    scanCandidates: db.prepare<[string, number], CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id > ? ORDER BY id LIMIT ?`,
    ),
    deleteCandidate: db.prepare<[string]>('DELETE FROM candidates WHERE id = ?'),
    hasCpr: db.prepare<[string, string], { found: number }>(
      'SELECT 1 AS found FROM candidates WHERE cpr_hash = ? AND jobcenter = ? LIMIT 1',
    ),
    shortlistsMentioning: db.prepare<
      [string, string],
      Pick<ShortlistRow, 'id' | 'entries_json' | 'near_misses_json'>
    >(
      `SELECT id, entries_json, near_misses_json FROM shortlists
       WHERE instr(entries_json, ?) > 0 OR instr(near_misses_json, ?) > 0`,
    ),
    rewriteShortlistCandidates: db.prepare<[string, string, string]>(
      'UPDATE shortlists SET entries_json = ?, near_misses_json = ? WHERE id = ?',
    ),

    jobOrderKey: db.prepare<[string, string], { id: string; content_hash: string }>(
      'SELECT id, content_hash FROM job_orders WHERE jobcenter = ? AND external_id = ?',
    ),
    insertJobOrder: db.prepare(
      `INSERT INTO job_orders (id, jobcenter, external_id, job_order_json, content_hash, created_at, updated_at)
       VALUES (@id, @jobcenter, @externalId, @json, @contentHash, @now, @now)`,
    ),
    updateJobOrder: db.prepare(
      'UPDATE job_orders SET job_order_json = @json, content_hash = @contentHash, updated_at = @now WHERE id = @id',
    ),
    getJobOrder: db.prepare<[string], JobOrderRow>(
      `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE id = ?`,
    ),
    findJobOrder: db.prepare<[string, string], JobOrderRow>(
      `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE jobcenter = ? AND external_id = ?`,
    ),
    listJobOrders: db.prepare<[string, number], JobOrderRow>(
      `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE id > ? ORDER BY id LIMIT ?`,
    ),
    listJobOrdersOf: db.prepare<[string, string, number], JobOrderRow>(
      `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE jobcenter = ? AND id > ? ORDER BY id LIMIT ?`,
    ),
    deleteJobOrder: db.prepare<[string]>('DELETE FROM job_orders WHERE id = ?'),

    insertShortlist: db.prepare(
      `INSERT INTO shortlists (id, job_order_id, status, scope, size, strategy, created_at)
       VALUES (@id, @jobOrderId, 'queued', @scope, @size, @strategy, @now)`,
    ),
    markShortlistRunning: db.prepare<[string, string]>(
      `UPDATE shortlists SET status = 'running', started_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
    ),
    // A finished list is never overwritten: a retried or duplicated job keeps the first result.
    completeShortlist: db.prepare(
      `UPDATE shortlists SET status = 'done', completed_at = @now, candidates_considered = @considered,
         entries_json = @entries, near_misses_json = @nearMisses, error = NULL,
         effective_scope = @effectiveScope, widened = @widened
       WHERE id = @id AND status <> 'done'`,
    ),
    failShortlist: db.prepare<[string, string, string]>(
      `UPDATE shortlists SET status = 'failed', error = ?, completed_at = ? WHERE id = ? AND status <> 'done'`,
    ),
    getShortlist: db.prepare<[string], ShortlistRow>('SELECT * FROM shortlists WHERE id = ?'),
    // rowid breaks ties between lists created in the same millisecond.
    listShortlists: db.prepare<[string], ShortlistRow>(
      'SELECT * FROM shortlists WHERE job_order_id = ? ORDER BY created_at DESC, rowid DESC',
    ),

    insertImportRun: db.prepare<[string, string, string, string]>(
      'INSERT INTO import_runs (id, kind, source, started_at) VALUES (?, ?, ?, ?)',
    ),
    finishImportRun: db.prepare(
      `UPDATE import_runs SET finished_at = @finishedAt, imported = @imported, updated = @updated,
         unchanged = @unchanged, incomplete = @incomplete, rejected = @rejected, errors_json = @errors
       WHERE id = @id`,
    ),
    getImportRun: db.prepare<[string], ImportRunRow>('SELECT * FROM import_runs WHERE id = ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

const notMigrated = () => new Error('SqliteStore: call migrate() before using the store');

/**
 * The embedded Store: one SQLite file in DATA_DIR. better-sqlite3 is synchronous, so every method runs to
 * completion inside its promise and no two writes interleave; WAL lets readers in other processes (a worker)
 * read while this one writes.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly cprKey: Buffer;
  private readonly pingStatement: Database.Statement;
  private statements: Statements | undefined;
  /** Candidate list and count queries, one per combination of filters. */
  private readonly filterStatements = new Map<string, Database.Statement>();

  constructor(opts: SqliteStoreOptions) {
    assertCprKey(opts.cprKey);
    this.cprKey = opts.cprKey;
    this.db = new Database(opts.file);
    // Takes effect only on a new file: 8 KiB pages hold a whole candidate row (a few KiB of JSON) without overflow
    // pages, which made imports ~20% faster than the 4 KiB default.
    this.db.pragma('page_size = 8192');
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses at most the last transactions on power loss, never consistency; FULL would fsync
    // every batch of an import.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 32 MiB instead of 2: keeps the id and key indexes of a large candidate table in memory during imports.
    this.db.pragma('cache_size = -32768');
    this.pingStatement = this.db.prepare('SELECT 1');
  }

  /** The one connection, shared by the other SQLite adapters (access, workflow) so they live in the same file. */
  get database(): Database.Database {
    return this.db;
  }

  private get s(): Statements {
    if (!this.statements) throw notMigrated();
    return this.statements;
  }

  async migrate(): Promise<void> {
    migrate(this.db);
    this.statements ??= prepareStatements(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.pingStatement.get();
  }

  /**
   * One transaction for the batch; items are applied in order, so a key repeated in the batch ends with its last
   * version (reported 'created' then 'updated'). A write without a CPR keeps the hash already stored: the CPR is
   * never returned, so a caller editing a candidate it read back cannot send it again, and must not erase it.
   */
  async upsertCandidates(batch: CandidateWrite[]): Promise<WriteResult[]> {
    const s = this.s;
    // JSON and hashing happen before the transaction, so the write lock is held only for the SQL.
    const prepared = batch.map((w) => this.prepareCandidate(w));
    const write = this.db.transaction((items: PreparedCandidate[]) => {
      const now = new Date().toISOString();
      return items.map((p): WriteResult => {
        const existing = s.candidateKey.get(p.jobcenter, p.externalId);
        const cprHash = p.cprHash ?? existing?.cpr_hash ?? null;
        const contentHash = sha256(`${p.bodyDigest}\n${cprHash ?? ''}`);
        if (!existing) {
          const id = newId();
          s.insertCandidate.run({ ...p, id, cprHash, contentHash, now });
          return { id, status: 'created' };
        }
        if (existing.content_hash === contentHash) return { id: existing.id, status: 'unchanged' };
        s.updateCandidate.run({ ...p, id: existing.id, cprHash, contentHash, now });
        return { id: existing.id, status: 'updated' };
      });
    });
    return write(prepared);
  }

  private prepareCandidate(w: CandidateWrite): PreparedCandidate {
    // Defensive: a validated Candidate still holds its CPR, and must not carry it into candidate_json.
    const { cpr: embeddedCpr, ...candidate } = w.candidate as StoredCandidate & { cpr?: unknown };
    const cpr = w.cpr ?? (typeof embeddedCpr === 'string' ? embeddedCpr : undefined);
    const candidateJson = canonicalJson(candidate);
    const factsJson = canonicalJson(w.facts);
    const incompleteJson = JSON.stringify(w.incomplete);
    const name = (candidate as { name?: unknown }).name;
    const benefit = (candidate as { benefit?: unknown }).benefit;
    return {
      jobcenter: w.jobcenter,
      externalId: w.externalId,
      externalIdFold: String(w.externalId).toLowerCase(),
      nameFold: typeof name === 'string' ? name.toLowerCase() : null,
      benefit: typeof benefit === 'string' ? benefit : null,
      searchable: w.facts.searchable ? 1 : 0,
      incomplete: w.incomplete.length > 0 ? 1 : 0,
      candidateJson,
      factsJson,
      incompleteJson,
      bodyDigest: sha256(`${candidateJson}\n${factsJson}\n${incompleteJson}`),
      cprHash: cpr === undefined ? undefined : hashCpr(this.cprKey, cpr),
    };
  }

  async getCandidate(id: string): Promise<CandidateRecord | undefined> {
    const row = this.s.getCandidate.get(id);
    return row && toCandidateRecord(row);
  }

  async findCandidate(jobcenter: string, externalId: string): Promise<CandidateRecord | undefined> {
    const row = this.s.findCandidate.get(jobcenter, externalId);
    return row && toCandidateRecord(row);
  }

  async listCandidates(filter: CandidateFilter, page: Page): Promise<PageResult<CandidateRecord>> {
    checkLimit(page.limit, 'page.limit');
    const { where, params } = this.candidateWhere(filter);
    const after = decodeCursor(page.after);
    const sql = `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE ${[...where, 'id > @after'].join(' AND ')}
      ORDER BY id LIMIT @limit`;
    const rows = this.filterStatement(sql).all({ ...params, after, limit: page.limit + 1 }) as CandidateRow[];
    const more = rows.length > page.limit;
    const items = (more ? rows.slice(0, page.limit) : rows).map(toCandidateRecord);
    return { items, next: more ? encodeCursor(items.at(-1)!.id) : null };
  }

  async countCandidates(filter: CandidateFilter = {}): Promise<number> {
    const { where, params } = this.candidateWhere(filter);
    const sql = `SELECT count(*) AS n FROM candidates${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return (this.filterStatement(sql).get(params) as { n: number }).n;
  }

  private candidateWhere(filter: CandidateFilter) {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.jobcenter !== undefined) {
      where.push('jobcenter = @jobcenter');
      params.jobcenter = filter.jobcenter;
    }
    if (filter.incomplete !== undefined) {
      where.push('incomplete = @incomplete');
      params.incomplete = filter.incomplete ? 1 : 0;
    }
    if (filter.searchable !== undefined) {
      where.push('searchable = @searchable');
      params.searchable = filter.searchable ? 1 : 0;
    }
    if (filter.benefit !== undefined) {
      where.push('benefit = @benefit');
      params.benefit = filter.benefit;
    }
    const text = filter.text?.trim().toLowerCase();
    if (text) {
      where.push("(external_id_fold LIKE @text ESCAPE '\\' OR name_fold LIKE @text ESCAPE '\\')");
      params.text = `%${escapeLike(text)}%`;
    }
    return { where, params };
  }

  private filterStatement(sql: string): Database.Statement {
    // Before migrate() the hint, not "no such table".
    if (!this.statements) throw notMigrated();
    let statement = this.filterStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.filterStatements.set(sql, statement);
    }
    return statement;
  }

  async deleteCandidate(id: string): Promise<boolean> {
    const s = this.s;
    const erase = this.db.transaction(() => {
      if (s.deleteCandidate.run(id).changes === 0) return false;
      // Erasure reaches the stored shortlists too: an entry names the person and scores them.
      for (const row of s.shortlistsMentioning.all(id, id)) {
        const entries = (JSON.parse(row.entries_json) as ShortlistEntry[]).filter(
          (e) => e.candidateId !== id,
        );
        const nearMisses = (JSON.parse(row.near_misses_json) as NearMiss[]).filter(
          (n) => n.candidateId !== id,
        );
        s.rewriteShortlistCandidates.run(JSON.stringify(entries), JSON.stringify(nearMisses), row.id);
      }
      return true;
    });
    return erase();
  }

  async *scanCandidates(batchSize: number): AsyncIterable<CandidateRecord[]> {
    checkLimit(batchSize, 'batchSize');
    const s = this.s;
    let after = '';
    for (;;) {
      const rows = s.scanCandidates.all(after, batchSize);
      if (rows.length === 0) return;
      after = rows.at(-1)!.id;
      yield rows.map(toCandidateRecord);
      if (rows.length < batchSize) return;
    }
  }

  async hasCpr(jobcenter: string, cpr: string): Promise<boolean> {
    const s = this.s;
    if (!normaliseCpr(cpr)) return false;
    return s.hasCpr.get(hashCpr(this.cprKey, cpr), jobcenter) !== undefined;
  }

  async upsertJobOrders(batch: Array<{ jobOrder: JobOrder }>): Promise<WriteResult[]> {
    const s = this.s;
    const prepared = batch.map(({ jobOrder }) => {
      const json = canonicalJson(jobOrder);
      return {
        jobcenter: jobOrder.jobcenter,
        externalId: jobOrder.externalId,
        json,
        contentHash: sha256(json),
      };
    });
    const write = this.db.transaction((items: typeof prepared) => {
      const now = new Date().toISOString();
      return items.map((p): WriteResult => {
        const existing = s.jobOrderKey.get(p.jobcenter, p.externalId);
        if (!existing) {
          const id = randomUUID();
          s.insertJobOrder.run({ ...p, id, now });
          return { id, status: 'created' };
        }
        if (existing.content_hash === p.contentHash) return { id: existing.id, status: 'unchanged' };
        s.updateJobOrder.run({ id: existing.id, json: p.json, contentHash: p.contentHash, now });
        return { id: existing.id, status: 'updated' };
      });
    });
    return write(prepared);
  }

  async getJobOrder(id: string): Promise<JobOrderRecord | undefined> {
    const row = this.s.getJobOrder.get(id);
    return row && toJobOrderRecord(row);
  }

  async findJobOrder(jobcenter: string, externalId: string): Promise<JobOrderRecord | undefined> {
    const row = this.s.findJobOrder.get(jobcenter, externalId);
    return row && toJobOrderRecord(row);
  }

  async listJobOrders(filter: { jobcenter?: string }, page: Page): Promise<PageResult<JobOrderRecord>> {
    checkLimit(page.limit, 'page.limit');
    const after = decodeCursor(page.after);
    const rows =
      filter.jobcenter === undefined
        ? this.s.listJobOrders.all(after, page.limit + 1)
        : this.s.listJobOrdersOf.all(filter.jobcenter, after, page.limit + 1);
    const more = rows.length > page.limit;
    const items = (more ? rows.slice(0, page.limit) : rows).map(toJobOrderRecord);
    return { items, next: more ? encodeCursor(items.at(-1)!.id) : null };
  }

  /** Its shortlists go with it (ON DELETE CASCADE). */
  async deleteJobOrder(id: string): Promise<boolean> {
    return this.s.deleteJobOrder.run(id).changes > 0;
  }

  async createShortlist(input: {
    jobOrderId: string;
    scope: ShortlistRecord['scope'];
    size: number;
    strategy: ShortlistRecord['strategy'];
  }): Promise<ShortlistRecord> {
    const id = randomUUID();
    const now = new Date().toISOString();
    try {
      this.s.insertShortlist.run({ ...input, id, now });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new Error(`job order ${input.jobOrderId} does not exist`, { cause: error });
      }
      throw error;
    }
    return {
      id,
      jobOrderId: input.jobOrderId,
      status: 'queued',
      scope: input.scope,
      size: input.size,
      strategy: input.strategy,
      createdAt: now,
      startedAt: null,
      completedAt: null,
      candidatesConsidered: 0,
      entries: [],
      nearMisses: [],
    };
  }

  /**
   * No effect on a finished list or an unknown id (its job order may have been deleted under a running job).
   * A retry restamps started_at: the latest attempt is what a stuck-job check needs.
   */
  async markShortlistRunning(id: string): Promise<void> {
    this.s.markShortlistRunning.run(new Date().toISOString(), id);
  }

  async completeShortlist(id: string, result: ShortlistResult): Promise<void> {
    this.s.completeShortlist.run({
      id,
      now: new Date().toISOString(),
      considered: result.candidatesConsidered,
      entries: JSON.stringify(result.entries),
      nearMisses: JSON.stringify(result.nearMisses),
      effectiveScope: result.effectiveScope ?? null,
      widened: result.widened === undefined ? null : result.widened ? 1 : 0,
    });
  }

  /** A failure arriving after another attempt finished the list does not undo it. */
  async failShortlist(id: string, error: string): Promise<void> {
    this.s.failShortlist.run(error, new Date().toISOString(), id);
  }

  async getShortlist(id: string): Promise<ShortlistRecord | undefined> {
    const row = this.s.getShortlist.get(id);
    return row && toShortlistRecord(row);
  }

  async listShortlists(jobOrderId: string): Promise<ShortlistRecord[]> {
    return this.s.listShortlists.all(jobOrderId).map(toShortlistRecord);
  }

  async startImportRun(kind: ImportRun['kind'], source: string): Promise<ImportRun> {
    const id = randomUUID();
    const startedAt = new Date().toISOString();
    this.s.insertImportRun.run(id, kind, source, startedAt);
    return {
      id,
      kind,
      source,
      startedAt,
      finishedAt: null,
      imported: 0,
      updated: 0,
      unchanged: 0,
      incomplete: 0,
      rejected: 0,
      errors: [],
    };
  }

  async finishImportRun(run: ImportRun): Promise<void> {
    const { changes } = this.s.finishImportRun.run({
      id: run.id,
      finishedAt: run.finishedAt ?? new Date().toISOString(),
      imported: run.imported,
      updated: run.updated,
      unchanged: run.unchanged,
      incomplete: run.incomplete,
      rejected: run.rejected,
      errors: JSON.stringify(run.errors.slice(0, MAX_STORED_IMPORT_ERRORS)),
    });
    if (changes === 0) throw new Error(`import run ${run.id} does not exist`);
  }

  async getImportRun(id: string): Promise<ImportRun | undefined> {
    const row = this.s.getImportRun.get(id);
    return row && toImportRun(row);
  }
}
