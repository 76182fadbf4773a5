import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCandidates } from '../../src/demo/generate.ts';
import { spawnNode, waitForOutput } from '../runtime/processes.ts';
import { waitFor } from '../support/wait.ts';

interface RunRow {
  id: string;
  status: string;
  imported: number;
  updated: number;
  unchanged: number;
  finished_at: string | null;
}

describe('an import killed mid-run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vm-import-crash-'));
  const env = { DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ndjson = (count: number, seed: number) =>
    [...generateCandidates(count, { seed, today: '2026-06-01', jobcentre: ['751'] })]
      .map((c) => JSON.stringify(c))
      .join('\n');

  it('leaves counts that match what landed, and the next start marks the run interrupted', async () => {
    const big = join(dir, 'big.ndjson');
    writeFileSync(big, ndjson(20_000, 3));
    const importer = spawnNode('src/cli.ts', ['import', 'candidates', big, '--batch-size', '100'], env);
    const db = () =>
      new Database(join(env.DATA_DIR, 'vikarmatch.db'), { readonly: true, fileMustExist: true });
    await waitFor(
      () => {
        if (importer.child.exitCode !== null) throw new Error(`import ended first:\n${importer.output()}`);
        const conn = db();
        try {
          return (conn.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n >= 1000;
        } finally {
          conn.close();
        }
      },
      60_000,
      'the first batches to land',
      25,
    );
    importer.child.kill('SIGKILL');
    expect(await importer.exited).toBe('SIGKILL');

    const conn = db();
    const landed = (conn.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
    const [run] = conn.prepare('SELECT * FROM import_runs').all() as RunRow[];
    conn.close();
    expect(landed).toBeGreaterThanOrEqual(1000);
    expect(landed).toBeLessThan(20_000);
    expect(run).toMatchObject({ status: 'running', imported: landed, finished_at: null });

    // The next start (another import) finds the dead run and marks it, keeping its counts.
    const small = join(dir, 'small.ndjson');
    writeFileSync(small, ndjson(5, 4));
    const next = spawnNode('src/cli.ts', ['import', 'candidates', small], env);
    await waitForOutput(next, /imported \d+, updated/);
    expect(await next.exited).toBe(0);
    expect(next.output()).toContain(`import run ${run!.id} was interrupted`);
    const after = db();
    const runs = after.prepare('SELECT * FROM import_runs ORDER BY started_at').all() as RunRow[];
    after.close();
    expect(runs.map((r) => [r.id, r.status, r.imported + r.updated + r.unchanged])).toEqual([
      [run!.id, 'interrupted', landed],
      [runs[1]!.id, 'finished', 5],
    ]);
  }, 120_000);
});
