/**
 * Periods as Danish CVs write them: '2019–2025', '03/2019 - 12/2025', 'marts 2019 – december 2025',
 * '01.03.2019 - nu', 'fra 2019'. Dates become ISO: a year starts 01-01 and ends 12-31; a month is its first day.
 */

import { formatIsoDate, isRealDate } from '../../scoring/dates.ts';

const MONTHS: Record<string, number> = {
  januar: 1,
  january: 1,
  jan: 1,
  februar: 2,
  february: 2,
  feb: 2,
  marts: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

// Longest names first so that 'september' is not read as 'sep' + 'tember'.
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const TOKEN = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{1,2}[./-]\d{4}|(?:${MONTH_NAMES})\.?\s+\d{4}|(?:19|20)\d{2})`;
/** Words for an open end: the job is still going on. */
const OPEN = String.raw`(?:nuværende|dags\s+dato|i\s+dag|d\.\s?d\.?|present|fortsat|now|nu)`;
const BEFORE = String.raw`(?<![\p{L}\p{N}/.-])`;
const AFTER = String.raw`(?![\p{L}\p{N}/-])`;
const SEPARATOR = String.raw`\s*(?:–|—|-|til|to)\s*`;

const RANGE = new RegExp(`${BEFORE}(${TOKEN})${SEPARATOR}(${TOKEN}|${OPEN})${AFTER}`, 'iu');
const OPEN_RANGE = new RegExp(
  String.raw`(?:${BEFORE}(?:fra|siden|since)\s+(${TOKEN})${AFTER}|${BEFORE}(${TOKEN})\s*[–—-]\s*$)`,
  'iu',
);
const OPEN_ONLY = new RegExp(`^${OPEN}$`, 'iu');
const SINGLE = new RegExp(`${BEFORE}(${TOKEN})${AFTER}`, 'iu');

export interface Period {
  from?: string;
  to?: string;
  /** Where the period was written in the line, so the rest of the line can be read as a title. */
  index: number;
  length: number;
}

interface Span {
  start: string;
  end: string;
}

function iso(y: number, m: number, d: number): string | undefined {
  return isRealDate(y, m, d) ? formatIsoDate(y, m, d) : undefined;
}

/** The first and last ISO date a written date stands for. */
export function readDate(token: string): Span | undefined {
  const t = token.trim().toLowerCase();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return same(iso(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (m) return same(iso(Number(m[3]), Number(m[2]), Number(m[1])));
  m = /^(\d{1,2})[./-](\d{4})$/.exec(t);
  if (m) return same(iso(Number(m[2]), Number(m[1]), 1));
  m = /^(\p{L}+)\.?\s+(\d{4})$/u.exec(t);
  if (m) {
    const month = MONTHS[m[1]!];
    return month ? same(iso(Number(m[2]), month, 1)) : undefined;
  }
  m = /^(\d{4})$/.exec(t);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  return undefined;
}

function same(date: string | undefined): Span | undefined {
  return date ? { start: date, end: date } : undefined;
}

/** The first period written in a line, or undefined. A lone date stands for its whole year (or month/day). */
export function findPeriod(line: string): Period | undefined {
  const range = RANGE.exec(line);
  if (range) {
    const from = readDate(range[1]!);
    const openEnd = OPEN_ONLY.test(range[2]!);
    const to = openEnd ? undefined : readDate(range[2]!);
    if (from && (to || openEnd)) {
      const period: Period = { from: from.start, index: range.index, length: range[0].length };
      if (to) period.to = to.end;
      return period;
    }
  }
  const open = OPEN_RANGE.exec(line);
  if (open) {
    const from = readDate((open[1] ?? open[2])!);
    if (from) return { from: from.start, index: open.index, length: open[0].length };
  }
  const single = SINGLE.exec(line);
  if (single) {
    const span = readDate(single[1]!);
    if (span) return { from: span.start, to: span.end, index: single.index, length: single[0].length };
  }
  return undefined;
}
