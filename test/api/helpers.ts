import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
/** Jobcenter A (Aarhus) and B (København). */
export const JC_A = '751';
export const JC_B = '101';
export const TEST_CPR = '0101901234';

export interface TestApi {
  app: FastifyInstance;
  ctx: AppContext;
  dir: string;
  /** Log lines the app wrote (when built with captureLogs). */
  logs: string[];
  tokens: { admin: string; a: string; b: string; virksomhed?: string };
  /** Injects with `Authorization: Bearer <token>` (no header when token is null). */
  call(token: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  env?: Record<string, string>;
  captureLogs?: boolean;
  /** Consume the queue in this process, as the embedded server does. */
  workers?: boolean;
}

/** A real app on a real SQLite file in a tmp DATA_DIR, with jobcentre A and B and a konsulent token for each. */
export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-api-'));
  const config = loadConfig({
    DATA_DIR: dir,
    ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const ctx = await createContext(config);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp(ctx, { logger: options.captureLogs ? { stream } : false });
  if (options.workers) await ctx.queue.startWorkers(ctx.handlers, { concurrency: 2 });

  await ctx.stores.access.createJobcenter({ id: JC_A, name: 'Jobcenter Aarhus' });
  await ctx.stores.access.createJobcenter({ id: JC_B, name: 'Jobcenter København' });
  const a = await ctx.stores.access.createToken({ role: 'konsulent', jobcenter: JC_A, label: 'konsulent A' });
  const b = await ctx.stores.access.createToken({ role: 'konsulent', jobcenter: JC_B, label: 'konsulent B' });

  return {
    app,
    ctx,
    dir,
    logs,
    tokens: { admin: ADMIN_TOKEN, a: a.token, b: b.token },
    call: (token, opts) =>
      app.inject({
        ...opts,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...opts.headers },
      }),
    close: async () => {
      await app.close();
      await ctx.queue.stopWorkers();
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

export function candidateBody(
  jobcenter = JC_A,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    externalId: unique('kand'),
    jobcenter,
    name: 'Mette Hansen',
    cpr: TEST_CPR,
    email: 'mette.hansen@example.dk',
    phone: '+4512345678',
    postalCode: jobcenter === JC_A ? '8210' : '2100',
    unemployedSince: '2026-01-15',
    benefit: 'dagpenge',
    weeklyHours: 37,
    availableFrom: '2026-11-01',
    competences: ['truckcertifikat B', 'lagerstyring', 'plukning'],
    educations: [{ title: 'Lagerassistent', level: 'eud' }],
    experience: [
      { title: 'Lagermedarbejder', from: '2019-03-01', to: '2025-12-31', description: 'Plukning' },
    ],
    languages: ['dansk', 'engelsk'],
    driversLicences: ['B'],
    cvText: 'Erfaren lagermedarbejder med truckcertifikat B, plukning og pakning.',
    consent: { searchable: true, shareWithPool: true },
    ...overrides,
  };
}

export function jobOrderBody(
  jobcenter = JC_A,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    externalId: unique('jo'),
    jobcenter,
    company: { cvr: '24256790', name: 'Nordlager A/S' },
    title: 'Lagermedarbejder',
    postalCode: jobcenter === JC_A ? '8200' : '2100',
    tasks: 'Plukning, pakning, varemodtagelse',
    mustHave: ['truckcertifikat'],
    niceToHave: ['lagerstyring'],
    weeklyHours: 30,
    period: { from: '2027-01-04', to: '2027-06-30' },
    ...overrides,
  };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
