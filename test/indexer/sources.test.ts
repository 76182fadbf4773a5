import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS } from '../../indexer/sources/index.ts';
import { buildPdf, collect, tmpDir, values } from './helpers.ts';

let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => {
  tmp = tmpDir();
});
afterEach(() => tmp.cleanup());

const brief = (records: Awaited<ReturnType<typeof collect>>) =>
  records.map((r) => (r.ok ? { line: r.line, id: r.value.externalId } : { line: r.line, error: r.error }));

describe('NDJSON', () => {
  it('yields good lines and an error record at the bad line, skipping blank lines', async () => {
    const file = tmp.write(
      'c.ndjson',
      ['{"externalId":"a"}', '', '{"externalId":"b",}', '[1,2]', '   ', '{"externalId":"c"}', ''].join('\n'),
    );
    const records = await collect(file);
    expect(brief(records)).toEqual([
      { line: 1, id: 'a' },
      { line: 3, error: expect.stringMatching(/^invalid JSON: .* at column 19$/) },
      { line: 4, error: 'line is an array, not a JSON object' },
      { line: 6, id: 'c' },
    ]);
    expect(records.every((r) => r.file === file)).toBe(true);
  });

  it('handles a UTF-8 BOM and CRLF line ends', async () => {
    const file = tmp.write('c.jsonl', '\uFEFF{"name":"Søren Ærø"}\r\n\r\n{"name":"Åse"}\r\n');
    const records = await collect(file);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(values(records)).toEqual([{ name: 'Søren Ærø' }, { name: 'Åse' }]);
  });

  it('reads a last line without a newline', async () => {
    const file = tmp.write('c.ndjson', '{"a":1}\n{"a":2}');
    expect(values(await collect(file))).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

describe('JSON', () => {
  it('reports the line where each pretty-printed array element starts', async () => {
    const items = [
      { externalId: 'a', competences: ['truck', 'lager'] },
      {
        externalId: 'b',
        experience: [{ title: 'Lager', from: '2019-01-01' }],
        note: 'has } and ] and "quotes"',
      },
      { externalId: 'c' },
    ];
    const text = JSON.stringify(items, null, 2);
    const starts = text
      .split('\n')
      .map((l, i) => (l === '  {' ? i + 1 : 0))
      .filter(Boolean);
    const records = await collect(tmp.write('c.json', text));
    expect(records.map((r) => r.line)).toEqual(starts);
    expect(values(records)).toEqual(items);
  });

  it('reports a malformed element at its line and still reads the later ones', async () => {
    const text = [
      '[',
      '  {',
      '    "externalId": "a"',
      '  },',
      '  {',
      '    "externalId": "b",',
      '  },',
      '  {',
      '    "externalId": "c"',
      '  }',
      ']',
    ].join('\n');
    const records = await collect(tmp.write('c.json', text));
    expect(brief(records)).toEqual([
      { line: 2, id: 'a' },
      { line: 5, error: expect.stringMatching(/^invalid JSON: .* at line 7 column 3$/) },
      { line: 8, id: 'c' },
    ]);
  });

  it('resynchronises after an element that lost its closing brace or quote', async () => {
    const text = [
      '[',
      '  {',
      '    "externalId": "a",',
      '  {',
      '    "externalId": "b"',
      '  },',
      '  { "externalId": "c },',
      '  { "externalId": "d" }',
      ']',
    ].join('\n');
    const records = await collect(tmp.write('c.json', text));
    expect(brief(records)).toEqual([
      { line: 2, error: expect.stringContaining('missing "}"') },
      { line: 4, id: 'b' },
      { line: 7, error: expect.stringContaining('string not closed') },
      { line: 8, id: 'd' },
    ]);
  });

  it('reads the { "candidates": [...] } wrapper and ignores its other keys', async () => {
    const text =
      '{\n  "exportedAt": "2026-01-01",\n  "candidates": [\n    {"externalId": "a"},\n    {"externalId": "b"}\n  ],\n  "meta": {"candidates": 2}\n}\n';
    expect(brief(await collect(tmp.write('c.json', text)))).toEqual([
      { line: 4, id: 'a' },
      { line: 5, id: 'b' },
    ]);
  });

  it('reads the { "jobOrders": [...] } wrapper for job orders and refuses it for candidates', async () => {
    const file = tmp.write('o.json', '{ "jobOrders": [ {"externalId": "o1"} ] }');
    expect(brief(await collect(file, { kind: 'job-orders' }))).toEqual([{ line: 1, id: 'o1' }]);
    expect(brief(await collect(file, { kind: 'candidates' }))).toEqual([
      { line: 1, error: 'the file holds "jobOrders", but candidates are being imported' },
    ]);
  });

  it('reads a single object', async () => {
    const file = tmp.write('c.json', '\uFEFF\n\n{\n  "externalId": "solo",\n  "competences": ["a"]\n}\n');
    const records = await collect(file);
    expect(brief(records)).toEqual([{ line: 3, id: 'solo' }]);
    expect(values(records)[0]).toEqual({ externalId: 'solo', competences: ['a'] });
  });

  it('reports non-object elements, a broken structure, an empty and a truncated file', async () => {
    expect(brief(await collect(tmp.write('a.json', '[1, "x", [2], null, {"externalId": "ok"}]')))).toEqual([
      { line: 1, error: 'array element is a number, not an object' },
      { line: 1, error: 'array element is a string, not an object' },
      { line: 1, error: 'array element is an array, not an object' },
      { line: 1, error: 'array element is null, not an object' },
      { line: 1, id: 'ok' },
    ]);
    expect(brief(await collect(tmp.write('b.json', '42')))).toEqual([
      { line: 1, error: expect.stringContaining('must hold an array of objects') },
    ]);
    expect(brief(await collect(tmp.write('c.json', '  \n')))).toEqual([{ line: 1, error: 'file is empty' }]);
    expect(
      brief(await collect(tmp.write('d.json', '[\n {"externalId": "a"},\n {"externalId": "b",\n'))),
    ).toEqual([
      { line: 2, id: 'a' },
      { line: 3, error: 'file ends inside this element (truncated file?)' },
      { line: 4, error: 'file ends before the JSON value opened at line 1 is closed' },
    ]);
    expect(brief(await collect(tmp.write('e.json', '[{"externalId": "a"}] trailing')))).toEqual([
      { line: 1, id: 'a' },
      { line: 1, error: 'unexpected content after the end of the JSON value' },
    ]);
  });

  it('keeps multi-byte characters and line numbers right across chunk borders', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      externalId: `id-${i}`,
      name: 'Æøå Ñandú 🚜'.repeat(3),
    }));
    const text = JSON.stringify(items, null, 2);
    const records = await collect(tmp.write('big.json', text));
    expect(records).toHaveLength(3000);
    expect(values(records)).toEqual(items);
    expect(records[2999]!.line).toBe(2 + 2999 * 4);
  });
});

