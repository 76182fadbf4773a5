import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPath } from '../../indexer/import.ts';
import { weightedTerms } from '../../scoring/profile.ts';
import { withoutProtectedFacts } from '../../scoring/text/protected.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';
import { jobOrderInput } from '../../src/domain/job-order.ts';
import { computeShortlist } from '../../workers/shortlist.ts';
import { buildDocx } from '../indexer/helpers.ts';

/**
 * Names, contact lines, age, gender and health must never score, not even as words in the CV text. Danish surnames
 * are often trades, so the same CV must rank the same for a smed order whether its writer is called Smed or Hansen.
 * Everything goes through the real import path into a real SQLite store and the in-process index.
 */

const JC = '751';
/** Surnames that are also trades (and one that is a place word): the ones that could match an order. */
const TRADE_SURNAMES = [
  'Smed',
  'Bager',
  'Møller',
  'Skov',
  'Fisker',
  'Kok',
  'Gartner',
  'Murer',
  'Maler',
  'Snedker',
];
const OTHER_SURNAMES = ['Hansen', 'Jensen', 'Nielsen', 'Wiśniewski', 'Öztürk', 'Ali', 'Nguyễn', 'Dvořák'];
const FIRST_NAMES = ['Anders', 'Mette', 'Łukasz', 'Ahmed', 'Fatima', 'Søren', 'Anne-Marie', 'Şükrü'];
const MONTHS = ['januar', 'maj', 'oktober'];

interface Person {
  first: string;
  last: string;
  street: string;
  phone: number;
  age: number;
  gender: string;
  ageForm: number;
  health: string;
}

const person = (last: fc.Arbitrary<string>) =>
  fc.record({
    first: fc.constantFrom(...FIRST_NAMES),
    last,
    // Street names are compounds of trades too: 'Bagervej' would analyse as bager + vej.
    street: fc.constantFrom(
      'Smedevej 4',
      'Bagergade 12, 2. th.',
      'Skovvej 3A',
      'Møllevej 7, st.',
      'Kokkedal Allé 9',
    ),
    phone: fc.integer({ min: 20_000_000, max: 99_999_999 }),
    age: fc.integer({ min: 18, max: 67 }),
    gender: fc.constantFrom('mand', 'kvinde', 'Mand', 'Kvinde', 'mandlig', 'kvindelig'),
    ageForm: fc.integer({ min: 0, max: 8 }),
    health: fc.constantFrom(
      '',
      'Jeg har været sygemeldt med stress i 2021.',
      'I fleksjob pga. en rygskade.',
      'Diagnose: ADHD',
      'Jeg har ADHD.',
      'Jeg lider af migræne.',
      'Har et handicap.',
      'Førtidspensionist.',
      'Skånehensyn: kan ikke løfte tungt',
      'Sygemeldt på grund af depression, nu raskmeldt',
    ),
  });

/** How a CV states the person's age and gender; every form is one the analyser must not see. */
function personalLine(p: Person): string {
  const year = 2026 - p.age;
  const forms = [
    '',
    `Født ${year}`,
    `${p.age} år, ${p.gender}`,
    `Født den 3. ${MONTHS[p.age % 3]} ${year}, ${p.gender}`,
    `Jeg er en ${p.age}-årig ${p.gender}.`,
    `Alder: ${p.age} år\nKøn: ${p.gender}`,
    `Jeg er ${p.age} år gammel.`,
    `Fødselsdato: 0${(p.age % 9) + 1}.05.${year}`,
    `${p.gender}, født i ${year}`,
  ];
  return forms[p.ageForm]!;
}

interface Cv {
  header: number;
  contact: number;
  body: string[];
  signOff: boolean;
  firstNameInProse: boolean;
}

