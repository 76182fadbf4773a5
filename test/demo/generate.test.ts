import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/gen.ts';
import { dates, generateCandidates, generateJobOrders, slugify } from '../../src/demo/generate.ts';
import { OCCUPATIONS } from '../../src/demo/occupations.ts';
import { Random, WeightedTable } from '../../src/demo/random.ts';
import type { CandidateInput } from '../../src/domain/candidate.ts';
import { candidateInput } from '../../src/domain/candidate.ts';
import { normaliseCpr } from '../../src/domain/cpr.ts';
import { isValidCvr } from '../../src/domain/cvr.ts';
import type { JobOrderInput } from '../../src/domain/job-order.ts';
import { jobOrderInput } from '../../src/domain/job-order.ts';
import { lookupPostalCode } from '../../src/geo/postnumre.ts';

const TODAY = '2026-11-23';
const candidates = [...generateCandidates(5_000, { seed: 42, today: TODAY })];
const withCpr = [...generateCandidates(5_000, { seed: 42, today: TODAY, withCpr: true })];
const jobOrders = [...generateJobOrders(500, { seed: 42, today: TODAY })];

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

/** Schema failures as readable lines, so a failing record says what is wrong with it. */
function failures<T>(
  records: readonly T[],
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
) {
  return records.flatMap((record, i) => {
    const result = schema.safeParse(record) as { success: boolean; error?: { issues: unknown[] } };
    return result.success
      ? []
      : [`#${i}: ${JSON.stringify(result.error?.issues)} in ${JSON.stringify(record)}`];
  });
}

