import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPath, writeCandidateBatch } from '../indexer/import.ts';
import { validateCandidate } from '../indexer/validate.ts';
import { loadConfig } from '../src/config.ts';
import { type AppContext, createContext } from '../src/context.ts';
import { generateCandidates } from '../src/demo/generate.ts';
import { ROOT, spawnNode, waitForOutput } from '../test/runtime/processes.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { startRedis } from '../test/support/redis.ts';
import { fmt, jobOrders, percentile, TODAY, timeAsync } from './util.ts';

const CPR_KEY = 'bench-key-bench-key-bench-key-00';
const ORDERS = 20;
const WARM_UP = 3;
const LAG_SAMPLES = 50;
const LAG_DEADLINE_MS = 30_000;
/** Between polls of GET /v1/shortlists/{id}, as in the http section. */
const POLL_MS = 5;

type Env = Record<string, string>;

/** Where a long run is: on stderr, so stdout stays the table and the JSON line. */
const progress = (message: string) => process.stderr.write(`postgres bench: ${message}\n`);

/** The NDJSON an operator would import: written by the CLI itself, `vikar gen candidates`. */
function generateFile(file: string, size: number): void {
  const gen = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'gen',
      'candidates',
      '--count',
      String(size),
      '--seed',
      '3',
      '--today',
      TODAY,
      '--out',
      file,
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (gen.status !== 0) throw new Error(`vikar gen candidates failed: ${gen.stderr}`);
}

/**
 * The file through the import path of `vikar import` (parse, validate, analyse, store, index) into a context on
 * the given environment, then the job orders and a token the shortlist part needs.
 */
async function ingest(env: Env, file: string, size: number) {
  const ctx = await createContext(loadConfig(env));
  try {
    const imported = await timeAsync(() => importPath(file, 'candidates', ctx));
    if (imported.value.imported !== size) {
      throw new Error(`imported ${imported.value.imported} of ${size} (rejected ${imported.value.rejected})`);
    }
    const { token } = await ctx.stores.access.createToken({ role: 'admin', label: 'bench' });
    const written = await ctx.stores.jobOrders.upsert(jobOrders(ORDERS).map((jobOrder) => ({ jobOrder })));
    return {
      perSecond: size / (imported.ms / 1000),
      ms: imported.ms,
      token,
      orderIds: written.map((w) => w.id),
    };
  } finally {
    await ctx.close();
  }
}

