import type { StoredCandidate } from '../../domain/candidate.ts';
import type {
  CandidateRecord,
  CandidateSearchFacts,
  CandidateWrite,
  PreparedCandidateWrite,
} from '../../ports/candidates.ts';
import { hashCpr } from './cpr-hash.ts';
import { canonicalJson, parseJson, sha256 } from './json.ts';

/**
 * The candidates table as every SQL store reads and writes it: the row shape, the record it maps to, and a write
 * with everything that does not depend on the stored row already computed. Only the SQL differs per database.
 */
export interface CandidateRow {
  id: string;
  jobcenter: string;
  external_id: string;
  candidate_json: string;
  facts_json: string;
  incomplete_json: string;
  created_at: string;
  updated_at: string;
}

export const CANDIDATE_COLUMNS =
  'id, jobcenter, external_id, candidate_json, facts_json, incomplete_json, created_at, updated_at';

/** The write with its JSON, digest and CPR hash computed: the same for every SQL store. */
export type PreparedCandidate = PreparedCandidateWrite;

export function toCandidateRecord(row: CandidateRow): CandidateRecord {
  return {
    id: row.id,
    jobcenter: row.jobcenter,
    externalId: row.external_id,
    candidate: parseJson<StoredCandidate>(row.candidate_json),
    facts: parseJson<CandidateSearchFacts>(row.facts_json),
    incomplete: parseJson<string[]>(row.incomplete_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function prepareCandidate(w: CandidateWrite, cprKey: Buffer): PreparedCandidate {
  // Defensive: a validated Candidate still holds its CPR, and must not carry it into candidate_json.
  const { cpr: embeddedCpr, ...candidate } = w.candidate as StoredCandidate & { cpr?: unknown };
  const cpr = w.cpr ?? (typeof embeddedCpr === 'string' ? embeddedCpr : undefined);
  const candidateJson = canonicalJson(candidate);
  const factsJson = canonicalJson(w.facts);
  const incompleteJson = JSON.stringify(w.incomplete);
  const name = (candidate as { name?: unknown }).name;
  const benefit = (candidate as { benefit?: unknown }).benefit;
  return {
    jobcenter: w.jobcenter,
    externalId: w.externalId,
    externalIdFold: String(w.externalId).toLowerCase(),
    nameFold: typeof name === 'string' ? name.toLowerCase() : null,
    benefit: typeof benefit === 'string' ? benefit : null,
    searchable: w.facts.searchable,
    incomplete: w.incomplete.length > 0,
    candidateJson,
    factsJson,
    incompleteJson,
    bodyDigest: sha256(`${candidateJson}\n${factsJson}\n${incompleteJson}`),
    cprHash: cpr === undefined ? undefined : hashCpr(cprKey, cpr),
  };
}

/** The content hash stored with a row: its JSON and the CPR hash it ends up with. */
export function candidateContentHash(p: PreparedCandidate, cprHash: string | null): string {
  return sha256(`${p.bodyDigest}\n${cprHash ?? ''}`);
}

/** A LIKE pattern matches the text literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
