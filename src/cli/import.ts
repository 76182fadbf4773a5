import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { importPath, summaryLine } from '../../indexer/import.ts';
import { markInterruptedImports } from '../../indexer/import-runs.ts';
import { defaultIngestThreads } from '../../indexer/ingest-pool.ts';
import { type PhraseReading, readOrderPhrases } from '../../scoring/understanding.ts';
import { loadConfig } from '../config.ts';
import { cprKey, createContext } from '../context.ts';
import { type CliIo, UsageError, write } from './io.ts';

const USAGE = `usage: vikar import candidates|job-orders <file|dir> [--jobcenter <id>] [--batch-size N]
  Formats: .json .ndjson .csv; candidates also .pdf/.docx CVs (these need --jobcenter).`;

export async function main(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jobcenter: { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  const [kind, path] = positionals;
  if (kind !== 'candidates' && kind !== 'job-orders')
    throw new UsageError(`unknown import kind '${kind ?? ''}'\n${USAGE}`);
  if (!path) throw new UsageError(`missing <file|dir>\n${USAGE}`);
  const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UsageError('--batch-size must be a whole number >= 1');

  const config = loadConfig(io.env);
  const ctx = await createContext(config, { writeOnly: true });
  const threads = config.INGEST_THREADS ?? defaultIngestThreads();
  const interrupted = await markInterruptedImports(ctx.stores.importRuns);
  for (const id of interrupted)
    write(io.stderr, `import run ${id} was interrupted (its process died): marked so`);
  const bar = io.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: io.stderr as NodeJS.WriteStream,
          format: 'importing {kind}: {value} records read, {rejected} rejected',
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(0, 0, { kind, rejected: 0 });
  let rejected = 0;
  let read = 0;
  const landedOrders: string[] = [];
  try {
    // The in-process index dies with this process; a server's index follows the Store's change feed instead.
    const index = config.MEILI_URL ? ctx.index : undefined;
    const summary = await importPath(
      path,
      kind,
      { ...ctx, index },
      {
        jobcenter: values.jobcenter,
        batchSize,
        threads:
          threads > 0
            ? {
                count: threads,
                cprKey: cprKey(config),
                taxonomyDirs: config.TAXONOMY_DIR ? [config.TAXONOMY_DIR] : [],
              }
            : undefined,
        onProgress: (n) => {
          read = n;
          bar?.update(n, { rejected });
        },
        onRejected: (r) => {
          rejected++;
          // Above the bar on a terminal, plainly otherwise: every rejected row is listed with its place and reason.
          const line = `rejected ${r.file}:${r.line}: ${r.reason}`;
          if (bar) bar.stop();
          write(io.stderr, line);
          if (bar) bar.start(0, read, { kind, rejected });
        },
        onLanded: (landed) => {
          if (kind === 'job-orders') for (const l of landed) landedOrders.push(l.result.id);
        },
      },
    );
    bar?.stop();
    for (const id of landedOrders) {
      const record = await ctx.stores.jobOrders.get(id);
      if (record)
        write(io.stderr, describeReading(record.externalId, readOrderPhrases(record.jobOrder, ctx.taxonomy)));
    }
    write(io.stdout, summaryLine(summary));
    return 0;
  } finally {
    bar?.stop();
    await ctx.close();
  }
}

/** "AAR-17: truckcertifikat → truckcertifikat; 'god til kunder' ikke forstået (matches som ordene: god, kund)". */
export function describeReading(externalId: string, readings: readonly PhraseReading[]): string {
  if (readings.length === 0) return `${externalId}: ingen kompetencer angivet`;
  const parts = readings.map((r) =>
    r.understood
      ? `${r.phrase} → ${r.concepts.map((c) => c.label).join(' + ')}${r.words.length > 0 ? ` (+ ordene ${r.words.join(', ')})` : ''}`
      : `'${r.phrase}' ikke forstået som kompetence (matches kun hvor ordene ${r.words.join(', ')} står sammen)`,
  );
  return `${externalId}: ${parts.join('; ')}`;
}
