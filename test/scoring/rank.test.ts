import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareEntries,
  evaluateCandidate,
  type RankedEntry,
  type RankedNearMiss,
  rankCandidates,
} from '../../scoring/rank.ts';
import { AARHUS_C, candidate, north, order, setup } from './helpers.ts';

describe('evaluateCandidate', () => {
  it('explains a good fit in Danish with matched competences, km, months and eligibility', () => {
    const { facts, query } = setup([candidate()]);
    const result = evaluateCandidate(facts[0]!, query);
    expect(result.kind).toBe('entry');
    if (result.kind !== 'entry') return;
    const e = result.entry;
    expect(e.matched).toEqual(['truckcertifikat', 'lagerstyring']);
    expect(e.missing).toEqual([]);
    expect(e.distanceKm).toBeCloseTo(3, 0);
    expect(e.breakdown.distance).toBe(1);
    expect(e.unemployedMonths).toBe(11);
    expect(e.eligibility).toEqual({ eligible: true, ruleSet: 'default', reasons: [] });
    expect(e.fitBand).toBe(1);
    expect(e.explanation).toContain('Har truckcertifikat og lagerstyring');
    expect(e.explanation).toContain('Ledig i 11 måneder');
    expect(e.score).toBeGreaterThan(0.5);
    expect(e.score).toBeLessThanOrEqual(1);
  });

  it('matches must-haves through synonyms, inflections and compounds, in the order’s own words', () => {
    const o = order({ mustHave: ['Truckcertifikat', 'lager medarbejder'], niceToHave: ['WMS'] });
    const { facts, query } = setup(
      [
        candidate({
          competences: ['truckkørekort', 'ordreplukning'],
          experience: [{ title: 'Lagermedarbejdere' }],
        }),
      ],
      o,
    );
    const r = evaluateCandidate(facts[0]!, query);
    expect(r.kind).toBe('entry');
    if (r.kind !== 'entry') return;
    expect(r.entry.matched).toEqual(['Truckcertifikat', 'lager medarbejder']);
    expect(r.entry.missing).toEqual(['WMS']);
  });

  it('tolerates a one-letter typo in a longer competence', () => {
    const { facts, query } = setup([candidate({ competences: ['truckcertfikat'] })]);
    const r = evaluateCandidate(facts[0]!, query);
    expect(r.kind === 'entry' && r.entry.matched.includes('truckcertifikat')).toBe(true);
  });

  it('scores falling distance between 10 and 15 km and makes a near miss beyond', () => {
    const { facts, query } = setup([
      candidate({ location: north(AARHUS_C, 12.5) }),
      candidate({ location: north(AARHUS_C, 17.2) }),
    ]);
    const mid = evaluateCandidate(facts[0]!, query);
    expect(mid.kind === 'entry' && mid.entry.breakdown.distance).toBeCloseTo(0.5, 1);
    const far = evaluateCandidate(facts[1]!, query);
    expect(far.kind).toBe('nearMiss');
    if (far.kind === 'nearMiss') expect(far.nearMiss.reasons).toEqual(['afstand 17,2 km > 15,0 km']);
  });

  it("respects the candidate's own maximum distance", () => {
    const { facts, query } = setup([
      candidate({ location: north(AARHUS_C, 8), wishes: { maxDistanceKm: 5 } }),
    ]);
    const r = evaluateCandidate(facts[0]!, query);
    expect(r.kind).toBe('nearMiss');
    if (r.kind === 'nearMiss') expect(r.nearMiss.reasons[0]).toContain('ønsker højst 5,0 km');
  });

  it('keeps an ineligible candidate out of a jobrotation list, with every reason', () => {
    const { facts, query } = setup([
      candidate({
        unemployedSince: '2026-12-01',
        benefit: 'uddannelseshjaelp',
        activeSchemes: ['loentilskud'],
      }),
    ]);
    const r = evaluateCandidate(facts[0]!, query);
    expect(r.kind).toBe('nearMiss');
    if (r.kind !== 'nearMiss') return;
    expect(r.nearMiss.reasons.length).toBeGreaterThanOrEqual(3);
    expect(r.nearMiss.reasons.join(' ')).toMatch(/måned/);
  });

  it('lists an ineligible candidate when the order is not jobrotation, with the verdict shown', () => {
    const { facts, query } = setup(
      [candidate({ benefit: 'uddannelseshjaelp' })],
      order({ jobrotation: false }),
    );
    const r = evaluateCandidate(facts[0]!, query);
    expect(r.kind).toBe('entry');
    if (r.kind === 'entry') expect(r.entry.eligibility.eligible).toBe(false);
  });

  it('reports hours, availability and licence as near-miss reasons', () => {
    const o = order({ weeklyHours: 37, driversLicence: 'C' });
    const { facts, query } = setup(
      [
        candidate({
          weeklyHours: 20,
          availableFrom: '2027-02-01',
          unavailable: [{ from: '2027-03-01', to: '2027-03-31' }],
        }),
      ],
      o,
    );
    const r = evaluateCandidate(facts[0]!, query);
    expect(r.kind).toBe('nearMiss');
    if (r.kind !== 'nearMiss') return;
    const text = r.nearMiss.reasons.join(' | ');
    expect(text).toContain('kan arbejde 20 timer/uge, jobbet er 37 timer/uge');
    expect(text).toContain('tidligst ledig fra 2027-02-01');
    expect(text).toContain('ikke ledig 2027-03-01–2027-03-31');
    expect(text).toContain('mangler kørekort C');
  });

  it('skips candidates with nothing to do with the order', () => {
    const { facts, query } = setup([
      candidate({
        competences: ['sygepleje'],
        experience: [{ title: 'Sygeplejerske' }],
        cvText: 'Medicin og omsorg',
      }),
    ]);
    expect(evaluateCandidate(facts[0]!, query).kind).toBe('skip');
  });
});

