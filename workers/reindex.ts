import { searchFactsFor } from '../indexer/facts.ts';
import { toIndexDocument } from '../indexer/import.ts';
import { activeTaxonomy } from '../scoring/taxonomy/active.ts';
import type { CandidateIndex } from '../src/ports/candidate-index.ts';
import type { CandidateRecord, CandidateSearchFacts, CandidateStore } from '../src/ports/candidates.ts';

/**
 * The facts as the configured taxonomy sees them: facts stored under another taxonomy (or before concepts
 * existed) are derived again from the record, so a taxonomy change takes effect at the next start.
 */
export function currentFacts(r: CandidateRecord): CandidateSearchFacts {
  const taxonomy = activeTaxonomy();
  return r.facts.taxonomyVersion === taxonomy.version ? r.facts : searchFactsFor(r.candidate, taxonomy);
}

/**
 * Fills an index from the Store: the `reindex` job for any index, and the start-up build of the in-process one.
 * Only complete, searchable candidates go in, the same rule as the import path and the change feed.
 */
export async function rebuildIndex(
  candidates: CandidateStore,
  index: CandidateIndex,
  onProgress?: (n: number) => void,
): Promise<number> {
  await index.clear();
  let n = 0;
  for await (const batch of candidates.scan(5000)) {
    const docs = batch
      .filter((r) => r.incomplete.length === 0 && r.facts.searchable)
      .map((r) => toIndexDocument(r.id, { ...r, facts: currentFacts(r), incomplete: r.incomplete }));
    await index.upsert(docs);
    n += batch.length;
    onProgress?.(n);
  }
  return n;
}
