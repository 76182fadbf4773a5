import { isPlainObject, jsonTypeName, parseJson } from './parse-json.ts';
import { MAX_RECORD_CHARS, readLines } from './read-text.ts';
import type { SourceRecord } from './types.ts';

/** NDJSON / JSON Lines: one object per line, streamed line by line; blank lines are skipped. */
export async function* readNdjson(file: string): AsyncGenerator<SourceRecord> {
  for await (const { number: line, text, tooLong } of readLines(file)) {
    if (tooLong) {
      yield { ok: false, file, line, error: `line longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB` };
      continue;
    }
    if (text.trim() === '') continue;
    const parsed = parseJson(text, line);
    if (!parsed.ok) yield { ok: false, file, line, error: parsed.error };
    else if (!isPlainObject(parsed.value))
      yield { ok: false, file, line, error: `line is ${jsonTypeName(parsed.value)}, not a JSON object` };
    else yield { ok: true, file, line, value: parsed.value };
  }
}
