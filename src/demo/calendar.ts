import {
  addMonthsClamped,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  fromDayNumber,
  isValidIsoDate,
  toDayNumber,
} from '../../scoring/dates.ts';

/**
 * The generator's dates are day numbers (days since 1970-01-01, see scoring/dates.ts) from start to finish:
 * arithmetic on them is integer addition, and each turns into an ISO string once, when it is written.
 */

// The same few thousand dates recur in every record; formatting each once saves work and garbage in the hot loop.
const ISO_CACHE_FROM = daysFromCivil(1900, 1, 1);
const ISO_CACHE_SIZE = 110_000;
const isoCache: (string | undefined)[] = new Array(ISO_CACHE_SIZE).fill(undefined);

export function isoFromDays(days: number): string {
  const i = days - ISO_CACHE_FROM;
  const cached = isoCache[i];
  if (cached !== undefined) return cached;
  const iso = fromDayNumber(days);
  if (i >= 0 && i < ISO_CACHE_SIZE) isoCache[i] = iso;
  return iso;
}

/** [year, month, day] of a day number; the array is reused by the next call. */
const ymd = [0, 0, 0];
export function civil(days: number): readonly number[] {
  civilFromDays(days, ymd);
  return ymd;
}

export function firstOfMonth(days: number): number {
  return days - civil(days)[2]! + 1;
}

export function lastOfMonth(days: number): number {
  const [y, m, d] = civil(days) as [number, number, number];
  return days - d + daysInMonth(y, m);
}

/** The day before the same date `months` later: a period of whole months ('2027-01-04' + 6 -> '2027-07-03'). */
export function addMonthsMinusOneDay(days: number, months: number): number {
  return addMonthsClamped(days, months) - 1;
}

/** The same date `years` earlier; 29 February becomes the 28th in a year without it. */
export function yearsBefore(days: number, years: number): number {
  return addMonthsClamped(days, -12 * years);
}

export function parseToday(today: string | undefined): number {
  if (today === undefined) {
    const now = new Date();
    return daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }
  if (!isValidIsoDate(today))
    throw new RangeError(`today must be a real date written YYYY-MM-DD, got '${today}'`);
  return toDayNumber(today);
}
