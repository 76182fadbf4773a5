import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoreDatabase } from '../../ports/stores.ts';
import { migrate } from './migrations.ts';

/**
 * The one SQLite file in DATA_DIR that every store of this family shares: one connection, so the stores see each
 * other's writes at once and a transaction may span their tables. better-sqlite3 is synchronous, so every method
 * runs to completion inside its promise and no two writes interleave; WAL lets readers in other processes (a
 * worker) read while this one writes.
 */
export class SqliteDatabase implements StoreDatabase {
  readonly connection: Database.Database;
  private readonly pingStatement: Database.Statement;
  private readonly statements = new Map<string, Database.Statement>();
  private migrated = false;

  /** `file`: a path, or ':memory:' (unit tests of other modules only: WAL and durability need a file). */
  constructor(file: string) {
    if (file !== ':memory:') ownerOnlyDatabaseFile(file);
    const db = new Database(file);
    // Takes effect only on a new file: 8 KiB pages hold a whole candidate row (a few KiB of JSON) without overflow
    // pages, which made imports ~20% faster than the 4 KiB default.
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses at most the last transactions on power loss, never consistency; FULL would fsync
    // every batch of an import.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MiB instead of 2: keeps the id and key indexes of a large candidate table in memory during imports.
    db.pragma('cache_size = -32768');
    this.connection = db;
    this.pingStatement = db.prepare('SELECT 1');
  }

  async migrate(): Promise<void> {
    migrate(this.connection);
    this.migrated = true;
  }

  async ping(): Promise<void> {
    this.pingStatement.get();
  }

  async close(): Promise<void> {
    if (this.connection.open) this.connection.close();
  }

  /**
   * The prepared statement for this SQL, prepared once: the stores' statements run on every request and every
   * import batch. Before migrate() it says so, rather than "no such table".
   */
  statement<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    if (!this.migrated) throw new Error('SQLite stores: call migrate() before using a store');
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): Database.Transaction<(...args: A) => T> {
    return this.connection.transaction(fn);
  }
}

export const now = (): string => new Date().toISOString();

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * A database file readable and writable by the service user only (0600), with its -wal and -shm beside it: the
 * file is created empty with that mode before SQLite opens it (an empty file is a valid database), because SQLite
 * gives the -wal and -shm files it creates later the mode of the database file. Files from an older start are
 * tightened here.
 */
export function ownerOnlyDatabaseFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
