import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { haversineKm } from '../../scoring/geo.ts';
import type {
  CandidateIndex,
  IndexDocument,
  Retrieval,
  RetrievalQuery,
} from '../../src/ports/candidate-index.ts';
import type { CandidateSearchFacts } from '../../src/ports/candidates.ts';

/**
 * What every CandidateIndex must do, through the port only: run it against each adapter so the embedded index
 * and Meilisearch retrieve the same candidates for the same order. `make` returns a fresh, empty index.
 */

const AARHUS = { lat: 56.15, lon: 10.2 };
const KM_PER_DEG_LAT = 111.32;

/** A point `north` and `east` km from Aarhus (flat-earth offsets: fine at these distances). */
function near(north: number, east: number): { lat: number; lon: number } {
  return {
    lat: AARHUS.lat + north / KM_PER_DEG_LAT,
    lon: AARHUS.lon + east / (KM_PER_DEG_LAT * Math.cos((AARHUS.lat * Math.PI) / 180)),
  };
}

function candidate(
  overrides: { id?: string; jobcenter?: string; externalId?: string } & Partial<CandidateSearchFacts> = {},
): IndexDocument {
  const { id, jobcenter, externalId, ...facts } = overrides;
  return {
    id: id ?? randomUUID(),
    jobcenter: jobcenter ?? 'Aarhus',
    externalId: externalId ?? `ext-${Math.random().toString(36).slice(2, 10)}`,
    facts: {
      ...near(1, 1),
      unemployedSince: '2025-09-01',
      benefit: 'dagpenge',
      weeklyHours: 37,
      availableFrom: null,
      unavailable: [],
      activeSchemes: [],
      driversLicences: ['B'],
      maxDistanceKm: null,
      searchable: true,
      shareWithPool: false,
      terms: [
        ['lager', 3],
        ['truckcertifikat', 3],
      ],
      ...facts,
    },
  };
}

function query(overrides: Partial<RetrievalQuery> = {}): RetrievalQuery {
  return {
    location: AARHUS,
    radiusKm: 20,
    homeJobcentre: ['Aarhus'],
    sharingJobcentre: [],
    terms: ['lager', 'truckcertifikat'],
    limit: 1000,
    ...overrides,
  };
}

interface Retrieved {
  id: string;
  externalId: string;
  jobcenter: string;
  lat: number;
  lon: number;
  unemployedSince: string;
  benefit: string;
  weeklyHours: number | null;
  availableFrom: string | null;
  unavailable: Array<{ from: string; to: string }>;
  activeSchemes: string[];
  driversLicences: string[];
  maxDistanceKm: number | null;
  /** Term string -> tf, resolved through the retrieval's vocabulary. */
  terms: Record<string, number>;
  norm: number;
}

/** Copies each candidate as it comes: an adapter may hand out one object and overwrite it on the next step. */
function collect(retrieval: Retrieval): Retrieved[] {
  const out: Retrieved[] = [];
  for (const c of retrieval.candidates) {
    const terms: Record<string, number> = {};
    for (let i = c.termStart; i < c.termEnd; i++) terms[retrieval.vocabulary.term(c.terms[i]!)] = c.tf[i]!;
    out.push({
      id: c.id,
      externalId: c.externalId,
      jobcenter: c.jobcenter,
      lat: c.lat,
      lon: c.lon,
      unemployedSince: c.unemployedSince,
      benefit: c.benefit,
      weeklyHours: c.weeklyHours,
      availableFrom: c.availableFrom,
      unavailable: c.unavailable.map((u) => ({ ...u })),
      activeSchemes: [...c.activeSchemes],
      driversLicences: [...c.driversLicences],
      maxDistanceKm: c.maxDistanceKm,
      terms,
      norm: c.norm,
    });
  }
  return out;
}