/** The CV body: the same for every person in a run, with the trades as occupations, lower-case and at line starts. */
function bodySentences(trade: string): string[] {
  const lower = trade.toLowerCase();
  return [
    `${trade} hos Vestas 2015-2020.`,
    `Jeg har arbejdet som ${lower} i 10 år og er uddannet ${lower}.`,
    'Truckcertifikat B og erfaring med lager, plukning og pakning.',
    'Uddannet klejnsmed, svejsning og montage.',
    'Erfaren bager med morgenvagter.',
    'Kok i kantine, 5 år. Gode kolleger.',
    `Lagermedarbejder, ${trade}, chauffør.`,
    'Gartner i kommunens parker; græsslåning og hækklipning.',
    'Jeg er mødestabil og arbejder godt i team.',
    'Maler og murer på byggepladser i Aarhus.',
  ];
}

function cvText(p: Person, cv: Cv, body: readonly string[]): string {
  const name = `${p.first} ${p.last}`;
  const headers = [
    name,
    `CV – ${name}`,
    `Curriculum Vitae\n${name.toUpperCase()}`,
    `${p.last}, ${p.first}`,
    `${name}, Lagermedarbejder`,
  ];
  const mail = `${p.first}.${p.last}@mail.dk`.toLowerCase();
  const phone = String(p.phone);
  const spaced = phone.replace(/(\d\d)(?=\d)/g, '$1 ');
  const contacts = [
    '',
    `Adresse: ${p.street}, 8000 Aarhus C\nTlf.: ${spaced}\nE-mail: ${mail}`,
    `${p.street}\n8210 Aarhus V\n+45 ${spaced}\n${mail}`,
    `${p.street}, 8210 Aarhus V · ${phone} · ${mail}`,
  ];
  return [
    headers[cv.header]!,
    contacts[cv.contact]!,
    personalLine(p),
    '',
    'Profil',
    ...body,
    cv.firstNameInProse ? `${p.first} er stabil og mødestabil.` : '',
    p.health,
    cv.signOff ? `Med venlig hilsen\n${name}` : '',
  ].join('\n');
}

const cvShape = (trade: string) =>
  fc.record({
    header: fc.integer({ min: 0, max: 4 }),
    contact: fc.integer({ min: 0, max: 3 }),
    body: fc.subarray(bodySentences(trade), { minLength: 1 }),
    signOff: fc.boolean(),
    firstNameInProse: fc.boolean(),
  });

function candidateRecord(externalId: string, name: string, text: string) {
  return {
    externalId,
    jobcenter: JC,
    name,
    postalCode: '8210',
    unemployedSince: '2025-06-01',
    benefit: 'dagpenge',
    weeklyHours: 37,
    competences: ['lager'],
    cvText: text,
    consent: { searchable: true, shareWithPool: false },
  };
}

/** Other people on the list, so a changed score would also show as a changed rank. */
const COMPETITORS = [
  candidateRecord('rival-1', 'Karen Holm', 'Smed og svejser med 8 års erfaring. Bager i weekenden.'),
  candidateRecord('rival-2', 'Peter Lund', 'Lagermedarbejder. Gartner, murer og maler i mange år.'),
  candidateRecord('rival-3', 'Ida Berg', 'Kok og bager. Møller på et vandværk. Fisker og snedker.'),
  candidateRecord('rival-4', 'Ole Dam', 'Truckfører og chauffør. Skov og natur.'),
];