/** POST a bruttoliste, then GET until done: the client's wait, and the server's createdAt -> completedAt. */
async function shortlistOverHttp(url: string, token: string, orderId: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const start = process.hrtime.bigint();
  const res = await fetch(`${url}/v1/job-orders/${orderId}/shortlists`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ size: 10, scope: 'all' }),
  });
  if (res.status !== 202) throw new Error(`POST shortlist: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const got = await fetch(`${url}/v1/shortlists/${id}`, { headers });
    const body = (await got.json()) as {
      status: string;
      error?: string;
      createdAt: string;
      completedAt: string;
    };
    if (body.status === 'done') {
      return {
        doneMs: Number(process.hrtime.bigint() - start) / 1e6,
        serverMs: Date.parse(body.completedAt) - Date.parse(body.createdAt),
      };
    }
    if (body.status === 'failed') throw new Error(`shortlist ${id} failed: ${body.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A server process on the store, as deployed (workers in it), ORDERS shortlists one after another. */
async function shortlists(env: Env, token: string, orderIds: string[]) {
  const server = spawnNode('src/server.ts', [], {
    ...env,
    PORT: '0',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    WORKER_CONCURRENCY: '2',
    IN_PROCESS_WORKERS: 'true',
  });
  try {
    const [, url] = await waitForOutput(server, /listening on (http:\/\/\S+)/, 300_000);
    for (const id of orderIds.slice(0, WARM_UP)) await shortlistOverHttp(url!, token, id);
    const timings = [];
    for (const id of orderIds) timings.push(await shortlistOverHttp(url!, token, id));
    const done = timings.map((t) => t.doneMs);
    const recorded = timings.map((t) => t.serverMs);
    return {
      p50: percentile(done, 50),
      p95: percentile(done, 95),
      serverP50: percentile(recorded, 50),
      serverP95: percentile(recorded, 95),
    };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

/**
 * Two hosts on one database: a candidate written through host A (store and A's index, as the API does) until
 * host B's index holds it, which B's index follower does on the feed's announcement without being asked. Before
 * a shortlist B also catches up on its own, so this is the time after which B's next shortlist finds nothing left
 * to replay.
 */
async function feedLag(a: AppContext, b: AppContext): Promise<number[]> {
  const raw = [...generateCandidates(LAG_SAMPLES, { seed: 99, today: TODAY })];
  const lags: number[] = [];
  for (const [i, candidate] of raw.entries()) {
    // Searchable, or the index rightly leaves it out and there is nothing to wait for.
    const valid = validateCandidate({
      ...candidate,
      externalId: `lag-${i}`,
      consent: { ...candidate.consent, searchable: true },
    });
    if (!valid.ok) throw new Error(valid.reason);
    const before = await b.index.count();
    const start = process.hrtime.bigint();
    await writeCandidateBatch(a, [valid.value]);
    while ((await b.index.count()) === before) {
      if (Number(process.hrtime.bigint() - start) / 1e6 > LAG_DEADLINE_MS) {
        throw new Error(`host B did not see candidate lag-${i} within ${LAG_DEADLINE_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    lags.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (process.env.BENCH_DEBUG) progress(`lag sample ${i}: ${lags.at(-1)} ms`);
  }
  return lags;
}

/**
 * SQLite and PostgreSQL side by side in one run: import CVs/s, shortlist p50/p95 over HTTP (server with in-process
 * workers; on PostgreSQL with the BullMQ queue on a local Redis), and the change-feed lag between two hosts on
 * PostgreSQL. PostgreSQL is a throwaway local cluster with fsync off, as in the tests.
 */
export async function run(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-pg-'));
  const pg = await startPostgres();
  const redis = await startRedis();
  try {
    const file = join(dir, 'candidates.ndjson');
    generateFile(file, size);
    const sqliteEnv: Env = { DATA_DIR: join(dir, 'sqlite'), CPR_HASH_KEY: CPR_KEY, SEED_DEMO: 'false' };
    const pgEnv: Env = {
      DATA_DIR: join(dir, 'pg'),
      DATABASE_URL: await pg.createDatabase(),
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'benchpg',
      CPR_HASH_KEY: CPR_KEY,
      SEED_DEMO: 'false',
    };
    progress('ingest into SQLite');
    const sqliteIngest = await ingest(sqliteEnv, file, size);
    progress('ingest into PostgreSQL');
    const pgIngest = await ingest(pgEnv, file, size);
    progress('shortlists on SQLite');
    const sqliteShortlist = await shortlists(sqliteEnv, sqliteIngest.token, sqliteIngest.orderIds);
    progress('shortlists on PostgreSQL');
    const pgShortlist = await shortlists(pgEnv, pgIngest.token, pgIngest.orderIds);
    progress('change-feed lag between two hosts');

    const hosts = await Promise.all(
      ['a', 'b'].map((h) => createContext(loadConfig({ ...pgEnv, DATA_DIR: join(dir, `pg-${h}`) }))),
    );
    let lags: number[];
    try {
      lags = await feedLag(hosts[0]!, hosts[1]!);
    } finally {
      for (const host of hosts) await host.close();
    }

    const cpu = cpus();
    const rate = (n: number) => `${Math.round(n).toLocaleString('en')} CVs/s`;
    const pair = (p50: number, p95: number) => `${fmt(p50)} / ${fmt(p95)}`;
    const rows: Array<[string, string, string]> = [
      [
        `ingest (${size.toLocaleString('en')} CVs, import path)`,
        rate(sqliteIngest.perSecond),
        rate(pgIngest.perSecond),
      ],
      [
        `shortlist over HTTP p50 / p95 (${ORDERS} orders)`,
        pair(sqliteShortlist.p50, sqliteShortlist.p95),
        pair(pgShortlist.p50, pgShortlist.p95),
      ],
      [
        '  of which server createdAt -> completedAt',
        pair(sqliteShortlist.serverP50, sqliteShortlist.serverP95),
        pair(pgShortlist.serverP50, pgShortlist.serverP95),
      ],
      [
        `change-feed lag host A -> B p50 / p95 (${LAG_SAMPLES})`,
        'n/a (one host)',
        pair(percentile(lags, 50), percentile(lags, 95)),
      ],
    ];
    const widths = [0, 1, 2].map((c) =>
      Math.max(...rows.map((r) => r[c]!.length), ['', 'SQLite', 'PostgreSQL'][c]!.length),
    );
    const line = (r: string[]) => `| ${r.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`;
    console.log(`${cpu.length} cores (${cpu[0]?.model ?? 'unknown cpu'}), Node ${process.version}`);
    console.log(line(['', 'SQLite', 'PostgreSQL']));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(r));
    return {
      cores: cpu.length,
      ...Object.fromEntries(
        rows.map(([label, sqlite, postgres]) => [label, `SQLite ${sqlite}; PostgreSQL ${postgres}`]),
      ),
      'peak RSS (bench process)': `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    };
  } finally {
    await redis.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
