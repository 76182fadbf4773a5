import { toIndexDocument } from '../indexer/import.ts';
import type { CandidateIndex } from '../src/ports/candidate-index.ts';
import type { CandidateStore } from '../src/ports/candidates.ts';

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
      .map((r) => toIndexDocument(r.id, { ...r, incomplete: r.incomplete }));
    await index.upsert(docs);
    n += batch.length;
    onProgress?.(n);
  }
  return n;
}
