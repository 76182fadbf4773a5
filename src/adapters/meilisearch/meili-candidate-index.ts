import {
  type EnqueuedTask,
  type EnqueuedTaskPromise,
  ErrorStatusCode,
  type Index,
  Meilisearch,
  type Settings,
  type Task,
} from 'meilisearch';
import { factsFromStored, pickSituation, SITUATION_FIELDS } from '../../../scoring/facts.ts';
import { isWordTerm } from '../../../scoring/profile.ts';
import type { CandidateFacts, SituationFacts } from '../../../scoring/query.ts';
import { Vocabulary } from '../../../scoring/vocabulary.ts';
import type {
  CandidateIndex,
  IndexDocument,
  Retrieval,
  RetrievalQuery,
} from '../../ports/candidate-index.ts';

export interface MeiliCandidateIndexOptions {
  url: string;
  apiKey?: string;
  indexUid: string;
  /** How long to wait for one Meilisearch task; the client's 5 s default is too short for a 5,000-document batch. */
  taskTimeoutMs?: number;
}

/** One candidate as stored in Meilisearch. */
export interface MeiliDocument extends SituationFacts {
  id: string;
  jobcenter: string;
  externalId: string;
  shareWithPool: boolean;
  _geo: { lat: number; lng: number };
  /** Our own Danish stems, space-joined: Meilisearch ranks by these and never sees raw CV text. */
  terms: string;
  /** The exact weighted terms, so a hit rebuilds the same profile as the embedded index would. */
  termWeights: Array<[string, number]>;
  /** Taxonomy concept ids the candidate holds (filterable): an order's concepts select candidates exactly. */
  concepts: string[];
}

type MeiliHit = Omit<MeiliDocument, 'terms' | '_geo' | 'concepts'>;

const BATCH_SIZE = 5_000;
/** Meilisearch never returns more hits than this per search (pagination.maxTotalHits). */
const MAX_TOTAL_HITS = 20_000;
const DEFAULT_TASK_TIMEOUT_MS = 120_000;
/** Repeating a term lets Meilisearch's ranking see a competence outweigh a word in prose, without bloating docs. */
const MAX_TERM_REPEAT = 3;
/** Meilisearch document ids: alphanumerics, '-' and '_', at most 511 bytes. */
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

const SETTINGS: Settings = {
  filterableAttributes: ['jobcenter', 'shareWithPool', '_geo', 'concepts'],
  sortableAttributes: ['_geo'],
  searchableAttributes: ['terms'],
  displayedAttributes: ['*'],
  typoTolerance: { enabled: true },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  // The terms are already stems with stop words removed by our analyser; Meilisearch must not drop any more.
  stopWords: [],
};

// Everything but the search text and the geo point we wrote twice: hits stay small.
const RETRIEVED: Array<keyof MeiliHit> = [
  'id',
  'jobcenter',
  'externalId',
  'shareWithPool',
  'termWeights',
  ...SITUATION_FIELDS,
];

/**
 * CandidateIndex on a Meilisearch server, for deployments that outgrow one process. Meilisearch only decides
 * which candidates come back (geo radius, scope, text relevance); scoring still happens in scoring/, against a
 * vocabulary built from the returned candidates.
 */
export class MeiliCandidateIndex implements CandidateIndex {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;
  private readonly indexUid: string;
  private readonly taskTimeoutMs: number;
  private ready: Promise<Index<MeiliDocument>> | undefined;

  constructor(opts: MeiliCandidateIndexOptions) {
    this.client = new Meilisearch({
      host: opts.url,
      ...(opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {}),
    });
    this.indexUid = opts.indexUid;
    this.taskTimeoutMs = opts.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  }

  /** Creates the index when missing and applies the settings; idempotent, and run by the first operation. */
  async init(): Promise<void> {
    await this.index();
  }

  async upsert(docs: IndexDocument[]): Promise<void> {
    // Last write wins within a batch, as in the embedded index; it also keeps additions and deletions disjoint.
    const latest = new Map<string, IndexDocument>();
    for (const doc of docs) {
      assertDocumentId(doc.id);
      latest.set(doc.id, doc);
    }
    const additions: MeiliDocument[] = [];
    const removals: string[] = [];
    for (const doc of latest.values()) {
      if (doc.facts.searchable) additions.push(toMeiliDocument(doc));
      else removals.push(doc.id);
    }
    const index = await this.index();
    const tasks: Array<{ what: string; task: EnqueuedTask }> = [];
    for (const chunk of chunks(additions, BATCH_SIZE)) {
      const what = `adding ${chunk.length} documents to index ${this.indexUid}`;
      tasks.push({ what, task: await attempt(what, () => index.addDocuments(chunk)) });
    }
    for (const chunk of chunks(removals, BATCH_SIZE)) {
      const what = `removing ${chunk.length} unsearchable documents from index ${this.indexUid}`;
      tasks.push({ what, task: await attempt(what, () => index.deleteDocuments(chunk)) });
    }
    await this.waitAll(tasks);
  }

