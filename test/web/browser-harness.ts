import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { waitFor } from '../support/wait.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const ADMIN_TOKEN = 'browser-admin-token-0123456789abcdef';

export const hasChromium = fs.existsSync(CHROMIUM);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The app the server serves: built once if an install did not leave one (a fresh clone always has it). */
export function ensureWebBuild(): string {
  const dist = path.join(ROOT, 'web', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    const r = spawnSync('npm', ['--prefix', 'web', 'run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building web/dist failed');
  }
  return dist;
}

export interface Server {
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

/** The real server as `npm start` runs it: its own process, a temp DATA_DIR, the demo seed (smaller, for speed). */
export async function startServer(): Promise<Server> {
  // For working on the UI: run the suite against a server (or `npm run dev` in web/) that is already up.
  const external = process.env.VM_BROWSER_BASE_URL;
  if (external) {
    return {
      url: external,
      adminToken: process.env.VM_BROWSER_ADMIN_TOKEN ?? ADMIN_TOKEN,
      close: async () => {},
    };
  }
  const dist = ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-browser-'));
  const log: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      SEED_DEMO: 'true',
      SEED_DEMO_CANDIDATES: '600',
      WEB_DIST_DIR: dist,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_URL: '',
      DATABASE_URL: '',
      MEILI_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b) => log.push(String(b)));
  child.stderr?.on('data', (b) => log.push(String(b)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited: ${log.join('')}`);
        const r = await fetch(`${url}/health/ready`);
        return r.ok;
      },
      60_000,
      'the server to be ready',
      200,
    );
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${log.join('').slice(-4000)}`);
  }
  return {
    url,
    adminToken: ADMIN_TOKEN,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with nothing that calls home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
    ],
  });
}

/** Admin API call with the bootstrap token. */
export async function adminCall<T>(server: Server, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export async function konsulentToken(server: Server, jobcenter: string, label: string): Promise<string> {
  const t = await adminCall<{ token: string }>(server, 'POST', '/v1/tokens', {
    role: 'konsulent',
    jobcenter,
    label,
  });
  return t.token;
}

/** axe on the page as it is now; only serious and critical findings fail (with their rule and target). */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
