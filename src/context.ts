import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../scoring/eligibility.ts';
import { useTaxonomy } from '../scoring/taxonomy/active.ts';
import { loadTaxonomy } from '../scoring/taxonomy/load.ts';
import type { Taxonomy } from '../scoring/taxonomy/taxonomy.ts';
import { buildJobHandlers } from '../workers/handlers.ts';
import { rebuildIndex } from '../workers/reindex.ts';
import { BullJobQueue } from './adapters/bullmq/queue.ts';
import { EmbeddedCandidateIndex } from './adapters/embedded-index/embedded-candidate-index.ts';
import { readSnapshot, type SnapshotStamp, writeSnapshot } from './adapters/embedded-index/snapshot.ts';
import { SqliteJobQueue } from './adapters/embedded-queue/sqlite-job-queue.ts';
import { MeiliCandidateIndex } from './adapters/meilisearch/meili-candidate-index.ts';
import { PostgresCandidateChanges } from './adapters/postgres/candidate-changes.ts';
import { openPostgresStores } from './adapters/postgres/stores.ts';
import { SqliteCandidateChanges } from './adapters/sqlite/candidate-changes.ts';
import { ownerOnlyDatabaseFile } from './adapters/sqlite/connection.ts';
import { openSqliteStores } from './adapters/sqlite/stores.ts';
import type { Config } from './config.ts';
import { IndexFollower, StaleFeedPosition } from './index-follower.ts';
import type { JobHandlers } from './jobs/catalog.ts';
import type { CandidateIndex } from './ports/candidate-index.ts';
import type { CandidateChangeFeed } from './ports/change-feed.ts';
import type { JobQueue } from './ports/job-queue.ts';
import type { StoreDatabase, Stores } from './ports/stores.ts';
import { loadRuleSet } from './rulesets/load.ts';

/**
 * The composition root: the one place that picks adapters from the configuration. Routes, handlers and the CLI
 * get ports from here and never import an adapter themselves.
 */
export interface AppContext {
  config: Config;
  /** The system of record, one store per aggregate. */
  stores: Stores;
  /** The database under the stores: readiness and shutdown. */
  database: StoreDatabase;
  index: CandidateIndex;
  queue: JobQueue;
  loadRuleSet: (name: string) => RuleSet;
  /** The competence taxonomy, shipped plus TAXONOMY_DIR, validated at start. */
  taxonomy: Taxonomy;
  handlers: JobHandlers;
  close: () => Promise<void>;
}

/**
 * The CPR hash key: from the environment, or generated once into DATA_DIR (readable by the service user only).
 * With DATABASE_URL the configuration requires it: a key per host would hash one CPR several ways.
 */
