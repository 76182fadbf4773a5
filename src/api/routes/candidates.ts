import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { candidateInput } from '../../domain/candidate.ts';
import { requireRole } from '../auth.ts';
import { errorResponses, ProblemError, problemResponse } from '../problem.ts';
import {
  bulkReport,
  candidateListItem,
  candidateListQuery,
  candidateView,
  candidateWriteView,
  documentUploadQuery,
} from '../schemas/candidates.ts';
import { idParams, page } from '../schemas/common.ts';
import {
  DOCUMENT_BODY_LIMIT,
  DOCUMENT_TYPES,
  DOCX_TYPE,
  uploadCandidateDocument,
} from '../services/candidate-documents.ts';
import {
  BULK_REPORT_LINES,
  bodyTooLarge,
  bulkUpsertCandidates,
  eraseCandidate,
  getCandidate,
  listCandidates,
  upsertCandidate,
} from '../services/candidates.ts';

/** NDJSON uploads may be large; single JSON bodies keep Fastify's 1 MiB default. */
export const BULK_BODY_LIMIT = 64 * 1024 * 1024;

/** The upload's body stream, handed from the content-type parser to the handler without being buffered. */
const uploads = new WeakMap<object, AsyncIterable<Buffer>>();

const tags = ['candidates'];
const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines'];
const CSV_TYPES = ['text/csv', 'application/csv'];

const mediaType = (request: { headers: Record<string, unknown> }) =>
  String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

