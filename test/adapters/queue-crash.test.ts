import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/ports/job-queue.ts';
import { openCrashQueue } from '../support/queue-crash-worker.ts';
import { startRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = join(ROOT, 'test/support/queue-crash-worker.ts');

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

const children: Worker[] = [];

function spawnWorker(args: string[]): Worker {
  // cwd at the repo root so `--import tsx` resolves from our node_modules.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const worker = { child, output: () => output, exited };
  children.push(worker);
  return worker;
}

function alive(worker: Worker): boolean {
  return worker.child.exitCode === null && worker.child.signalCode === null;
}

async function kill(worker: Worker, signal: NodeJS.Signals): Promise<void> {
  if (!alive(worker)) return;
  worker.child.kill(signal);
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000);
  await worker.exited;
  clearTimeout(timer);
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

afterEach(async () => {
  // A failed test must not leave a worker behind.
  await Promise.all(children.splice(0).map((worker) => kill(worker, 'SIGKILL')));
});

/** Kills a worker in the middle of a job and checks that the next worker runs the job to completion once. */
async function crashAndRecover(adapter: 'sqlite' | 'bullmq', conn: string, queue: JobQueue, dir: string) {
  const marker = join(dir, `${adapter}.marker`);
  const { id } = await queue.enqueue(
    'shortlist',
    { shortlistId: 'crash' },
    { jobId: `shortlist-${randomUUID()}` },
  );

  const first = spawnWorker([adapter, conn, marker]);
  await waitFor(
    () => lines(marker).includes('start 1') || !alive(first),
    20_000,
    'worker #1 to start the job',
  );
  expect(alive(first), `worker #1 died on its own: ${first.output()}`).toBe(true);
  await kill(first, 'SIGKILL');
  expect((await queue.getJob(id))?.state).toBe('active');

  const second = spawnWorker([adapter, conn, marker]);
  await waitFor(
    async () => (await queue.getJob(id))?.state === 'completed' || !alive(second),
    30_000,
    'worker #2 to complete the job',
  );
  expect(alive(second), `worker #2 died: ${second.output()}`).toBe(true);
  await kill(second, 'SIGTERM');

  expect(lines(marker)).toEqual(['start 1', 'start 2', 'done']);
  expect(await queue.getJob(id)).toMatchObject({ state: 'completed', attempts: 2 });
  expect(await queue.counts()).toEqual({ waiting: 0, active: 0, completed: 1, failed: 0 });
}

describe('a worker killed mid-job', () => {
  let dir: string;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vikarmatch-crash-'));
    redis = await startRedis();
  });

  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sqlite: the job completes exactly once after restart', async () => {
    const file = join(dir, 'queue.db');
    const queue = openCrashQueue('sqlite', file);
    try {
      await crashAndRecover('sqlite', file, queue, dir);
    } finally {
      await queue.close();
    }
  });

  it('bullmq: the job completes exactly once after restart', async () => {
    const queue = openCrashQueue('bullmq', redis!.url);
    try {
      await crashAndRecover('bullmq', redis!.url, queue, dir);
    } finally {
      await queue.close();
    }
  });
});