describe('CSV', () => {
  it('reads a comma-separated file with lists, educations, experience and a wrong cell count', async () => {
    const text = [
      'externalId,jobcenter,name,postalCode,unemployedSince,benefit,competences,educations,experience,location.lat,location.lon,consent.searchable,weeklyHours,extra',
      'a1,751,Mette Hansen,8210,2026-01-15,dagpenge,truckcertifikat B;lagerstyring|plukning,Lagerassistent (eud);Folkeskole;Kontor (HK),Lagermedarbejder (2019-03-01–2025-12-31);Chauffør (2015-01-01..2019-02-28);Pakker (2019-03-01–);Ekspedient (vikar),56.17,10.15,ja,37,x',
      '"a2",751,"Hansen, Ole",0800,2026-02-01,kontanthjaelp,,,,,,nej,,',
      'a3,751,Kun tre',
      'a4,751,Ida,8000,2026-03-01,dagpenge,,,,,,1,37.5,',
    ].join('\n');
    const records = await collect(tmp.write('c.csv', text));
    expect(brief(records)).toEqual([
      { line: 2, id: 'a1' },
      { line: 3, id: 'a2' },
      { line: 4, error: 'row has 3 cells, header has 14' },
      { line: 5, id: 'a4' },
    ]);
    const [a1, a2, , a4] = records.map((r) => (r.ok ? r.value : undefined));
    expect(a1).toEqual({
      externalId: 'a1',
      jobcenter: '751',
      name: 'Mette Hansen',
      postalCode: '8210',
      unemployedSince: '2026-01-15',
      benefit: 'dagpenge',
      competences: ['truckcertifikat B', 'lagerstyring', 'plukning'],
      educations: [
        { title: 'Lagerassistent', level: 'eud' },
        { title: 'Folkeskole' },
        { title: 'Kontor (HK)' },
      ],
      experience: [
        { title: 'Lagermedarbejder', from: '2019-03-01', to: '2025-12-31' },
        { title: 'Chauffør', from: '2015-01-01', to: '2019-02-28' },
        { title: 'Pakker', from: '2019-03-01' },
        { title: 'Ekspedient (vikar)' },
      ],
      location: { lat: 56.17, lon: 10.15 },
      consent: { searchable: true },
      weeklyHours: 37,
      extra: 'x',
    });
    expect(a2).toEqual({
      externalId: 'a2',
      jobcenter: '751',
      name: 'Hansen, Ole',
      postalCode: '0800',
      unemployedSince: '2026-02-01',
      benefit: 'kontanthjaelp',
      consent: { searchable: false },
    });
    expect(a4).toMatchObject({ weeklyHours: 37.5, consent: { searchable: true } });
  });

  it('detects ";" (Danish Excel), reads decimal commas and dd-mm-yyyy dates, and counts lines across quoted newlines', async () => {
    const text = [
      'externalId;jobcenter;name;postalCode;unemployedSince;benefit;location.lat;location.lon;cvText;languages;unavailable',
      'b1;751;Anne;8000;15-01-2026;dagpenge;56,17;10,15;"Linje 1',
      'Linje 2 med ""citat""; og semikolon',
      'Linje 3";"dansk;engelsk";2026-12-01..2027-01-31 uddannelse|2027-03-01–2027-03-10',
      'b2;751;Bo;8000;2026-01-01;dagpenge;;;;;',
      'b3;751;for;mange;celler;her;;;;;;;x',
      '',
      'b4;751;Cia;8000;2026-01-01;dagpenge;;;;;2026-13-01 syg',
      'b5;751;Dan;8000;2026-01-01;dagpenge;;;;;',
    ].join('\r\n');
    const records = await collect(tmp.write('c.csv', `\uFEFF${text}\r\n`));
    expect(brief(records)).toEqual([
      { line: 2, id: 'b1' },
      { line: 5, id: 'b2' },
      { line: 6, error: 'row has 13 cells, header has 11' },
      { line: 8, error: expect.stringContaining('unavailable: cannot read "2026-13-01 syg"') },
      { line: 9, id: 'b5' },
    ]);
    expect(records[0]!.ok && records[0]!.value).toEqual({
      externalId: 'b1',
      jobcenter: '751',
      name: 'Anne',
      postalCode: '8000',
      unemployedSince: '2026-01-15',
      benefit: 'dagpenge',
      location: { lat: 56.17, lon: 10.15 },
      cvText: 'Linje 1\nLinje 2 med "citat"; og semikolon\nLinje 3',
      languages: ['dansk', 'engelsk'],
      unavailable: [
        { from: '2026-12-01', to: '2027-01-31', reason: 'uddannelse' },
        { from: '2027-03-01', to: '2027-03-10' },
      ],
    });
  });

  it('reads a tab-separated job-order file with nested, numeric and boolean columns', async () => {
    const text = [
      'externalId\tjobcenter\tcompany.cvr\tcompany.name\ttitle\tPostalCode\tweeklyHours\tperiod.from\tperiod.to\tpositions\tradiusKm.full\tradiusKm.max\tjobrotation\tmustHave\tniceToHave\tdriversLicence',
      'jo-1\t751\t24256790\tNordlager A/S\tLagermedarbejder\t8200\t30\t2027-01-04\t2027-06-30\t2\t10\t15,5\tyes\ttruckcertifikat\tlagerstyring;WMS\tB',
    ].join('\n');
    const records = await collect(tmp.write('o.csv', text), { kind: 'job-orders' });
    expect(values(records)).toEqual([
      {
        externalId: 'jo-1',
        jobcenter: '751',
        company: { cvr: '24256790', name: 'Nordlager A/S' },
        title: 'Lagermedarbejder',
        postalCode: '8200',
        weeklyHours: 30,
        period: { from: '2027-01-04', to: '2027-06-30' },
        positions: 2,
        radiusKm: { full: 10, max: 15.5 },
        jobrotation: true,
        mustHave: ['truckcertifikat'],
        niceToHave: ['lagerstyring', 'WMS'],
        driversLicence: 'B',
      },
    ]);
  });

  it('keeps a decimal comma as text when the delimiter is a comma, and unreadable values as written', async () => {
    const text = 'externalId,weeklyHours,jobrotation,location.lat\nx,"37,5",måske,abc\n';
    expect(values(await collect(tmp.write('c.csv', text)))).toEqual([
      { externalId: 'x', weeklyHours: '37,5', jobrotation: 'måske', location: { lat: 'abc' } },
    ]);
  });

  it('takes stray quotes literally and reports an unclosed quote at the line where its record starts', async () => {
    const text = ['externalId,name', 'a,"Anne" Hansen', 'b,Bo 5" skærm', 'c,"Cia', 'd,Dan', ''].join('\n');
    const records = await collect(tmp.write('c.csv', text));
    expect(brief(records)).toEqual([
      { line: 2, id: 'a' },
      { line: 3, id: 'b' },
      { line: 4, error: expect.stringContaining('CSV: Quote Not Closed') },
    ]);
    expect(values(records.slice(0, 2)).map((v) => v.name)).toEqual(['"Anne" Hansen', 'Bo 5" skærm']);
  });

  it('reports a file with no header row', async () => {
    expect(brief(await collect(tmp.write('c.csv', '\n\n')))).toEqual([
      { line: 1, error: 'CSV file has no header row' },
    ]);
  });
});

