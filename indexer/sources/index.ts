import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { readCsv } from './csv.ts';
import { readDocument } from './documents.ts';
import { readJson } from './json.ts';
import { readNdjson } from './ndjson.ts';
import type { ReadOptions, RecordKind, SourceRecord } from './types.ts';

export type { ReadOptions, RecordKind, SourceRecord } from './types.ts';

const DATA_EXTENSIONS = ['.ndjson', '.jsonl', '.json', '.csv'];
const DOCUMENT_EXTENSIONS = ['.pdf', '.docx'];

export const SUPPORTED_EXTENSIONS: Record<RecordKind, string[]> = {
  candidates: [...DATA_EXTENSIONS, ...DOCUMENT_EXTENSIONS],
  'job-orders': [...DATA_EXTENSIONS],
};

export const DOCUMENTS_ONLY_FOR_CANDIDATES = 'CV documents can only be imported as candidates';

/**
 * Formats people are likely to drop in by mistake. In a directory these are reported with what to do instead;
 * any other unknown file there (a README, a thumbnail) is passed over silently.
 */
const CONVERT_HINTS: Record<string, string> = {
  '.doc': 'old Word format: save it as .docx or PDF',
  '.odt': 'save it as .docx or PDF',
  '.rtf': 'save it as .docx or PDF',
  '.pages': 'save it as .docx or PDF',
  '.xls': 'a spreadsheet: save it as CSV (UTF-8)',
  '.xlsx': 'a spreadsheet: save it as CSV (UTF-8)',
  '.ods': 'a spreadsheet: save it as CSV (UTF-8)',
  '.numbers': 'a spreadsheet: save it as CSV (UTF-8)',
};

/**
 * Raw records from a file, or from every importable file in a directory tree (sorted by name, depth first).
 * Problems with a file or a record come back as `{ ok: false }` records; the iterable itself does not throw.
 */
export async function* readRecords(path: string, opts: ReadOptions): AsyncGenerator<SourceRecord> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (err) {
    yield { ok: false, file: path, line: 1, error: `cannot read: ${(err as Error).message}` };
    return;
  }
  if (!isDirectory) {
    yield* readOne(path, opts);
    return;
  }
  for await (const file of listDirectory(path)) yield* readOne(file, opts);
}

function isImportable(ext: string): boolean {
  return SUPPORTED_EXTENSIONS.candidates.includes(ext) || ext in CONVERT_HINTS;
}

async function* listDirectory(dir: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // Unreadable subdirectory: stat() in readOne reports it with a reason.
    yield dir;
    return;
  }
  const names = entries.filter((e) => !e.name.startsWith('.') && !e.name.startsWith('~$'));
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A `cv.json` next to `cv.pdf` belongs to the document, not to the import.
  const documentBases = new Set(
    names
      .filter((e) => DOCUMENT_EXTENSIONS.includes(extname(e.name).toLowerCase()))
      .map((e) => e.name.slice(0, -extname(e.name).length)),
  );
  for (const entry of names) {
    const full = join(dir, entry.name);
    const ext = extname(entry.name).toLowerCase();
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink())
      isDir = await stat(full).then(
        (s) => s.isDirectory(),
        () => false,
      );
    if (isDir) {
      yield* listDirectory(full);
      continue;
    }
    if (!isImportable(ext)) continue;
    if (ext === '.json' && documentBases.has(entry.name.slice(0, -ext.length))) continue;
    yield full;
  }
}

async function* readOne(file: string, opts: ReadOptions): AsyncGenerator<SourceRecord> {
  const ext = extname(file).toLowerCase();
  let lastLine = 1;
  try {
    for await (const record of dispatch(file, ext, opts)) {
      lastLine = record.line;
      yield record;
    }
  } catch (err) {
    yield { ok: false, file, line: lastLine, error: `cannot read: ${(err as Error).message}` };
  }
}

function dispatch(file: string, ext: string, opts: ReadOptions): AsyncIterable<SourceRecord> {
  switch (ext) {
    case '.ndjson':
    case '.jsonl':
      return readNdjson(file);
    case '.json':
      return readJson(file, opts.kind);
    case '.csv':
      return readCsv(file);
    case '.pdf':
    case '.docx':
      if (opts.kind !== 'candidates') return single(file, DOCUMENTS_ONLY_FOR_CANDIDATES);
      return readDocument(file, ext === '.pdf' ? 'pdf' : 'docx', opts);
    default: {
      const hint = CONVERT_HINTS[ext];
      const supported = SUPPORTED_EXTENSIONS[opts.kind].join(', ');
      const what = ext === '' ? 'a file without extension' : `unsupported file type "${ext}"`;
      return single(file, `${what}${hint ? ` (${hint})` : ''}; supported: ${supported}`);
    }
  }
}

async function* single(file: string, error: string): AsyncGenerator<SourceRecord> {
  yield { ok: false, file, line: 1, error };
}
