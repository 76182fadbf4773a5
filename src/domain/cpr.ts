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

/**
 * A CPR as people write it in free text: 0101901234, 010190-1234, 010190 - 1234, 01.01.90-1234, 01 01 90 1234,
 * 01-01-90-1234, 01/01/90 1234. Only 10 digits with a real date in front count, so phone numbers (8 digits, in
 * pairs or not), CVR-numre and ISO dates stay as written. Separators stay on one line: a date at the end of one
 * line and a number at the start of the next are two things.
 */
const DATE_PART_SEPARATOR = '[ \\u00A0.\\-\\u2010-\\u2015\\u2212/]?';
const SERIAL_SEPARATOR =
  '(?:[ \\t\\u00A0]*[\\-\\u2010-\\u2015\\u2212][ \\t\\u00A0]*|[ \\t\\u00A0]{1,3}|[./])?';
const CPR_IN_TEXT = new RegExp(
  `(?<!\\d)(\\d{2})${DATE_PART_SEPARATOR}(\\d{2})${DATE_PART_SEPARATOR}(\\d{2})${SERIAL_SEPARATOR}(\\d{4})(?!\\d)`,
  'g',
);

export const CPR_REDACTED = '[CPR fjernet]';

export function redactCprInText(text: string): string {
  let out = '';
  let copied = 0;
  CPR_IN_TEXT.lastIndex = 0;
  for (let m = CPR_IN_TEXT.exec(text); m !== null; m = CPR_IN_TEXT.exec(text)) {
    if (normaliseCpr(`${m[1]}${m[2]}${m[3]}${m[4]}`)) {
      out += text.slice(copied, m.index) + CPR_REDACTED;
      copied = CPR_IN_TEXT.lastIndex;
    } else {
      // Digits that are no CPR may still hold the start of one ("9912 010190-1234"): look again one further on.
      CPR_IN_TEXT.lastIndex = m.index + 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** True when the text holds a CPR in any of the spellings `redactCprInText` knows. */
export function containsCpr(text: string): boolean {
  return redactCprInText(text) !== text;
}
