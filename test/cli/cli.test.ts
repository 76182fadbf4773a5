import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteJobQueue } from '../../src/adapters/embedded-queue/sqlite-job-queue.ts';
import { run } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { waitFor } from '../support/wait.ts';

/** Runs `vikar ...` in-process against a DATA_DIR, capturing what it prints. */
async function vikar(args: string[], env: NodeJS.ProcessEnv) {
  const started = start(args, env);
  const code = await started.done;
  return { code, stdout: started.stdout(), stderr: started.stderr() };
}

/** Starts `vikar ...` without waiting for it: what it has printed so far can be read while it runs. */
function start(args: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  const done = run(args, { stdout, stderr, env, isTTY: false });
  return { done, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('vikar gen -> import -> shortlist, as a newcomer runs it', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let orders: Array<{ externalId: string; jobcenter: string; jobrotation: boolean }>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vm-cli-'));
    env = { DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false' };
    const candidates = join(dir, 'candidates.ndjson');
    const jobOrders = join(dir, 'orders.ndjson');
    // Two jobcentre only, so the pool near each order is dense enough for full lists.
    const gen = await vikar(
      ['gen', 'candidates', '--count', '3000', '--seed', '7', '--jobcenter', '751,101', '--out', candidates],
      env,
    );
    expect(gen.code, gen.stderr).toBe(0);
    expect(
      (
        await vikar(
          ['gen', 'job-orders', '--count', '6', '--seed', '8', '--jobcenter', '751,101', '--out', jobOrders],
          env,
        )
      ).code,
    ).toBe(0);
    orders = readFileSync(jobOrders, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const imported = await vikar(['import', 'candidates', candidates], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported 3000, updated 0, rejected 0/);
    expect((await vikar(['import', 'job-orders', jobOrders], env)).stdout).toMatch(
      /^imported 6, updated 0, rejected 0/,
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a readable bruttoliste with explanations', async () => {
    const order = orders[0]!;
    const r = await vikar(
      ['shortlist', order.externalId, '--jobcenter', order.jobcenter, '--size', '5'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Bruttoliste for`);
    expect(r.stdout).toContain(order.externalId);
  });

  it('prints only the CONTRACT JSON on stdout with --json, and the list is ranked and explained', async () => {
    for (const order of orders) {
      const r = await vikar(
        ['shortlist', order.externalId, '--jobcenter', order.jobcenter, '--scope', 'all', '--json'],
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      const list = JSON.parse(r.stdout);
      expect(list.status).toBe('done');
      expect(list.candidatesConsidered).toBeGreaterThan(0);
      list.entries.forEach(
        (e: { rank: number; score: number; eligibility: { eligible: boolean } }, i: number) => {
          expect(e.rank).toBe(i + 1);
          expect(e.score).toBeGreaterThanOrEqual(0);
          expect(e.score).toBeLessThanOrEqual(1);
          if (order.jobrotation) expect(e.eligibility.eligible).toBe(true);
        },
      );
      expect(r.stdout).not.toMatch(/"cpr"/);
    }
    // Across six orders on a dense pool, lists are not all empty.
    const sizes = await Promise.all(
      orders.slice(0, 3).map(async (o) => {
        const r = await vikar(
          ['shortlist', o.externalId, '--jobcenter', o.jobcenter, '--scope', 'all', '--json'],
          env,
        );
        return JSON.parse(r.stdout).entries.length as number;
      }),
    );
    expect(sizes.some((n) => n > 0)).toBe(true);
  });

  it('importing the same file again changes nothing', async () => {
    const r = await vikar(['import', 'candidates', join(dir, 'candidates.ndjson')], env);
    expect(r.stdout).toMatch(/^imported 0, updated 0, rejected 0 \(unchanged 3000\)/);
  });

  it('reports a bad line by file and line number and still imports the good ones', async () => {
    const file = join(dir, 'mixed.ndjson');
    const good = JSON.parse(readFileSync(join(dir, 'candidates.ndjson'), 'utf8').split('\n')[0]!);
    writeFileSync(
      file,
      [
        JSON.stringify({ ...good, externalId: 'cli-good-1' }),
        JSON.stringify({ ...good, externalId: 'cli-bad', postalCode: '0000' }),
        '{ not json',
        JSON.stringify({ ...good, externalId: 'cli-good-2' }),
      ].join('\n'),
    );
    const r = await vikar(['import', 'candidates', file], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 2, updated 0, rejected 2/);
    expect(r.stderr).toMatch(/mixed\.ndjson:2: .*postalCode/);
    expect(r.stderr).toMatch(/mixed\.ndjson:3: invalid JSON/);
  });

  it('reindex rebuilds the index from the Store where this process consumes the queue', async () => {
    const r = await vikar(['reindex'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^reindex job \S+ queued/);
    expect(r.stdout).toMatch(/^index embedded rebuilt from the Store: [1-9]\d* candidates/);
    expect((await vikar(['reindex', 'now'], env)).code).toBe(2);
  });

  it('with IN_PROCESS_WORKERS=false, reindex only queues the job and says a worker runs it', async () => {
    const r = await vikar(['reindex'], { ...env, IN_PROCESS_WORKERS: 'false' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('this process does not consume the job queue');
    const queue = new SqliteJobQueue(join(env.DATA_DIR!, 'queue.db'));
    try {
      expect(await queue.getJob(r.stdout.trim())).toMatchObject({ name: 'reindex', state: 'waiting' });
    } finally {
      await queue.close();
    }
  });

  it('with IN_PROCESS_WORKERS=false, shortlist leaves the job to a worker and prints the list it made', async () => {
    const order = orders[0]!;
    const noWorkers = { ...env, IN_PROCESS_WORKERS: 'false' };
    const cli = start(['shortlist', order.externalId, '--jobcenter', order.jobcenter, '--json'], noWorkers);
    await waitFor(
      () => cli.stderr().includes('this process does not consume the job queue'),
      30_000,
      'the CLI to say it leaves the job to a worker',
    );
    const id = /shortlist (\S+) queued/.exec(cli.stderr())![1]!;
    const queue = new SqliteJobQueue(join(env.DATA_DIR!, 'queue.db'));
    try {
      expect(await queue.getJob(`shortlist-${id}`)).toMatchObject({ state: 'waiting' });
    } finally {
      await queue.close();
    }
    const worker = await createContext(loadConfig(noWorkers));
    try {
      await worker.queue.startWorkers(worker.handlers, { concurrency: 1 });
      expect(await cli.done, cli.stderr()).toBe(0);
    } finally {
      await worker.queue.stopWorkers();
      await worker.close();
    }
    expect(JSON.parse(cli.stdout())).toMatchObject({ id, status: 'done' });
  });

  it('exits non-zero for an unknown job order, and 2 for bad usage', async () => {
    const unknown = await vikar(['shortlist', 'no-such-order', '--jobcenter', '751'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no-such-order');
    expect((await vikar(['shortlist', 'x'], env)).code).toBe(2);
    expect((await vikar(['nonsense'], env)).code).toBe(2);
  });
});
