import type { Pool, PoolStore } from '../../ports/pools.ts';
import { newId } from '../shared/ids.ts';
import { now, type SqliteDatabase } from './connection.ts';

const SQL = {
  insert: 'INSERT INTO pools (id, name, created_at) VALUES (?, ?, ?)',
  addMember: 'INSERT OR IGNORE INTO pool_members (pool_id, jobcenter, added_at) VALUES (?, ?, ?)',
  removeMember: 'DELETE FROM pool_members WHERE pool_id = ? AND jobcenter = ?',
  get: 'SELECT * FROM pools WHERE id = ?',
  members: 'SELECT jobcenter FROM pool_members WHERE pool_id = ? ORDER BY jobcenter',
  all: 'SELECT id FROM pools ORDER BY created_at, id',
  of: `SELECT p.id FROM pools p JOIN pool_members m ON m.pool_id = p.id WHERE m.jobcenter = ?
    ORDER BY p.created_at, p.id`,
  partners: `SELECT DISTINCT other.jobcenter FROM pool_members me
      JOIN pool_members other ON other.pool_id = me.pool_id
    WHERE me.jobcenter = ? AND other.jobcenter <> ? ORDER BY other.jobcenter`,
} as const;

export class SqlitePoolStore implements PoolStore {
  constructor(private readonly db: SqliteDatabase) {}

  async create(input: { name: string; members: string[] }): Promise<Pool> {
    const insert = this.db.statement(SQL.insert);
    const add = this.db.statement(SQL.addMember);
    const id = newId();
    const at = now();
    this.db.transaction(() => {
      insert.run(id, input.name, at);
      for (const m of input.members) add.run(id, m, at);
    })();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Pool | undefined> {
    const row = this.db
      .statement<[string], { id: string; name: string; created_at: string }>(SQL.get)
      .get(id);
    if (!row) return undefined;
    const members = this.db
      .statement<[string], { jobcenter: string }>(SQL.members)
      .all(id)
      .map((m) => m.jobcenter);
    return { id: row.id, name: row.name, members, createdAt: row.created_at };
  }

  async list(filter: { jobcenter?: string } = {}): Promise<Pool[]> {
    const ids =
      filter.jobcenter === undefined
        ? this.db.statement<[], { id: string }>(SQL.all).all()
        : this.db.statement<[string], { id: string }>(SQL.of).all(filter.jobcenter);
    const pools: Pool[] = [];
    for (const { id } of ids) {
      const pool = await this.get(id);
      if (pool) pools.push(pool);
    }
    return pools;
  }

  async addMember(poolId: string, jobcenter: string): Promise<Pool | undefined> {
    if (!(await this.get(poolId))) return undefined;
    this.db.statement(SQL.addMember).run(poolId, jobcenter, now());
    return this.get(poolId);
  }

  async removeMember(poolId: string, jobcenter: string): Promise<Pool | undefined> {
    if (!(await this.get(poolId))) return undefined;
    this.db.statement(SQL.removeMember).run(poolId, jobcenter);
    return this.get(poolId);
  }

  async partnersOf(jobcenter: string): Promise<string[]> {
    return this.db
      .statement<[string, string], { jobcenter: string }>(SQL.partners)
      .all(jobcenter, jobcenter)
      .map((r) => r.jobcenter);
  }
}
