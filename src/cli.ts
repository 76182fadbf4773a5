import { pathToFileURL } from 'node:url';
import { type CliIo, UsageError, write } from './cli/io.ts';
import { ConfigError } from './config.ts';

const USAGE = `vikar — Vikarmatch command line

  vikar gen candidates|job-orders --count N --seed S [--jobcenter 751,461] [--out file.ndjson]
  vikar import candidates|job-orders <file|dir> [--jobcenter <id>]
  vikar export candidates (--jobcenter <id> | --id <id>) [--json]   everything held about each person
  vikar shortlist <jobOrderExternalId> --jobcenter <id> [--size N] [--scope auto|own|pool|all] [--json]
  vikar explain-text "<tekst>" [--json]   the competence concepts found in a text, and the words not understood
  vikar reindex                      rebuild the candidate index (Meilisearch) from the Store
  vikar serve                        the HTTP API (as npm start)
  vikar worker [--concurrency N]     consume the job queue until SIGTERM/SIGINT (drains, exits 0)

Configuration comes from the environment (DATA_DIR, REDIS_URL, MEILI_URL, ...); see README.md.`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Loaded on demand so `vikar gen` does not open databases or load the PDF libraries. */
const commands: Record<string, () => Promise<Command>> = {
  gen: async () => (await import('./cli/gen.ts')).main,
  import: async () => (await import('./cli/import.ts')).main,
  shortlist: async () => (await import('./cli/shortlist.ts')).main,
  export: async () => (await import('./cli/export.ts')).main,
  reindex: async () => (await import('./cli/reindex.ts')).main,
  'explain-text': async () => (await import('./cli/explain-text.ts')).main,
  worker: async () => (await import('./cli/worker.ts')).main,
  serve: async () => (await import('./server.ts')).main,
};

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    write(io.stdout, USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    write(io.stderr, `unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      write(io.stderr, error.message);
      return 2;
    }
    if (error instanceof ConfigError) {
      write(io.stderr, error.message);
      return 78;
    }
    throw error;
  }
}

/** Runs the CLI on this process's arguments and streams; the exit code becomes the process's. */
export async function cliMain(): Promise<void> {
  // Everything the CLI and `vikar worker` create in DATA_DIR or write out (exports) is the service user's only.
  process.umask(0o077);
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cliMain();