describe('protected facts never score', () => {
  let dir: string;
  let ctx: AppContext;
  let seq = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-protected-'));
    ctx = await createContext(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    await importFile('rivals.ndjson', COMPETITORS.map((c) => JSON.stringify(c)).join('\n'));
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function importFile(name: string, content: string | Buffer, jobcenter?: string) {
    const file = path.join(dir, `${++seq}-${name}`);
    fs.writeFileSync(file, content);
    const summary = await importPath(file, 'candidates', ctx, { jobcenter });
    expect(summary.rejections).toEqual([]);
    return summary;
  }

  const orders = new Map<string, string>();
  async function orderFor(trade: string) {
    let id = orders.get(trade);
    if (!id) {
      const order = jobOrderInput.parse({
        externalId: `jo-${trade}`,
        jobcenter: JC,
        company: { cvr: '24256790', name: 'Nordværk A/S' },
        title: trade,
        postalCode: '8200',
        tasks: `Vi søger en ${trade.toLowerCase()}`,
        mustHave: [trade.toLowerCase()],
        weeklyHours: 30,
        period: { from: '2027-01-04', to: '2027-06-30' },
        radiusKm: { full: 15, max: 25 },
      });
      id = (await ctx.stores.jobOrders.upsert([{ jobOrder: order }]))[0]!.id;
      orders.set(trade, id);
    }
    const record = await ctx.stores.jobOrders.get(id);
    if (!record) throw new Error('order vanished');
    return record;
  }

  /** The whole bruttoliste (entries and near misses) as a konsulent sees it, for one order. */
  async function shortlist(trade: string) {
    const result = await computeShortlist(
      await orderFor(trade),
      { scope: 'own', size: 20, strategy: 'fit-first' },
      { stores: ctx.stores, index: ctx.index, loadRuleSet: ctx.loadRuleSet, taxonomy: ctx.taxonomy },
    );
    return {
      entries: result.entries.map((e) => ({
        rank: (e as { rank?: number }).rank,
        externalId: e.externalId,
        score: e.score,
        breakdown: e.breakdown,
        matched: e.matched,
        missing: e.missing,
        fitBand: e.fitBand,
      })),
      nearMisses: result.nearMisses.map((n) => ({ externalId: n.externalId, reasons: n.reasons })),
    };
  }

  it('a CV ranks the same whatever the name (trade surnames included), age, gender or health words it carries', async () => {
    const run = fc.constantFrom(...TRADE_SURNAMES).chain((trade) =>
      fc.record({
        trade: fc.constant(trade),
        cv: cvShape(trade),
        // The first person carries the order's trade as surname, so a name that scored would show.
        people: fc.tuple(
          person(fc.constant(trade)),
          person(fc.constantFrom(...OTHER_SURNAMES)),
          person(fc.constantFrom(...TRADE_SURNAMES.filter((t) => t !== trade))),
        ),
      }),
    );
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(run, async ({ trade, cv, people }) => {
        const lists = [];
        for (const p of people) {
          const record = candidateRecord('under-test', `${p.first} ${p.last}`, cvText(p, cv, cv.body));
          await importFile('cv.ndjson', JSON.stringify(record));
          lists.push(await shortlist(trade));
        }
        const [first, ...rest] = lists;
        if (first!.entries.some((e) => e.externalId === 'under-test')) listed++;
        for (const other of rest) expect(other).toEqual(first);
      }),
      { numRuns: 60 },
    );
    // Not vacuous: most runs put the CV under test on the list, among the rivals.
    expect(listed).toBeGreaterThan(20);
  });

  it('the same holds for CV documents whose name is read from the document itself', async () => {
    const lists = [];
    for (const [first, last] of [
      ['Anders', 'Smed'],
      ['Anders', 'Hansen'],
      ['Mette', 'Bager'],
    ] as const) {
      const sub = fs.mkdtempSync(path.join(dir, 'docs-'));
      const docx = await buildDocx([
        `${first} ${last}`,
        `Adresse: Bagervej 12, 8210 Aarhus V`,
        `Født 1985, ${first === 'Mette' ? 'kvinde' : 'mand'}`,
        { heading: 'Erhvervserfaring' },
        'Lagermedarbejder hos Nordlager 2018-2024',
        { heading: 'Kompetencer' },
        { bullet: 'Truckcertifikat B' },
        `Jeg har været sygemeldt med stress. Med venlig hilsen ${first} ${last}`,
      ]);
      fs.writeFileSync(path.join(sub, 'cv-under-test.docx'), docx);
      fs.writeFileSync(
        path.join(sub, 'cv-under-test.json'),
        JSON.stringify({
          postalCode: '8210',
          unemployedSince: '2025-06-01',
          benefit: 'dagpenge',
          consent: { searchable: true },
        }),
      );
      const summary = await importPath(sub, 'candidates', ctx, { jobcenter: JC });
      expect(summary.rejections).toEqual([]);
      const stored = await ctx.stores.candidates.find(JC, 'cv-under-test');
      // The name came from the document itself: no sidecar or record field gave it.
      expect(stored?.candidate.name).toBe(`${first} ${last}`);
      expect(stored?.incomplete).toEqual([]);
      expect(stored?.candidate.cvText).toContain(`${first} ${last}`);
      lists.push([await shortlist('Smed'), await shortlist('Bager')]);
    }
    expect(lists[0]![0]!.entries.length).toBeGreaterThan(0);
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
  });
});

