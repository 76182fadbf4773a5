import { JsonScanner } from './json-scanner.ts';
import { textChunks } from './read-text.ts';
import type { RecordKind, SourceRecord } from './types.ts';

/**
 * A .json file: an array of objects, one object, or `{ "candidates": [...] }` / `{ "jobOrders": [...] }`.
 * Streamed through JsonScanner so a large export never sits in memory whole.
 */
export async function* readJson(file: string, kind: RecordKind): AsyncGenerator<SourceRecord> {
  const scanner = new JsonScanner(file, kind);
  for await (const chunk of textChunks(file)) yield* scanner.push(chunk);
  yield* scanner.end();
}
