/**
 * Calendar arithmetic on ISO 'YYYY-MM-DD' strings. Pure.
 *
 * Day numbers are days since 1970-01-01 in the proleptic Gregorian calendar, computed with integer arithmetic
 * rather than `Date`, so there are no time zones, no DST and no `Date.UTC` quirk that maps years 0-99 to 19xx.
 */

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The number written by `length` ASCII digits at `at`, or -1 if any is not a digit. */
function digitsAt(value: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const DASH = 45;

// Hand-parsed rather than by regex: scoring reads several dates per candidate, and the regex's match arrays were
// a measurable share of a shortlist's time.
function splitIsoDate(value: string): Ymd | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return undefined;
  const y = digitsAt(value, 0, 4);
  const m = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  if (y < 0 || !isRealDate(y, m, d)) return undefined;
  return { y, m, d };
}

/** True when day `d` of month `m` exists in year `y` (every date check in the app goes through here). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-29 is not, 2028-02-29 is). */
export function isValidIsoDate(value: string): boolean {
  return splitIsoDate(value) !== undefined;
}

function ymd(value: string): Ymd {
  const parts = splitIsoDate(value);
  // Callers get dates from validated records; a bad one here is a bug, so fail loudly instead of guessing.
  if (!parts) throw new RangeError(`not a real date written YYYY-MM-DD: ${JSON.stringify(value)}`);
  return parts;
}

// Howard Hinnant's days_from_civil / civil_from_days: eras of 400 years, years starting in March.
/** Day number of a calendar date (exported for the demo generator, which works in day numbers throughout). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Writes [year, month, day] of a day number into `out`, which callers in hot loops reuse. */
export function civilFromDays(days: number, out: number[]): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
}

function ymdFromDays(days: number): Ymd {
  const out = [0, 0, 0];
  civilFromDays(days, out);
  return { y: out[0]!, m: out[1]!, d: out[2]! };
}

/** YYYY-MM-DD of a year, month and day already known to be a real date. */
export function formatIsoDate(y: number, m: number, d: number): string {
  if (y < 0 || y > 9999) throw new RangeError(`year ${y} cannot be written YYYY-MM-DD`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function format({ y, m, d }: Ymd): string {
  return formatIsoDate(y, m, d);
}

/** Days since 1970-01-01 (UTC). Throws a RangeError for anything but a real YYYY-MM-DD date. */
export function toDayNumber(value: string): number {
  const { y, m, d } = ymd(value);
  return daysFromCivil(y, m, d);
}

export function fromDayNumber(days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`day number must be an integer: ${days}`);
  return format(ymdFromDays(days));
}

export function addDays(value: string, days: number): string {
  return fromDayNumber(toDayNumber(value) + days);
}

/**
 * Whole calendar months completed from `from` to `to`: a month is completed on the same day-of-month, so
 * 2026-01-15 -> 2026-04-14 is 2 and -> 2026-04-15 is 3. A day-of-month the target month lacks is not reached
 * until the month after: 2026-01-31 -> 2026-02-28 is 0 and -> 2026-03-01 is 1.
 * When `to` is before `from` the result is negative (rounded towards minus infinity); clamping is the caller's.
 */
export function monthsBetween(from: string, to: string): number {
  const a = ymd(from);
  const b = ymd(to);
  const months = (b.y - a.y) * 12 + (b.m - a.m);
  return b.d < a.d ? months - 1 : months;
}

/**
 * The day on which `months` whole months have been completed since `value`, in the sense of `monthsBetween`.
 * That is why a missing day-of-month rolls forward to the 1st of the next month instead of clamping to the
 * month's end: 2026-01-31 + 1 month is 2026-03-01, the first day with monthsBetween(2026-01-31, day) === 1.
 * So `monthsBetween(d, addMonths(d, n)) === n` always, and `addMonths(d, n)` is the earliest such day for n >= 0.
 */
export function addMonths(value: string, months: number): string {
  const { y, m, d } = ymd(value);
  const { y: ty, m: tm } = shiftMonth(y, m, months);
  if (d <= daysInMonth(ty, tm)) return format({ y: ty, m: tm, d });
  return tm === 12 ? format({ y: ty + 1, m: 1, d: 1 }) : format({ y: ty, m: tm + 1, d: 1 });
}

/**
 * The day number `months` calendar months after day number `days`, a day-of-month the target month lacks clamped
 * to its last day (2026-03-31 - 1 month is 2026-02-28). For calendar periods and cut-offs, where a month back from
 * the 31st must stay in the month before; `addMonths` is the one that agrees with `monthsBetween`.
 */
export function addMonthsClamped(days: number, months: number): number {
  const out = [0, 0, 0];
  civilFromDays(days, out);
  const { y, m } = shiftMonth(out[0]!, out[1]!, months);
  return daysFromCivil(y, m, Math.min(out[2]!, daysInMonth(y, m)));
}

function shiftMonth(y: number, m: number, months: number): { y: number; m: number } {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  return { y: ty, m: index - ty * 12 + 1 };
}

export interface DateRange {
  from: string;
  to: string;
}

/** Both ranges include their end days, so ranges that share one day overlap. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return toDayNumber(a.from) <= toDayNumber(b.to) && toDayNumber(b.from) <= toDayNumber(a.to);
}
