import { isPlainObject, jsonTypeName, parseJson } from './parse-json.ts';
import { MAX_RECORD_CHARS, readLines } from './read-text.ts';
import type { SourceRecord } from './types.ts';

export interface NdjsonOptions {
  /** What rejections name as the file (an upload has no file name of its own). */
  label?: string;
  /** Longest line in UTF-8 bytes; a longer one is rejected by its line number, never parsed. */
  maxRecordBytes?: number;
}

/**
 * NDJSON / JSON Lines: one object per line, streamed line by line from a file or from text chunks (a request
 * body); blank lines are skipped.
 */
export async function* readNdjson(
  source: string | AsyncIterable<string>,
  options: NdjsonOptions = {},
): AsyncGenerator<SourceRecord> {
  const file = options.label ?? (typeof source === 'string' ? source : 'input');
  const maxBytes = options.maxRecordBytes;
  // A UTF-8 byte per UTF-16 unit at least, so a line over the byte cap in units is over it in bytes too.
  const maxChars = maxBytes ?? MAX_RECORD_CHARS;
  const tooLong =
    maxBytes === undefined ? TOO_LONG : `line longer than ${maxBytes} bytes (the limit per record)`;
  for await (const { number: line, text, tooLong: over } of readLines(source, maxChars)) {
    if (
      over ||
      (maxBytes !== undefined && text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes)
    ) {
      yield { ok: false, file, line, error: tooLong };
      continue;
    }
    const record = ndjsonRecord(file, line, text);
    if (record) yield record;
  }
}

/** What a line over MAX_RECORD_CHARS is rejected with. */
export const TOO_LONG = `line longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB`;

/** One NDJSON line as a record; undefined for a blank line, which is skipped. */
export function ndjsonRecord(file: string, line: number, text: string): SourceRecord | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseJson(text, line);
  if (!parsed.ok) return { ok: false, file, line, error: parsed.error };
  if (!isPlainObject(parsed.value))
    return { ok: false, file, line, error: `line is ${jsonTypeName(parsed.value)}, not a JSON object` };
  return { ok: true, file, line, value: parsed.value };
}
