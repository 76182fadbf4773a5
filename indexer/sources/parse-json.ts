export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * JSON.parse with a message that points into the file: V8 reports a character offset into the text it was given,
 * which for one array element or one NDJSON line means nothing to the user, so it is turned into a file line/column.
 */
export function parseJson(text: string, startLine: number, startColumn = 1): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return {
      ok: false,
      error: `invalid JSON: ${locate((err as Error).message, text, startLine, startColumn)}`,
    };
  }
}

function locate(message: string, text: string, startLine: number, startColumn: number): string {
  const m = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const newlines = before.split('\n').length - 1;
  const column = pos - (before.lastIndexOf('\n') + 1) + (newlines === 0 ? startColumn : 1);
  const where = newlines === 0 ? `column ${column}` : `line ${startLine + newlines} column ${column}`;
  return message.replace(m[0], ` at ${where}`);
}

/** What a JSON value is, in words, for "expected an object" messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** V8 quotes the start of the text in some JSON errors; that text may be a CPR-nummer, so it is cut out. */
export function withoutQuotedInput(message: string): string {
  return message.replace(/, ".*" is not valid JSON/s, ' (not valid JSON)');
}