export function cprKey(config: Config): Buffer {
  if (config.CPR_HASH_KEY) return Buffer.from(config.CPR_HASH_KEY, 'utf8');
  const file = join(config.DATA_DIR, 'cpr-hash.key');
  if (!existsSync(file)) {
    // Written aside and linked into place: a server and a worker starting together on an empty DATA_DIR must
    // agree on one key, and neither may read a half-written file. link() fails when the other one won.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, randomBytes(32).toString('hex'), { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  }
  // A key file copied in (or left by an older version) with wider permissions is tightened like the databases.
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

function createIndex(config: Config): CandidateIndex {
  if (config.MEILI_URL) {
    return new MeiliCandidateIndex({
      url: config.MEILI_URL,
      apiKey: config.MEILI_KEY,
      indexUid: config.MEILI_INDEX,
    });
  }
  return new EmbeddedCandidateIndex();
}

export interface ContextOptions {
  onIndexProgress?: (n: number) => void;
  /**
   * Errors of the index's change feed outside a request (a lost LISTEN connection, a failed catch-up); it
   * reconnects and tries again by itself. Default: stderr.
   */
  onFeedError?: (error: Error) => void;
  /** Errors of the queue itself (Redis down, the queue database locked); the queue keeps retrying. */
  onQueueError?: (error: Error) => void;
  /** Something the operator should know about the start-up (a data directory tightened); default stderr. */
  onNotice?: (fields: Record<string, unknown>, message: string) => void;
  /**
   * The process only writes candidates (the CLI importer): the in-process index is not built from the Store, since
   * whoever serves shortlists follows the Store's change feed, and a 1M-candidate rebuild would come first.
   */
  writeOnly?: boolean;
  /** How the in-process index came up: loaded from its snapshot (and how much was replayed) or rebuilt. */
  onIndexReady?: (fields: IndexStart) => void;
}

export interface IndexStart {
  source: 'snapshot' | 'rebuild';
  candidates: number;
  /** Changes replayed from the feed after the snapshot. */
  replayed?: number;
  /** Why the snapshot was not used (absent on a first start). */
  snapshotRejected?: string;
  ms: number;
}

const noticeOnStderr = (fields: Record<string, unknown>, message: string) =>
  process.stderr.write(`vikarmatch: ${message} ${JSON.stringify(fields)}\n`);

/**
 * DATA_DIR holds personal data: created 0700, and an existing one this user owns is tightened to 0700 (with a
 * notice, since someone may have opened it on purpose). A directory with the sticky bit (/tmp, say) is shared by
 * design and is left as it is.
 */
export function prepareDataDir(dir: string, notice: NonNullable<ContextOptions['onNotice']>): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  const mode = stat.mode & 0o7777;
  const ours = process.getuid === undefined || stat.uid === process.getuid();
  if ((mode & 0o077) === 0 || !ours || (mode & 0o1000) !== 0) return;
  chmodSync(dir, mode & 0o7700);
  notice(
    { dataDir: dir, from: `0${(mode & 0o777).toString(8)}`, to: `0${(mode & 0o700).toString(8)}` },
    'DATA_DIR was readable by other users: tightened to the service user only',
  );
}

/**
 * Whether this process consumes the queue itself: by default only without Redis. With REDIS_URL the API process
 * only enqueues and `vikar worker` processes consume; IN_PROCESS_WORKERS overrides either way.
 */
export function consumesInProcess(config: Config): boolean {
  return config.IN_PROCESS_WORKERS ?? !config.REDIS_URL;
}

function createQueue(config: Config, onError: ((error: Error) => void) | undefined): JobQueue {
  const report = onError ? { onError } : {};
  if (config.REDIS_URL)
    return new BullJobQueue({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      lockDurationMs: config.QUEUE_LEASE_MS,
      ...report,
    });
  const file = join(config.DATA_DIR, 'queue.db');
  ownerOnlyDatabaseFile(file);
  return new SqliteJobQueue(file, { leaseMs: config.QUEUE_LEASE_MS, ...report });
}

interface OpenedStores {
  stores: Stores;
  database: StoreDatabase;
  /** The feed the in-process index follows: written by the same database as the stores. */
  feed: () => CandidateChangeFeed;
  /** The schema version a snapshot of the in-process index is tied to; absent: no snapshots. */
  schemaVersion?: () => number;
}

/** SQLite in DATA_DIR by default; PostgreSQL with DATABASE_URL (shared by every host). Migrated. */
async function openStores(config: Config): Promise<OpenedStores> {
  if (config.DATABASE_URL) {
    const { database, stores } = openPostgresStores({
      connectionString: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      cprKey: cprKey(config),
    });
    await database.migrate().catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    return {
      stores,
      database,
      feed: () => new PostgresCandidateChanges(database),
    };
  }
  const { database, stores } = openSqliteStores({
    file: join(config.DATA_DIR, 'vikarmatch.db'),
    cprKey: cprKey(config),
  });
  await database.migrate();
  return {
    stores,
    database,
    feed: () => new SqliteCandidateChanges(database.connection),
    schemaVersion: () =>
      (database.connection.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number })
        .v,
  };
}

