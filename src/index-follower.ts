import type { CandidateIndex, IndexDocument } from './ports/candidate-index.ts';
import type { CandidateChangeFeed, StopWatching } from './ports/change-feed.ts';

const BATCH = 2000;
/** Past this many remembered writes the memory is dropped: correctness does not depend on it, only speed. */
const MAX_REMEMBERED = 1_000_000;

/**
 * Keeps an in-process CandidateIndex in step with the Store when other processes write to it. The embedded index
 * lives in one process's memory, but candidates arrive through the API process (on this host or another), the
 * CLI importer, or are erased by a worker; every process that shortlists from its own index calls catchUp()
 * first, which replays the Store's change feed since the last call (a single indexed read when nothing changed).
 * Where the feed can announce changes (PostgreSQL), follow() also catches up soon after each one, so the
 * catch-up before a shortlist finds little left to do. A shared index (Meilisearch) needs none of this.
 *
 * This process's own writes are in the feed too. So a bulk upload through the API is not indexed twice, writes
 * made through `writer` are remembered as candidate id -> digest of the facts now in the index; a change whose
 * current facts have that digest is already in the index and is skipped. The invariant that makes this safe:
 * a remembered digest always describes what the index holds for that id.
 *
 * Reading a batch from the feed is a round trip, so every index write (a catch-up, the writer's upsert or
 * removal, a rebuild) runs in one queue, one at a time. Were the writer to act while a batch is in flight, the
 * batch could put back what the writer had just removed: the catch-up would remove it again on its next read,
 * but the erasure that called writer.remove() would have answered with the person back in this index. Queued,
 * writer.remove() resolves only once the person is out of the index for good.
 */
export class IndexFollower {
  private cursor = 0;
  private chain: Promise<unknown> = Promise.resolve();
  /** id -> digest of the facts this process last put in the index for it; null: it removed the id. */
  private readonly own = new Map<string, string | null>();
  private wakeQueued = false;
  private stopWatching: StopWatching | undefined;
  /** Whether the index changed since it was last loaded or persisted: a snapshot of it would be new. */
  private changed = true;
  /** The index for this process's writers (API, importer): the same index, with its writes remembered. */
  readonly writer: CandidateIndex;

  constructor(
    private readonly index: CandidateIndex,
    private readonly feed: CandidateChangeFeed,
    private readonly rebuildFromStore: (onProgress?: (n: number) => void) => Promise<number>,
  ) {
    const own = this.own;
    const remember = (id: string, digest: string | null) => {
      if (own.size >= MAX_REMEMBERED) own.clear();
      own.set(id, digest);
    };
    this.writer = {
      name: index.name,
      upsert: (docs) =>
        this.serial(async () => {
          const digests = docs.map((d) => feed.digest(d.facts));
          await index.upsert(docs);
          this.changed = true;
          docs.forEach((d, i) => {
            remember(d.id, digests[i]!);
          });
        }),
      remove: (ids) =>
        this.serial(async () => {
          await index.remove(ids);
          this.changed = true;
          for (const id of ids) remember(id, null);
        }),
      clear: () =>
        this.serial(async () => {
          await index.clear();
          this.changed = true;
          own.clear();
        }),
      count: () => index.count(),
      retrieve: (query) => index.retrieve(query),
      ping: () => index.ping(),
      close: () => index.close(),
    };
  }

  /** Rebuilds the index from the Store and follows the feed from there. */
  rebuild(onProgress?: (n: number) => void): Promise<number> {
    return this.serial(async () => {
      // Read before the scan: a change landing during it is replayed by the next catchUp (replays are idempotent).
      const head = await this.feed.head();
      this.own.clear();
      const n = await this.rebuildFromStore(onProgress);
      this.cursor = head;
      this.changed = true;
      return n;
    });
  }

  /**
   * Follows the feed from `position`, for an index already holding everything up to it (loaded from a snapshot),
   * replaying only what came after; returns how many changes that was. A feed whose head is behind the position
   * belongs to another database (replaced, restored from a backup): StaleFeedPosition, and the caller rebuilds.
   */
  resume(position: number): Promise<number> {
    return this.serial(async () => {
      const head = await this.feed.head();
      if (head < position) throw new StaleFeedPosition(position, head);
      this.own.clear();
      this.cursor = position;
      this.changed = false;
      return this.apply();
    });
  }

  /**
   * Calls `save` with the feed position the index reflects, while no write can reach the index. With
   * `onlyIfChanged`, skips it when nothing changed since the last load or save; returns whether it saved.
   */
  persist(save: (position: number) => void, onlyIfChanged = false): Promise<boolean> {
    return this.serial(async () => {
      if (onlyIfChanged && !this.changed) return false;
      // This process's own writes are in the index but ahead of the cursor: catching up (which skips them as
      // already applied) moves the position past them, so the next start does not replay them.
      await this.apply();
      save(this.cursor);
      this.changed = false;
      return true;
    });
  }

  /** Applies every candidate change committed before this call; returns how many it had to apply. */
  catchUp(): Promise<number> {
    // Serialised: concurrent jobs share one replay, and each waits for a replay that started after it asked.
    return this.serial(() => this.apply());
  }

  /**
   * Catches up whenever the feed announces a change (and when its watch reconnects), until stop(). Errors of a
   * catch-up or of the watch go to onError; the next announcement or catchUp() tries again from the same place.
   */
  async follow(onError: (error: Error) => void = () => {}): Promise<void> {
    if (!this.feed.watch || this.stopWatching) return;
    const wake = () => {
      // Many announcements while a catch-up is queued need no second one: it reads everything up to its start.
      if (this.wakeQueued) return;
      this.wakeQueued = true;
      this.serial(() => {
        this.wakeQueued = false;
        return this.apply();
      }).catch(onError);
    };
    this.stopWatching = await this.feed.watch(wake, onError);
  }

  /** Stops following and waits for the index writes already queued. */
  async stop(): Promise<void> {
    const stop = this.stopWatching;
    this.stopWatching = undefined;
    await stop?.();
    await this.chain;
  }

  private async apply(): Promise<number> {
    let applied = 0;
    for (;;) {
      const changes = await this.feed.since(this.cursor, BATCH);
      if (changes.length === 0) return applied;
      const upserts: IndexDocument[] = [];
      const removals: string[] = [];
      for (const change of changes) {
        const known = this.own.get(change.candidateId);
        if (known !== undefined && known === change.digest) continue;
        const doc = change.document();
        if (doc) upserts.push(doc);
        else removals.push(change.candidateId);
      }
      // The index now holds the Store's version of these: what this process wrote for them no longer applies.
      const removed = removals.length > 0 ? this.index.remove(removals) : undefined;
      for (const id of removals) this.own.delete(id);
      const upserted = upserts.length > 0 ? this.index.upsert(upserts) : undefined;
      for (const doc of upserts) this.own.delete(doc.id);
      await removed;
      await upserted;
      this.cursor = changes.at(-1)!.seq;
      if (removals.length + upserts.length > 0) this.changed = true;
      applied += removals.length + upserts.length;
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => {});
    return next;
  }
}

export class StaleFeedPosition extends Error {
  constructor(
    readonly position: number,
    readonly head: number,
  ) {
    super(`the index reflects change ${position}, but the database's change feed ends at ${head}`);
    this.name = 'StaleFeedPosition';
  }
}