export function candidateIndexContract(name: string, make: () => Promise<CandidateIndex>): void {
  describe(`CandidateIndex contract: ${name}`, () => {
    let index: CandidateIndex;

    beforeEach(async () => {
      index = await make();
    });

    afterEach(async () => {
      await index.close();
    });

    const ids = async (q: Partial<RetrievalQuery> = {}) =>
      collect(await index.retrieve(query(q)))
        .map((c) => c.id)
        .sort();

    it('starts empty and answers a ping', async () => {
      await index.ping();
      expect(await index.count()).toBe(0);
      expect(await ids()).toEqual([]);
    });

    it('returns an upserted candidate in range with all its facts', async () => {
      const doc = candidate({
        externalId: 'A-1001',
        ...near(5, -3),
        unemployedSince: '2024-11-15',
        benefit: 'kontanthjaelp',
        weeklyHours: 25,
        availableFrom: '2026-03-01',
        unavailable: [{ from: '2026-07-01', to: '2026-07-21' }],
        activeSchemes: ['virksomhedspraktik'],
        driversLicences: ['B', 'C'],
        maxDistanceKm: 30,
      });
      await index.upsert([doc]);
      const [found, ...rest] = collect(await index.retrieve(query()));
      expect(rest).toEqual([]);
      expect(found).toMatchObject({
        id: doc.id,
        externalId: 'A-1001',
        jobcenter: 'Aarhus',
        unemployedSince: '2024-11-15',
        benefit: 'kontanthjaelp',
        weeklyHours: 25,
        availableFrom: '2026-03-01',
        unavailable: [{ from: '2026-07-01', to: '2026-07-21' }],
        activeSchemes: ['virksomhedspraktik'],
        driversLicences: ['B', 'C'],
        maxDistanceKm: 30,
        terms: { lager: 3, truckcertifikat: 3 },
      });
      expect(found!.lat).toBeCloseTo(doc.facts.lat, 6);
      expect(found!.lon).toBeCloseTo(doc.facts.lon, 6);
    });

    it('keeps each term and its weight, resolvable through the retrieval vocabulary', async () => {
      const doc = candidate({
        terms: [
          ['lager', 3],
          ['truckcertifikat', 2],
          ['≈truckcertifikat', 2],
          ['kørekort', 1.4],
          ['rengøring', 5],
        ],
      });
      await index.upsert([doc]);
      const [found] = collect(await index.retrieve(query()));
      // tf is the weight rounded (at least 1); the norm is the length of the log-scaled tf vector of the words
      // (concept and adjacency terms are matched exactly, never part of the text similarity).
      expect(found!.terms).toEqual({
        lager: 3,
        truckcertifikat: 2,
        '≈truckcertifikat': 2,
        kørekort: 1,
        rengøring: 5,
      });
      const tfs = Object.entries(found!.terms)
        .filter(([term]) => !term.startsWith('≈'))
        .map(([, tf]) => tf);
      expect(found!.norm).toBeCloseTo(Math.sqrt(tfs.reduce((s, tf) => s + Math.log1p(tf) ** 2, 0)), 5);
    });

    it('also returns candidates in range that share no term with the order', async () => {
      const match = candidate();
      const other = candidate({ terms: [['sosuhjælper', 3]] });
      const none = candidate({ terms: [] });
      await index.upsert([match, other, none]);
      expect(await ids()).toEqual([match.id, other.id, none.id].sort());
      expect(await ids({ terms: [] })).toEqual([match.id, other.id, none.id].sort());
    });

    it('narrows to the candidates holding one of the given terms, when the adapter keeps postings', async () => {
      const a = candidate({ terms: [['lager', 3]] });
      const b = candidate({ terms: [['kok', 3]] });
      const far = candidate({ ...near(60, 0), terms: [['lager', 3]] });
      const erased = candidate({ terms: [['lager', 3]] });
      await index.upsert([a, b, far, erased]);
      await index.remove([erased.id]);
      const retrieval = await index.retrieve(query());
      if (!retrieval.holding) return;
      const lager = retrieval.vocabulary.lookup('lager')!;
      const ids = [...retrieval.holding(Uint32Array.of(lager))].map((c) => c.id);
      expect(ids).toEqual([a.id]);
      const none = [...retrieval.holding(new Uint32Array(0))];
      expect(none).toEqual([]);
    });

    it('leaves out candidates beyond the radius', async () => {
      const inside = candidate({ ...near(15, 0) });
      const far = candidate({ ...near(40, 0) });
      await index.upsert([inside, far]);
      expect(await ids({ radiusKm: 20 })).toEqual([inside.id]);
      expect(await ids({ radiusKm: 50 })).toEqual([inside.id, far.id].sort());
    });

    it('measures the radius as a distance, not a bounding box', async () => {
      // Inside the 20 km box around Aarhus but 25 km away diagonally; the other is 15 km away diagonally.
      const corner = candidate({ ...near(17.7, 17.7) });
      const diagonal = candidate({ ...near(-10.6, 10.6) });
      expect(haversineKm(AARHUS.lat, AARHUS.lon, corner.facts.lat, corner.facts.lon)).toBeGreaterThan(24);
      expect(haversineKm(AARHUS.lat, AARHUS.lon, diagonal.facts.lat, diagonal.facts.lon)).toBeLessThan(16);
      await index.upsert([corner, diagonal]);
      expect(await ids({ radiusKm: 20 })).toEqual([diagonal.id]);
      expect(await ids({ radiusKm: 26 })).toEqual([corner.id, diagonal.id].sort());
    });

    describe('scope', () => {
      const home = candidate({ jobcenter: 'Aarhus', shareWithPool: false });
      const homeSharing = candidate({ jobcenter: 'Aarhus', shareWithPool: true });
      const otherPrivate = candidate({ jobcenter: 'Skanderborg', shareWithPool: false });
      const otherSharing = candidate({ jobcenter: 'Skanderborg', shareWithPool: true });
      const thirdSharing = candidate({ jobcenter: 'Favrskov', shareWithPool: true });
      const all = [home, homeSharing, otherPrivate, otherSharing, thirdSharing];

      beforeEach(async () => {
        await index.upsert(all);
      });

      it('returns only the home jobcenter when nothing is shared', async () => {
        expect(await ids({ sharingJobcentre: [] })).toEqual([home.id, homeSharing.id].sort());
      });

      it("adds other jobcentre's consenting candidates when sharing is '*'", async () => {
        expect(await ids({ sharingJobcentre: '*' })).toEqual(
          [home.id, homeSharing.id, otherSharing.id, thirdSharing.id].sort(),
        );
      });

      it('adds consenting candidates of the listed jobcentre only', async () => {
        expect(await ids({ sharingJobcentre: ['Skanderborg'] })).toEqual(
          [home.id, homeSharing.id, otherSharing.id].sort(),
        );
        expect(await ids({ sharingJobcentre: ['Randers'] })).toEqual([home.id, homeSharing.id].sort());
      });

      it('treats every home jobcenter as home, consent or not', async () => {
        expect(await ids({ homeJobcentre: ['Aarhus', 'Skanderborg'] })).toEqual(
          [home.id, homeSharing.id, otherPrivate.id, otherSharing.id].sort(),
        );
      });

      it('returns nothing but consenting candidates without a home jobcenter', async () => {
        expect(await ids({ homeJobcentre: [], sharingJobcentre: '*' })).toEqual(
          [homeSharing.id, otherSharing.id, thirdSharing.id].sort(),
        );
        expect(await ids({ homeJobcentre: [], sharingJobcentre: [] })).toEqual([]);
      });
    });

    it('matches jobcenter names literally, quotes and all', async () => {
      const odd = candidate({ jobcenter: 'Høje-Taastrup "Nord" \\ Øst', shareWithPool: true });
      const plain = candidate({ jobcenter: 'Høje-Taastrup', shareWithPool: true });
      await index.upsert([odd, plain]);
      expect(await ids({ homeJobcentre: ['Høje-Taastrup "Nord" \\ Øst'] })).toEqual([odd.id]);
      expect(await ids({ homeJobcentre: ['Aarhus'], sharingJobcentre: ['Høje-Taastrup'] })).toEqual([
        plain.id,
      ]);
    });

    it('keeps unsearchable candidates out, and takes a candidate out when it stops being searchable', async () => {
      const hidden = candidate({ searchable: false });
      const visible = candidate();
      await index.upsert([hidden, visible]);
      expect(await ids()).toEqual([visible.id]);
      expect(await index.count()).toBe(1);

      await index.upsert([{ ...visible, facts: { ...visible.facts, searchable: false } }]);
      expect(await ids()).toEqual([]);
      expect(await index.count()).toBe(0);

      await index.upsert([visible]);
      expect(await ids()).toEqual([visible.id]);
    });

    it('replaces a candidate upserted again under the same id', async () => {
      const first = candidate({ benefit: 'dagpenge', terms: [['lager', 3]] });
      await index.upsert([first]);
      const second = candidate({
        id: first.id,
        benefit: 'sygedagpenge',
        terms: [['kok', 3]],
        weeklyHours: 20,
      });
      await index.upsert([second]);
      const found = collect(await index.retrieve(query()));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        id: first.id,
        benefit: 'sygedagpenge',
        weeklyHours: 20,
        terms: { kok: 3 },
      });
      expect(await index.count()).toBe(1);
    });

    it('keeps the last of several versions in one batch', async () => {
      const id = randomUUID();
      await index.upsert([candidate({ id, weeklyHours: 10 }), candidate({ id, weeklyHours: 30 })]);
      const found = collect(await index.retrieve(query()));
      expect(found.map((c) => [c.id, c.weeklyHours])).toEqual([[id, 30]]);
      expect(await index.count()).toBe(1);
    });

    it('moves a candidate in and out of range when the location changes', async () => {
      const doc = candidate({ ...near(2, 2) });
      await index.upsert([doc]);
      expect(await ids()).toEqual([doc.id]);

      const moved = { ...doc, facts: { ...doc.facts, ...near(60, 0) } };
      await index.upsert([moved]);
      expect(await ids()).toEqual([]);
      expect(await ids({ location: near(60, 0), radiusKm: 5 })).toEqual([doc.id]);

      await index.upsert([doc]);
      expect(await ids()).toEqual([doc.id]);
      expect(await ids({ location: near(60, 0), radiusKm: 5 })).toEqual([]);
    });

    it('forgets a removed candidate at once', async () => {
      const gone = candidate();
      const kept = candidate();
      await index.upsert([gone, kept]);
      await index.remove([gone.id, randomUUID()]);
      expect(await ids()).toEqual([kept.id]);
      expect(await index.count()).toBe(1);
      await index.remove([]);
      expect(await index.count()).toBe(1);
    });

    it('clears everything and stays usable', async () => {
      await index.upsert([candidate(), candidate(), candidate({ jobcenter: 'Randers' })]);
      await index.clear();
      expect(await index.count()).toBe(0);
      expect(await ids({ sharingJobcentre: '*' })).toEqual([]);
      const again = candidate();
      await index.upsert([again]);
      expect(await ids()).toEqual([again.id]);
    });

    it('counts every searchable candidate, in range or not', async () => {
      const docs = Array.from({ length: 120 }, (_, i) =>
        candidate({
          jobcenter: i % 3 === 0 ? 'Randers' : 'Aarhus',
          ...near(i % 2 === 0 ? 3 : 100, 0),
          searchable: i % 10 !== 9,
        }),
      );
      await index.upsert(docs);
      expect(await index.count()).toBe(108);
      const expected = docs
        .filter((d) => d.facts.searchable && d.jobcenter === 'Aarhus' && d.facts.lat < AARHUS.lat + 0.5)
        .map((d) => d.id)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(await ids()).toEqual(expected);
    });
  });
}