describe('readRecords', () => {
  it('imports a directory: sorted, recursive, sidecars skipped, upper-case extensions accepted', async () => {
    tmp.write('b.ndjson', '{"externalId":"b1"}\n{"externalId":"b2"}\n');
    tmp.write('a.csv', 'externalId,name\na1,Anne\n');
    tmp.write('c.json', '[{"externalId":"c1"}]');
    tmp.write('D.JSON', '{"externalId":"d1"}');
    tmp.write(
      'cv1.PDF',
      await buildPdf([
        { text: 'Mette Hansen' },
        { text: 'Kompetencer' },
        { text: 'Lagerstyring og plukning af varer' },
      ]),
    );
    tmp.write('cv1.json', '{"benefit":"dagpenge"}');
    tmp.write('README.md', '# not data');
    tmp.write('.hidden.ndjson', '{"externalId":"hidden"}');
    tmp.write('old.doc', 'binary');
    mkdirSync(path.join(tmp.dir, 'sub'));
    tmp.write('sub/e.jsonl', '{"externalId":"e1"}');
    const records = await collect(tmp.dir, { kind: 'candidates', jobcenter: '751' });
    expect(records.map((r) => [path.relative(tmp.dir, r.file), r.ok ? r.value.externalId : r.error])).toEqual(
      [
        ['D.JSON', 'd1'],
        ['a.csv', 'a1'],
        ['b.ndjson', 'b1'],
        ['b.ndjson', 'b2'],
        ['c.json', 'c1'],
        ['cv1.PDF', 'cv1'],
        ['old.doc', expect.stringContaining('old Word format: save it as .docx or PDF')],
        [path.join('sub', 'e.jsonl'), 'e1'],
      ],
    );
    const cv = records[5]!;
    expect(cv.ok && cv.value.benefit).toBe('dagpenge');
  });

  it('refuses CV documents for job orders and reports unsupported files and missing paths', async () => {
    const pdf = tmp.write('cv.pdf', await buildPdf([{ text: 'Mette Hansen' }]));
    expect(await collect(pdf, { kind: 'job-orders' })).toEqual([
      { ok: false, file: pdf, line: 1, error: 'CV documents can only be imported as candidates' },
    ]);
    const txt = tmp.write('notes.txt', 'hello');
    expect(await collect(txt, { kind: 'job-orders' })).toEqual([
      {
        ok: false,
        file: txt,
        line: 1,
        error: 'unsupported file type ".txt"; supported: .ndjson, .jsonl, .json, .csv',
      },
    ]);
    const missing = path.join(tmp.dir, 'nope.csv');
    const [rec] = await collect(missing);
    expect(rec).toMatchObject({
      ok: false,
      file: missing,
      line: 1,
      error: expect.stringContaining('ENOENT'),
    });
  });

  it('lists the supported extensions per kind', () => {
    expect(SUPPORTED_EXTENSIONS.candidates).toEqual(['.ndjson', '.jsonl', '.json', '.csv', '.pdf', '.docx']);
    expect(SUPPORTED_EXTENSIONS['job-orders']).toEqual(['.ndjson', '.jsonl', '.json', '.csv']);
  });
});
