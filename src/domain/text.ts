import { z } from 'zod';
import { containsCpr, redactCprInText } from './cpr.ts';

/**
 * Free text as the service keeps it. Every free-text field of the domain schemas goes through `redactedText`, so a
 * CPR-nummer typed into a name, a competence or a label is redacted on every path (API, CSV, JSON, NDJSON, CV
 * documents) before anything stores, indexes, logs or prints it.
 */

/** Vertical tab, form feed (a PDF's page break), NEL and the Unicode line and paragraph separators. */
const LINE_BREAKS = /[\u000B\u000C\u0085\u2028\u2029]/g;
/** C0 and C1 control characters other than tab, line feed and carriage return (and the breaks above). */
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
/**
 * Bidi embeddings, overrides and isolates, and the invisible direction marks: they make a printed name or text
 * read differently from what is stored (a right-to-left override turns "Hansen" into "nesnaH").
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** What a name must not hold at all: every control character, line breaks included, and the bidi controls. */
const NOT_IN_NAMES = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters or bidi-override characters';
export const CPR_IN_ID_MESSAGE =
  "must not be or contain a CPR-nummer: use the case system's own id for the person, never the CPR";

/** Drops control and bidi-override characters (a page break becomes a line break, so words stay apart). */
export function stripControlCharacters(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROLS, '').replace(BIDI_CONTROLS, '');
}

export function hasControlCharacters(text: string): boolean {
  return NOT_IN_NAMES.test(text);
}

export interface TextOptions {
  max: number;
  /** Default 1: an empty value is refused with "must not be empty". */
  min?: number;
  /** Default true. */
  trim?: boolean;
  /**
   * 'strip' (the default, for descriptive text: a stray control character from a PDF or a spreadsheet is no reason
   * to refuse a CV) or 'reject' (for names and labels, which are printed and shown as they are).
   */
  controls?: 'strip' | 'reject';
}

/**
 * A free-text field: controls handled as asked, then length-checked, then any CPR replaced by "[CPR fjernet]".
 * It stays a ZodString (every step is an `overwrite` or a check), so callers may still add `.max()` or `.meta()`.
 */
export function redactedText({ max, min = 1, trim = true, controls = 'strip' }: TextOptions) {
  let text = z.string();
  if (controls === 'strip') text = text.overwrite(stripControlCharacters);
  if (trim) text = text.trim();
  if (min > 0) text = text.min(min, min === 1 ? 'must not be empty' : undefined);
  text = text.max(max);
  if (controls === 'reject')
    text = text.refine((s) => !hasControlCharacters(s), { message: CONTROL_CHARACTERS_MESSAGE });
  return text.overwrite(redactCprInText);
}

/** A person's, company's or pool's name, or a label: printed as written, so control characters are refused. */
export function nameText(max: number) {
  return redactedText({ max, controls: 'reject' });
}

/** True when a value meant as an id is, or holds, a CPR-nummer (case systems sometimes export it as the id). */
export function isCprFree(value: string): boolean {
  return !containsCpr(value);
}
