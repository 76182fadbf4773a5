import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX_TYPE } from '../../src/api/services/candidate-documents.ts';
import { buildDocx, buildPdf } from '../indexer/helpers.ts';
import { candidateBody, createTestApi, JC_A, JC_B, json, TEST_CPR, type TestApi } from './helpers.ts';
import { logIn } from './session-helpers.ts';

type Obj = Record<string, unknown>;
type Line = {
  line: number;
  status: string;
  externalId?: string;
  errors?: Array<{ field: string; message: string }>;
};

const CV = [
  { text: 'Mette Sørensen Æblegård', size: 18 },
  { text: 'CPR-nr.: 010190-1234' },
  { text: 'Åbyhøjvej 3, 8210 Aarhus V' },
  { text: 'Tlf.: +45 23 45 67 89 · mette@example.dk' },
  { gap: true as const },
  { text: 'Kompetencer', size: 14 },
  { text: '• Truckcertifikat B' },
  { text: '• Lagerstyring, plukning' },
  { text: 'Sprog', size: 14 },
  { text: 'Dansk (modersmål), engelsk (godt)' },
];

describe('candidate uploads from the browser: CSV and CV documents', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  const post = (url: string, type: string, payload: string | Buffer, token = t.tokens.a) =>
    t.call(token, { method: 'POST', url, headers: { 'content-type': type }, payload });

  it('CSV on the bulk route: a bad row is reported by its CSV line and the other rows land', async () => {
    const m = `csv-${Date.now()}`;
    const csv = [
      'externalId;jobcenter;name;postalCode;unemployedSince;benefit;competences;weeklyHours;cpr',
      `${m}-1;751;Anne Jensen;8210;15-01-2026;dagpenge;truckcertifikat B|plukning;37,5;${TEST_CPR}`,
      `${m}-2;751;Bo Berg;8210;2026-02-30;dagpenge;;;`,
      `"${m}-3";751;"Carl ""CJ"" Holm";8000;2025-11-01;kontanthjaelp;"lager;kørsel";30;`,
      `${m}-4;101;Dorte Kjær;2100;2026-01-01;dagpenge;;;`,
      '',
      `${m}-5;751;Eva Lund;8200;2026-01-02;ingen;;;`,
    ].join('\r\n');
    const res = await post('/v1/candidates/bulk', 'text/csv; charset=utf-8', `\uFEFF${csv}\r\n`);
    expect(res.statusCode, res.body).toBe(200);
    const report = json<{ imported: number; rejected: number; lines: Line[]; rejectionsUrl: string }>(res);
    expect(report).toMatchObject({ imported: 3, rejected: 2 });
    expect(report.lines.map((l) => [l.line, l.status])).toEqual([
      [2, 'created'],
      [3, 'rejected'],
      [4, 'created'],
      [5, 'rejected'],
      [7, 'created'],
    ]);
    expect(report.lines[1]!.errors![0]!.field).toBe('unemployedSince');
    expect(report.lines[3]!.errors![0]).toMatchObject({ field: 'jobcenter' });
    expect(res.body).not.toContain(TEST_CPR);
    const carl = await t.ctx.stores.candidates.find(JC_A, `${m}-3`);
    expect(carl?.candidate).toMatchObject({ name: 'Carl "CJ" Holm', competences: ['lager', 'kørsel'] });
    expect((await t.ctx.stores.candidates.find(JC_A, `${m}-1`))?.candidate.weeklyHours).toBe(37.5);
    // The run's report names the upload, never the spool file on the server, which is gone.
    const rejections = await t.call(t.tokens.a, { method: 'GET', url: report.rejectionsUrl });
    expect(json<{ items: Array<{ file: string; line: number }> }>(rejections).items).toEqual([
      expect.objectContaining({ file: 'api', line: 3 }),
      expect.objectContaining({ file: 'api', line: 5 }),
    ]);
    expect(readdirSync(join(t.dir, 'uploads'))).toEqual([]);
  });

  it('CSV: a header without rows is a 400; an unknown type is a 415 that names the document route', async () => {
    const empty = await post('/v1/candidates/bulk', 'text/csv', 'externalId,jobcenter,name\n');
    expect(empty.statusCode).toBe(400);
    const pdf = await post('/v1/candidates/bulk', 'application/pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.statusCode).toBe(415);
    expect(json<{ detail: string }>(pdf).detail).toContain('/v1/candidates/documents');
  });

  it('a PDF CV becomes a draft candidate that names what the text did not say; the CPR is nowhere', async () => {
    const pdf = await buildPdf(CV);
    const res = await post(
      '/v1/candidates/documents?filename=C%3A%5Cfakepath%5Cmette-cv.pdf',
      'application/pdf',
      pdf,
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = json<Obj>(res);
    expect(body).toMatchObject({
      status: 'created',
      externalId: 'mette-cv',
      jobcenter: JC_A,
      name: 'Mette Sørensen Æblegård',
      postalCode: '8210',
      incomplete: ['unemployedSince', 'benefit'],
    });
    expect(body.competences).toEqual(expect.arrayContaining(['Truckcertifikat B']));
    expect(res.body).not.toContain('1234');
    expect(readdirSync(join(t.dir, 'uploads'))).toEqual([]);

    // The same file again changes nothing; an explicit externalId makes another candidate.
    const again = await post('/v1/candidates/documents?filename=mette-cv.pdf', 'application/pdf', pdf);
    expect(json<Obj>(again)).toMatchObject({ status: 'unchanged', id: body.id });
    const other = await post(
      '/v1/candidates/documents?filename=mette-cv.pdf&externalId=aar-777',
      'application/pdf',
      pdf,
    );
    expect(other.statusCode).toBe(201);
    expect(json<Obj>(other).externalId).toBe('aar-777');
  });

  it('a CPR-nummer in the file name is refused as an id, as by vikar import, and never answered or stored', async () => {
    const pdf = await buildPdf(CV);
    const res = await post(
      `/v1/candidates/documents?filename=${encodeURIComponent('CV 010190-1234 Mette.pdf')}`,
      'application/pdf',
      pdf,
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(json<{ errors: Array<{ field: string }> }>(res).errors[0]!.field).toBe('externalId');
    expect(res.body).not.toMatch(/010190|1234/);
    const report = await t.call(t.tokens.a, {
      method: 'GET',
      url: `/v1/import-runs/${json<{ runId: string }>(res).runId}/rejections`,
    });
    expect(report.body).not.toMatch(/010190|1234/);
    // The konsulent names the case system's own id instead, and the CV lands.
    const named = await post(
      `/v1/candidates/documents?filename=${encodeURIComponent('CV 010190-1234 Mette.pdf')}&externalId=aar-901`,
      'application/pdf',
      pdf,
    );
    expect(named.statusCode, named.body).toBe(201);
    expect(named.body).not.toMatch(/010190|1234/);
    const blank = await buildPdf([{ text: 'x' }]);
    const refused = await post(
      `/v1/candidates/documents?filename=${encodeURIComponent('0101901234.pdf')}`,
      'application/pdf',
      blank,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).not.toMatch(/0101901234|010190/);
    const runId = json<{ runId: string }>(refused).runId;
    const refusedReport = await t.call(t.tokens.a, {
      method: 'GET',
      url: `/v1/import-runs/${runId}/rejections`,
    });
    expect(refusedReport.body).not.toMatch(/0101901234|010190/);
  });

  it('a DOCX CV is read the same way; an admin names the jobcenter', async () => {
    const docx = await buildDocx([
      'Ole Olsen',
      'Vesterbrogade 1, 1620 København V',
      { heading: 'Kompetencer' },
      { bullet: 'Rengøring' },
    ]);
    const noJc = await post('/v1/candidates/documents?filename=ole.docx', DOCX_TYPE, docx, t.tokens.admin);
    expect(noJc.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(noJc).errors[0]!.field).toBe('jobcenter');
    const res = await post(
      `/v1/candidates/documents?filename=ole.docx&jobcenter=${JC_B}`,
      DOCX_TYPE,
      docx,
      t.tokens.admin,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Obj>(res)).toMatchObject({
      jobcenter: JC_B,
      externalId: 'ole',
      name: 'Ole Olsen',
      postalCode: '1620',
    });
  });

  it('refuses a document it cannot read with a 422 naming the reason, and nothing is stored', async () => {
    const before = await t.ctx.stores.candidates.count();
    const blank = await buildPdf([{ text: 'x' }]);
    const res = await post('/v1/candidates/documents?filename=scan.pdf', 'application/pdf', blank);
    expect(res.statusCode).toBe(422);
    expect(json<{ detail: string }>(res).detail).toMatch(/^scan\.pdf: no text layer/);
    const broken = await post(
      '/v1/candidates/documents?filename=broken.pdf',
      'application/pdf',
      Buffer.from('not a pdf'),
    );
    expect(broken.statusCode).toBe(422);
    expect(json<{ detail: string }>(broken).detail).toContain('cannot read the PDF');
    expect(await t.ctx.stores.candidates.count()).toBe(before);
    expect(readdirSync(join(t.dir, 'uploads'))).toEqual([]);
  });

  it("refuses another jobcenter's document for a konsulent, a missing file name, an empty body and other types", async () => {
    const pdf = await buildPdf(CV);
    const foreign = await post(
      `/v1/candidates/documents?filename=cv.pdf&jobcenter=${JC_B}`,
      'application/pdf',
      pdf,
    );
    expect(foreign.statusCode).toBe(403);
    const unnamed = await post('/v1/candidates/documents', 'application/pdf', pdf);
    expect(unnamed.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(unnamed).errors[0]!.field).toBe('filename');
    const empty = await post('/v1/candidates/documents?filename=cv.pdf', 'application/pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const text = await post('/v1/candidates/documents?filename=cv.txt', 'text/plain', 'Mette');
    expect(text.statusCode).toBe(415);
  });

  it("takes uploads from the web app's session only with its CSRF token", async () => {
    const { cookie, csrf } = await logIn(t, t.tokens.a);
    const pdf = await buildPdf(CV);
    const upload = (url: string, type: string, payload: string | Buffer, token?: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: {
          cookie: `vikarmatch_session=${cookie}`,
          'content-type': type,
          ...(token ? { 'x-csrf-token': token } : {}),
        },
      });
    const m = `csrf-${Date.now()}`;
    const csv = `externalId,jobcenter,name,postalCode,unemployedSince,benefit\n${m},751,Ea Holm,8000,2026-01-02,dagpenge\n`;
    for (const [url, type, body] of [
      ['/v1/candidates/bulk', 'text/csv', csv],
      [`/v1/candidates/documents?filename=${m}.pdf`, 'application/pdf', pdf],
    ] as const) {
      expect((await upload(url, type, body)).statusCode, url).toBe(403);
      expect((await upload(url, type, body, csrf)).statusCode, url).toBeLessThan(300);
    }
  });

  it('filters the list by ledig since, and names a malformed or reversed bound', async () => {
    const m = `since-${Date.now()}`;
    for (const [i, since] of ['2025-06-01', '2025-09-15', '2026-01-10'].entries()) {
      const res = await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/candidates',
        payload: candidateBody(JC_A, { externalId: `${m}-${i}`, unemployedSince: since }),
      });
      expect(res.statusCode).toBe(201);
    }
    const list = async (query: string) =>
      json<{ items: Obj[] }>(
        await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates?q=${m}&${query}` }),
      )
        .items.map((c) => c.externalId)
        .sort();
    expect(await list('ledigSinceFrom=2025-09-15')).toEqual([`${m}-1`, `${m}-2`]);
    expect(await list('ledigSinceTo=2025-09-15')).toEqual([`${m}-0`, `${m}-1`]);
    expect(await list('ledigSinceFrom=2025-07-01&ledigSinceTo=2025-12-31')).toEqual([`${m}-1`]);

    for (const [query, field] of [
      ['ledigSinceFrom=2025-02-30', 'ledigSinceFrom'],
      ['ledigSinceTo=15-01-2026', 'ledigSinceTo'],
      ['ledigSinceFrom=2026-01-01&ledigSinceTo=2025-01-01', 'ledigSinceTo'],
    ] as const) {
      const res = await t.call(t.tokens.a, { method: 'GET', url: `/v1/candidates?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(json<{ errors: Array<{ field: string }> }>(res).errors.map((e) => e.field)).toEqual([field]);
    }
  });
});
