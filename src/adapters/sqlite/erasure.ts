import type { CandidateErasure } from '../../ports/erasure.ts';
import { ERASED_BUNDLE_ERROR } from '../shared/bundle-rows.ts';
import { newId } from '../shared/ids.ts';
import { parseJson } from '../shared/json.ts';
import type { SqliteDatabase } from './connection.ts';

const SQL = {
  candidacies:
    'UPDATE workflow_entries SET candidate_id = ?, note = NULL, company_reason = NULL WHERE candidate_id = ?',
  events: 'UPDATE workflow_events SET candidate_id = ?, note = NULL WHERE candidate_id = ?',
  placementIds: 'SELECT id FROM placements WHERE candidate_id = ?',
  placements: 'UPDATE placements SET candidate_id = ? WHERE candidate_id = ?',
  outcomeNotes: 'UPDATE placement_outcomes SET note = NULL WHERE placement_id = ?',
  contactReleases: 'DELETE FROM contact_releases WHERE candidate_id = ?',
  audit: 'UPDATE audit_log SET candidate_id = ? WHERE candidate_id = ?',
  // The id itself, not any id it is a part of: a bundle of someone else must keep its PDF.
  bundles: `SELECT id, candidate_ids_json FROM bundles
    WHERE EXISTS (SELECT 1 FROM json_each(candidate_ids_json) WHERE value = ?)`,
  eraseBundle: `UPDATE bundles SET status = 'erased', pdf = NULL, pdf_bytes = NULL, candidate_ids_json = ?,
    error = ? WHERE id = ?`,
} as const;

/** Anonymises a candidate in every table that keeps a trace of them, in one IMMEDIATE transaction. */
export class SqliteCandidateErasure implements CandidateErasure {
  constructor(private readonly db: SqliteDatabase) {}

  async anonymise(candidateId: string): Promise<number> {
    const q = <R = unknown>(sql: string) => this.db.statement<unknown[], R>(sql);
    const anon = `erased:${newId()}`;
    const run = this.db.transaction(() => {
      let touched = 0;
      touched += q(SQL.candidacies).run(anon, candidateId).changes;
      touched += q(SQL.events).run(anon, candidateId).changes;
      const placementIds = q<{ id: string }>(SQL.placementIds).all(candidateId);
      touched += q(SQL.placements).run(anon, candidateId).changes;
      for (const p of placementIds) q(SQL.outcomeNotes).run(p.id);
      touched += q(SQL.contactReleases).run(candidateId).changes;
      touched += q(SQL.audit).run(anon, candidateId).changes;
      // A rendered bundle is a copy of the CV: it goes, and the bundle says why.
      for (const b of q<{ id: string; candidate_ids_json: string }>(SQL.bundles).all(candidateId)) {
        const ids = parseJson<string[]>(b.candidate_ids_json).map((id) => (id === candidateId ? anon : id));
        touched += q(SQL.eraseBundle).run(JSON.stringify(ids), ERASED_BUNDLE_ERROR, b.id).changes;
      }
      return touched;
    });
    return run.immediate();
  }
}
