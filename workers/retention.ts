import { type ErasureDeps, eraseCandidate } from '../src/workflow/erasure.ts';

/** The instant N calendar months before `now` (the 31st falls back to the month's last day). */
export function retentionCutoff(months: number, now: Date): string {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
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
