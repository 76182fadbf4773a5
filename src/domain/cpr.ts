/**
 * CPR-nummer checks. A CPR is personal data of the highest sensitivity: it is validated here, then only a keyed
 * hash of it is stored (see the Store); it is never indexed, logged, scored or returned.
 */

import { isRealDate } from '../../scoring/dates.ts';

const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/** The century rule of the 7th digit (CPR-kontoret): it dates the person from the 2-digit year. */
function fullYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** Returns the CPR as 10 digits, or undefined when the format or the date part is wrong. */
export function normaliseCpr(value: string): string | undefined {
  const m = CPR.exec(value.trim());
  if (!m) return undefined;
  const [dd, mm, yy, serial] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
  const year = fullYear(yy, Number(serial[0]));
  if (!isRealDate(year, mm, dd)) return undefined;
  return `${m[1]}${m[2]}${m[3]}${serial}`;
}

/** Anything that looks like a CPR in free text (CV documents often carry one in the header). */
const CPR_IN_TEXT = /\b\d{6}[-\s]?\d{4}\b/g;

export function redactCprInText(text: string): string {
  return text.replace(CPR_IN_TEXT, (match) =>
    normaliseCpr(match.replace(/\s/, '')) ? '[CPR fjernet]' : match,
  );
}
