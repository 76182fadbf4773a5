import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candidateFields } from '../../src/domain/candidate.ts';
import { buildDocx, buildPdf, collect, tmpDir } from './helpers.ts';

let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => {
  tmp = tmpDir();
});
afterEach(() => tmp.cleanup());

const PDF_CV = [
  { text: 'Mette Sørensen Æblegård', size: 18 },
  { text: 'CPR-nr.: 010190-1234' },
  { text: 'Åbyhøjvej 3, 8210 Aarhus V' },
  { text: 'Tlf.: +45 23 45 67 89 · mette@example.dk' },
  { gap: true as const },
  { text: 'Profil', size: 14 },
  { text: 'Stabil lagermedarbejder med styr på plukning. Født 01.01.1990, cpr 0101901234.' },
  { text: 'Kompetencer', size: 14 },
  { text: '• Truckcertifikat B' },
  { text: '• Lagerstyring, plukning' },
  { text: 'Erhvervserfaring', size: 14 },
  { text: 'Lagermedarbejder, Nordlager A/S   03/2019 - 12/2025' },
  { text: 'Plukning og pakning af varer' },
  { text: 'Chauffør hos Fragt ApS   marts 2015 – februar 2019' },
  { text: 'Uddannelse', size: 14 },
  { text: 'Lagerassistent, erhvervsuddannelse 2013–2015' },
  { text: 'Folkeskolens afgangsprøve (9. klasse)' },
  { text: 'Sprog', size: 14 },
  { text: 'Dansk (modersmål), engelsk (godt), lidt tysk' },
  { text: 'Kørekort: B, C' },
];

