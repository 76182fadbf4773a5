import type { CandidateErasure } from '../../ports/erasure.ts';
import { ERASED_BUNDLE_ERROR } from '../shared/bundle-rows.ts';
import { newId } from '../shared/ids.ts';
import type { PostgresDatabase } from './connection.ts';

const SQL = {
  candidacies:
    'UPDATE workflow_entries SET candidate_id = $1, note = NULL, company_reason = NULL WHERE candidate_id = $2',
  events: 'UPDATE workflow_events SET candidate_id = $1, note = NULL WHERE candidate_id = $2',
  outcomeNotes: `UPDATE placement_outcomes SET note = NULL
    WHERE placement_id IN (SELECT id FROM placements WHERE candidate_id = $1)`,
  placements: 'UPDATE placements SET candidate_id = $1 WHERE candidate_id = $2',
  contactReleases: 'DELETE FROM contact_releases WHERE candidate_id = $1',
  audit: 'UPDATE audit_log SET candidate_id = $1 WHERE candidate_id = $2',
  // A rendered bundle is a copy of the CV: it goes, and the bundle says why. The id is replaced in place.
  bundles: `UPDATE bundles SET status = 'erased', pdf = NULL, pdf_bytes = NULL, error = $3,
      candidate_ids_json = (SELECT jsonb_agg(CASE WHEN e = to_jsonb($2::text) THEN to_jsonb($1::text) ELSE e END
        ORDER BY i) FROM jsonb_array_elements(candidate_ids_json) WITH ORDINALITY AS x(e, i))
    WHERE candidate_ids_json @> jsonb_build_array($2::text)`,
} as const;

/**
 * Anonymises a candidate in every table that keeps a trace of them, in one transaction. Each UPDATE locks the rows
 * it changes, so a step or an outcome another host is recording for the person either commits first (and is
 * anonymised here) or waits and then finds no candidacy under the old id.
 */
export class PostgresCandidateErasure implements CandidateErasure {
  constructor(private readonly database: PostgresDatabase) {}

  async anonymise(candidateId: string): Promise<number> {
    const anon = `erased:${newId()}`;
    return this.database.transaction(async (client) => {
      const count = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rowCount ?? 0;
      let touched = 0;
      touched += await count(SQL.candidacies, [anon, candidateId]);
      touched += await count(SQL.events, [anon, candidateId]);
      await client.query(SQL.outcomeNotes, [candidateId]);
      touched += await count(SQL.placements, [anon, candidateId]);
      touched += await count(SQL.contactReleases, [candidateId]);
      touched += await count(SQL.audit, [anon, candidateId]);
      touched += await count(SQL.bundles, [anon, candidateId, ERASED_BUNDLE_ERROR]);
      return touched;
    });
  }
}