  async remove(ids: string[]): Promise<void> {
    // An id Meilisearch could never have stored is trivially absent.
    const valid = ids.filter((id) => DOCUMENT_ID.test(id));
    if (valid.length === 0) return;
    const index = await this.index();
    const tasks: Array<{ what: string; task: EnqueuedTask }> = [];
    for (const chunk of chunks(valid, BATCH_SIZE)) {
      const what = `removing ${chunk.length} documents from index ${this.indexUid}`;
      tasks.push({ what, task: await attempt(what, () => index.deleteDocuments(chunk)) });
    }
    await this.waitAll(tasks);
  }

  async clear(): Promise<void> {
    const index = await this.index();
    await this.runTask(`clearing index ${this.indexUid}`, () => index.deleteAllDocuments());
  }

  async count(): Promise<number> {
    const index = await this.index();
    const stats = await attempt(`reading the stats of index ${this.indexUid}`, () => index.getStats());
    return stats.numberOfDocuments;
  }

  async ping(): Promise<void> {
    await attempt('health check', () => this.client.health());
  }

  async close(): Promise<void> {
    // The client holds no connections of its own (plain fetch), so there is nothing to release.
  }

  async retrieve(query: RetrievalQuery): Promise<Retrieval> {
    const filter = retrievalFilter(query);
    const limit = Math.min(Math.max(0, Math.floor(query.limit)), MAX_TOTAL_HITS);
    if (filter === null || limit === 0) return { vocabulary: new Vocabulary(), candidates: [] };
    const index = await this.index();
    const search = (q: string, opts: { limit: number; sort?: string[] }) =>
      attempt(`searching index ${this.indexUid}`, () =>
        index.search<MeiliHit>(q, {
          filter,
          limit: opts.limit,
          ...(opts.sort ? { sort: opts.sort } : {}),
          matchingStrategy: 'last',
          attributesToRetrieve: RETRIEVED,
        }),
      );

    const hits: MeiliHit[] = [];
    const seen = new Set<string>();
    const take = (found: MeiliHit[]) => {
      for (const hit of found) {
        if (hits.length >= limit) break;
        if (!seen.has(hit.id)) {
          seen.add(hit.id);
          hits.push(hit);
        }
      }
    };
    // Holders of the order's concepts first: they are exactly the candidates a must-have can be met by.
    const holders = conceptFilter(query.concepts ?? []);
    if (holders !== null) {
      const found = await attempt(`searching index ${this.indexUid}`, () =>
        index.search<MeiliHit>('', {
          filter: `${filter} AND ${holders}`,
          limit,
          attributesToRetrieve: RETRIEVED,
        }),
      );
      take(found.hits);
    }
    const q = searchText(query.terms);
    if (q !== '' && hits.length < limit) take((await search(q, { limit })).hits);
    if (hits.length < limit) {
      // Candidates sharing no term are still worth scoring (near misses, weak fits): fill up, nearest first.
      // Asking for the earlier hits again on top guarantees enough new ones even if they are all among the nearest.
      const fill = await search('', {
        limit: Math.min(limit + hits.length, MAX_TOTAL_HITS),
        sort: [`_geoPoint(${coordinate(query.location.lat)}, ${coordinate(query.location.lon)}):asc`],
      });
      take(fill.hits);
    }

    // A vocabulary of the retrieved set only: its idf then reflects the candidates actually being compared.
    const vocabulary = new Vocabulary();
    const candidates = hits.map((hit) => factsFromHit(hit, vocabulary));
    return { vocabulary, candidates };
  }

  private index(): Promise<Index<MeiliDocument>> {
    if (!this.ready) {
      this.ready = this.setUp().catch((error: unknown) => {
        // Let the next call try again (the server may have been starting up).
        this.ready = undefined;
        throw error;
      });
    }
    return this.ready;
  }

  private async setUp(): Promise<Index<MeiliDocument>> {
    const created = await this.waitFor(`creating index ${this.indexUid}`, () =>
      this.client.createIndex(this.indexUid, { primaryKey: 'id' }),
    );
    // Existing is fine: another process, or an earlier run, created it.
    if (created.status !== 'succeeded' && created.error?.code !== ErrorStatusCode.INDEX_ALREADY_EXISTS) {
      throw taskError(`creating index ${this.indexUid}`, created);
    }
    const index = this.client.index<MeiliDocument>(this.indexUid);
    await this.runTask(`updating the settings of index ${this.indexUid}`, () =>
      index.updateSettings(SETTINGS),
    );
    return index;
  }

  private waitFor(what: string, enqueue: () => EnqueuedTaskPromise): Promise<Task> {
    return attempt(what, () => enqueue().waitTask({ timeout: this.taskTimeoutMs }));
  }

