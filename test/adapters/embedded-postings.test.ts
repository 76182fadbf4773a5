import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchFactsFor } from '../../indexer/facts.ts';
import { prepareQuery } from '../../scoring/query.ts';
import { rankCandidates, rankFromPostings } from '../../scoring/rank.ts';
import { activeTaxonomy } from '../../scoring/taxonomy/active.ts';
import { EmbeddedCandidateIndex } from '../../src/adapters/embedded-index/embedded-candidate-index.ts';
import { generateCandidates } from '../../src/demo/generate.ts';
import { generateJobOrders } from '../../src/demo/job-orders.ts';
import { candidateInput } from '../../src/domain/candidate.ts';
import { type JobOrder, jobOrderInput } from '../../src/domain/job-order.ts';
import { loadRuleSet } from '../../src/rulesets/load.ts';

const TODAY = '2026-12-01';

/**
 * Reading only the candidates posted under an order's terms must give exactly the list a scan of every candidate in
 * reach gives: a candidate holding none of the terms can never be an entry or a near miss.
 */
describe('embedded index postings', () => {
  const index = new EmbeddedCandidateIndex();
  const orders: JobOrder[] = [];

  beforeAll(async () => {
    const docs = [];
    let n = 0;
    for (const raw of generateCandidates(3000, { seed: 7, today: TODAY })) {
      const c = candidateInput.parse(raw);
      docs.push({
        id: `c${n++}`,
        jobcenter: c.jobcenter,
        externalId: c.externalId,
        facts: searchFactsFor(c),
      });
    }
    await index.upsert(docs);
    // Some replaced and some removed, so the postings hold dead slots the reader must skip.
    await index.upsert(
      docs.slice(0, 200).map((d) => ({ ...d, facts: { ...d.facts, terms: d.facts.terms.slice(1) } })),
    );
    await index.remove(docs.slice(200, 300).map((d) => d.id));
    for (const o of generateJobOrders(30, { seed: 3, today: TODAY })) orders.push(jobOrderInput.parse(o));
  });

  it('property: the list from the postings equals the list from scanning every candidate in reach', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 29 }),
        fc.constantFrom('fit-first' as const, 'weighted' as const),
        fc.constantFrom<'own' | 'all'>('own', 'all'),
        fc.integer({ min: 1, max: 30 }),
        async (which, strategy, scope, size) => {
          const order = orders[which]!;
          const retrieval = await index.retrieve({
            location: order.location,
            radiusKm: order.radiusKm.max + 5,
            homeJobcentre: [order.jobcenter],
            sharingJobcentre: scope === 'all' ? '*' : [],
            terms: [],
            limit: 5000,
          });
          const query = prepareQuery(
            order,
            loadRuleSet(order.ruleSet),
            retrieval.vocabulary,
            activeTaxonomy(),
            strategy,
          );
          const scanned = rankCandidates(retrieval.candidates, query, { size });
          const posted = rankCandidates(retrieval.holding!(query.queryTerms), query, { size });
          expect(posted.entries).toEqual(scanned.entries);
          expect(posted.nearMisses).toEqual(scanned.nearMisses);
          expect(posted.candidatesConsidered).toBeLessThanOrEqual(scanned.candidatesConsidered);
          // Only the holders of the phrases' terms: the common words of the title and tasks are not read.
          const selective = rankFromPostings(retrieval, query, { size });
          expect(selective.entries).toEqual(scanned.entries);
          expect(selective.nearMisses).toEqual(scanned.nearMisses);
          expect(selective.candidatesConsidered).toBeLessThanOrEqual(posted.candidatesConsidered);
        },
      ),
      { numRuns: 60 },
    );
  });
});
