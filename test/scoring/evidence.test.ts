import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchFactsFor } from '../../indexer/facts.ts';
import { evidenceFor, findTogether } from '../../scoring/evidence.ts';
import { proveEntry } from '../../scoring/prove.ts';
import { prepareQuery } from '../../scoring/query.ts';
import { rankCandidates } from '../../scoring/rank.ts';
import { activeTaxonomy } from '../../scoring/taxonomy/active.ts';
import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { generateCandidates } from '../../src/demo/generate.ts';
import { generateJobOrders } from '../../src/demo/job-orders.ts';
import { type Candidate, candidateInput } from '../../src/domain/candidate.ts';
import { type JobOrder, jobOrderInput } from '../../src/domain/job-order.ts';
import type { CandidateSearchFacts } from '../../src/ports/candidates.ts';
import { loadRuleSet } from '../../src/rulesets/load.ts';

const TODAY = '2026-12-01';

/** Every text of a candidate the evidence may point into, by field name. */
function fieldTexts(c: Candidate): Record<string, string[]> {
  return {
    competences: c.competences ?? [],
    languages: c.languages ?? [],
    driversLicences: (c.driversLicences ?? []).map((k) => `kørekort ${k}`),
    'experience.title': (c.experience ?? []).map((e) => e.title),
    'experience.description': (c.experience ?? []).flatMap((e) => (e.description ? [e.description] : [])),
    educations: (c.educations ?? []).map((e) => e.title),
    cvText: c.cvText ? [c.cvText] : [],
  };
}

/** Everyone in an order's reach, ranked as the worker ranks them before proving. */
async function rankFor(index: EmbeddedCandidateIndex, order: JobOrder, size: number) {
  const retrieval = await index.retrieve({
    location: order.location,
    radiusKm: order.radiusKm.max + 5,
    homeJobcentre: [order.jobcenter],
    sharingJobcentre: '*',
    terms: [],
    limit: 5000,
  });
  const query = prepareQuery(order, loadRuleSet(order.ruleSet), retrieval.vocabulary, activeTaxonomy());
  return { query, entries: rankCandidates(retrieval.candidates, query, { size }).entries };
}

