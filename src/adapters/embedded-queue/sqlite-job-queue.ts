import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  dispatchJob,
  InvalidPayloadError,
  type JobHandlers,
  type JobName,
  type JobPayload,
  jobCatalog,
} from '../../jobs/catalog.ts';
import type { EnqueueOptions, JobInfo, JobQueue, JobState } from '../../ports/job-queue.ts';

interface JobRow {
  id: string;
  name: string;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  error: string | null;
}

/** A claimed job is someone's for this long; a worker renews it while the job runs, a dead one lets it lapse. */
const LEASE_MS = 30_000;

export interface SqliteJobQueueOptions {
  /** How long a dead worker's job stays claimed before another worker takes it over. Tests shorten it. */
  leaseMs?: number;
  /**
   * Errors of the queue itself (the database locked for longer than busy_timeout, a full disk). Workers keep going
   * after one, with a growing pause; defaults to stderr so such an outage is never silent.
   */
  onError?: (error: Error) => void;
}
const IDLE_POLL_MS = 250;
/** Pause after a queue error, doubling per failure in a row up to the cap: a broken database is not hammered. */
const ERROR_BACKOFF_MS = 250;
const ERROR_BACKOFF_MAX_MS = 10_000;

/**
 * The embedded JobQueue: in-process workers over a SQLite table, so jobs queued or running when the process dies
 * are picked up again at the next start (a running job's lease lapses). Several processes may share one file
 * (server and CLI on the same DATA_DIR): claiming is a single atomic UPDATE.
 */
export class SqliteJobQueue implements JobQueue {
  readonly name = 'embedded';
  private readonly db: Database.Database;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly owner = randomUUID();
  private readonly leaseMs: number;
  private readonly onError: (error: Error) => void;
  /** Prepared once: compiling the SQL on every claim, enqueue and finish was a measurable share of a list's time. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string, options: SqliteJobQueueOptions = {}) {
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.onError =
      options.onError ?? ((error) => console.error(`embedded job queue: ${error.message} (workers retry)`));
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // As the Store: in WAL mode NORMAL survives a process crash and loses at most the last commits on power loss,
    // where FULL would fsync three times per job (enqueue, claim, finish).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS jobs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      backoff_ms INTEGER NOT NULL,
      run_at INTEGER NOT NULL,
      locked_by TEXT,
      locked_until INTEGER,
      error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (state, run_at);`);
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}) {
    const id = options.jobId ?? randomUUID();
    const { retry } = jobCatalog[name];
    const now = new Date().toISOString();
    try {
      this.statement(
        `INSERT INTO jobs (id, name, payload, state, max_attempts, backoff_ms, run_at, created_at, updated_at)
           VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ).run(id, name, JSON.stringify(payload), retry.attempts, retry.backoffMs, Date.now(), now, now);
    } catch (error) {
      // A producer may treat the failure as "enqueue later"; the outage must still be seen.
      this.report(error);
      throw error;
    }
    // After the current I/O callbacks: a worker in this process would otherwise start the job (scoring is
    // synchronous CPU work) before the caller's HTTP response is written, and every enqueue would wait for it.
    setImmediate(() => this.wakeAll());
    return { id };
  }

  async startWorkers(handlers: JobHandlers, options: { concurrency: number }): Promise<void> {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < options.concurrency; i++) this.loops.push(this.loop(handlers));
  }

  async stopWorkers(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
    this.loops = [];
  }

  async getJob(id: string): Promise<JobInfo | undefined> {
    const row = this.statement('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return (
      row && {
        id: row.id,
        name: row.name,
        state: row.state,
        attempts: row.attempts,
        error: row.error ?? undefined,
      }
    );
  }

  async counts(): Promise<Record<JobState, number>> {
    const counts: Record<JobState, number> = { waiting: 0, active: 0, completed: 0, failed: 0 };
    const rows = this.statement('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as Array<{
      state: JobState;
      n: number;
    }>;
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Takes the next due job, or one whose worker's lease ran out (its process died mid-job). */
  private claim(): JobRow | undefined {
    const now = Date.now();
    return this.statement(
      `UPDATE jobs SET state = 'active', attempts = attempts + 1, locked_by = ?, locked_until = ?, updated_at = ?
         WHERE id = (
           SELECT id FROM jobs
           WHERE (state = 'waiting' AND run_at <= ?) OR (state = 'active' AND locked_until < ?)
           ORDER BY run_at, rowid LIMIT 1
         )
         RETURNING *`,
    ).get(this.owner, now + this.leaseMs, new Date().toISOString(), now, now) as JobRow | undefined;
  }

  /** Waits up to `ms`, or less when a job is enqueued or the workers are stopped. */
  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private report(error: unknown): void {
    try {
      this.onError(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A failing error reporter must not take the worker loop down with it.
    }
  }

  private async loop(handlers: JobHandlers): Promise<void> {
    // A loop that dies leaves the process alive but consuming nothing, so a queue error (a database locked past
    // busy_timeout, a full disk) is reported and retried after a pause instead of ending the loop.
    let failures = 0;
    while (this.running) {
      try {
        const job = this.claim();
        if (!job) {
          failures = 0;
          await this.pause(IDLE_POLL_MS);
          continue;
        }
        await this.run(job, handlers);
        failures = 0;
      } catch (error) {
        this.report(error);
        failures++;
        await this.pause(Math.min(ERROR_BACKOFF_MAX_MS, ERROR_BACKOFF_MS * 2 ** (failures - 1)));
      }
    }
  }

  private async run(job: JobRow, handlers: JobHandlers): Promise<void> {
    const renew = setInterval(() => {
      // In a timer a throw would be an uncaught exception; a missed renewal only risks the lease lapsing.
      try {
        this.statement('UPDATE jobs SET locked_until = ? WHERE id = ? AND locked_by = ?').run(
          Date.now() + this.leaseMs,
          job.id,
          this.owner,
        );
      } catch (error) {
        this.report(error);
      }
    }, this.leaseMs / 3);
    let outcome: [JobState, string | null, number] = ['completed', null, 0];
    try {
      await dispatchJob(handlers, job.name, JSON.parse(job.payload), {
        id: job.id,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof InvalidPayloadError) && job.attempts < job.max_attempts;
      // Exponential backoff from the catalog's base delay.
      const delay = job.backoff_ms * 2 ** (job.attempts - 1);
      outcome = [retryable ? 'waiting' : 'failed', message, retryable ? delay : 0];
    } finally {
      clearInterval(renew);
    }
    // Outside the try: a failure to record the outcome must not be mistaken for the handler failing. It reaches
    // the loop, and the job's lease lapses so it runs again (handlers are idempotent).
    this.finish(job.id, ...outcome);
  }

  private finish(id: string, state: JobState, error: string | null, delayMs: number): void {
    this.statement(
      `UPDATE jobs SET state = ?, error = ?, run_at = ?, locked_by = NULL, locked_until = NULL, updated_at = ?
         WHERE id = ? AND locked_by = ?`,
    ).run(state, error, Date.now() + delayMs, new Date().toISOString(), id, this.owner);
  }
}
