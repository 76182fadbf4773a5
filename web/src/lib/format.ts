/**
 * Danish formatting without Intl: the same output in every browser and in Node, whatever ICU data it carries.
 * Dates as "4. januar 2027", numbers with decimal comma and thousands point.
 */

const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** "2027-01-04" or an ISO timestamp -> "4. januar 2027" (timestamps in local time). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${Number(plain[3])}. ${MONTHS[Number(plain[2]) - 1]} ${Number(plain[1])}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getDate()}. ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/**
 * The API's reasons and explanations carry dates as ISO ("ledig fra 2027-02-01"), which is right for logs and the
 * CLI; a konsulent reads "1. februar 2027". A period "2027-03-25–2027-07-21" becomes "25. marts 2027–21. juli 2027".
 */
export function danishDatesIn(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso));
}

/** An ISO timestamp -> "4. januar 2027 kl. 09.05" (Danish uses a point between hours and minutes). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(value)} kl. ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}

/** "2027-01" -> "januar 2027". */
export function formatMonth(value: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : value;
}

/** Danish abbreviations: a point marks the shortened ones, so "maj" (already whole) has none. */
const SHORT_MONTHS = [
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'maj',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'okt.',
  'nov.',
  'dec.',
] as const;

/** "2026-11" -> "nov. 2026", for chart axes and narrow tables. */
export function formatMonthShort(value: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  return m ? `${SHORT_MONTHS[Number(m[2]) - 1]} ${m[1]}` : value;
}

/** Seconds -> days with one decimal at most, as a number for a chart: 129600 -> 1.5; null stays null. */
export function secondsToDays(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined) return null;
  return Math.round((seconds / 86400) * 10) / 10;
}

/** 1234.5 -> "1.234,5"; `decimals` fixes the number of decimals (default: up to 1, trailing zero dropped). */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const fixed = decimals === undefined ? String(Math.round(value * 10) / 10) : value.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [int = '0', frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** 4950 -> "4.950 kr." */
export function formatKr(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `${formatNumber(value, Number.isInteger(value) ? 0 : 2)} kr.`;
}

/** 0.873 -> "87 %" */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return `${formatNumber(value * 100, 0)} %`;
}

/** Seconds -> "3 dage", "5 timer", "12 minutter". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const minutes = seconds / 60;
  if (minutes < 1) return `${formatNumber(seconds, 0)} sekunder`;
  if (minutes < 60) return plural(Math.round(minutes), 'minut', 'minutter');
  const hours = minutes / 60;
  if (hours < 48) return plural(Math.round(hours), 'time', 'timer');
  return plural(Math.round(hours / 24), 'dag', 'dage');
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/** Parses a Danish decimal ("7,5" or "7.5") to a number; NaN for anything else. */
export function parseDanishNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}
