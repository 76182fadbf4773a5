import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { IndexDocument } from '../../ports/candidate-index.ts';
import type { CandidateSearchFacts } from '../../ports/candidates.ts';
import { canonicalJson } from './json.ts';

/**
 * Reads the candidate change feed (see migrations-candidate-changes.ts): which candidates changed since a
 * sequence number, with what an index should now hold for each.
 */
export interface CandidateChange {
  candidateId: string;
  seq: number;
  /** factsDigest() of what the index should hold for the candidate now; null: nothing (erased, incomplete or
   * not searchable). */
  digest: string | null;
  /** That document, parsed on demand: a reader that already holds it skips the parse. */
  document: () => IndexDocument | null;
}

/** A short digest of search facts: equal digests, equal facts (the Store serialises them the same way). */
export function factsDigest(facts: CandidateSearchFacts): string {
  return digestOf(canonicalJson(facts));
}

function digestOf(factsJson: string): string {
  return createHash('sha1').update(factsJson).digest('base64');
}

interface ChangeRow {
  candidate_id: string;
  seq: number;
  jobcenter: string | null;
  external_id: string | null;
  facts_json: string | null;
  searchable: number | null;
  incomplete: number | null;
}

/** Reads the feed (the triggers write it), joined to the candidates' current search facts in the same read. */
export class SqliteCandidateChanges {
  private readonly headStatement: Database.Statement<[], { seq: number | null }>;
  private readonly sinceStatement: Database.Statement<[number, number], ChangeRow>;

  constructor(db: Database.Database) {
    this.headStatement = db.prepare('SELECT max(seq) AS seq FROM candidate_changes');
    this.sinceStatement = db.prepare(
      `SELECT ch.candidate_id, ch.seq, c.jobcenter, c.external_id, c.facts_json, c.searchable, c.incomplete
       FROM candidate_changes ch LEFT JOIN candidates c ON c.id = ch.candidate_id
       WHERE ch.seq > ? ORDER BY ch.seq LIMIT ?`,
    );
  }

  /** The sequence number of the latest change; 0 before the first. */
  head(): number {
    return this.headStatement.get()?.seq ?? 0;
  }

  /** Candidates changed after `seq`, oldest change first, each with what the index should now hold for it. */
  since(seq: number, limit: number): CandidateChange[] {
    return this.sinceStatement.all(seq, limit).map((r) => {
      // The same rule as the import path and the rebuild: only complete, searchable candidates are indexed.
      const indexed = r.facts_json !== null && r.searchable === 1 && r.incomplete === 0;
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
    });
  }
}
