import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../support/wait.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A child process of this repo's code with everything it prints collected, for tests to wait on. */
export interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
}

export function spawnNode(script: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    // Only what the test chooses: no REDIS_URL or DATA_DIR leaking in from the developer's shell.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  // A failing test must not leave the process running.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));
  return { child, output: () => out, exited };
}

/** Waits until the output matches, failing early (with the output) if the process exits first. */
export async function waitForOutput(
  p: Spawned,
  pattern: RegExp,
  deadlineMs = 60_000,
): Promise<RegExpMatchArray> {
  return waitFor(
    () => {
      const match = p.output().match(pattern);
      if (match) return match;
      if (p.child.exitCode !== null || p.child.signalCode !== null) {
        throw new Error(
          `process exited (${p.child.exitCode ?? p.child.signalCode}) before ${pattern}:\n${p.output()}`,
        );
      }
      return undefined;
    },
    deadlineMs,
    `${pattern} in the output`,
    50,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- output ---\n${p.output()}`);
  });
}

/** JSON lines a pino logger wrote, parsed; other lines (the banner) skipped. */
export function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
