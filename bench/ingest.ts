import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchFactsFor } from '../indexer/facts.ts';
import { importPath } from '../indexer/import.ts';
import { defaultIngestThreads } from '../indexer/ingest-pool.ts';
import { readLines } from '../indexer/sources/read-text.ts';
import { candidateConcepts } from '../scoring/concepts/extract.ts';
import { activeTaxonomy } from '../scoring/taxonomy/active.ts';
import { openSqliteStores } from '../src/adapters/sqlite/stores.ts';
import { generateCandidates } from '../src/demo/generate.ts';
import { candidateInput } from '../src/domain/candidate.ts';
import { fmt, TODAY } from './util.ts';

const KEY = Buffer.from('bench-key-bench-key-bench-key-00');
/** Candidates analysed on their own to split the analysis time (the rest of the import is measured whole). */
const ANALYSIS_SAMPLE = 10_000;

interface Timed<T> {
  wallMs: number;
  /** CPU of every thread of the process: on a machine shared with other work it says what the wall time cannot. */
  cpuMs: number;
  value: T;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, value };
}

const rate = (size: number, ms: number) => Math.round(size / (ms / 1000)).toLocaleString('en');
const line = (size: number, t: Timed<unknown>, extra = '') =>
  `${rate(size, t.wallMs)} CVs/s (${fmt(t.wallMs)}; CPU ${Math.round((t.cpuMs * 1000) / size)} µs/CV)${extra}`;

/**
 * `vikar import candidates` of an NDJSON file into an empty SQLite Store, as the CLI runs it (no in-process index:
 * the server follows the Store's change feed), in this thread and in worker threads, beside the floor of merely
 * parsing (and validating) the same lines. INGEST_THREADS sets the threads as it does for the CLI. Rates are wall
 * time; the CPU per CV (all threads) is what to compare on a machine busy with other work.
 */
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

    const parseOnly = await timed(async () => {
      let n = 0;
      for await (const { text } of readLines(file)) if (JSON.parse(text)) n++;
      return n;
    });
    const validateOnly = await timed(async () => {
      let n = 0;
      for await (const { text } of readLines(file))
        if (candidateInput.safeParse(JSON.parse(text)).success) n++;
      return n;
    });

    // The analysis on its own, over a sample: all of it, and the concept extraction inside it.
    const sample = [...generateCandidates(Math.min(size, ANALYSIS_SAMPLE), { seed: 3, today: TODAY })].map(
      (c) => {
        const { cpr: _, ...stored } = candidateInput.parse(c);
        return stored;
      },
    );
    const taxonomy = activeTaxonomy();
    const analysis = await timed(async () => {
      for (const c of sample) searchFactsFor(c, taxonomy);
    });
    const concepts = await timed(async () => {
      for (const c of sample) {
        candidateConcepts(c, taxonomy, { name: c.name, email: c.email, phone: c.phone });
      }
    });
    const perCv = (t: Timed<unknown>) => `${Math.round((t.cpuMs * 1000) / sample.length)} µs/CV CPU`;

    const importInto = async (name: string, threads: number, twice: boolean) => {
      const { database, stores } = openSqliteStores({ file: join(dir, `${name}.db`), cprKey: KEY });
      await database.migrate();
      const options = threads > 0 ? { threads: { count: threads, cprKey: KEY, taxonomyDirs: [] } } : {};
      try {
        const first = await timed(() => importPath(file, 'candidates', { stores }, options));
        const again = twice
          ? await timed(() => importPath(file, 'candidates', { stores }, options))
          : undefined;
        return { first, again };
      } finally {
        await database.close();
      }
    };
    const threads = Number(process.env.INGEST_THREADS ?? defaultIngestThreads());
    const inProcess = await importInto('in-process', 0, false);
    const threaded = await importInto('threaded', threads, true);

    return {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`,
      'floor: read lines + JSON.parse': line(size, parseOnly),
      'floor: + zod validation': line(size, validateOnly),
      'analysis alone (searchFactsFor)': perCv(analysis),
      '  of which concept extraction (candidateConcepts, cleaning the texts included)': perCv(concepts),
      'import, in-process': line(size, inProcess.first, ` — imported ${inProcess.first.value.imported}`),
      [`import, ${threads} worker thread(s) + writer`]: line(
        size,
        threaded.first,
        ` — imported ${threaded.first.value.imported}`,
      ),
      're-import (all unchanged), threaded': line(
        size,
        threaded.again!,
        ` — unchanged ${threaded.again!.value.unchanged}`,
      ),
      'peak RSS': `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
