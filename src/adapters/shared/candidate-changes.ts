import { createHash } from 'node:crypto';
import type { CandidateSearchFacts } from '../../ports/candidates.ts';
import type { CandidateChange } from '../../ports/change-feed.ts';
import { canonicalJson } from './json.ts';

/** A change row joined to the candidate's current columns (all null once the candidate is gone). */
export interface CandidateChangeRow {
  candidate_id: string;
  seq: number;
  jobcenter: string | null;
  external_id: string | null;
  facts_json: string | null;
  searchable: boolean | null;
  incomplete: boolean | null;
}

function digestOf(factsJson: string): string {
  return createHash('sha1').update(factsJson).digest('base64');
}

/** The Store serialises facts canonically, so the digest of the stored JSON equals the digest of the facts. */
export function digestFacts(facts: CandidateSearchFacts): string {
  return digestOf(canonicalJson(facts));
}

/** What an index should hold for the candidate of one change row; shared so both feeds agree to the byte. */
export function toCandidateChange(r: CandidateChangeRow): CandidateChange {
  // The same rule as the import path and the rebuild: only complete, searchable candidates are indexed.
  const indexed = r.facts_json !== null && r.searchable === true && r.incomplete === false;
  if (!indexed) return { candidateId: r.candidate_id, seq: r.seq, digest: null, document: () => null };
  const factsJson = r.facts_json!;
  return {
    candidateId: r.candidate_id,
    seq: r.seq,
    digest: digestOf(factsJson),
    document: () => ({
      id: r.candidate_id,
      jobcenter: r.jobcenter!,
      externalId: r.external_id!,
      facts: JSON.parse(factsJson) as CandidateSearchFacts,
    }),
  };
}
