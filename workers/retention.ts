import { addMonthsClamped } from '../scoring/dates.ts';
import type { AppContext } from '../src/context.ts';
import { type ErasureDeps, eraseCandidate } from '../src/workflow/erasure.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant N calendar months before `now` (the 31st falls back to the month's last day). */
export function retentionCutoff(months: number, now: Date): string {
  // UTC days are all DAY_MS long, so moving the date by whole days keeps the time of day.
  const today = Math.floor(now.getTime() / DAY_MS);
  return new Date(now.getTime() + (addMonthsClamped(today, -months) - today) * DAY_MS).toISOString();
}

/**
 * The `retention` job: erases every candidate not updated for `months` months (RETENTION_MONTHS). Without a
 * setting it does nothing: deleting people's data must be a decision, not a default.
 */
export async function runRetentionJob(
  deps: ErasureDeps,
  months: number | undefined,
  now = new Date(),
): Promise<{ erased: number; cutoff: string | null }> {
  if (months === undefined) return { erased: 0, cutoff: null };
  const cutoff = retentionCutoff(months, now);
  // Collected first, erased after: deleting while paging through the same table would skip rows.
  const stale: string[] = [];
  for await (const batch of deps.store.scanCandidates(5000)) {
    for (const r of batch) if (r.updatedAt < cutoff) stale.push(r.id);
  }
  for (const id of stale) await eraseCandidate(deps, id);
  return { erased: stale.length, cutoff };
}

/**
 * Enqueues the `retention` job once a day (and once now) while the process runs; the job itself runs wherever
 * the queue's workers are. Returns a stop function for graceful shutdown. Does nothing without RETENTION_MONTHS.
 */
export function scheduleRetention(ctx: AppContext, intervalMs = DAY_MS): () => void {
  if (ctx.config.RETENTION_MONTHS === undefined) return () => {};
  const enqueue = () => {
    // One job per day, however many processes schedule it.
    const jobId = `retention-${new Date().toISOString().slice(0, 10)}`;
    ctx.queue.enqueue('retention', { reason: 'daily' }, { jobId }).catch(() => {
      // A failed enqueue is retried at the next tick; the queue adapter logs its own errors.
    });
  };
  enqueue();
  const timer = setInterval(enqueue, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