export const candidateRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onRequest', requireRole('admin', 'konsulent'));

  // The bulk route streams the body through the importer itself: the parser only hands the stream over, so the
  // body is never one string in memory (the route counts its bytes against BULK_BODY_LIMIT).
  app.addContentTypeParser(
    [...NDJSON_TYPES, ...CSV_TYPES, ...Object.keys(DOCUMENT_TYPES)],
    (request, payload, done) => {
      uploads.set(request, payload);
      done(null, '');
    },
  );

  for (const method of ['PUT', 'POST'] as const) {
    app.route({
      method,
      url: '/candidates',
      schema: {
        tags,
        summary: 'Create or update a candidate (upsert by jobcenter + externalId)',
        body: candidateInput,
        response: {
          200: candidateWriteView,
          201: candidateWriteView,
          ...errorResponses,
        },
      },
      handler: async (request, reply) => {
        const out = await upsertCandidate(ctx, request.principal, request.body);
        return reply.code(out.status === 'created' ? 201 : 200).send(out);
      },
    });
  }

  app.post('/candidates/bulk', {
    bodyLimit: BULK_BODY_LIMIT,
    schema: {
      tags,
      summary:
        'Upload candidates as NDJSON (application/x-ndjson, one JSON object per line) or CSV (text/csv, a header row of field names)',
      description:
        'Every line (CSV: row) is validated on its own; good lines are stored, bad ones are reported with their line ' +
        'number (CSV: the line the row starts on). CSV is read as `vikar import` reads it: `,` `;` or tab, ' +
        'dotted column names for nested fields, lists separated by `|`. ' +
        `At most BULK_MAX_RECORDS records (default 50,000) and ${BULK_BODY_LIMIT / 1024 / 1024} MiB per upload ` +
        '(413 otherwise, nothing stored; each line of a quoted multi-line CSV cell counts as a record ' +
        'there); an NDJSON line longer than BULK_MAX_RECORD_BYTES (default 64 KiB) is rejected on its own ' +
        `(a CSV row is bounded by the CSV reader's own 16 Mi characters). The answer lists the first ${BULK_REPORT_LINES} stored and the first ${BULK_REPORT_LINES} ` +
        "rejected lines; every rejection is in the import run's report at `rejectionsUrl`.",
      body: z.string().meta({ description: 'NDJSON or CSV text, UTF-8' }),
      consumes: ['application/x-ndjson', 'text/csv'],
      response: {
        200: bulkReport,
        ...errorResponses,
        413: problemResponse(
          'More than BULK_MAX_RECORDS records, or a body larger than 64 MiB: nothing stored',
        ),
        415: problemResponse('Unsupported media type: send application/x-ndjson or text/csv'),
      },
    },
    preValidation: async (request) => {
      const type = mediaType(request);
      if (!NDJSON_TYPES.includes(type) && !CSV_TYPES.includes(type)) {
        throw new ProblemError({
          code: 'unsupported-media-type',
          detail: `send the candidates as NDJSON with content-type application/x-ndjson, or as CSV with text/csv (got ${type || 'none'}); CV documents go to POST /v1/candidates/documents`,
        });
      }
    },
    handler: async (request) => {
      const length = Number(request.headers['content-length'] ?? 0);
      const body = uploads.get(request) ?? request.raw;
      const limits = {
        maxRecords: ctx.config.BULK_MAX_RECORDS,
        maxRecordBytes: ctx.config.BULK_MAX_RECORD_BYTES,
        maxBytes: BULK_BODY_LIMIT,
      };
      // A declared length over the limit is refused before a byte is read.
      if (length > BULK_BODY_LIMIT) throw bodyTooLarge(BULK_BODY_LIMIT);
      const format = CSV_TYPES.includes(mediaType(request)) ? 'csv' : 'ndjson';
      return bulkUpsertCandidates(ctx, request.principal, body, limits, format);
    },
  });

  app.post('/candidates/documents', {
    bodyLimit: DOCUMENT_BODY_LIMIT,
    schema: {
      tags,
      summary: 'Upload one CV document (PDF or DOCX) as a candidate, read as `vikar import` reads it',
      description:
        'The body is the file itself (content-type application/pdf, or the DOCX type). Name, e-mail, phone, ' +
        'postnummer, competences, experience, education, languages and kørekort are read from the text; the full ' +
        'text is kept as cvText with any CPR removed. The file name (`filename`) is the default externalId and ' +
        "helps find the person's name. A candidate still missing a required field is stored as a draft and " +
        '`incomplete` names what is missing; a document that cannot be read (no text layer, say) is answered ' +
        `422 with the reason and nothing is stored. At most ${DOCUMENT_BODY_LIMIT / 1024 / 1024} MiB.`,
      querystring: documentUploadQuery,
      body: z.string().meta({ description: 'The PDF or DOCX file', format: 'binary' }),
      consumes: Object.keys(DOCUMENT_TYPES),
      response: {
        200: candidateWriteView,
        201: candidateWriteView,
        ...errorResponses,
        413: problemResponse(
          `A document larger than ${DOCUMENT_BODY_LIMIT / 1024 / 1024} MiB: nothing stored`,
        ),
        415: problemResponse('Unsupported media type: send application/pdf or the DOCX type'),
        422: problemResponse('The document could not be read, or what it says was refused: nothing stored'),
      },
    },
    preValidation: async (request) => {
      const type = mediaType(request);
      if (!(type in DOCUMENT_TYPES)) {
        throw new ProblemError({
          code: 'unsupported-media-type',
          detail: `send one CV as application/pdf or ${DOCX_TYPE} (got ${type || 'none'}); NDJSON and CSV go to POST /v1/candidates/bulk`,
        });
      }
    },
    handler: async (request, reply) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > DOCUMENT_BODY_LIMIT) throw bodyTooLarge(DOCUMENT_BODY_LIMIT);
      const out = await uploadCandidateDocument(
        ctx,
        request.principal,
        uploads.get(request) ?? request.raw,
        { ...request.query, type: DOCUMENT_TYPES[mediaType(request) as keyof typeof DOCUMENT_TYPES] },
        DOCUMENT_BODY_LIMIT,
      );
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  });

  app.get('/candidates', {
    schema: {
      tags,
      summary: 'List candidates (a konsulent sees its own jobcenter only)',
      querystring: candidateListQuery,
      response: { 200: page(candidateListItem), ...errorResponses },
    },
    handler: async (request) => listCandidates(ctx, request.principal, request.query),
  });

  app.get('/candidates/:id', {
    schema: {
      tags,
      summary: 'One candidate (never the CPR)',
      params: idParams,
      response: { 200: candidateView, ...errorResponses },
    },
    handler: async (request) => getCandidate(ctx, request.principal, request.params.id),
  });

  app.delete('/candidates/:id', {
    schema: {
      tags,
      summary: 'Erase a candidate: from the store, its stored shortlists and the index',
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await eraseCandidate(ctx, request.principal, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
