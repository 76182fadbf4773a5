import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relevantCompetenceFit } from '../../scoring/competence.ts';
import {
  compareEntries,
  evaluateCandidate,
  type RankedEntry,
  type RankedNearMiss,
  rankCandidates,
  ShortlistRanker,
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

  it('fit-first: among partial fits, one of two must-haves comes before none, whatever the ledighed', () => {
    const o = order({ mustHave: ['truckcertifikat', 'ældrepleje'], niceToHave: ['lagerstyring'] });
    const oneMust = candidate({ unemployedSince: '2026-09-01', competences: ['truckcertifikat'] });
    const niceOnly = candidate({ unemployedSince: '2023-01-01', competences: ['lagerstyring'] });
    const { facts, query } = setup([niceOnly, oneMust], o);
    const { entries } = rankCandidates(facts, query, { size: 10 });
    expect(entries.map((e) => [e.candidateId, e.fitTier])).toEqual([
      [oneMust.id, 4],
      [niceOnly.id, 4],
    ]);
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

  /** Candidates with identical facts under different ids, so only the final tie-break can order them. */
  const tieGroup = (n: number, overrides: Parameters<typeof candidate>[0] = {}) =>
    Array.from({ length: n }, () => candidate(overrides));

  /** Fisher-Yates driven by generated numbers, so fast-check can reach (and shrink to) any permutation. */
  function permute<T>(xs: readonly T[], swaps: readonly number[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = swaps[i % swaps.length]! % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  it('property: the same input in any order gives the same list, ties included', () => {
    const input = fc
      .record({
        xs: fc.array(fc.tuple(arbitraryCandidate, fc.integer({ min: 1, max: 4 })), { maxLength: 8 }),
        ids: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 40, maxLength: 40 }),
        strategy: fc.constantFrom('fit-first' as const, 'weighted' as const),
        rotation: fc.boolean(),
        size: fc.integer({ min: 1, max: 12 }),
      })
      .chain((x) =>
        fc.tuple(
          fc.constant(x),
          fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), { minLength: 4, maxLength: 4 }),
        ),
      );
    fc.assert(
      fc.property(input, ([{ xs, ids, strategy, rotation, size }, swaps]) => {
        // Each generated profile appears 1-4 times, and two fixed groups always tie: one on the list (it fits
        // every order here) and one among the near misses (beyond the radius).
        const profiles = [
          ...xs.flatMap(([x, copies]) => Array.from({ length: copies }, () => build([x])[0]!)),
          ...tieGroup(3),
          ...tieGroup(3, { location: north(AARHUS_C, 17) }),
        ];
        // Ids share no pattern with the input order, so sorting by position can not pass for sorting by id.
        const cs = profiles.map((c, i) => ({ ...c, id: ids[i]!, externalId: `ext-${ids[i]}` }));
        const { facts, query } = setup(cs, order({ jobrotation: rotation, rankingStrategy: strategy }));
        const expected = rankCandidates(facts, query, { size, nearMissLimit: size });
        const ties = (a: RankedEntry, b: RankedEntry) =>
          a.candidateId !== b.candidateId &&
          compareEntries(strategy)({ ...a, candidateId: '' }, { ...b, candidateId: '' }) === 0;
        // The fixed group makes a tie on the list certain, so a missing tie-break has something to get wrong.
        const all = rankCandidates(facts, query, { size: 1000, nearMissLimit: 1000 });
        expect(all.entries.some((a) => all.entries.some((b) => ties(a, b)))).toBe(true);
        for (const permutation of [...swaps.map((s) => permute(facts, s)), [...facts].reverse()]) {
          const got = rankCandidates(permutation, query, { size, nearMissLimit: size });
          expect(got.entries).toEqual(expected.entries);
          expect(got.nearMisses).toEqual(expected.nearMisses);
          expect(got.candidatesConsidered).toBe(expected.candidatesConsidered);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: pruning while ranking never changes the list (against scoring every candidate fully)', () => {
    // Mostly in reach and mostly fitting, so both lists fill far past the point where their bars are set.
    const dense = fc.record({
      km: fc.double({ min: 0, max: 21, noNaN: true }),
      since: fc.oneof(
        fc.date({ min: new Date('2023-01-01'), max: new Date('2026-06-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2026-06-01'), max: new Date('2027-06-01'), noInvalidDate: true }),
      ),
      benefit: fc.constantFrom('dagpenge', 'dagpenge', 'dagpenge', 'kontanthjaelp', 'uddannelseshjaelp'),
      competences: fc.subarray(['truckcertifikat', 'lagerstyring', 'plukning', 'WMS'], { minLength: 1 }),
      hours: fc.constantFrom(20, 30, 37, 37),
      schemes: fc.constantFrom<string[]>([], [], [], ['loentilskud'], ['svu']),
      // Ids in no relation to arrival order: with ids rising along the stream, the early candidates win every
      // tie and dropping the late ones would go unseen.
      tag: fc.nat(),
    });
    fc.assert(
      fc.property(
        // Unbiased: fast-check's bias towards edge values would make whole runs of one profile that never
        // fills one of the lists.
        fc.noBias(fc.array(dense, { minLength: 600, maxLength: 800 })),
        fc.constantFrom('fit-first' as const, 'weighted' as const),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (xs, strategy, rotation, size, nearMissLimit) => {
          const cs = build(xs).map((c, i) => ({ ...c, id: `p-${xs[i]!.tag.toString(36)}-${i}` }));
          const { facts, query } = setup(cs, order({ jobrotation: rotation, rankingStrategy: strategy }));

          const ranker = new ShortlistRanker(query, { size, nearMissLimit });
          let afterEntryBar = 0;
          let afterNearMissBar = 0;
          for (const c of facts) {
            const { entries, nearMisses } = ranker.barsSet;
            if (entries) afterEntryBar++;
            if (nearMisses) afterNearMissBar++;
            ranker.add(c);
          }
          const ranked = ranker.result();
          // Without this the property is vacuous: below the bars nothing is ever pruned.
          expect(afterEntryBar).toBeGreaterThan(100);
          expect(afterNearMissBar).toBeGreaterThan(100);

          const entries: RankedEntry[] = [];
          const nearMisses: RankedNearMiss[] = [];
          for (const c of facts) {
            const r = evaluateCandidate(c, query);
            if (r.kind === 'entry') entries.push(r.entry);
            if (r.kind === 'nearMiss') nearMisses.push(r.nearMiss);
          }
          entries.sort(
            compareEntries(
              query.strategy,
              query.mustHave.map((p) => p.label),
            ),
          );
          nearMisses.sort((a, b) => b.competence - a.competence || (a.candidateId < b.candidateId ? -1 : 1));
          expect(ranked.entries).toEqual(entries.slice(0, size).map((e, i) => ({ rank: i + 1, ...e })));
          expect(ranked.nearMisses).toEqual(nearMisses.slice(0, nearMissLimit));
          expect(ranked.candidatesConsidered).toBe(facts.length);
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

describe('relevance condition', () => {
  const cleaning = order({
    title: 'Medarbejder',
    tasks: 'Rengøring af kontorer',
    mustHave: ['truckcertifikat'],
    niceToHave: [],
  });
  // Writes the order's title and task words, and nothing of its must-have or anything related to it.
  const commonWordsOnly = () =>
    candidate({
      competences: ['rengøring'],
      experience: [{ title: 'Medarbejder', description: 'Rengøring af kontorer' }],
      unemployedSince: '2020-01-15',
    });

  it('an order with phrases: words of its title and tasks alone never make a candidate relevant', () => {
    const { facts, query } = setup([commonWordsOnly()], cleaning);
    expect(relevantCompetenceFit(facts[0]!, query)).toBeNull();
    expect(rankCandidates(facts, query, { size: 10 }).entries).toEqual([]);
  });

  it('an order without phrases: the text decides, as before', () => {
    const { facts, query } = setup([commonWordsOnly()], { ...cleaning, mustHave: [] });
    expect(relevantCompetenceFit(facts[0]!, query)?.text).toBeGreaterThan(0);
    expect(rankCandidates(facts, query, { size: 10 }).entries).toHaveLength(1);
  });

  it('beside someone who meets the must-have, the common words alone give no place on the list', () => {
    const { facts, query } = setup([commonWordsOnly(), candidate()], cleaning);
    const ranked = rankCandidates(facts, query, { size: 10 });
    expect(ranked.entries.map((e) => e.candidateId)).toEqual([facts[1]!.id]);
  });
});
