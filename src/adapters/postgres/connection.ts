import pg from 'pg';
import type { StoreDatabase } from '../../ports/stores.ts';
import { migrate } from './migrations.ts';

export interface PostgresOptions {
  connectionString: string;
  /** Connections in the pool; each API or worker process holds its own pool. */
  poolSize?: number;
  /** The schema the stores' tables live in (search_path); default: the server's default (public). */
  schema?: string;
}

/** A client inside a transaction, or the pool: both answer query(). */
export type Queryable = Pick<pg.PoolClient, 'query'>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * A pg.Pool under every store of this family. Unlike SQLite, statements of different requests interleave, so a
 * store that must see and write atomically runs inside transaction().
 */
export class PostgresDatabase implements StoreDatabase {
  readonly pool: pg.Pool;
  /** How the pool connects: for a connection of its own outside the pool (LISTEN holds one for good). */
  readonly clientConfig: pg.ClientConfig;
  private migrated = false;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`not a plain schema name: ${options.schema}`);
    }
    this.clientConfig = {
      connectionString: options.connectionString,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    };
    this.pool = new pg.Pool({ ...this.clientConfig, max: options.poolSize ?? 10 });
    // An idle connection the server dropped (a restart, a failover, an admin's pg_terminate_backend) leaves the
    // pool by itself and the next query opens a new one; unheard, the event would end the process.
    this.pool.on('error', () => {});
  }

  async migrate(): Promise<void> {
    await migrate(this.pool);
    this.migrated = true;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** The pool, once migrated: before migrate() a store says so, rather than "relation does not exist". */
  get db(): Queryable {
    this.assertMigrated();
    return this.pool;
  }

  /** Runs fn in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  async transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    this.assertMigrated();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private assertMigrated(): void {
    if (!this.migrated) throw new Error('PostgreSQL stores: call migrate() before using a store');
  }
}

export const now = (): string => new Date().toISOString();
