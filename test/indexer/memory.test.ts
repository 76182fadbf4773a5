import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { importPath } from '../../indexer/import.ts';
import { readRecords } from '../../indexer/sources/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { tmpDir } from './helpers.ts';

const tmp = tmpDir();
afterAll(() => tmp.cleanup());

const LINES = 300_000;
const MB = 1024 * 1024;

function candidate(i: number) {
  return {
    externalId: `mem-${i}`,
    jobcenter: '751',
    name: `Kandidat Nummer ${i}`,
    postalCode: '8210',
    unemployedSince: '2026-01-15',
    benefit: 'dagpenge',
    competences: ['truckcertifikat B', 'lagerstyring', 'plukning', 'pakning'],
    cvText: 'Erfaren lagermedarbejder med styr på plukning, pakning og varemodtagelse. '.repeat(2),
  };
}

/** Written in batches so the test itself never holds the whole file. */
function writeFile(name: string, format: (i: number) => string, head = '', tail = '', lines = LINES): string {
  const file = path.join(tmp.dir, name);
  const fd = openSync(file, 'w');
  writeSync(fd, head);
  for (let start = 0; start < lines; start += 10_000) {
    let batch = '';
    for (let i = start; i < Math.min(start + 10_000, lines); i++) batch += format(i);
    writeSync(fd, batch);
  }
  writeSync(fd, tail);
  closeSync(fd);
  return file;
}

/** Iterates without keeping the records and returns the count and the peak heap growth. */
async function drain(
  file: string,
): Promise<{ ok: number; failed: number; growthMb: number; lastLine: number }> {
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let ok = 0;
  let failed = 0;
  let lastLine = 0;
  for await (const record of readRecords(file, { kind: 'candidates' })) {
    if (record.ok) ok++;
    else failed++;
    lastLine = record.line;
    if ((ok + failed) % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return { ok, failed, growthMb: (peak - baseline) / MB, lastLine };
}

describe('bounded memory', () => {
  it('streams a 300k-line NDJSON file', async () => {
    const file = writeFile('big.ndjson', (i) => `${JSON.stringify(candidate(i))}\n`);
    const result = await drain(file);
    expect(result).toMatchObject({ ok: LINES, failed: 0, lastLine: LINES });
    expect(result.growthMb).toBeLessThan(100);
  });

  it('streams a 300k-element JSON array', async () => {
    const file = writeFile(
      'big.json',
      (i) => `${i === 0 ? '' : ',\n'}${JSON.stringify(candidate(i))}`,
      '[\n',
      '\n]\n',
    );
    const result = await drain(file);
    expect(result).toMatchObject({ ok: LINES, failed: 0, lastLine: LINES + 1 });
    expect(result.growthMb).toBeLessThan(100);
  });

  it('streams a 300k-row CSV file', async () => {
    const file = writeFile(
      'big.csv',
      (i) => `mem-${i};751;Kandidat ${i};8210;2026-01-15;dagpenge;"truck;lager";56,17\n`,
      'externalId;jobcenter;name;postalCode;unemployedSince;benefit;competences;location.lat\n',
    );
    const result = await drain(file);
    expect(result).toMatchObject({ ok: LINES, failed: 0, lastLine: LINES + 1 });
    expect(result.growthMb).toBeLessThan(100);
  });
});

/**
 * A full collection before each reading, so the figure is what is still reachable, not garbage the collector has
 * not come round to: the embedded index keeps every candidate by design, and only what the import holds on top of
 * that may not grow with the file.
 */
let gc: (() => void) | undefined;
function liveHeap(): number {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  return process.memoryUsage().heapUsed;
}

describe('bounded memory through the whole import', () => {
  const IMPORT_LINES = 30_000;
  const CV_BODY = 'Mødestabil og vant til skiftende opgaver i et travlt team. '.repeat(25);
  const TRADES = ['plukning', 'rengøring', 'svejsning', 'kundeservice', 'montage', 'kok', 'varemodtagelse'];

  it('imports a 30k-line NDJSON file into SQLite and the embedded index one batch at a time', async () => {
    // Every 1000th line is invalid: its rejection is reported while the file is still being read, which gives
    // a reading from inside the read loop, where records held back for later would be.
    const file = writeFile(
      'import.ndjson',
      (i) =>
        `${JSON.stringify({
          ...candidate(i),
          benefit: i % 1000 === 999 ? 'ukendt' : 'dagpenge',
          competences: ['truckcertifikat B', TRADES[i % TRADES.length], TRADES[(i * 3) % TRADES.length]],
          // A CV's length (about 1.5 kB): what a buffered record costs is mostly its text.
          cvText: `Erfaren medarbejder ${i} med ${TRADES[i % TRADES.length]} og ${TRADES[(i * 5) % TRADES.length]}. ${CV_BODY}`,
        })}\n`,
      '',
      '',
      IMPORT_LINES,
    );
    const ctx = await createContext(loadConfig({ DATA_DIR: path.join(tmp.dir, 'data') }));
    try {
      const baseline = liveHeap();
      let peak = baseline;
      let batches = 0;
      let rejections = 0;
      const summary = await importPath(file, 'candidates', ctx, {
        onRejected: () => {
          if (++rejections % 3 === 0) peak = Math.max(peak, liveHeap());
        },
        onProgress: () => {
          if (++batches % 10 === 0) peak = Math.max(peak, liveHeap());
        },
      });
      const kept = liveHeap();
      expect(summary).toMatchObject({ imported: IMPORT_LINES - 30, rejected: 30 });
      expect(await ctx.index.count()).toBe(IMPORT_LINES - 30);
      // Holding the file's records at once costs about 55 MB here, holding its writes more; a batch of 1000, a few.
      expect((peak - kept) / MB).toBeLessThan(25);
      expect((peak - baseline) / MB).toBeLessThan(100);
    } finally {
      await ctx.close();
    }
    // A few seconds alone; the deadline is for a machine busy with other work.
  }, 180_000);
});
