import pg from 'pg';
import type { CandidateSearchFacts } from '../../ports/candidates.ts';
import type { CandidateChange, CandidateChangeFeed, StopWatching } from '../../ports/change-feed.ts';
import { type CandidateChangeRow, digestFacts, toCandidateChange } from '../shared/candidate-changes.ts';
import type { PostgresDatabase, Queryable } from './connection.ts';

/** One channel per schema (two deployments, or two tests, on one server do not wake each other); always < 64 bytes. */
const CHANNEL = "'vm_changes_' || md5(current_schema())";

const SQL = {
  head: 'SELECT seq::float8 AS seq FROM candidate_change_head',
  since: `SELECT ch.candidate_id, ch.seq::float8 AS seq, c.jobcenter, c.external_id, c.facts_json, c.searchable,
      c.incomplete
    FROM candidate_changes ch LEFT JOIN candidates c ON c.id = ch.candidate_id
    WHERE ch.seq > $1 ORDER BY ch.seq LIMIT $2`,
  // The row lock taken here is held to commit: the next writer gets its numbers only after this one is visible.
  take: 'UPDATE candidate_change_head SET seq = seq + $1 RETURNING seq::float8 AS seq',
  record: `INSERT INTO candidate_changes (candidate_id, seq)
    SELECT id, $2::bigint + ord - 1 FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ord)
    ON CONFLICT (candidate_id) DO UPDATE SET seq = EXCLUDED.seq`,
  // Delivered at commit, and only if it commits.
  notify: `SELECT pg_notify(${CHANNEL}, $1)`,
  channel: `SELECT ${CHANNEL} AS channel`,
} as const;

/**
 * Puts candidates into the change feed, inside the transaction `tx` that changed (or deleted) their rows: call it
 * for every transaction that inserts, updates or deletes rows of `candidates`, as its LAST statement before
 * COMMIT. It takes the feed's counter lock, which serialises the writers of candidates until they commit; taken
 * last, the lock is held for a moment only, and a transaction holding it never waits for a row another writer
 * holds. Ids repeated in the list are recorded once.
 */
export async function recordCandidateChanges(tx: Queryable, candidateIds: readonly string[]): Promise<void> {
  const ids = [...new Set(candidateIds)];
  if (ids.length === 0) return;
  const { rows } = await tx.query<{ seq: number }>(SQL.take, [ids.length]);
  const last = rows[0]!.seq;
  await tx.query(SQL.record, [ids, last - ids.length + 1]);
  await tx.query(SQL.notify, [String(last)]);
}

/** One candidate: see recordCandidateChanges. */
export function recordCandidateChange(tx: Queryable, candidateId: string): Promise<void> {
  return recordCandidateChanges(tx, [candidateId]);
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * The PostgreSQL candidate change feed: the change table is the source of truth, read with the candidates' current
 * search facts in one statement; LISTEN/NOTIFY on a connection of its own only says when to read it.
 */
export class PostgresCandidateChanges implements CandidateChangeFeed {
  constructor(private readonly database: PostgresDatabase) {}

  async head(): Promise<number> {
    return (await this.database.db.query<{ seq: number }>(SQL.head)).rows[0]?.seq ?? 0;
  }

  async since(seq: number, limit: number): Promise<CandidateChange[]> {
    const { rows } = await this.database.db.query<CandidateChangeRow>(SQL.since, [seq, limit]);
    return rows.map(toCandidateChange);
  }

  digest(facts: CandidateSearchFacts): string {
    return digestFacts(facts);
  }

  /**
   * LISTENs on a dedicated connection (a pooled one would be handed to queries, and lose the LISTEN when the pool
   * drops it). When the connection is lost it reconnects with backoff and wakes once connected again, since the
   * notifications sent meanwhile are gone. The first connection must succeed; later failures go to onError.
   */
  async watch(wake: () => void, onError: (error: Error) => void = () => {}): Promise<StopWatching> {
    let stopped = false;
    let current: pg.Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = RECONNECT_MIN_MS;

    const connect = async (): Promise<void> => {
      const client = new pg.Client(this.database.clientConfig);
      // A dropped connection is reported through 'end' below; unheard, 'error' would end the process.
      client.on('error', onError);
      client.on('notification', () => wake());
      try {
        await client.connect();
        const channel = (await client.query<{ channel: string }>(SQL.channel)).rows[0]!.channel;
        await client.query(`LISTEN "${channel}"`);
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      if (stopped) {
        await client.end();
        return;
      }
      current = client;
      delay = RECONNECT_MIN_MS;
      client.once('end', () => {
        if (current === client) current = undefined;
        if (!stopped) retry();
      });
      wake();
    };
    const retry = () => {
      timer = setTimeout(() => {
        timer = undefined;
        connect().catch((error: Error) => {
          onError(error);
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
          if (!stopped) retry();
        });
      }, delay);
      timer.unref();
    };

    await connect();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    };
  }
}