describe('evidence', () => {
  const index = new EmbeddedCandidateIndex();
  const byId = new Map<string, { candidate: Candidate; facts: CandidateSearchFacts }>();
  const orders: JobOrder[] = [];

  beforeAll(async () => {
    const docs = [];
    let n = 0;
    for (const raw of generateCandidates(2500, { seed: 11, today: TODAY })) {
      const candidate = candidateInput.parse(raw);
      const facts = searchFactsFor(candidate);
      const id = `c${n++}`;
      byId.set(id, { candidate, facts });
      docs.push({ id, jobcenter: candidate.jobcenter, externalId: candidate.externalId, facts });
    }
    await index.upsert(docs);
    for (const o of generateJobOrders(40, { seed: 5, today: TODAY })) orders.push(jobOrderInput.parse(o));
  });

  it('property: every matched phrase has evidence, in the field it names, in the words the candidate wrote', async () => {
    let claims = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 5, max: 40 }),
        async (which, size) => {
          const order = orders[which]!;
          const { query, entries } = await rankFor(index, order, size);
          for (const entry of entries) {
            const { candidate, facts } = byId.get(entry.candidateId)!;
            const proven = proveEntry(entry, query, { ...candidate, concepts: facts.concepts ?? [] });
            for (const phrase of proven.matched) {
              const items = proven.evidence!.filter((e) => e.phrase === phrase);
              expect(items.length, `${phrase} for ${entry.candidateId}`).toBeGreaterThan(0);
              for (const item of items) {
                const texts = fieldTexts(candidate)[item.field]!;
                expect(
                  texts.some((t) => t.includes(item.foundAs)),
                  `${item.foundAs} in ${item.field}`,
                ).toBe(true);
              }
              claims++;
            }
            // The explanation's "Har …" names only what was proven.
            for (const phrase of entry.matched.filter((m) => !proven.matched.includes(m))) {
              expect(proven.missing).toContain(phrase);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
    // Without this the property could pass by never claiming anything.
    expect(claims).toBeGreaterThan(50);
  });

  it('says which related competence put someone who misses a phrase on the list, with its evidence', async () => {
    const order = jobOrderInput.parse({
      ...[...generateJobOrders(1, { seed: 5, today: TODAY })][0]!,
      mustHave: ['truckcertifikat'],
      niceToHave: [],
      jobrotation: false,
      driversLicence: undefined,
    });
    const raw = [...generateCandidates(1, { seed: 12, today: TODAY })][0]!;
    const candidate = candidateInput.parse({
      ...raw,
      jobcenter: order.jobcenter,
      consent: { searchable: true, shareWithPool: true, contactByCompany: false },
      postalCode: order.postalCode,
      location: undefined,
      competences: ['Lift-certifikat', 'rengøring'],
      experience: [],
      educations: [],
      cvText: undefined,
      weeklyHours: 37,
      availableFrom: undefined,
      unavailable: [],
      driversLicences: [],
    });
    const one = new EmbeddedCandidateIndex();
    const facts = searchFactsFor(candidate);
    await one.upsert([
      { id: 'lift', jobcenter: candidate.jobcenter, externalId: candidate.externalId, facts },
    ]);
    const { query, entries } = await rankFor(one, order, 5);
    const [entry] = entries;
    const proven = proveEntry(entry!, query, { ...candidate, concepts: facts.concepts ?? [] });
    expect(proven.matched).toEqual([]);
    expect(proven.explanation).toMatch(
      /^Mangler truckcertifikat \(har det beslægtede liftcertifikat, fundet som 'Lift-certifikat' under Kompetencer\)\./,
    );
  });

  it('drops a claim the record cannot back, instead of making it without evidence', () => {
    const taxonomy = activeTaxonomy();
    const understandings = new Map([
      [
        'truckcertifikat',
        { phrase: 'truckcertifikat', concepts: ['truckcertifikat'], words: [], framing: [] },
      ],
      ['tagarbejde', { phrase: 'tagarbejde', concepts: [], words: ['tagarbejd'], framing: [] }],
    ]);
    const { evidence, unproven } = evidenceFor(
      ['truckcertifikat', 'tagarbejde'],
      understandings,
      {
        competences: ['rengøring'],
        cvText: 'Har arbejdet med tagrender og erfaring fra lager',
        concepts: [],
      },
      taxonomy,
    );
    expect(evidence).toEqual([]);
    expect(unproven).toEqual(['truckcertifikat', 'tagarbejde']);
  });

  it("does not take words from a clause that is not the person's own experience", () => {
    const words = ['stillads', 'montag'];
    expect(findTogether('Jeg har aldrig prøvet stillads montage.', words)).toBeNull();
    expect(findTogether('Ønsker at lære stillads montage', words)).toBeNull();
    expect(findTogether('Min bror laver stillads montage', words)).toBeNull();
    // The same words in an own clause after the negated one still count.
    expect(findTogether('Ingen erfaring med kraner. Har lavet stillads montage i 3 år', words)).toBe(
      'stillads montage',
    );
    expect(findTogether('Aldrig prøvet det. Stilladsmontage på boligbyggeri', ['stillads', 'montag'])).toBe(
      'Stilladsmontage',
    );
  });

  it('returns the words found whole when a decomposed letter stands before them', () => {
    // 'på' with a combining ring: one character longer than its NFC form.
    expect(findTogether('Arbejdede pa\u030A taget med tagarbejde', ['tagarbejd'])).toBe('tagarbejde');
  });

  it('finds words standing together, written apart, hyphenated or as one compound', () => {
    const taxonomy = activeTaxonomy();
    const u = new Map([
      ['tagarbejde', { phrase: 'tagarbejde', concepts: [], words: ['tagarbejd'], framing: [] }],
    ]);
    for (const [text, foundAs] of [
      ['Udført tagarbejde på parcelhuse', 'tagarbejde'],
      ['Tag-arbejde og facader', 'Tag-arbejde'],
    ] as const) {
      const { evidence } = evidenceFor(['tagarbejde'], u, { cvText: text, concepts: [] }, taxonomy);
      expect(evidence).toEqual([
        { phrase: 'tagarbejde', concept: null, conceptLabel: null, foundAs, field: 'cvText' },
      ]);
    }
  });
});