describe('CV documents', () => {
  it('reads a PDF CV with Danish text, and never lets the CPR into cvText or a field', async () => {
    const file = tmp.write('mette-cv.pdf', await buildPdf(PDF_CV));
    const records = await collect(file, { kind: 'candidates', jobcenter: '751' });
    expect(records).toHaveLength(1);
    const rec = records[0]!;
    if (!rec.ok) throw new Error(rec.error);
    expect(rec.line).toBe(1);
    const { cvText, ...fields } = rec.value;
    expect(fields).toEqual({
      externalId: 'mette-cv',
      jobcenter: '751',
      name: 'Mette Sørensen Æblegård',
      email: 'mette@example.dk',
      phone: '+4523456789',
      postalCode: '8210',
      competences: ['Truckcertifikat B', 'Lagerstyring', 'plukning'],
      experience: [
        {
          title: 'Lagermedarbejder',
          from: '2019-03-01',
          to: '2025-12-01',
          description: 'Nordlager A/S\nPlukning og pakning af varer',
        },
        { title: 'Chauffør', from: '2015-03-01', to: '2019-02-01', description: 'Fragt ApS' },
      ],
      educations: [
        { title: 'Lagerassistent, erhvervsuddannelse', level: 'eud' },
        { title: 'Folkeskolens afgangsprøve (9. klasse)', level: 'grundskole' },
      ],
      languages: ['dansk', 'engelsk', 'tysk'],
      driversLicences: ['B', 'C'],
    });
    expect(rec.incomplete).toEqual(['unemployedSince', 'benefit']);
    expect(cvText).toContain('Åbyhøjvej 3, 8210 Aarhus V');
    expect(cvText).toContain('[CPR fjernet]');
    const all = JSON.stringify(rec.value);
    for (const cpr of ['010190-1234', '0101901234', '010190']) expect(all).not.toContain(cpr);
    // What was read must pass the schema as it stands, so the draft is not rejected.
    expect(candidateFields.partial().safeParse(rec.value).success).toBe(true);
  });

  it('reads a DOCX CV built with headings, bullets and labelled lines', async () => {
    const file = tmp.write(
      'ahmed.docx',
      await buildDocx([
        'Navn: Ahmed Al-Hassan',
        'Adresse: Vestergade 10, 5000 Odense C',
        'Mobil: 12345678',
        'E-mail: ahmed@example.dk',
        { heading: 'Kvalifikationer' },
        { bullet: 'Svejsning' },
        { bullet: 'CNC-betjening' },
        { heading: 'Arbejdserfaring:' },
        'Svejser',
        'Odense Stål A/S',
        '2018 - nu',
        'Produktionsmedarbejder',
        '2015–2018',
        { heading: 'UDDANNELSER' },
        'Smed, svendebrev 2014',
        'HF, Odense Katedralskole 2010',
        { heading: 'Sprog' },
        'Arabisk, dansk, engelsk',
        { heading: 'Kørekort' },
        'B og C',
      ]),
    );
    const [rec] = await collect(file, { kind: 'candidates', jobcenter: '461' });
    if (!rec?.ok) throw new Error(rec?.error);
    expect(rec.value).toMatchObject({
      externalId: 'ahmed',
      jobcenter: '461',
      name: 'Ahmed Al-Hassan',
      email: 'ahmed@example.dk',
      phone: '+4512345678',
      postalCode: '5000',
      competences: ['Svejsning', 'CNC-betjening'],
      experience: [
        { title: 'Svejser', from: '2018-01-01', description: 'Odense Stål A/S' },
        { title: 'Produktionsmedarbejder', from: '2015-01-01', to: '2018-12-31' },
      ],
      educations: [
        { title: 'Smed, svendebrev', level: 'eud' },
        { title: 'HF, Odense Katedralskole', level: 'gymnasial' },
      ],
      languages: ['arabisk', 'dansk', 'engelsk'],
      driversLicences: ['B', 'C'],
    });
    expect((rec.value.experience as { to?: string }[])[0]!.to).toBeUndefined();
    expect(rec.incomplete).toEqual(['unemployedSince', 'benefit']);
  });

  it('lets a sidecar .json override what was read and complete the candidate', async () => {
    tmp.write('mette-cv.PDF', await buildPdf(PDF_CV));
    tmp.write(
      'mette-cv.json',
      JSON.stringify({
        externalId: 'aarhus-000123',
        name: 'Mette S. Æblegård',
        unemployedSince: '2026-01-15',
        benefit: 'dagpenge',
        competences: ['lagerstyring'],
        jobcenter: '101',
      }),
    );
    const [rec] = await collect(tmp.dir, { kind: 'candidates', jobcenter: '751' });
    if (!rec?.ok) throw new Error(rec?.error);
    expect(rec.value).toMatchObject({
      externalId: 'aarhus-000123',
      jobcenter: '101',
      name: 'Mette S. Æblegård',
      unemployedSince: '2026-01-15',
      benefit: 'dagpenge',
      competences: ['lagerstyring'],
      postalCode: '8210',
      languages: ['dansk', 'engelsk', 'tysk'],
    });
    expect(rec.incomplete).toEqual([]);
  });

  it('reports a broken sidecar for its document', async () => {
    const file = tmp.write('cv.pdf', await buildPdf(PDF_CV));
    tmp.write('cv.json', '{"benefit": }');
    const [rec] = await collect(file, { kind: 'candidates', jobcenter: '751' });
    expect(rec).toMatchObject({
      ok: false,
      line: 1,
      error: expect.stringMatching(/^sidecar cv\.json: invalid JSON/),
    });
  });

  it('rejects a PDF without a text layer', async () => {
    const file = tmp.write(
      'scan.pdf',
      await buildPdf([], (doc) => {
        doc.rect(72, 72, 300, 400).fill('#777777');
      }),
    );
    expect(await collect(file, { kind: 'candidates', jobcenter: '751' })).toEqual([
      {
        ok: false,
        file,
        line: 1,
        error: 'no text layer (scanned document?): run OCR first or register the candidate by hand',
      },
    ]);
  });

  it('treats a nearly empty DOCX as having no text', async () => {
    const file = tmp.write('empty.docx', await buildDocx(['CV', '   ']));
    const [rec] = await collect(file, { kind: 'candidates', jobcenter: '751' });
    expect(rec).toMatchObject({ ok: false, error: expect.stringContaining('no text layer') });
  });

  it('reports a corrupt file with the library message', async () => {
    const pdf = tmp.write('broken.pdf', '%PDF-1.4 this is not really a pdf');
    const docx = tmp.write('broken.docx', 'not a zip file');
    const [a] = await collect(pdf, { kind: 'candidates', jobcenter: '751' });
    const [b] = await collect(docx, { kind: 'candidates', jobcenter: '751' });
    expect(a).toMatchObject({ ok: false, line: 1, error: expect.stringMatching(/^cannot read the PDF: .+/) });
    expect(b).toMatchObject({
      ok: false,
      line: 1,
      error: expect.stringMatching(/^cannot read the DOCX: .+/),
    });
  });

  it('needs a jobcenter for a document, from --jobcenter or the sidecar', async () => {
    const file = tmp.write(
      'cv.docx',
      await buildDocx(['Mette Hansen', 'Lagermedarbejder med truckcertifikat']),
    );
    expect(await collect(file, { kind: 'candidates' })).toEqual([
      { ok: false, file, line: 1, error: 'CV documents need --jobcenter' },
    ]);
    tmp.write('cv.json', '{"jobcenter": "751"}');
    const [rec] = await collect(file, { kind: 'candidates' });
    expect(rec).toMatchObject({ ok: true, value: { jobcenter: '751', name: 'Mette Hansen' } });
  });
});
