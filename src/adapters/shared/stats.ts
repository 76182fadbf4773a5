import { OUTCOMES, type OutcomeKind } from '../../domain/workflow.ts';
import type { Stats } from '../../ports/stats.ts';

/**
 * The arithmetic of the stats read model, the same whichever database answered the queries: the databases
 * supply per-order timestamps and counts, the medians and the hit rate are computed here.
 */

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

export interface OrderTimes {
  created_at: string;
  shortlist_at: string | null;
  chosen_at: string | null;
}

export function emptyStats(jobcentre: string[]): Stats {
  return {
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
    outcomes: Object.fromEntries([...OUTCOMES, 'none'].map((o) => [o, 0])) as Stats['outcomes'],
  };
}

export function toStats(
  jobcentre: string[],
  orders: OrderTimes[],
  counts: { sent: number; chosen: number },
  placements: Array<{ outcome: OutcomeKind | null; n: number }>,
): Stats {
  const empty = emptyStats(jobcentre);
  const toShortlist: number[] = [];
  const toChoice: number[] = [];
  const shortlistToChoice: number[] = [];
  for (const o of orders) {
    if (o.shortlist_at) toShortlist.push(seconds(o.created_at, o.shortlist_at));
    if (o.chosen_at) toChoice.push(seconds(o.created_at, o.chosen_at));
    if (o.shortlist_at && o.chosen_at) shortlistToChoice.push(seconds(o.shortlist_at, o.chosen_at));
  }
  const outcomes = empty.outcomes;
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