describe('what is removed before analysis', () => {
  const terms = (text: string, name?: string) =>
    new Set(weightedTerms({ cvText: text }, name === undefined ? undefined : { name }).map(([t]) => t));

  it('removes the person’s name but keeps the same word as an occupation', () => {
    const t = terms('Anders Smed, smed med 10 års erfaring', 'Anders Smed');
    expect(t.has('smed')).toBe(true);
    expect(t.has('ander')).toBe(false);
    expect(terms('Anders Smed', 'Anders Smed').has('smed')).toBe(false);
    expect(terms('Med venlig hilsen Anders Smed, Smed hos Vestas', 'Anders Smed').has('smed')).toBe(true);
    expect(terms('Hilsen A. Smed', 'Anders Smed').has('smed')).toBe(false);
    expect(terms('Hilsen Smed, Anders', 'Anders Smed').has('smed')).toBe(false);
    expect(terms('CV – ANDERS SMED\nSmed hos Vestas', 'Anders Smed').has('smed')).toBe(true);
    expect(terms('CV – ANDERS SMED\nTruckfører', 'Anders Smed').has('smed')).toBe(false);
  });

  it('removes a name part that is no ordinary word wherever it occurs, and the header’s fuller name', () => {
    const text = withoutProtectedFacts(
      'CV – Anders Bøgh Hansen\nHansen er truckfører. HANSEN. Hansens kørekort',
      {
        name: 'Anders Hansen',
      },
    );
    expect(text).not.toMatch(/anders|bøgh|hansen/iu);
    expect(text).toMatch(/truckfører/u);
  });

  it('removes contact lines, street names, age, gender and health, not the work', () => {
    const text = withoutProtectedFacts(
      [
        'Bagervej 12, 2. th., 8000 Aarhus C',
        'Tlf.: 12 34 56 78 · mette@mail.dk · linkedin.com/in/mette',
        'Ring på 23 45 67 89 eller +45 87654321.',
        'Født 3. maj 1985, 40 år, kvinde. Mor til to.',
        'I fleksjob pga. en rygskade. Jeg har ADHD.',
        'Erfaring med børn med autisme og borgere med handicap. Smed og bager.',
      ].join('\n'),
    );
    expect(text).not.toMatch(
      /bagervej|aarhus|12 34|23 45|8765|mail|linkedin|1985|40 år|kvinde|mor til|fleksjob|rygskade|adhd/iu,
    );
    expect(text).toMatch(/autisme/u);
    expect(withoutProtectedFacts('Fejlfinding og diagnose. Jeg fik diagnosen ADHD i 2019.')).toBe(
      'Fejlfinding og diagnose. Jeg  .',
    );
    expect(withoutProtectedFacts('Hjælper for ung med autisme.')).toBe('Hjælper for ung med autisme.');
    expect(text).toMatch(/handicap/u);
    expect(text).toMatch(/Smed og bager/u);
  });

  it('keeps the stored CV text as written: only the analysed terms change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-protected-store-'));
    const ctx = await createContext(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    try {
      const text = 'Anders Smed\nFødt 1985\nSmed med 10 års erfaring.';
      const file = path.join(dir, 'c.ndjson');
      fs.writeFileSync(file, JSON.stringify(candidateRecord('k-1', 'Anders Smed', text)));
      await importPath(file, 'candidates', ctx);
      const stored = await ctx.stores.candidates.find(JC, 'k-1');
      expect(stored?.candidate.cvText).toBe(text);
      const terms = new Set(stored?.facts.terms.map(([t]) => t));
      expect(terms.has('smed')).toBe(true);
      expect(terms.has('ander')).toBe(false);
      expect(terms.has('1985')).toBe(false);
    } finally {
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
