import type { CandidateIndex } from '../ports/candidate-index.ts';
import type { Stores } from '../ports/stores.ts';

export interface ErasureDeps {
  stores: Pick<Stores, 'candidates' | 'erasure'>;
  index: CandidateIndex;
}

/**
 * GDPR erasure of one candidate: the record (and with it every stored shortlist entry) goes, the index forgets
 * them at once so no later shortlist can find them, and the workflow rows lose the link to the person while their
 * counts stay for the statistics. True when the candidate existed.
 */
export async function eraseCandidate(deps: ErasureDeps, candidateId: string): Promise<boolean> {
  const existed = await deps.stores.candidates.delete(candidateId);
  await deps.index.remove([candidateId]);
  await deps.stores.erasure.anonymise(candidateId);
  return existed;
}
