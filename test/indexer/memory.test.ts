import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../indexer/sources/index.ts';
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
function writeFile(name: string, format: (i: number) => string, head = '', tail = ''): string {
  const file = path.join(tmp.dir, name);
  const fd = openSync(file, 'w');
  writeSync(fd, head);
  for (let start = 0; start < LINES; start += 10_000) {
    let batch = '';
    for (let i = start; i < start + 10_000; i++) batch += format(i);
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
