import type { RuleSet } from '../../scoring/eligibility.ts';
import { type ScorableCandidate, toCandidateFacts } from '../../scoring/facts.ts';
import { prepareQuery, type ScoringOrder } from '../../scoring/query.ts';
import { activeTaxonomy } from '../../scoring/taxonomy/active.ts';
import type { Taxonomy } from '../../scoring/taxonomy/taxonomy.ts';
import { Vocabulary } from '../../scoring/vocabulary.ts';
import { loadRuleSet } from '../../src/rulesets/load.ts';

export const AARHUS_C = { lat: 56.1508, lon: 10.1994 };

/** A point `km` kilometres due north of `from` (1° latitude ≈ 111.2 km on the haversine sphere). */
export function north(from: { lat: number; lon: number }, km: number) {
  return { lat: from.lat + km / 111.195, lon: from.lon };
}

export const defaultRuleSet: RuleSet = loadRuleSet('default');

export function order(overrides: Partial<ScoringOrder> = {}): ScoringOrder {
  return {
    title: 'Lagermedarbejder',
    tasks: 'Plukning, pakning og varemodtagelse',
    mustHave: ['truckcertifikat'],
    niceToHave: ['lagerstyring'],
    weeklyHours: 30,
    period: { from: '2027-01-04', to: '2027-06-30' },
    location: AARHUS_C,
    radiusKm: { full: 10, max: 15 },
    jobrotation: true,
    rankingStrategy: 'fit-first',
    ...overrides,
  };
}

let seq = 0;
export function candidate(overrides: Partial<ScorableCandidate> = {}): ScorableCandidate {
  seq++;
  return {
    id: `c-${String(seq).padStart(5, '0')}`,
    externalId: `ext-${seq}`,
    jobcenter: '751',
    location: north(AARHUS_C, 3),
    unemployedSince: '2026-01-15',
    benefit: 'dagpenge',
    weeklyHours: 37,
    competences: ['Truckcertifikat B', 'lagerstyring', 'plukning'],
    experience: [{ title: 'Lagermedarbejder', description: 'Plukning og pakning på lager' }],
    ...overrides,
  };
}

export function setup(
  candidates: ScorableCandidate[],
  o: ScoringOrder = order(),
  ruleSet = defaultRuleSet,
  taxonomy: Taxonomy = activeTaxonomy(),
) {
  const vocabulary = new Vocabulary();
  const facts = candidates.map((c) => {
    const f = toCandidateFacts(c, vocabulary, taxonomy);
    vocabulary.addDocument(f.terms);
    return f;
  });
  const query = prepareQuery(o, ruleSet, vocabulary, taxonomy);
  return { vocabulary, facts, query };
}