  private async runTask(what: string, enqueue: () => EnqueuedTaskPromise): Promise<void> {
    const task = await this.waitFor(what, enqueue);
    if (task.status !== 'succeeded') throw taskError(what, task);
  }

  /** Waits for every task (Meilisearch processes them in order, batching what it can), then reports the first failure. */
  private async waitAll(tasks: Array<{ what: string; task: EnqueuedTask }>): Promise<void> {
    if (tasks.length === 0) return;
    const done = await attempt(`waiting for ${tasks.length} tasks on index ${this.indexUid}`, () =>
      this.client.tasks.waitForTasks(
        tasks.map((t) => t.task),
        { timeout: this.taskTimeoutMs },
      ),
    );
    done.forEach((task, i) => {
      if (task.status !== 'succeeded') throw taskError(tasks[i]!.what, task);
    });
  }
}

export function toMeiliDocument(doc: IndexDocument): MeiliDocument {
  const f = doc.facts;
  return {
    id: doc.id,
    jobcenter: doc.jobcenter,
    externalId: doc.externalId,
    shareWithPool: f.shareWithPool,
    _geo: { lat: f.lat, lng: f.lon },
    // Words only: concept and adjacency terms are matched exactly (the concepts through their own attribute).
    terms: f.terms
      .filter(([term]) => isWordTerm(term))
      .flatMap(([term, weight]) =>
        Array<string>(Math.min(MAX_TERM_REPEAT, Math.max(1, Math.ceil(weight)))).fill(term),
      )
      .join(' '),
    termWeights: f.terms.map(([term, weight]) => [term, weight]),
    concepts: (f.concepts ?? []).map((c) => c.concept),
    ...pickSituation(f),
  };
}

/** A hit as scoring reads it, its terms interned into (and counted by) the retrieval's vocabulary. */
export function factsFromHit(hit: MeiliHit, vocabulary: Vocabulary): CandidateFacts {
  return factsFromStored(hit, hit, hit.termWeights, vocabulary);
}

/**
 * The Meilisearch filter for a query's radius and scope (the same rules as the embedded index): home candidates
 * always, other jobcentre's only with consent and when sharing reaches them. Null when nothing can be in scope.
 */
export function retrievalFilter(query: RetrievalQuery): string | null {
  const scope: string[] = [];
  if (query.homeJobcentre.length > 0) scope.push(`jobcenter IN ${stringList(query.homeJobcentre)}`);
  if (query.sharingJobcentre === '*') scope.push('shareWithPool = true');
  else if (query.sharingJobcentre.length > 0) {
    scope.push(`(shareWithPool = true AND jobcenter IN ${stringList(query.sharingJobcentre)})`);
  }
  if (scope.length === 0) return null;
  const { lat, lon } = query.location;
  if (!Number.isFinite(query.radiusKm) || query.radiusKm < 0) {
    throw new Error(`meilisearch: invalid retrieval radius ${query.radiusKm} km`);
  }
  // Rounded up so a candidate exactly on the edge stays in, as it does in the embedded index.
  const meters = Math.ceil(query.radiusKm * 1000);
  return `_geoRadius(${coordinate(lat)}, ${coordinate(lon)}, ${meters}) AND (${scope.join(' OR ')})`;
}

/** The filter selecting holders of any of the concepts, or null for none. Ids are [a-z0-9-], quoted anyway. */
export function conceptFilter(concepts: readonly string[]): string | null {
  return concepts.length === 0 ? null : `concepts IN ${stringList([...new Set(concepts)])}`;
}

/** Distinct terms in order: Meilisearch reads only the first ten words of a query, so repeats must not waste them. */
function searchText(terms: readonly string[]): string {
  return [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))].join(' ');
}

function stringList(values: readonly string[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

/** A double-quoted filter string; Meilisearch's filter grammar escapes quotes and backslashes with a backslash. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Fixed notation: String() would write tiny numbers as 1e-7, which the filter grammar does not read. */
function coordinate(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`meilisearch: invalid coordinate ${value}`);
  return value.toFixed(7);
}

function assertDocumentId(id: string): void {
  if (!DOCUMENT_ID.test(id)) {
    throw new Error(
      `meilisearch: document id ${JSON.stringify(id)} is not valid: only a-z, A-Z, 0-9, '-' and '_' are allowed, at most 511 characters`,
    );
  }
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function attempt<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(`meilisearch: ${what} failed: ${describe(error)}`, { cause: error });
  }
}

/** The message with its causes: a refused connection only says why three levels down ('ECONNREFUSED'). */
function describe(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    const message = e instanceof Error ? e.message : typeof e === 'string' ? e : undefined;
    if (message && !messages.includes(message)) messages.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return messages.join(': ') || String(error);
}

function taskError(what: string, task: Task): Error {
  const reason = task.error
    ? `${task.error.message} (${task.error.code})`
    : `task ${task.uid} ${task.status}`;
  return new Error(`meilisearch: ${what} failed: ${reason}`);
}
