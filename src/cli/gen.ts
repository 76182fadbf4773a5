import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { isValidIsoDate } from '../../scoring/dates.ts';
import { type GenOptions, generateCandidates, generateJobOrders } from '../demo/generate.ts';
import { lookupKommune, normaliseKommunekode } from '../geo/postnumre.ts';
import type { CliIo } from './io.ts';

export type { CliIo } from './io.ts';

const USAGE = `usage: vikar gen candidates|job-orders --count N --seed S [options]

Writes seeded synthetic data as NDJSON (one JSON object per line). The same seed and flags give the same output.

  --count N          how many records to generate (a whole number)
  --seed S           any whole number
  --jobcenter IDS    comma-separated kommunekoder to restrict to, e.g. 751,461,101
                     (default: all of Denmark, weighted by population)
  --today DATE       the date the data is "as of", YYYY-MM-DD (default: today)
  --with-cpr         give candidates a synthetic CPR-nummer
  --out FILE         write to FILE instead of stdout
  -h, --help         show this help`;

const KINDS = { candidates: 'candidates', 'job-orders': 'job orders' } as const;
type Kind = keyof typeof KINDS;

/** Lines are batched into chunks of about this size: one write() per line would dominate the run time. */
const CHUNK_CHARS = 64 * 1024;

class UsageProblem extends Error {}

interface Parsed {
  kind: Kind;
  count: number;
  opts: GenOptions;
  out: string | undefined;
}

function parse(args: string[]): Parsed | 'help' {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      jobcenter: { type: 'string' },
      today: { type: 'string' },
      'with-cpr': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';

  const [kind, ...extra] = positionals;
  if (kind === undefined) throw new UsageProblem('say what to generate: candidates or job-orders');
  if (!(kind in KINDS)) throw new UsageProblem(`cannot generate '${kind}': use candidates or job-orders`);
  if (extra.length > 0) throw new UsageProblem(`unexpected argument '${extra[0]}'`);

  if (values.count === undefined) throw new UsageProblem('--count is required, e.g. --count 1000');
  if (!/^\d+$/.test(values.count) || !Number.isSafeInteger(Number(values.count)))
    throw new UsageProblem(`--count must be a whole number (0 or more), got '${values.count}'`);
  if (values.seed === undefined) throw new UsageProblem('--seed is required, e.g. --seed 42');
  if (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(Number(values.seed)))
    throw new UsageProblem(`--seed must be a whole number, got '${values.seed}'`);

  const opts: GenOptions = { seed: Number(values.seed) };
  if (values.today !== undefined) {
    if (!isValidIsoDate(values.today))
      throw new UsageProblem(`--today must be a real date written YYYY-MM-DD, got '${values.today}'`);
    opts.today = values.today;
  }
  if (values.jobcenter !== undefined) {
    const ids = values.jobcenter
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (ids.length === 0) throw new UsageProblem('--jobcenter needs at least one kommunekode, e.g. 751');
    for (const id of ids) {
      if (!/^\d{1,4}$/.test(id) || !lookupKommune(id))
        throw new UsageProblem(`--jobcenter: '${id}' is not a kommunekode (e.g. 751 Aarhus, 101 København)`);
    }
    opts.jobcentre = ids.map(normaliseKommunekode);
  }
  if (values['with-cpr']) opts.withCpr = true;
  if (values.out === '') throw new UsageProblem('--out needs a file name');
  return { kind: kind as Kind, count: Number(values.count), opts, out: values.out };
}

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

export async function main(args: string[], io: CliIo): Promise<number> {
  let parsed: Parsed | 'help';
  try {
    parsed = parse(args);
  } catch (error) {
    if (error instanceof UsageProblem || isParseArgsError(error)) {
      io.stderr.write(`vikar gen: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const { kind, count, opts, out } = parsed;
  if (opts.withCpr && kind === 'job-orders')
    io.stderr.write('vikar gen: --with-cpr has no effect on job orders\n');
  const records = kind === 'candidates' ? generateCandidates(count, opts) : generateJobOrders(count, opts);

  let target: NodeJS.WritableStream;
  let file: ReturnType<typeof createWriteStream> | undefined;
  if (out === undefined) target = io.stdout;
  else {
    file = createWriteStream(out);
    try {
      await once(file, 'open');
    } catch (error) {
      io.stderr.write(`vikar gen: cannot write ${out}: ${(error as Error).message}\n`);
      return 1;
    }
    target = file;
  }

  const progress = io.isTTY && file !== undefined && count >= 100_000;
  let written: number;
  try {
    written = await writeNdjson(records, target, (n) => {
      if (progress && n % 50_000 === 0) io.stderr.write(`\r${n} / ${count} ${KINDS[kind]}`);
    });
    if (file) {
      file.end();
      await once(file, 'close');
    }
  } catch (error) {
    file?.destroy();
    // A reader that stops early (`vikar gen ... | head`) is not a failure of ours.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    io.stderr.write(`\nvikar gen: writing ${out ?? 'stdout'} failed: ${(error as Error).message}\n`);
    return 1;
  }
  if (progress) io.stderr.write('\r\x1b[K');
  io.stderr.write(`generated ${written} ${KINDS[kind]} (seed ${opts.seed}) -> ${out ?? 'stdout'}\n`);
  return 0;
}

/**
 * Writes one JSON object per line, honouring backpressure: when write() returns false the stream's buffer is full
 * and the next chunk waits for 'drain', so a slow reader never makes us hold a million records in memory.
 */
async function writeNdjson(
  records: Iterable<unknown>,
  stream: NodeJS.WritableStream,
  onRecord: (n: number) => void,
): Promise<number> {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  // Without a listener an 'error' between two writes would crash the process instead of ending the command.
  stream.on('error', onError);
  try {
    let chunk = '';
    let n = 0;
    const flush = async () => {
      if (failure) throw failure;
      const ok = stream.write(chunk);
      chunk = '';
      if (!ok) await once(stream, 'drain');
      if (failure) throw failure;
    };
    for (const record of records) {
      chunk += `${JSON.stringify(record)}\n`;
      onRecord(++n);
      if (chunk.length >= CHUNK_CHARS) await flush();
    }
    if (chunk !== '') await flush();
    return n;
  } finally {
    stream.off('error', onError);
  }
}
