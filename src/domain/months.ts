/**
 * Calendar months as 'YYYY-MM' in Danish time (Europe/Copenhagen): statistics are read by people in Denmark, so an
 * order made at 00:30 on 1 December in Aarhus belongs to December, whatever the UTC date says.
 */

import { todayInDenmark } from './candidate.ts';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const TIME_ZONE = 'Europe/Copenhagen';

/** An inclusive range of calendar months. */
export interface MonthRange {
  from: string;
  to: string;
}

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const fromIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

export const addMonths = (month: string, n: number): string => fromIndex(index(month) + n);

/** How many months the inclusive range spans: 1 for from = to, 0 or less when from is after to. */
export const monthCount = (range: MonthRange): number => index(range.to) - index(range.from) + 1;

export function monthsOf(range: MonthRange): string[] {
  return Array.from({ length: Math.max(0, monthCount(range)) }, (_, i) => addMonths(range.from, i));
}

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Wall-clock time in Copenhagen minus UTC, in milliseconds, at an instant. */
function offsetAt(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The Copenhagen calendar month an instant falls in. */
export function copenhagenMonth(at: Date): string {
  return todayInDenmark(at).slice(0, 7);
}

/**
 * The instant a Copenhagen month begins, as the ISO text the stores write (`toISOString()`), so a store can compare
 * its timestamp columns with it as text. Summer time never changes on the 1st, so the offset at UTC midnight of
 * the 1st is the offset at local midnight.
 */
export function monthStart(month: string): string {
  const utcMidnight = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
  return new Date(utcMidnight - offsetAt(utcMidnight)).toISOString();
}

/** Each month of the range with the half-open span [start, end) of instants that belong to it. */
export function monthSpans(range: MonthRange): Array<{ month: string; start: string; end: string }> {
  return monthsOf(range).map((month) => ({
    month,
    start: monthStart(month),
    end: monthStart(addMonths(month, 1)),
  }));
}
