import { createReadStream } from 'node:fs';

/** Longest line or record kept in memory; anything longer is reported rather than buffered without bound. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * The file as decoded text chunks. The stream's own decoder keeps multi-byte UTF-8 characters (æøå) intact across
 * chunk borders; a leading BOM is dropped so that the first line parses.
 */
export async function* textChunks(path: string): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    let text = chunk as string;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text !== '') yield text;
  }
}

export interface Line {
  /** 1-based. */
  number: number;
  /** Without the line break; a trailing \r of a CRLF file is removed too. */
  text: string;
  /** Set when the line exceeded MAX_RECORD_CHARS: its text is dropped. */
  tooLong?: boolean;
}

/**
 * Splits a file (or a stream of text chunks, such as a request body) into lines, holding at most one line (bounded
 * by `maxChars`) in memory at a time, so that a 1 GB NDJSON export streams through.
 */
export async function* readLines(
  source: string | AsyncIterable<string>,
  maxChars = MAX_RECORD_CHARS,
): AsyncGenerator<Line> {
  let number = 1;
  let partial: string[] = [];
  let partialLength = 0;
  let tooLong = false;
  const finish = (tail: string): Line => {
    let text = tooLong ? '' : partial.length === 0 ? tail : partial.join('') + tail;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line: Line = tooLong ? { number, text, tooLong } : { number, text };
    partial = [];
    partialLength = 0;
    tooLong = false;
    number++;
    return line;
  };
  for await (const chunk of typeof source === 'string' ? textChunks(source) : source) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      if (!tooLong && partialLength + (nl - start) > maxChars) tooLong = true;
      yield finish(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length && !tooLong) {
      partialLength += chunk.length - start;
      if (partialLength > maxChars) {
        tooLong = true;
        partial = [];
      } else partial.push(chunk.slice(start));
    }
  }
  if (partialLength > 0 || tooLong) yield finish('');
}
