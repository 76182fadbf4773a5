/**
 * A worker process for test/adapters/queue-crash.test.ts, which SIGKILLs it mid-job:
 *   node --import tsx test/support/queue-crash-worker.ts <sqlite|bullmq> <file or redis url> <markerFile> [prefix]
 * Each attempt of the `shortlist` job appends 'start <attempt>' to markerFile; the first attempt then hangs until
 * the process is killed, later ones append 'done'. Short lease and lock times let the next worker take over fast.
 */
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BullJobQueue } from '../../src/adapters/bullmq/queue.ts';
import { SqliteJobQueue } from '../../src/adapters/embedded-queue/sqlite-job-queue.ts';
import type { JobQueue } from '../../src/ports/job-queue.ts';

export const CRASH_LEASE_MS = 1_500;
export const CRASH_LOCK_MS = 2_000;
export const CRASH_STALLED_INTERVAL_MS = 1_000;
export const CRASH_PREFIX = 'vikarmatch-crash';

export function openCrashQueue(adapter: string, conn: string, prefix = CRASH_PREFIX): JobQueue {
  if (adapter === 'sqlite') return new SqliteJobQueue(conn, { leaseMs: CRASH_LEASE_MS });
  if (adapter === 'bullmq') {
    return new BullJobQueue({
      url: conn,
      prefix,
      lockDurationMs: CRASH_LOCK_MS,
      stalledIntervalMs: CRASH_STALLED_INTERVAL_MS,
    });
  }
  throw new Error(`unknown adapter '${adapter}': expected sqlite or bullmq`);
}

async function main(): Promise<void> {
  const [adapter, conn, markerFile, prefix] = process.argv.slice(2);
  if (!adapter || !conn || !markerFile) {
    throw new Error('usage: queue-crash-worker.ts <sqlite|bullmq> <conn> <markerFile> [prefix]');
  }
  const queue = openCrashQueue(adapter, conn, prefix);
  const fail = async () => {
    throw new Error('the crash worker only runs shortlist jobs');
  };
  await queue.startWorkers(
    {
      shortlist: async (_payload, job) => {
        appendFileSync(markerFile, `start ${job.attempt}\n`);
        if (job.attempt === 1) {
          // The "crash": hang until SIGKILL, holding the job. The interval keeps the event loop alive.
          setInterval(() => {}, 60_000);
          await new Promise<never>(() => {});
        }
        appendFileSync(markerFile, 'done\n');
      },
      reindex: fail,
      bundle: fail,
      retention: fail,
    },
    { concurrency: 1 },
  );
  // The test stops a worker that survived with SIGTERM: drain and exit cleanly.
  process.once('SIGTERM', () => {
    queue.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

// Imported by the test for the shared settings; only run as the entry script.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
