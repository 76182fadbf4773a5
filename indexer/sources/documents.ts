import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { candidateFields } from '../../src/domain/candidate.ts';
import { redactCprInText } from '../../src/domain/cpr.ts';
import { readCvFields } from './cv-fields.ts';
import { type DocumentType, extractDocumentText, hasTextLayer } from './document-text.ts';
import { isPlainObject, jsonTypeName, parseJson } from './parse-json.ts';
import type { ReadOptions, SourceRecord } from './types.ts';

export const NO_TEXT_LAYER =
  'no text layer (scanned document?): run OCR first or register the candidate by hand';
export const NEEDS_JOBCENTER = 'CV documents need --jobcenter';

/** Required Candidate fields a CV may not state; a candidate missing any is stored as an incomplete draft. */
const REQUIRED = ['name', 'postalCode', 'unemployedSince', 'benefit'] as const;

/** `cv.json` next to `cv.pdf` / `cv.docx`; the extension of the document does not matter. */
export function sidecarPath(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.json`);
}

type Sidecar = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

async function readSidecar(file: string): Promise<Sidecar> {
  const path = sidecarPath(file);
  if (!existsSync(path)) return { ok: true, value: {} };
  const name = basename(path);
  const parsed = parseJson((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''), 1);
  if (!parsed.ok) return { ok: false, error: `sidecar ${name}: ${parsed.error}` };
  if (!isPlainObject(parsed.value))
    return { ok: false, error: `sidecar ${name}: holds ${jsonTypeName(parsed.value)}, not an object` };
  return { ok: true, value: parsed.value };
}

/**
 * What was read from free text is a guess: a value the schema would reject (an odd e-mail, a made-up kørekort
 * category) is dropped rather than sinking the whole candidate, and list items are checked one by one.
 */
function keepValid(fields: Record<string, unknown>): Record<string, unknown> {
  const shape = candidateFields.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const schema = shape[key];
    if (!schema) continue;
    if (Array.isArray(value)) {
      const items = value.filter((item) => schema.safeParse([item]).success);
      if (items.length > 0) out[key] = items;
    } else if (schema.safeParse(value).success) out[key] = value;
  }
  return out;
}

/** A PDF or DOCX CV as one candidate record (line 1), fields read from its text, a sidecar .json winning. */
export async function* readDocument(
  file: string,
  type: DocumentType,
  opts: ReadOptions,
): AsyncGenerator<SourceRecord> {
  const line = 1;
  const sidecar = await readSidecar(file);
  if (!sidecar.ok) {
    yield { ok: false, file, line, error: sidecar.error };
    return;
  }
  if (opts.jobcenter === undefined && sidecar.value.jobcenter === undefined) {
    yield { ok: false, file, line, error: NEEDS_JOBCENTER };
    return;
  }
  let text: string;
  try {
    text = await extractDocumentText(file, type);
  } catch (err) {
    yield {
      ok: false,
      file,
      line,
      error: `cannot read the ${type.toUpperCase()}: ${(err as Error).message}`,
    };
    return;
  }
  if (!hasTextLayer(text)) {
    yield { ok: false, file, line, error: NO_TEXT_LAYER };
    return;
  }
  const fromSidecar = { ...sidecar.value };
  if (typeof fromSidecar.cvText === 'string') fromSidecar.cvText = redactCprInText(fromSidecar.cvText);
  const value: Record<string, unknown> = {
    externalId: basename(file, extname(file)),
    jobcenter: opts.jobcenter,
    ...keepValid(readCvFields(text, { fileName: basename(file) })),
    ...fromSidecar,
  };
  const missing = (key: string) => value[key] === undefined || value[key] === null || value[key] === '';
  const incomplete = REQUIRED.filter((key) =>
    key === 'postalCode' ? missing('postalCode') && missing('location') : missing(key),
  );
  yield { ok: true, file, line, value, incomplete };
}
