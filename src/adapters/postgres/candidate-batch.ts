import type { WriteResult } from '../../ports/upsert.ts';
import { candidateContentHash, type PreparedCandidate } from '../shared/candidate-rows.ts';
import { newId } from '../shared/ids.ts';
import type { Queryable } from './connection.ts';

const SQL = {
  // Locked in id order, so two batches touching the same rows queue instead of deadlocking.
  existing: `SELECT c.id, c.jobcenter, c.external_id, c.content_hash, c.cpr_hash FROM candidates c
    JOIN unnest($1::text[], $2::text[]) AS k(jobcenter, external_id)
      ON c.jobcenter = k.jobcenter AND c.external_id = k.external_id
    ORDER BY c.id FOR UPDATE OF c`,
  // DO NOTHING: a key another transaction inserted after the lookup is not returned, and the batch is redone.
  insert: `INSERT INTO candidates (id, jobcenter, external_id, external_id_fold, name_fold, benefit, searchable,
      incomplete, candidate_json, facts_json, incomplete_json, content_hash, cpr_hash, created_at, updated_at)
    SELECT r.*, $14::text, $14::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
      $7::boolean[], $8::boolean[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) AS r
    ON CONFLICT (jobcenter, external_id) DO NOTHING
    RETURNING id`,
  update: `UPDATE candidates AS c SET external_id_fold = u.external_id_fold, name_fold = u.name_fold,
      benefit = u.benefit, searchable = u.searchable, incomplete = u.incomplete, candidate_json = u.candidate_json,
      facts_json = u.facts_json, incomplete_json = u.incomplete_json, content_hash = u.content_hash,
      cpr_hash = u.cpr_hash, updated_at = $12
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[])
      AS u(id, external_id_fold, name_fold, benefit, searchable, incomplete, candidate_json, facts_json,
        incomplete_json, content_hash, cpr_hash)
    WHERE c.id = u.id`,
} as const;

interface Row {
  id: string;
  p: PreparedCandidate;
  contentHash: string;
  cprHash: string | null;
}

const keyOf = (jobcenter: string, externalId: string) => `${jobcenter}\u0000${externalId}`;

/**
 * A batch of candidate writes in three statements whatever its size: one lookup of the keys that exist (locked),
 * one multi-row INSERT, one multi-row UPDATE. Items are resolved in order against what the batch wrote before
 * them, so the results are those of applying them one by one (a key repeated in the batch reports 'created' then
 * 'updated'; a write without a CPR keeps the hash already stored). Undefined when another transaction inserted
 * one of the new keys meanwhile: the caller rolls back to a savepoint and writes row by row.
 */
export async function writeCandidateBatch(
  client: Queryable,
  prepared: PreparedCandidate[],
  at: string,
): Promise<WriteResult[] | undefined> {
  const { rows: found } = await client.query<{
    id: string;
    jobcenter: string;
    external_id: string;
    content_hash: string;
    cpr_hash: string | null;
  }>(SQL.existing, [prepared.map((p) => p.jobcenter), prepared.map((p) => p.externalId)]);
  const stored = new Map(found.map((r) => [keyOf(r.jobcenter, r.external_id), r]));
  const inserts = new Map<string, Row>();
  const updates = new Map<string, Row>();
  const current = new Map<string, { id: string; contentHash: string; cprHash: string | null }>();
  const results: WriteResult[] = [];
  for (const p of prepared) {
    const key = keyOf(p.jobcenter, p.externalId);
    let before = current.get(key);
    if (!before) {
      const row = stored.get(key);
      if (row) before = { id: row.id, contentHash: row.content_hash, cprHash: row.cpr_hash };
    }
    if (!before) {
      const cprHash = p.cprHash ?? null;
      const row: Row = { id: newId(), p, cprHash, contentHash: candidateContentHash(p, cprHash) };
      inserts.set(key, row);
      current.set(key, row);
      results.push({ id: row.id, status: 'created' });
      continue;
    }
    const cprHash = p.cprHash ?? before.cprHash;
    const contentHash = candidateContentHash(p, cprHash);
    if (contentHash === before.contentHash) {
      results.push({ id: before.id, status: 'unchanged' });
      continue;
    }
    const row: Row = { id: before.id, p, cprHash, contentHash };
    // A row this batch inserts is inserted with its last values; one already stored is updated once.
    (inserts.has(key) ? inserts : updates).set(key, row);
    current.set(key, row);
    results.push({ id: before.id, status: 'updated' });
  }
  if (inserts.size > 0) {
    // In key order, so two batches inserting the same new keys take their locks in the same order.
    const rows = [...inserts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    const { rowCount } = await client.query(SQL.insert, [
      rows.map((r) => r.id),
      rows.map((r) => r.p.jobcenter),
      rows.map((r) => r.p.externalId),
      rows.map((r) => r.p.externalIdFold),
      rows.map((r) => r.p.nameFold),
      rows.map((r) => r.p.benefit),
      rows.map((r) => r.p.searchable),
      rows.map((r) => r.p.incomplete),
      rows.map((r) => r.p.candidateJson),
      rows.map((r) => r.p.factsJson),
      rows.map((r) => r.p.incompleteJson),
      rows.map((r) => r.contentHash),
      rows.map((r) => r.cprHash),
      at,
    ]);
    if (rowCount !== rows.length) return undefined;
  }
  if (updates.size > 0) {
    const rows = [...updates.values()];
    await client.query(SQL.update, [
      rows.map((r) => r.id),
      rows.map((r) => r.p.externalIdFold),
      rows.map((r) => r.p.nameFold),
      rows.map((r) => r.p.benefit),
      rows.map((r) => r.p.searchable),
      rows.map((r) => r.p.incomplete),
      rows.map((r) => r.p.candidateJson),
      rows.map((r) => r.p.factsJson),
      rows.map((r) => r.p.incompleteJson),
      rows.map((r) => r.contentHash),
      rows.map((r) => r.cprHash),
      at,
    ]);
  }
  return results;
}
