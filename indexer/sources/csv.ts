import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import {
  type CellContext,
  CellError,
  COLUMN_TYPES,
  canonicalColumn,
  convertCell,
  setPath,
} from './csv-cells.ts';
import { MAX_RECORD_CHARS, textChunks } from './read-text.ts';
import type { SourceRecord } from './types.ts';

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter is the one of `,` `;` tab that occurs most often (outside quotes) in the header line: Danish Excel
 * writes `;`, most other tools `,`.
 */
export async function detectDelimiter(file: string): Promise<Delimiter> {
  const handle = await open(file, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * csv-parse counts a CRLF inside a quoted cell as two lines, which would put every later record's line number off;
 * with LF only its count is right. A CR at a chunk's end waits for the next chunk in case an LF follows.
 */
async function* lfOnly(file: string): AsyncGenerator<string> {
  let held = '';
  for await (const chunk of textChunks(file)) {
    let text = held + chunk;
    held = '';
    if (text.endsWith('\r')) {
      held = '\r';
      text = text.slice(0, -1);
    }
    yield text.replace(/\r\n/g, '\n');
  }
  if (held) yield held;
}

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

/** A CSV file with a header row of (dotted) field names; see CSV.md for how cells become values. */
export async function* readCsv(file: string): AsyncGenerator<SourceRecord> {
  const delimiter = await detectDelimiter(file);
  const ctx: CellContext = { decimalComma: delimiter !== ',' };
  // Records the parser had to drop, kept until the records before them have been handed on.
  const skipped: { line: number; error: string }[] = [];
  // Line the last good record ended on, kept in step with the parser: a record it drops (an unclosed quote runs to
  // the end of the file) started on the line after.
  let parsedUpTo = 0;
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_record: (record: string[], context: { lines: number }) => {
      parsedUpTo = context.lines;
      return record;
    },
    on_skip: (err: CsvError | undefined) => {
      if (err) skipped.push({ line: parsedUpTo + 1, error: `CSV: ${err.message}` });
      return undefined;
    },
  });
  pipeline(Readable.from(lfOnly(file)), parser, () => {
    // Errors reach the loop below through the destroyed parser.
  });
  let columns: string[] | undefined;
  const flushSkipped = function* (before: number): Generator<SourceRecord> {
    skipped.sort((a, b) => a.line - b.line);
    while (skipped.length > 0 && skipped[0]!.line <= before) {
      const s = skipped.shift()!;
      yield { ok: false, file, line: s.line, error: s.error };
    }
  };
  let lastLine = 1;
  try {
    for await (const row of parser as AsyncIterable<ParsedRow>) {
      const cells = row.record;
      // The parser reports the line a record ends on; a quoted cell can span lines.
      const line = row.info.lines - cells.reduce((n, cell) => n + countNewlines(cell), 0);
      lastLine = row.info.lines;
      yield* flushSkipped(line);
      if (!columns) {
        columns = cells.map(canonicalColumn);
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      yield toRecord(file, line, columns, cells, ctx);
    }
  } catch (err) {
    yield* flushSkipped(Number.POSITIVE_INFINITY);
    yield { ok: false, file, line: lastLine, error: (err as Error).message };
    return;
  }
  yield* flushSkipped(Number.POSITIVE_INFINITY);
  if (!columns) yield { ok: false, file, line: 1, error: 'CSV file has no header row' };
}

function countNewlines(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

function toRecord(
  file: string,
  line: number,
  columns: string[],
  cells: string[],
  ctx: CellContext,
): SourceRecord {
  // Trailing empty cells beyond the header (a stray delimiter at the end of a row) carry nothing.
  const extra = cells.slice(columns.length);
  if (cells.length < columns.length || extra.some((c) => c.trim() !== ''))
    return { ok: false, file, line, error: `row has ${cells.length} cells, header has ${columns.length}` };
  const value: Record<string, unknown> = {};
  for (let j = 0; j < columns.length; j++) {
    const name = columns[j]!;
    const cell = cells[j]!.trim();
    if (name === '' || cell === '') continue;
    try {
      setPath(value, name, convertCell(COLUMN_TYPES[name] ?? 'string', cell, ctx));
    } catch (err) {
      if (err instanceof CellError) return { ok: false, file, line, error: `${name}: ${err.message}` };
      throw err;
    }
  }
  return { ok: true, file, line, value };
}
