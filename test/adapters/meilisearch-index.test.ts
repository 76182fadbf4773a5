import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import {
  conceptFilter,
  MeiliCandidateIndex,
  quote,
  retrievalFilter,
  toMeiliDocument,
} from '../../src/adapters/meilisearch/meili-candidate-index.ts';
import type { IndexDocument, RetrievalQuery } from '../../src/ports/candidate-index.ts';
import type { CandidateSearchFacts } from '../../src/ports/candidates.ts';
import { candidateIndexContract } from '../ports/candidate-index.contract.ts';

const url = process.env.MEILI_URL;
const apiKey = process.env.MEILI_API_KEY;
const SKIPPED = 'skipped: set MEILI_URL to run the Meilisearch adapter contract tests';

if (url) {
  // One index per test, all named after this run, so parallel runs and leftovers never collide.
  const run = `vikarmatch_contract_${Date.now()}_${randomUUID().slice(0, 8)}`;
  const created: string[] = [];

  candidateIndexContract('meilisearch', async () => {
    const indexUid = `${run}_${created.length}`;
    created.push(indexUid);
    const index = new MeiliCandidateIndex({ url, ...(apiKey ? { apiKey } : {}), indexUid });
    await index.init();
    return index;
  });

  afterAll(async () => {
    const client = new Meilisearch({ host: url, ...(apiKey ? { apiKey } : {}) });
    await Promise.all(created.map((uid) => client.deleteIndex(uid).waitTask({ timeout: 60_000 })));
  });
} else {
  console.warn(SKIPPED);
  describe.skip(`Meilisearch CandidateIndex contract (${SKIPPED})`, () => {
    it('runs the CandidateIndex contract against a Meilisearch server', () => {});
  });
}

// These need no server: what the adapter sends is checked here, what the server does with it above.
describe('Meilisearch adapter requests', () => {
  const base: RetrievalQuery = {
    location: { lat: 56.15, lon: 10.2 },
    radiusKm: 20.5,
    homeJobcentre: ['Aarhus'],
    sharingJobcentre: [],
    terms: [],
    limit: 100,
  };

  it('filters by radius in meters and by home jobcenter', () => {
    expect(retrievalFilter(base)).toBe(
      '_geoRadius(56.1500000, 10.2000000, 20500) AND (jobcenter IN ["Aarhus"])',
    );
  });

  it('adds consenting candidates of listed jobcentre, or of all with *', () => {
    expect(retrievalFilter({ ...base, sharingJobcentre: ['Favrskov', 'Skanderborg'] })).toBe(
      '_geoRadius(56.1500000, 10.2000000, 20500) AND (jobcenter IN ["Aarhus"] OR ' +
        '(shareWithPool = true AND jobcenter IN ["Favrskov", "Skanderborg"]))',
    );
    expect(retrievalFilter({ ...base, sharingJobcentre: '*' })).toBe(
      '_geoRadius(56.1500000, 10.2000000, 20500) AND (jobcenter IN ["Aarhus"] OR shareWithPool = true)',
    );
    expect(retrievalFilter({ ...base, homeJobcentre: [], sharingJobcentre: [] })).toBeNull();
  });

  it('escapes quotes and backslashes in filter values', () => {
    expect(quote('Høje-Taastrup "Nord" \\ Øst')).toBe('"Høje-Taastrup \\"Nord\\" \\\\ Øst"');
  });

  it('repeats terms by weight (at most three times) and keeps the exact weights', () => {
    const terms: Array<[string, number]> = [
      ['lager', 5],
      ['kok', 1.5],
      ['bager', 1],
    ];
    const doc = toMeiliDocument(sampleDocument({ terms }));
    expect(doc.terms).toBe('lager lager lager kok kok bager');
    expect(doc.termWeights).toEqual(terms);
    expect(doc._geo).toEqual({ lat: 56.15, lng: 10.2 });
  });

  it('stores concept ids as a filterable attribute and keeps concept and adjacency terms out of the search text', () => {
    const doc = toMeiliDocument(
      sampleDocument({
        terms: [
          ['lager', 3],
          ['≈truckcertifikat', 3],
          ['lager+arbejd', 1],
        ],
        concepts: [{ concept: 'truckcertifikat', weight: 3, field: 'competences', foundAs: 'truckkørekort' }],
      }),
    );
    expect(doc.terms).toBe('lager lager lager');
    expect(doc.concepts).toEqual(['truckcertifikat']);
    expect(conceptFilter(['truckcertifikat', 'sap-ewm'])).toBe('concepts IN ["truckcertifikat", "sap-ewm"]');
    expect(conceptFilter([])).toBeNull();
  });

  it('refuses document ids Meilisearch cannot store, before any request', async () => {
    const index = new MeiliCandidateIndex({ url: 'http://127.0.0.1:9', indexUid: 'unused' });
    await expect(index.upsert([{ ...sampleDocument(), id: 'kandidat/1' }])).rejects.toThrow(
      /document id "kandidat\/1" is not valid/,
    );
  });
});

function sampleDocument(facts: Partial<CandidateSearchFacts> = {}): IndexDocument {
  return {
    id: randomUUID(),
    jobcenter: 'Aarhus',
    externalId: 'A-1',
    facts: {
      lat: 56.15,
      lon: 10.2,
      unemployedSince: '2025-01-01',
      benefit: 'dagpenge',
      weeklyHours: 37,
      availableFrom: null,
      unavailable: [],
      activeSchemes: [],
      driversLicences: [],
      maxDistanceKm: null,
      searchable: true,
      shareWithPool: true,
      terms: [],
      ...facts,
    },
  };
}
