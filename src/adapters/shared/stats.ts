import { type MonthRange, monthSpans, monthsOf } from '../../domain/months.ts';
import { OUTCOMES, type OutcomeKind } from '../../domain/workflow.ts';
import type { MemberMonth, MonthStats, Stats } from '../../ports/stats.ts';

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
    hitRate: hitRate(counts.chosen, counts.sent),
    placements: placed,
    outcomes,
  };
}

/** What the monthly queries answer, each already grouped by month in the database. */
export interface MonthlyRows {
  orders: Array<{ month: string; n: number }>;
  shortlists: Array<{ month: string; n: number }>;
  decisions: Array<{ month: string; sent: number; chosen: number }>;
  placements: Array<{ month: string; n: number }>;
  medians: Array<{ month: string; kind: 'shortlist' | 'choice'; median: number }>;
}

/**
 * The months as bind values, `month, start, end` per month: the stores compare their ISO timestamp text with
 * these bounds, so the Copenhagen calendar comes from one place and neither database needs time zone data.
 */
export const monthBounds = (range: MonthRange): string[] =>
  monthSpans(range).flatMap((s) => [s.month, s.start, s.end]);

export const hitRate = (chosen: number, sent: number): number | null =>
  sent === 0 ? null : Math.round((chosen / sent) * 1000) / 1000;

export function toMonths(range: MonthRange, rows: MonthlyRows): MonthStats[] {
  const by = <R extends { month: string }>(list: R[]) => new Map(list.map((r) => [r.month, r]));
  const orders = by(rows.orders);
  const shortlists = by(rows.shortlists);
  const decisions = by(rows.decisions);
  const placements = by(rows.placements);
  const median = (month: string, kind: 'shortlist' | 'choice') =>
    rows.medians.find((m) => m.month === month && m.kind === kind)?.median ?? null;
  return monthsOf(range).map((month) => {
    const sent = decisions.get(month)?.sent ?? 0;
    const chosen = decisions.get(month)?.chosen ?? 0;
    return {
      month,
      orders: orders.get(month)?.n ?? 0,
      shortlists: shortlists.get(month)?.n ?? 0,
      sentToCompany: sent,
      chosen,
      placements: placements.get(month)?.n ?? 0,
      hitRate: hitRate(chosen, sent),
      medianSecondsOrderToShortlist: median(month, 'shortlist'),
      medianSecondsOrderToChoice: median(month, 'choice'),
    };
  });
}

type MemberCount = { jobcenter: string; month: string; n: number };

export function toMemberMonths(
  range: MonthRange,
  members: string[],
  rows: { shortlisted: MemberCount[]; placed: MemberCount[] },
): Array<{ jobcenter: string; months: MemberMonth[] }> {
  const key = (r: { jobcenter: string; month: string }) => `${r.jobcenter}|${r.month}`;
  const shortlisted = new Map(rows.shortlisted.map((r) => [key(r), r.n]));
  const placed = new Map(rows.placed.map((r) => [key(r), r.n]));
  return members.map((jobcenter) => ({
    jobcenter,
    months: monthsOf(range).map((month) => ({
      month,
      shortlisted: shortlisted.get(key({ jobcenter, month })) ?? 0,
      placed: placed.get(key({ jobcenter, month })) ?? 0,
    })),
  }));
}
