import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { waitFor } from './wait.ts';

const HOST = '127.0.0.1';
const START_DEADLINE_MS = 10_000;

/** A port nobody listens on right now (the OS picks it); redis-server may still lose a race for it, see below. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/** One PING over a raw socket, so probing needs no client library with its own reconnect behaviour. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  // No pid: it never started (not installed), so there is nothing to stop and no 'exit' will come.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface TestRedis {
  url: string;
  port: number;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: nothing written anywhere (the server has no persistence), as an unlucky crash. */
  kill(): Promise<void>;
}

async function startOnce(fixedPort?: number): Promise<TestRedis> {
  const port = fixedPort ?? (await freePort());
  // No persistence: a test server must leave nothing behind and never load an old dump.
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  // A test runner that dies without calling stop() must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopProcess(child);
  };
  const kill = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };

  // Stops polling as soon as the server answers, or as soon as it can no longer answer (not installed, exited).
  const failed = () => spawnError !== undefined || child.exitCode !== null;
  try {
    await waitFor(
      async () => failed() || (await answersPing(port)),
      START_DEADLINE_MS,
      `redis-server on port ${port}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  if (failed()) {
    await stop();
    if (spawnError?.code === 'ENOENT') {
      throw new Error('redis-server not found: apt-get install redis-server');
    }
    const reason = spawnError?.message ?? `exit code ${child.exitCode}`;
    throw new Error(`redis-server did not start (${reason}): ${output.trim()}`);
  }
  return { url: `redis://${HOST}:${port}`, port, stop, kill };
}

/**
 * Starts a private, throwaway redis-server on a free local port, or on `port` (a restart where a killed one
 * listened, empty: clients reconnect to the same URL and find nothing).
 */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  if (options.port !== undefined) return startOnce(options.port);
  // Another process can grab the port between freePort() and redis-server binding it; a second try fixes that.
  try {
    return await startOnce();
  } catch (error) {
    if (error instanceof Error && error.message.includes('redis-server not found')) throw error;
    return startOnce();
  }
}
