import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPath } from '../indexer/import.ts';
import { EmbeddedCandidateIndex } from '../src/adapters/embedded-index/embedded-candidate-index.ts';
import { openSqliteStores } from '../src/adapters/sqlite/stores.ts';
import { generateCandidates } from '../src/demo/generate.ts';
import { fmt, TODAY, timeAsync } from './util.ts';

/** NDJSON into SQLite + the embedded index through the real import path (parse, validate, analyse, store, index). */
export async function run(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-'));
  try {
    const file = join(dir, 'candidates.ndjson');
    const out = createWriteStream(file);
    for (const c of generateCandidates(size, { seed: 3, today: TODAY })) {
      if (!out.write(`${JSON.stringify(c)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const rssBefore = process.resourceUsage().maxRSS;
    const { database, stores } = openSqliteStores({
      file: join(dir, 'bench.db'),
      cprKey: Buffer.from('bench-key-bench-key-bench-key-00'),
    });
    await database.migrate();
    const index = new EmbeddedCandidateIndex();
    const first = await timeAsync(() => importPath(file, 'candidates', { stores, index }));
    const peak = process.resourceUsage().maxRSS;
    const again = await timeAsync(() => importPath(file, 'candidates', { stores, index }));
    await database.close();
    return {
      'first import': `${fmt(first.ms)} — ${Math.round(size / (first.ms / 1000)).toLocaleString('en')} CVs/s (imported ${first.value.imported}, rejected ${first.value.rejected})`,
      're-import of the same file (all unchanged)': `${fmt(again.ms)} — ${Math.round(size / (again.ms / 1000)).toLocaleString('en')} CVs/s (unchanged ${again.value.unchanged})`,
      'peak RSS': `${Math.round(peak / 1024)} MB (${Math.round(rssBefore / 1024)} MB before the import)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