const feedErrorOnStderr = (error: Error) =>
  process.stderr.write(`vikarmatch: candidate change feed: ${error.message} (retrying)\n`);

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  // Refused before anything is opened: a broken taxonomy must stop the start, not leave a database behind.
  const taxonomy = loadTaxonomy({ dirs: config.TAXONOMY_DIR ? [config.TAXONOMY_DIR] : [] });
  // The one every analysis in this process uses (validation runs deep inside every import path).
  useTaxonomy(taxonomy);
  prepareDataDir(config.DATA_DIR, options.onNotice ?? noticeOnStderr);
  const { database, stores, feed, schemaVersion } = await openStores(config);
  const index = createIndex(config);
  // The in-process index lives in memory: it is loaded from its snapshot (or rebuilt from the Store) at every
  // start, and follows the Store's change feed from there, so candidates written by another process (the API
  // while this is a worker, the CLI importer while this is the server, any process on another host) are in it
  // before the next shortlist.
  const follower =
    index instanceof EmbeddedCandidateIndex
      ? new IndexFollower(index, feed(), (onProgress) => rebuildIndex(stores.candidates, index, onProgress))
      : undefined;
  const snapshot =
    index instanceof EmbeddedCandidateIndex && schemaVersion
      ? {
          file: join(config.DATA_DIR, 'index.snapshot'),
          stamp: { schemaVersion: schemaVersion(), taxonomyVersion: taxonomy.version },
        }
      : undefined;
  const notice = options.onNotice ?? noticeOnStderr;
  let saving: Promise<unknown> = Promise.resolve();
  const save = (onlyIfChanged: boolean) => {
    if (!follower || !snapshot || !(index instanceof EmbeddedCandidateIndex)) return Promise.resolve();
    // Failing to write a cache must not fail the start or the shutdown: the next start rebuilds.
    return follower
      .persist((position) => writeSnapshot(snapshot.file, index, snapshot.stamp, position), onlyIfChanged)
      .catch((error: Error) =>
        notice({ file: snapshot.file, error: error.message }, 'could not write the index snapshot'),
      );
  };
  try {
    // A write-only process (the CLI importer) needs no index: the server picks its writes up from the change feed.
    if (!options.writeOnly) {
      if (follower && index instanceof EmbeddedCandidateIndex) {
        const started = await startIndex(index, follower, snapshot, notice, options.onIndexProgress);
        options.onIndexReady?.(started);
        // Written after the start, not before being ready: until then a restart would simply rebuild again.
        if (started.source === 'rebuild') saving = save(false);
      }
      // Where the feed announces changes (PostgreSQL), the index follows them as they come.
      await follower?.follow(options.onFeedError ?? feedErrorOnStderr);
    }
  } catch (error) {
    await follower?.stop();
    await database.close();
    throw error;
  }
  // What this process writes to the index goes through here, so catching up does not apply it a second time.
  const sharedIndex = follower?.writer ?? index;
  const queue = createQueue(config, options.onQueueError);
  const ruleSetDirs = config.RULESETS_DIR ? [config.RULESETS_DIR] : [];
  const ruleSets = (name: string) => loadRuleSet(name, { dirs: ruleSetDirs });
  const handlers = buildJobHandlers({
    stores,
    index: sharedIndex,
    taxonomy,
    follower,
    loadRuleSet: ruleSets,
    retentionMonths: config.RETENTION_MONTHS,
  });
  return {
    config,
    stores,
    database,
    index: sharedIndex,
    queue,
    loadRuleSet: ruleSets,
    taxonomy,
    handlers,
    close: async () => {
      await follower?.stop();
      await saving;
      // A write-only process never loaded the index: it has no snapshot to write.
      if (!options.writeOnly) await save(true);
      await queue.close();
      await index.close();
      await database.close();
    },
  };
}

/**
 * Brings the in-process index up: from its snapshot when there is a trustworthy one (then only the changes after
 * it are replayed from the feed), otherwise by a rebuild from the Store, saying why the snapshot was not used.
 */
async function startIndex(
  index: EmbeddedCandidateIndex,
  follower: IndexFollower,
  snapshot: { file: string; stamp: SnapshotStamp } | undefined,
  notice: NonNullable<ContextOptions['onNotice']>,
  onProgress: ((n: number) => void) | undefined,
): Promise<IndexStart> {
  const start = performance.now();
  let rejected: string | undefined;
  if (snapshot) {
    const loaded = readSnapshot(snapshot.file, snapshot.stamp);
    if (loaded.ok) {
      index.replaceWith(loaded.index);
      try {
        const replayed = await follower.resume(loaded.feedPosition);
        return {
          source: 'snapshot',
          candidates: await index.count(),
          replayed,
          ms: Math.round(performance.now() - start),
        };
      } catch (error) {
        if (!(error instanceof StaleFeedPosition)) throw error;
        rejected = `stale: ${error.message}`;
      }
    } else if (loaded.reason !== 'missing') {
      rejected = `${loaded.reason}: ${loaded.detail}`;
    }
    if (rejected) {
      notice(
        { file: snapshot.file, reason: rejected },
        'index snapshot not used: rebuilding from the database',
      );
    }
  }
  await follower.rebuild(onProgress);
  return {
    source: 'rebuild',
    candidates: await index.count(),
    ...(rejected ? { snapshotRejected: rejected } : {}),
    ms: Math.round(performance.now() - start),
  };
}
