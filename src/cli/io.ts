/** What a CLI command may touch: injected so tests run commands in-process and read what they print. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Said by a command whose job runs elsewhere: with REDIS_URL, or IN_PROCESS_WORKERS=false, only workers consume. */
export const NOT_CONSUMING =
  'this process does not consume the job queue (REDIS_URL or IN_PROCESS_WORKERS=false): a `vikar worker` runs the job';

/**
 * Reads until `finished` holds, polling quickly at first and then twice a second; gives up after `ms` with
 * `timeout` as the message (a queue without workers would otherwise keep a command waiting for ever).
 */
export async function waitUntil<T>(
  read: () => Promise<T | undefined>,
  finished: (value: T) => boolean,
  ms: number,
  timeout: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  let delay = 10;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined && finished(value)) return value;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(500, delay * 2);
  }
  throw new Error(timeout);
}
