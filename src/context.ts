import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toIndexDocument } from '../indexer/import.ts';
import type { RuleSet } from '../scoring/eligibility.ts';
import type { JobHandlers } from '../workers/catalog.ts';
import { runShortlistJob } from '../workers/shortlist.ts';
import { EmbeddedCandidateIndex } from './adapters/embedded-index/index.ts';
import { MeiliCandidateIndex } from './adapters/meilisearch/index.ts';
import { SqliteJobQueue } from './adapters/memory-queue/sqlite-queue.ts';
import { SqliteAccessStore } from './adapters/sqlite/access-store.ts';
import { SqliteStore } from './adapters/sqlite/store.ts';
import type { Config } from './config.ts';
import type { AccessStore } from './ports/access.ts';
import type { CandidateIndex } from './ports/candidate-index.ts';
import type { JobQueue } from './ports/job-queue.ts';
import type { Store } from './ports/store.ts';
import { loadRuleSet } from './rulesets/load.ts';

/**
 * The composition root: the one place that picks adapters from the configuration. Routes, handlers and the CLI
 * get ports from here and never import an adapter themselves.
 */
export interface AppContext {
  config: Config;
  store: Store;
  /** Jobcentre and API tokens; shares the Store's SQLite file. */
  access: AccessStore;
  index: CandidateIndex;
  queue: JobQueue;
  loadRuleSet: (name: string) => RuleSet;
  handlers: JobHandlers;
  close: () => Promise<void>;
}

/** The CPR hash key: from the environment, or generated once into DATA_DIR (readable by the service user only). */
function cprKey(config: Config): Buffer {
  if (config.CPR_HASH_KEY) return Buffer.from(config.CPR_HASH_KEY, 'utf8');
  const file = join(config.DATA_DIR, 'cpr-hash.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
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

/** Fills an index from the Store: at start for the in-process index, and as the `reindex` job for any index. */
export async function rebuildIndex(store: Store, index: CandidateIndex, onProgress?: (n: number) => void) {
  await index.clear();
  let n = 0;
  for await (const batch of store.scanCandidates(5000)) {
    const docs = batch
      .filter((r) => r.incomplete.length === 0 && r.facts.searchable)
      .map((r) => toIndexDocument(r.id, { ...r, incomplete: r.incomplete }));
    await index.upsert(docs);
    n += batch.length;
    onProgress?.(n);
  }
  return n;
}

export interface ContextOptions {
  /** The API process only enqueues when workers run elsewhere; the CLI and the embedded server also consume. */
  onIndexProgress?: (n: number) => void;
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const store = new SqliteStore({ file: join(config.DATA_DIR, 'vikarmatch.db'), cprKey: cprKey(config) });
  await store.migrate();
  const access = new SqliteAccessStore(store.database);
  const index = createIndex(config);
  // The in-process index lives in memory: it is rebuilt from the Store at every start.
  if (index instanceof EmbeddedCandidateIndex) await rebuildIndex(store, index, options.onIndexProgress);
  const queue: JobQueue = new SqliteJobQueue(join(config.DATA_DIR, 'queue.db'));
  const ruleSetDirs = config.RULESETS_DIR ? [config.RULESETS_DIR] : [];
  const ruleSets = (name: string) => loadRuleSet(name, { dirs: ruleSetDirs });
  const handlers: JobHandlers = {
    shortlist: async ({ shortlistId }) =>
      runShortlistJob(shortlistId, { store, index, loadRuleSet: ruleSets }),
    reindex: async () => {
      await rebuildIndex(store, index);
    },
  };
  return {
    config,
    store,
    access,
    index,
    queue,
    loadRuleSet: ruleSets,
    handlers,
    close: async () => {
      await queue.close();
      await index.close();
      await store.close();
    },
  };
}