describe('generateCandidates', () => {
  it('yields records that all pass the candidate schema', () => {
    expect(candidates).toHaveLength(5_000);
    expect(failures(candidates, candidateInput)).toEqual([]);
    expect(failures(withCpr, candidateInput)).toEqual([]);
  });

  it('is deterministic: same seed, same output; another seed, other output', () => {
    const again = [...generateCandidates(5_000, { seed: 42, today: TODAY })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(candidates));
    const other = [...generateCandidates(200, { seed: 43, today: TODAY })];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(candidates.slice(0, 200)));
  });

  it('gives a prefix of the same records when asked for fewer', () => {
    const few = [...generateCandidates(100, { seed: 42, today: TODAY })];
    expect(few).toEqual(candidates.slice(0, 100));
  });

  it('stores no CPR unless asked, and withCpr changes nothing but adding it', () => {
    expect(candidates.every((c) => !('cpr' in c))).toBe(true);
    const stripped = withCpr.map(({ cpr: _cpr, ...rest }) => rest);
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(candidates));
  });

  it('gives valid CPRs (real date, century digit) for people aged 18-66 at today', () => {
    for (const c of withCpr) {
      const cpr = c.cpr!;
      expect(normaliseCpr(cpr), cpr).toBe(cpr);
      const [dd, mm, yy, seventh] = [
        cpr.slice(0, 2),
        cpr.slice(2, 4),
        Number(cpr.slice(4, 6)),
        Number(cpr[6]),
      ];
      const century =
        seventh <= 3
          ? 1900
          : seventh === 4 || seventh === 9
            ? yy <= 36
              ? 2000
              : 1900
            : yy <= 57
              ? 2000
              : 1800;
      const birth = `${century + yy}-${mm}-${dd}`;
      const age = Number(TODAY.slice(0, 4)) - (century + yy) - (TODAY.slice(5) < birth.slice(5) ? 1 : 0);
      expect(age, `${birth}`).toBeGreaterThanOrEqual(18);
      expect(age, `${birth}`).toBeLessThanOrEqual(66);
    }
  });

  it('restricts to the given jobcentre, with postnumre inside them', () => {
    const some = [...generateCandidates(2_000, { seed: 7, today: TODAY, jobcentre: ['751', '0461'] })];
    const seen = new Set(some.map((c) => c.jobcenter));
    expect([...seen].sort()).toEqual(['461', '751']);
    for (const c of some) expect(lookupPostalCode(c.postalCode!)?.kommuner).toContain(c.jobcenter);
    expect(some.filter((c) => c.jobcenter === '751').length).toBeGreaterThan(some.length / 2);
  });

  it('rejects unknown jobcentre and bad dates up front', () => {
    expect(() => generateCandidates(1, { seed: 1, jobcentre: ['999'] })).toThrow(/999/);
    expect(() => generateCandidates(1, { seed: 1, jobcentre: [] })).toThrow(/jobcenter/);
    expect(() => generateCandidates(1, { seed: 1, today: '2026-02-30' })).toThrow(/today/);
    expect(() => generateJobOrders(-1, { seed: 1 })).toThrow(/count/);
    expect(() => generateJobOrders(1, { seed: 1.5 })).toThrow(/seed/);
  });

  it('has plausible distributions', () => {
    const byJobcenter = (id: string) => candidates.filter((c) => c.jobcenter === id).length;
    expect(byJobcenter('101')).toBeGreaterThan(byJobcenter('825'));
    expect(byJobcenter('751')).toBeGreaterThan(byJobcenter('741'));
    expect(byJobcenter('101')).toBeGreaterThan(byJobcenter('751'));

    const dagpenge = share(candidates, (c) => c.benefit === 'dagpenge');
    expect(dagpenge).toBeGreaterThan(0.45);
    expect(dagpenge).toBeLessThan(0.65);
    const kontant = share(candidates, (c) => c.benefit === 'kontanthjaelp');
    expect(kontant).toBeGreaterThan(0.18);
    expect(kontant).toBeLessThan(0.32);
    expect(new Set(candidates.map((c) => c.benefit)).size).toBe(7);

    // Ledighed: mostly 1-6 months, a long tail past four years, never in the future.
    const months = candidates.map((c) => daysBetween(c.unemployedSince, TODAY) / 30.44);
    expect(months.every((m) => m > 0)).toBe(true);
    expect(share(months, (m) => m <= 6)).toBeGreaterThan(0.5);
    expect(share(months, (m) => m > 48)).toBeGreaterThan(0.002);

    expect(share(candidates, (c) => c.weeklyHours === 37)).toBeGreaterThan(0.6);
    expect(share(candidates, (c) => c.location !== undefined)).toBeCloseTo(0.2, 1);
    expect(share(candidates, (c) => (c.driversLicences ?? []).includes('B'))).toBeGreaterThan(0.7);
    expect(share(candidates, (c) => (c.unavailable ?? []).length > 0)).toBeCloseTo(0.1, 1);
    expect(share(candidates, (c) => (c.activeSchemes ?? []).length > 0)).toBeCloseTo(0.08, 1);
    expect(share(candidates, (c) => c.consent?.searchable === true)).toBeGreaterThan(0.94);
    expect(share(candidates, (c) => c.consent?.shareWithPool === true)).toBeCloseTo(0.7, 1);
    expect(share(candidates, (c) => (c.languages ?? []).includes('dansk'))).toBeGreaterThan(0.94);
    expect(share(candidates, (c) => c.email !== undefined)).toBeGreaterThan(0.75);
    expect(share(candidates, (c) => c.wishes !== undefined)).toBeGreaterThan(0.2);
  });

  it('fills fields the way the contract writes them', () => {
    const seen = new Set<string>();
    for (const c of candidates) {
      const key = `${c.jobcenter}/${c.externalId}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(c.externalId).toMatch(/^[a-z0-9-]+-\d{6}$/);
      if (c.email !== undefined) expect(c.email).toMatch(/^[a-z0-9.]+@example\.dk$/);
      if (c.phone !== undefined) expect(c.phone).toMatch(/^\+45[2-9]\d{7}$/);
      const competences = c.competences ?? [];
      expect(competences.length).toBeGreaterThanOrEqual(3);
      expect(competences.length).toBeLessThanOrEqual(8);
      expect((c.educations ?? []).length).toBeLessThanOrEqual(2);
      expect(c.experience?.length).toBeGreaterThanOrEqual(1);
      for (const e of c.experience ?? []) expect(e.to! <= c.unemployedSince && e.from! <= e.to!).toBe(true);
      // A sentence ends in '. ' before a capital ('1. hjælp' and 'pæd. medhjælper' do not end one).
      const sentences = (c.cvText ?? '').split(/(?<=\.) (?=[A-ZÆØÅ])/).length;
      expect(sentences).toBeGreaterThanOrEqual(2);
      expect(sentences).toBeLessThanOrEqual(5);
      if (c.wishes?.maxDistanceKm !== undefined) {
        expect(c.wishes.maxDistanceKm).toBeGreaterThanOrEqual(10);
        expect(c.wishes.maxDistanceKm).toBeLessThanOrEqual(50);
      }
    }
    expect(candidates.find((c) => c.jobcenter === '751')?.externalId).toMatch(/^aarhus-\d{6}$/);
    expect(candidates.find((c) => c.jobcenter === '101')?.externalId).toMatch(/^koebenhavn-\d{6}$/);
  });

  it('writes competences in several ways, with the odd typo', () => {
    const all = candidates.flatMap((c) => c.competences ?? []);
    const truck = new Set(all.filter((v) => /truck/i.test(v)));
    expect(truck.size).toBeGreaterThanOrEqual(3);
    const known = new Set(OCCUPATIONS.flatMap((o) => o.competences.flat()));
    const unknown = share(all, (v) => !known.has(v));
    // General competences are not in OCCUPATIONS; typos alone are about 3%.
    expect(unknown).toBeGreaterThan(0.02);
  });
});

describe('generateJobOrders', () => {
  it('yields records that all pass the job order schema, with valid CVRs', () => {
    expect(jobOrders).toHaveLength(500);
    expect(failures(jobOrders, jobOrderInput)).toEqual([]);
    for (const o of jobOrders) expect(isValidCvr(o.company.cvr), o.company.cvr).toBe(true);
  });

  it('is deterministic per seed', () => {
    expect([...generateJobOrders(500, { seed: 42, today: TODAY })]).toEqual(jobOrders);
    expect([...generateJobOrders(50, { seed: 1, today: TODAY })]).not.toEqual(jobOrders.slice(0, 50));
  });

  it('plans periods 2-10 weeks out, mostly up to 12 months, a few longer', () => {
    for (const o of jobOrders) {
      const lead = daysBetween(TODAY, o.period.from);
      expect(lead).toBeGreaterThanOrEqual(14);
      expect(lead).toBeLessThanOrEqual(70);
      expect(o.period.to > o.period.from).toBe(true);
    }
    const long = share(jobOrders, (o) => daysBetween(o.period.from, o.period.to) > 366);
    expect(long).toBeGreaterThan(0.01);
    expect(long).toBeLessThan(0.1);
  });

  it('has plausible settings', () => {
    expect(share(jobOrders, (o) => o.jobrotation === true)).toBeCloseTo(0.7, 1);
    expect(share(jobOrders, (o) => o.ruleSet === 'default')).toBeGreaterThan(0.78);
    expect(new Set(jobOrders.map((o) => o.ruleSet))).toEqual(new Set(['default', 'kommune-6-maaneder']));
    for (const o of jobOrders) {
      expect(o.externalId).toMatch(/^jo-2026-\d{5}$/);
      expect(o.mustHave?.length).toBeGreaterThanOrEqual(1);
      expect(o.mustHave?.length).toBeLessThanOrEqual(3);
      expect(o.niceToHave?.length).toBeLessThanOrEqual(3);
      expect([37, 30, 25, 20]).toContain(o.weeklyHours);
      expect(o.positions).toBeGreaterThanOrEqual(1);
      expect(o.positions).toBeLessThanOrEqual(3);
      if (o.radiusKm) expect(o.radiusKm.max! - o.radiusKm.full!).toBeGreaterThanOrEqual(5);
      expect(o.company.name).toMatch(/ (A\/S|ApS|I\/S|Kommune|Regionskommune)$/);
    }
    expect(jobOrders.some((o) => o.driversLicence === 'CE' || o.driversLicence === 'C')).toBe(true);
  });
});

describe('helpers', () => {
  it('slugifies Danish kommune names', () => {
    expect(slugify('København')).toBe('koebenhavn');
    expect(slugify('Høje-Taastrup')).toBe('hoeje-taastrup');
    expect(slugify('Ærø')).toBe('aeroe');
    expect(slugify('Ringkøbing-Skjern')).toBe('ringkoebing-skjern');
  });

  it('does date arithmetic without Date', () => {
    const day = dates.daysFromCivil(2027, 1, 4);
    expect(dates.isoFromDays(day)).toBe('2027-01-04');
    expect(dates.isoFromDays(dates.addMonthsMinusOneDay(day, 6))).toBe('2027-07-03');
    expect(dates.isoFromDays(dates.addMonthsMinusOneDay(dates.daysFromCivil(2027, 1, 31), 1))).toBe(
      '2027-02-27',
    );
    expect(dates.isoFromDays(dates.daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
    for (let d = -30_000; d < 40_000; d += 997) {
      expect(dates.isoFromDays(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('picks by weight', () => {
    const rng = new Random(1);
    const table = WeightedTable.of([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[table.pick(rng) as 'a' | 'b' | 'c']++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    expect(new Random(5).uint32()).toBe(new Random(5).uint32());
    expect(new Random(5).uint32()).not.toBe(new Random(5, 1).uint32());
  });
});

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function io() {
  const stdout = sink();
  const stderr = sink();
  return { io: { stdout: stdout.stream, stderr: stderr.stream, env: {}, isTTY: false }, stdout, stderr };
}

describe('vikar gen (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vikar-gen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes candidates as NDJSON to --out', async () => {
    const file = join(dir, 'candidates.ndjson');
    const t = io();
    const code = await main(
      [
        'candidates',
        '--count',
        '300',
        '--seed',
        '9',
        '--today',
        TODAY,
        '--jobcenter',
        '751,461',
        '--with-cpr',
        '--out',
        file,
      ],
      t.io,
    );
    expect(code).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(300);
    const records = lines.map((line) => JSON.parse(line) as CandidateInput);
    expect(failures(records, candidateInput)).toEqual([]);
    expect(records.every((r) => r.cpr !== undefined && ['751', '461'].includes(r.jobcenter))).toBe(true);
    expect(records).toEqual([
      ...generateCandidates(300, { seed: 9, today: TODAY, jobcentre: ['751', '461'], withCpr: true }),
    ]);
    expect(t.stderr.text()).toBe(`generated 300 candidates (seed 9) -> ${file}\n`);
    expect(t.stdout.text()).toBe('');
  });

  it('writes job orders to stdout', async () => {
    const t = io();
    expect(await main(['job-orders', '--count', '40', '--seed', '3', '--today', TODAY], t.io)).toBe(0);
    const records = t.stdout
      .text()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JobOrderInput);
    expect(records).toHaveLength(40);
    expect(failures(records, jobOrderInput)).toEqual([]);
    expect(t.stderr.text()).toMatch(/^generated 40 job orders \(seed 3\) -> stdout\n$/);
  });

  it('waits for drain when the output is slow', async () => {
    const lines: string[] = [];
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk, _encoding, done) {
        writes++;
        lines.push(String(chunk));
        setImmediate(done);
      },
    });
    const stderr = sink();
    const code = await main(['candidates', '--count', '2000', '--seed', '1', '--today', TODAY], {
      stdout: slow,
      stderr: stderr.stream,
      env: {},
      isTTY: false,
    });
    expect(code).toBe(0);
    expect(writes).toBeGreaterThan(1);
    expect(lines.join('').trimEnd().split('\n')).toHaveLength(2000);
  });

  it('exits 2 naming the flag for bad or missing flags', async () => {
    const cases: [string[], RegExp][] = [
      [['candidates', '--count', 'abc', '--seed', '1'], /--count/],
      [['candidates', '--seed', '1'], /--count/],
      [['candidates', '--count', '5'], /--seed/],
      [['candidates', '--count', '5', '--seed', 'x'], /--seed/],
      [['candidates', '--count', '5', '--seed', '1', '--jobcenter', '999'], /--jobcenter/],
      [['candidates', '--count', '5', '--seed', '1', '--today', '23-11-2026'], /--today/],
      [['candidates', '--count', '5', '--seed', '1', '--colour'], /--colour/],
      [['people', '--count', '5', '--seed', '1'], /people/],
      [['--count', '5', '--seed', '1'], /candidates or job-orders/],
    ];
    for (const [args, message] of cases) {
      const t = io();
      expect(await main(args, t.io), args.join(' ')).toBe(2);
      expect(t.stderr.text()).toMatch(message);
      expect(t.stdout.text()).toBe('');
    }
  });

  it('prints usage for --help', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.stdout.text()).toMatch(/vikar gen candidates\|job-orders/);
  });

  it('exits 1 when the output file cannot be opened', async () => {
    const t = io();
    const code = await main(
      ['candidates', '--count', '1', '--seed', '1', '--out', join(dir, 'no/such/dir.ndjson')],
      t.io,
    );
    expect(code).toBe(1);
    expect(t.stderr.text()).toMatch(/cannot write/);
  });
});
