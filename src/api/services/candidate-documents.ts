import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { importRecords, type Landed, type Rejection } from '../../../indexer/import.ts';
import { readDocument } from '../../../indexer/sources/documents.ts';
import type { SourceRecord } from '../../../indexer/sources/types.ts';
import type { AppContext } from '../../context.ts';
import { redactCprInText } from '../../domain/cpr.ts';
import type { Principal } from '../auth.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { relabel, spool, uploadsDir } from './candidates.ts';
import { assertMayWrite, uploadTenancy } from './tenancy.ts';
import { candidateOut } from './views.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOCUMENT_TYPES = { 'application/pdf': 'pdf', [DOCX_TYPE]: 'docx' } as const;
export type DocumentKind = (typeof DOCUMENT_TYPES)[keyof typeof DOCUMENT_TYPES];

/** A CV is a few pages; a scanned one with images rarely passes a few MiB. */
export const DOCUMENT_BODY_LIMIT = 20 * 1024 * 1024;

type Deps = Pick<AppContext, 'stores' | 'index'> & { config: Pick<AppContext['config'], 'DATA_DIR'> };

export interface DocumentUpload {
  type: DocumentKind;
  /** As the user had it; only its last path segment is used. */
  filename: string;
  jobcenter?: string | undefined;
  externalId?: string | undefined;
}

/**
 * The last segment of a client's file name, with the extension its type has: the document reader takes the
 * externalId and a clue to the person's name from it, and no name a client sends may point outside the upload's
 * own directory.
 */
export function safeFileName(filename: string, type: DocumentKind): string {
  const last = filename.split(/[/\\]/).pop() ?? '';
  let name = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') name = 'cv';
  return extname(name).toLowerCase() === `.${type}` ? name : `${name}.${type}`;
}

/**
 * One CV document through the same reader and importer as `vikar import`: stored as a candidate (a draft naming
 * what it misses when the text does not say everything), or refused whole with the reason. The file is written to
 * a directory of its own (so no sidecar can be next to it) and removed when done.
 */
export async function uploadCandidateDocument(
  deps: Deps,
  principal: Principal,
  body: AsyncIterable<Buffer | string>,
  upload: DocumentUpload,
  maxBytes: number,
) {
  const jobcenter = upload.jobcenter ?? (principal.role === 'admin' ? undefined : principal.jobcenter);
  if (!jobcenter) {
    throw badRequest("a CV document names no jobcenter: give the candidate's jobcenter as ?jobcenter=", [
      { field: 'jobcenter', message: 'is required for an admin' },
    ]);
  }
  assertMayWrite(principal, jobcenter, 'candidates');
  const filename = safeFileName(upload.filename, upload.type);
  // Case systems name exported CVs after the person's CPR. The reader still sees the name (such an id is refused,
  // as in `vikar import`), but the name shown in the report and the answer never carries it.
  const label = redactCprInText(filename);
  const dir = join(await uploadsDir(deps.config.DATA_DIR), randomUUID());
  await mkdir(dir, { mode: 0o700 });
  try {
    const path = join(dir, filename);
    const file = await open(path, 'w', 0o600);
    let bytes: number;
    try {
      await spool(body, file, { maxBytes, maxRecords: Number.POSITIVE_INFINITY, maxRecordBytes: maxBytes });
      bytes = (await file.stat()).size;
    } finally {
      await file.close();
    }
    if (bytes === 0) {
      throw badRequest(`the body is empty: send the ${upload.type.toUpperCase()} file itself`, [
        { field: '(root)', message: 'is empty' },
      ]);
    }
    let landed: Landed | undefined;
    let rejected: Rejection | undefined;
    const summary = await importRecords(
      withExternalId(
        relabel(readDocument(path, upload.type, { kind: 'candidates', jobcenter }), label),
        upload.externalId,
      ),
      'candidates',
      deps,
      {
        source: `api:document:token:${principal.tokenId}`,
        ...uploadTenancy(principal, 'candidates'),
        batchSize: 1,
        onLanded: (l) => {
          landed = l[0];
        },
        onRejected: (r) => {
          rejected = r;
        },
      },
    );
    if (!landed) {
      throw new ProblemError({
        code: 'unprocessable',
        detail: `${label}: ${rejected?.reason ?? 'nothing could be read from it'}`,
        errors: rejected?.errors.length ? rejected.errors : undefined,
        extra: { file: label, runId: summary.runId },
      });
    }
    const stored = await deps.stores.candidates.get(landed.result.id);
    if (!stored) throw new Error(`candidate ${landed.result.id} vanished right after it was written`);
    return { ...candidateOut(stored), status: landed.result.status };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function* withExternalId(
  records: AsyncIterable<SourceRecord>,
  externalId: string | undefined,
): AsyncGenerator<SourceRecord> {
  for await (const record of records) {
    yield externalId !== undefined && record.ok
      ? { ...record, value: { ...record.value, externalId } }
      : record;
  }
}
