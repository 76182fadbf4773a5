import type { Pool, PoolStore } from '../../ports/pools.ts';
import { newId } from '../shared/ids.ts';
import { now, type PostgresDatabase } from './connection.ts';

interface PoolRow {
  id: string;
  name: string;
  created_at: string;
  members: string[];
}

/** A pool with its members sorted, in one row; filter: the WHERE on pools p. */
const poolsWhere = (filter: string) => `SELECT p.id, p.name, p.created_at,
    coalesce(array_agg(m.jobcenter ORDER BY m.jobcenter) FILTER (WHERE m.jobcenter IS NOT NULL), '{}') AS members
  FROM pools p LEFT JOIN pool_members m ON m.pool_id = p.id
  WHERE ${filter}
  GROUP BY p.id
  ORDER BY p.created_at, p.id`;

const SQL = {
  insert: 'INSERT INTO pools (id, name, created_at) VALUES ($1, $2, $3)',
  addMembers: `INSERT INTO pool_members (pool_id, jobcenter, added_at)
    SELECT $1, m, $3 FROM unnest($2::text[]) AS m
    ON CONFLICT (pool_id, jobcenter) DO NOTHING`,
  // Only into a pool that exists: the caller learns "no such pool" from get(), without a foreign key error.
  addMember: `INSERT INTO pool_members (pool_id, jobcenter, added_at) SELECT id, $2, $3 FROM pools WHERE id = $1
    ON CONFLICT (pool_id, jobcenter) DO NOTHING`,
  removeMember: 'DELETE FROM pool_members WHERE pool_id = $1 AND jobcenter = $2',
  get: poolsWhere('p.id = $1'),
  all: poolsWhere('true'),
  of: poolsWhere(
    'EXISTS (SELECT 1 FROM pool_members mine WHERE mine.pool_id = p.id AND mine.jobcenter = $1)',
  ),
  partners: `SELECT DISTINCT other.jobcenter FROM pool_members me
      JOIN pool_members other ON other.pool_id = me.pool_id
    WHERE me.jobcenter = $1 AND other.jobcenter <> $1 ORDER BY other.jobcenter`,
} as const;

const toPool = (r: PoolRow): Pool => ({
  id: r.id,
  name: r.name,
  members: r.members,
  createdAt: r.created_at,
});

export class PostgresPoolStore implements PoolStore {
  constructor(private readonly database: PostgresDatabase) {}

  async create(input: { name: string; members: string[] }): Promise<Pool> {
    const id = newId();
    const at = now();
    await this.database.transaction(async (client) => {
      await client.query(SQL.insert, [id, input.name, at]);
      await client.query(SQL.addMembers, [id, input.members, at]);
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Pool | undefined> {
    const { rows } = await this.database.db.query<PoolRow>(SQL.get, [id]);
    return rows[0] && toPool(rows[0]);
  }

  async list(filter: { jobcenter?: string } = {}): Promise<Pool[]> {
    const { rows } =
      filter.jobcenter === undefined
        ? await this.database.db.query<PoolRow>(SQL.all)
        : await this.database.db.query<PoolRow>(SQL.of, [filter.jobcenter]);
    return rows.map(toPool);
  }

  async addMember(poolId: string, jobcenter: string): Promise<Pool | undefined> {
    await this.database.db.query(SQL.addMember, [poolId, jobcenter, now()]);
    return this.get(poolId);
  }

  async removeMember(poolId: string, jobcenter: string): Promise<Pool | undefined> {
    await this.database.db.query(SQL.removeMember, [poolId, jobcenter]);
    return this.get(poolId);
  }

  async partnersOf(jobcenter: string): Promise<string[]> {
    const { rows } = await this.database.db.query<{ jobcenter: string }>(SQL.partners, [jobcenter]);
    return rows.map((r) => r.jobcenter);
  }
}