describe('rankCandidates', () => {
  it('fit-first: among those who fit, the longest unemployed come first; weaker fits after', () => {
    const fitsShort = candidate({ unemployedSince: '2026-09-01' });
    const fitsLong = candidate({ unemployedSince: '2025-01-01' });
    const partial = candidate({
      unemployedSince: '2023-01-01',
      competences: ['lagerstyring'],
      cvText: 'lager',
    });
    const { facts, query } = setup([fitsShort, partial, fitsLong]);
    const { entries } = rankCandidates(facts, query, { size: 10 });
    expect(entries.map((e) => e.candidateId)).toEqual([fitsLong.id, fitsShort.id, partial.id]);
    expect(entries.map((e) => e.rank)).toEqual([1, 2, 3]);
  });

  it('weighted: the composite score decides', () => {
    const near = candidate({ unemployedSince: '2026-09-01', location: north(AARHUS_C, 1) });
    const far = candidate({ unemployedSince: '2026-08-01', location: north(AARHUS_C, 14) });
    const { facts, query } = setup([far, near], order({ rankingStrategy: 'weighted' }));
    const { entries } = rankCandidates(facts, query, { size: 10 });
    expect(entries[0]!.candidateId).toBe(near.id);
  });

  it('cuts the list at size and counts everything it considered', () => {
    const many = Array.from({ length: 30 }, () => candidate());
    const { facts, query } = setup(many);
    const r = rankCandidates(facts, query, { size: 5 });
    expect(r.entries).toHaveLength(5);
    expect(r.candidatesConsidered).toBe(30);
  });

  const arbitraryCandidate = fc.record({
    km: fc.double({ min: 0, max: 30, noNaN: true }),
    since: fc.date({ min: new Date('2020-01-01'), max: new Date('2027-06-01'), noInvalidDate: true }),
    benefit: fc.constantFrom('dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'ingen'),
    competences: fc.subarray(['truckcertifikat', 'lagerstyring', 'plukning', 'WMS', 'rengøring', 'kok']),
    hours: fc.constantFrom(10, 20, 30, 37),
    schemes: fc.subarray(['loentilskud', 'svu']),
  });
  const build = (xs: Array<typeof arbitraryCandidate extends fc.Arbitrary<infer T> ? T : never>) =>
    xs.map((x, i) =>
      candidate({
        id: `p-${String(i).padStart(4, '0')}`,
        location: north(AARHUS_C, x.km),
        unemployedSince: x.since.toISOString().slice(0, 10),
        benefit: x.benefit as 'dagpenge',
        competences: x.competences,
        weeklyHours: x.hours,
        activeSchemes: x.schemes,
      }),
    );

  it('property: scores and components in [0,1], ranks 1..n, ineligible never ranked for jobrotation', () => {
    fc.assert(
      fc.property(fc.array(arbitraryCandidate, { maxLength: 25 }), fc.boolean(), (xs, rotation) => {
        const { facts, query } = setup(build(xs), order({ jobrotation: rotation }));
        const { entries } = rankCandidates(facts, query, { size: 50 });
        entries.forEach((e, i) => {
          expect(e.rank).toBe(i + 1);
          for (const v of [e.score, e.breakdown.competence, e.breakdown.distance, e.breakdown.unemployment]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          if (rotation) expect(e.eligibility.eligible).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('property: the same input in any order gives the same list', () => {
    fc.assert(
      fc.property(fc.array(arbitraryCandidate, { maxLength: 20 }), fc.integer(), (xs, seed) => {
        const cs = build(xs);
        const shuffled = [...cs].sort(
          (a, b) => ((a.id.charCodeAt(2) * seed) % 7) - ((b.id.charCodeAt(2) * seed) % 7),
        );
        const a = rankCandidates(setup(cs).facts, setup(cs).query, { size: 50 });
        const { facts, query } = setup(shuffled);
        const b = rankCandidates(facts, query, { size: 50 });
        expect(b.entries).toEqual(a.entries);
        expect(b.nearMisses).toEqual(a.nearMisses);
      }),
      { numRuns: 40 },
    );
  });

  it('property: pruning while ranking never changes the list (against scoring every candidate fully)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryCandidate, { minLength: 60, maxLength: 160 }),
        fc.boolean(),
        (xs, rotation) => {
          const { facts, query } = setup(build(xs), order({ jobrotation: rotation }));
          const ranked = rankCandidates(facts, query, { size: 3, nearMissLimit: 3 });
          const entries: RankedEntry[] = [];
          const nearMisses: RankedNearMiss[] = [];
          for (const c of facts) {
            const r = evaluateCandidate(c, query);
            if (r.kind === 'entry') entries.push(r.entry);
            if (r.kind === 'nearMiss') nearMisses.push(r.nearMiss);
          }
          entries.sort(compareEntries(query.strategy));
          nearMisses.sort((a, b) => b.competence - a.competence || (a.candidateId < b.candidateId ? -1 : 1));
          expect(ranked.entries).toEqual(entries.slice(0, 3).map((e, i) => ({ rank: i + 1, ...e })));
          expect(ranked.nearMisses).toEqual(nearMisses.slice(0, 3));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('protected attributes', () => {
  it('are never read: name, CPR, age, gender and health change nothing and are never touched', () => {
    const touched: string[] = [];
    const base = candidate();
    const sensitive = {
      name: 'Mette Hansen',
      cpr: '0101901234',
      birthDate: '1990-01-01',
      gender: 'k',
      health: 'x',
    };
    const withSensitive = new Proxy(
      { ...base, ...sensitive },
      {
        get(target, prop, receiver) {
          if (
            ['name', 'cpr', 'birthDate', 'age', 'gender', 'health', 'email', 'phone'].includes(String(prop))
          ) {
            touched.push(String(prop));
          }
          return Reflect.get(target, prop, receiver);
        },
        has(target, prop) {
          return Reflect.has(target, prop);
        },
      },
    );
    const plain = setup([{ ...base, name: 'Ahmed Ali', cpr: '3112691234', gender: 'm' } as typeof base]);
    const proxied = setup([withSensitive]);
    const a = rankCandidates(plain.facts, plain.query, { size: 5 });
    const b = rankCandidates(proxied.facts, proxied.query, { size: 5 });
    expect(b.entries).toEqual(a.entries);
    expect(touched).toEqual([]);
  });
});
