import { addMonthsClamped } from '../scoring/dates.ts';
import { type ErasureDeps, eraseCandidate } from '../src/privacy/erasure.ts';

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
  for await (const batch of deps.stores.candidates.scan(5000)) {
    for (const r of batch) if (r.updatedAt < cutoff) stale.push(r.id);
  }
  for (const id of stale) await eraseCandidate(deps, id);
  return { erased: stale.length, cutoff };
}
