import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../src/cli.ts';
import type { EvalSet } from './generate.ts';

export type Strategy = 'fit-first' | 'weighted';

export interface ServiceEntry {
  externalId: string;
  matched: string[];
}

/** Runs `vikar ...` in this process, as the CLI would, and returns what it printed. */
async function vikar(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  const code = await run(args, { stdout, stderr, env, isTTY: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/**
 * The real service path: a fresh DATA_DIR without the demo seed, `vikar import` of the generated NDJSON, then
 * `vikar shortlist <id> --jobcenter <jc> --scope all --json --size N` per order and strategy.
 */
export class ServiceUnderTest {
  private readonly dir = mkdtempSync(join(tmpdir(), 'vikarmatch-eval-'));
  private readonly env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: join(this.dir, 'data'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    REDIS_URL: '',
    MEILI_URL: '',
    DATABASE_URL: '',
    TAXONOMY_DIR: '',
    IN_PROCESS_WORKERS: '',
  };

  async load(set: EvalSet): Promise<void> {
    const candidates = join(this.dir, 'candidates.ndjson');
    const orders = join(this.dir, 'job-orders.ndjson');
    writeFileSync(candidates, `${set.candidates.map((c) => JSON.stringify(c.record)).join('\n')}\n`);
    writeFileSync(orders, `${set.orders.map((o) => JSON.stringify(o.record)).join('\n')}\n`);
    for (const [kind, file, count] of [
      ['candidates', candidates, set.candidates.length],
      ['job-orders', orders, set.orders.length],
    ] as const) {
      const r = await vikar(['import', kind, file], this.env);
      // Every generated record must land: a rejected one would silently shrink the set being measured.
      if (r.code !== 0 || !r.stdout.startsWith(`imported ${count}, updated 0, rejected 0`)) {
        throw new Error(`vikar import ${kind} did not take the whole set:\n${r.stdout}\n${r.stderr}`);
      }
    }
  }

  async shortlist(
    externalId: string,
    jobcenter: string,
    strategy: Strategy,
    size: number,
  ): Promise<ServiceEntry[]> {
    const r = await vikar(
      [
        'shortlist',
        externalId,
        '--jobcenter',
        jobcenter,
        '--scope',
        'all',
        '--json',
        '--size',
        String(size),
        '--strategy',
        strategy,
      ],
      this.env,
    );
    if (r.code !== 0) throw new Error(`vikar shortlist ${externalId} failed (${r.code}):\n${r.stderr}`);
    const list = JSON.parse(r.stdout) as { entries: Array<{ externalId: string; matched: string[] }> };
    return list.entries.map((e) => ({ externalId: e.externalId, matched: e.matched }));
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
