import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ImportSummary, importPath } from '../../indexer/import.ts';
import { type IngestThreads, threadedOutcomes } from '../../indexer/ingest-pool.ts';
import { openSqliteStores } from '../../src/adapters/sqlite/stores.ts';
import { generateCandidates } from '../../src/demo/generate.ts';
import { tmpDir } from './helpers.ts';

const tmp = tmpDir();
afterAll(() => tmp.cleanup());

const KEY = Buffer.from('test-key-test-key-test-key-00000');

function open(name: string) {
  return openSqliteStores({ file: path.join(tmp.dir, `${name}.db`), cprKey: KEY });
}

/** Good CVs with bad lines between them, across several chunks of three lines. */
function mixedFile(): string {
  const good = [...generateCandidates(20, { seed: 7, today: '2026-11-23' })].map((c) => JSON.stringify(c));
  const lines = [
    good[0],
    'not json',
    good[1],
    '',
    '[1, 2]',
    JSON.stringify({ ...JSON.parse(good[2]!), cpr: '0101901234' }),
    JSON.stringify({ ...JSON.parse(good[3]!), benefit: 'ukendt' }),
    // The id is a CPR: refused, and not echoed back.
    JSON.stringify({ ...JSON.parse(good[4]!), externalId: '0101901234' }),
    '   ',
    ...good.slice(5, 17),
    JSON.stringify({ externalId: 'half' }),
    good[3],
    ...good.slice(17),
    '{"trailing": ',
  ];
  return tmp.write('mixed.ndjson', `${lines.join('\n')}\n`);
}

const threads = (count: number): IngestThreads => ({ count, cprKey: KEY, taxonomyDirs: [], chunkLines: 3 });
const withoutRun = ({ runId: _, ...rest }: ImportSummary) => rest;

describe('importing NDJSON in worker threads', () => {
  const file = mixedFile();

  it('lands the same rows and reports the same rejections, in line order, as the in-process path', async () => {
    const inProcess = open('in-process');
    const threaded = open('threaded');
    await inProcess.database.migrate();
    await threaded.database.migrate();
    try {
      const rejectedInOrder: number[] = [];
      const expected = await importPath(file, 'candidates', { stores: inProcess.stores });
      const actual = await importPath(
        file,
        'candidates',
        { stores: threaded.stores },
        { threads: threads(2), onRejected: (r) => rejectedInOrder.push(r.line) },
      );
      expect(withoutRun(actual)).toEqual(withoutRun(expected));
      expect(actual).toMatchObject({ imported: 19, rejected: 6 });
      expect(rejectedInOrder).toEqual([2, 5, 7, 8, 22, 27]);
      expect(actual.rejections.find((r) => r.line === 8)?.externalId).toBeUndefined();

      const rows = (db: ReturnType<typeof open>) =>
        db.database.connection
          .prepare(
            `SELECT jobcenter, external_id, candidate_json, facts_json, incomplete_json, content_hash, cpr_hash
             FROM candidates ORDER BY jobcenter, external_id`,
          )
          .all();
      expect(rows(threaded)).toEqual(rows(inProcess));
      const withCpr = JSON.parse(fileLine(file, 6)) as { jobcenter: string };
      expect(await threaded.stores.candidates.hasCpr(withCpr.jobcenter, '0101901234')).toBe(true);
      expect(JSON.stringify(rows(threaded))).not.toContain('0101901234');

      const stored = await threaded.stores.importRuns.rejections(actual.runId, { limit: 100 });
      expect(stored.items.map((r) => r.line)).toEqual([2, 5, 7, 8, 22, 27]);
    } finally {
      await inProcess.database.close();
      await threaded.database.close();
    }
  }, 60_000);

  it('reports every row unchanged when the same file is imported again, threaded or not', async () => {
    const db = open('again');
    await db.database.migrate();
    try {
      await importPath(file, 'candidates', { stores: db.stores }, { threads: threads(1) });
      const threadedAgain = await importPath(
        file,
        'candidates',
        { stores: db.stores },
        { threads: threads(2) },
      );
      expect(threadedAgain).toMatchObject({ imported: 0, updated: 0, unchanged: 19, rejected: 6 });
      const inProcessAgain = await importPath(file, 'candidates', { stores: db.stores });
      expect(inProcessAgain).toMatchObject({ imported: 0, updated: 0, unchanged: 19, rejected: 6 });
    } finally {
      await db.database.close();
    }
  }, 60_000);

  it('keeps at most two chunks per thread in flight, however far behind the writer is', async () => {
    const big = tmp.write('big.ndjson', 'not json\n'.repeat(2000));
    let most = 0;
    let taken = 0;
    for await (const outcome of threadedOutcomes(big, {
      ...threads(2),
      chunkLines: 10,
      onDispatch: (n) => {
        most = Math.max(most, n);
      },
    })) {
      expect(outcome.ok).toBe(false);
      taken++;
    }
    expect(taken).toBe(2000);
    expect(most).toBe(4);
  }, 60_000);

  it('fails the import, not the process, when a thread cannot load the taxonomy it is given', async () => {
    const db = open('bad-taxonomy');
    await db.database.migrate();
    const broken = tmp.write('broken-taxonomy.json', '{ "concepts": [ { "id": 1 } ] }');
    try {
      await expect(
        importPath(
          file,
          'candidates',
          { stores: db.stores },
          { threads: { ...threads(1), taxonomyDirs: [path.dirname(broken)] } },
        ),
      ).rejects.toThrow(/ingest thread could not start/);
    } finally {
      await db.database.close();
    }
  }, 60_000);
});

function fileLine(file: string, line: number): string {
  return readFileSync(file, 'utf8').split('\n')[line - 1]!;
}
