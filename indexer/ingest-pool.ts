import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Outcome } from './accept.ts';
import type { LineItem } from './ingest-analysis.ts';
import type { IngestRequest, IngestWorkerData } from './ingest-worker.ts';
import { TOO_LONG } from './sources/ndjson.ts';
import { readLines } from './sources/read-text.ts';

export interface IngestThreads {
  /** Worker threads that parse, validate and analyse; the calling thread only reads lines and writes the Store. */
  count: number;
  /** The key the Store hashes CPRs with: the threads hash them, so a CPR never travels back in clear. */
  cprKey: Buffer;
  /** The taxonomy directories the process loaded (each thread loads the same). */
  taxonomyDirs: readonly string[];
  /** Lines per message to a thread; default 500. */
  chunkLines?: number;
  /** Called as each chunk is handed to a thread, with the chunks then in flight (at most two per thread). */
  onDispatch?: (inFlight: number) => void;
}

/** Worker threads for an import: one core is left to the writer. */
export function defaultIngestThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Whether the threaded reader takes this path: a single NDJSON file. */
export async function threadsCanRead(path: string): Promise<boolean> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.ndjson' && ext !== '.jsonl') return false;
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

type Reply = { id: number; outcomes: Outcome[] } | { id: number; error: string };
type Pending = { resolve: (o: Outcome[]) => void; reject: (e: Error) => void };

class Thread {
  readonly pending = new Map<number, Pending>();
  failure: Error | undefined;
  constructor(readonly worker: Worker) {}

  fail(error: Error) {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}

/** A fixed set of analysis threads; a chunk goes to the thread with the fewest chunks waiting. */
export class IngestPool {
  private nextId = 0;

  private constructor(private readonly threads: Thread[]) {}

  static async start(options: IngestThreads): Promise<IngestPool> {
    const data: IngestWorkerData = {
      cprKey: new Uint8Array(options.cprKey),
      taxonomyDirs: [...options.taxonomyDirs],
    };
    const threads = Array.from(
      { length: options.count },
      () => new Thread(new Worker(new URL('./ingest-worker.mjs', import.meta.url), { workerData: data })),
    );
    const pool = new IngestPool(threads);
    try {
      await Promise.all(threads.map((t) => pool.ready(t)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  private ready(thread: Thread): Promise<void> {
    return new Promise((resolve, reject) => {
      const { worker } = thread;
      worker.once('message', (m: { ready?: true; fatal?: string }) => {
        if (m.fatal !== undefined) return reject(new Error(`ingest thread could not start: ${m.fatal}`));
        worker.on('message', (reply: Reply) => {
          const p = thread.pending.get(reply.id);
          if (!p) return;
          thread.pending.delete(reply.id);
          if ('error' in reply) p.reject(new Error(reply.error));
          else p.resolve(reply.outcomes);
        });
        resolve();
      });
      worker.on('error', (error) => {
        thread.fail(error);
        reject(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`ingest thread stopped (exit ${code})`);
        thread.fail(error);
        reject(error);
      });
    });
  }

  /** The outcomes of a chunk of lines, in line order. */
  run(file: string, lines: LineItem[]): Promise<Outcome[]> {
    let thread = this.threads[0]!;
    for (const t of this.threads) if (t.pending.size < thread.pending.size) thread = t;
    if (thread.failure) return Promise.reject(thread.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, file, lines } satisfies IngestRequest);
    });
  }

  async close(): Promise<void> {
    for (const t of this.threads) t.worker.removeAllListeners('exit');
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/**
 * The lines of an NDJSON file through the thread pool, as outcomes in line order. At most two chunks per thread
 * are in flight, so a 1M-line file streams through in bounded memory however fast the threads are.
 */
export async function* threadedOutcomes(path: string, options: IngestThreads): AsyncGenerator<Outcome> {
  const chunkLines = options.chunkLines ?? 500;
  const maxInFlight = options.count * 2;
  const pool = await IngestPool.start(options);
  const inFlight: Array<Promise<Outcome[]>> = [];
  let chunk: LineItem[] = [];
  const send = () => {
    const result = pool.run(path, chunk);
    // Awaited in order below; until then a failed chunk must not count as an unhandled rejection.
    result.catch(() => undefined);
    inFlight.push(result);
    chunk = [];
    options.onDispatch?.(inFlight.length);
  };
  try {
    let lastLine = 1;
    try {
      for await (const { number, text, tooLong } of readLines(path)) {
        lastLine = number;
        chunk.push(tooLong ? { line: number, error: TOO_LONG } : { line: number, text });
        if (chunk.length < chunkLines) continue;
        send();
        if (inFlight.length >= maxInFlight) yield* await inFlight.shift()!;
      }
    } catch (error) {
      chunk.push({ line: lastLine, error: `cannot read: ${(error as Error).message}` });
    }
    if (chunk.length > 0) send();
    while (inFlight.length > 0) yield* await inFlight.shift()!;
  } finally {
    await pool.close();
  }
}
