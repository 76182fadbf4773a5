import { z } from 'zod';
import { describeFieldErrors, fieldErrors } from './domain/errors.ts';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((u) => protocols.includes(new URL(u).protocol), {
      message: `must be a ${protocols.join(' or ')} URL`,
    });

/** Every setting comes from the environment; the service refuses to start on a bad value and names it. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /** Key prefix in Redis, so several deployments can share one server. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('vikarmatch'),
  /** Run queue workers inside the server process; default: yes without REDIS_URL, no with it. */
  IN_PROCESS_WORKERS: flag.optional(),
  MEILI_URL: url(['http:', 'https:']).optional(),
  MEILI_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('candidates'),
  /**
   * The Store on PostgreSQL instead of SQLite in DATA_DIR: several API and worker hosts share it. Requires
   * REDIS_URL and CPR_HASH_KEY (nothing a host needs may live in its own DATA_DIR).
   */
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  /** Connections each process keeps to PostgreSQL (plus one for the change feed's LISTEN). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Secret for the keyed CPR hash; generated into DATA_DIR on first start when not given (not with DATABASE_URL). */
  CPR_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Extra directory with jobrotation rule sets (<name>.json), searched before the shipped ones. */
  RULESETS_DIR: z.string().optional(),
  /** Extra directory with competence taxonomy files (*.json): adds concepts, or replaces shipped ones by id. */
  TAXONOMY_DIR: z.string().optional(),
  SEED_DEMO: flag.default(true),
  /** How many generated candidates the demo seed creates (spread over its three jobcentre). */
  SEED_DEMO_CANDIDATES: z.coerce.number().int().min(0).max(200_000).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * How long a worker's claim on a job lasts; a running job renews it, so only a dead worker's job is taken over
   * by another worker, this long after it died.
   */
  QUEUE_LEASE_MS: z.coerce.number().int().min(300).max(600_000).default(30_000),
  /**
   * How often queued or running shortlists and bundles whose job the queue no longer has (a Redis restarted
   * empty, an enqueue that failed) are enqueued again; 0 turns the reconciler off.
   */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Behind a reverse proxy: which X-Forwarded-For hops to believe, so the client's own address (not the proxy's)
   * keys the rate limit of requests without a token and shows in the logs. `false` (default), `true` (trust every
   * hop: only when the proxy is the sole way in), a number of hops, or proxy addresses/CIDRs separated by commas.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
      message: 'must be true, false, a number of hops, or comma-separated proxy addresses/CIDRs',
    })
    .default('false')
    .transform((v): boolean | number | string[] =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(','),
    ),
  /**
   * How many bruttolister one job order may have queued or running at once; a request beyond it answers 429. Keeps
   * one konsulent (or a loop in a script) from filling the queue and the order with lists.
   */
  SHORTLISTS_IN_FLIGHT_PER_ORDER: z.coerce.number().int().min(1).max(1000).default(10),
  /** Most candidates one `POST /v1/candidates/bulk` may carry; a bigger upload is refused whole (413). */
  BULK_MAX_RECORDS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  /** Longest line of a bulk upload, in UTF-8 bytes; a longer line is rejected on its own, never parsed. */
  BULK_MAX_RECORD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  /**
   * Worker threads that parse, validate and analyse an NDJSON import of candidates (the Store is written from one
   * thread); default: the available cores less one, at least 1; 0 = everything in the importing thread.
   */
  INGEST_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** A browser session ends this long after log-in, however active it is. */
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(480),
  /** A browser session ends after this long without a request. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(60),
  /**
   * The address people reach the service at (e.g. https://vikarmatch.aarhus.dk), for the company links; without
   * it a link is built from the address the konsulent's request came to.
   */
  PUBLIC_URL: url(['http:', 'https:'])
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** The built web app served at /; default web/dist in the installation. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Erase candidates not updated for this many months (the daily `retention` job); unset = keep. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(600).optional(),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set": docker-compose files often pass FOO= for optional settings.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration: ${describeFieldErrors(fieldErrors(parsed.error))}`);
  }
  // With a shared database, what a host would otherwise keep in its own DATA_DIR must be shared too.
  if (parsed.data.DATABASE_URL && !parsed.data.REDIS_URL) {
    throw new ConfigError(
      'invalid configuration: REDIS_URL: required with DATABASE_URL (hosts sharing one database cannot share ' +
        "the embedded queue, which lives in each host's DATA_DIR); set REDIS_URL, or unset DATABASE_URL to use SQLite",
    );
  }
  if (parsed.data.DATABASE_URL && !parsed.data.CPR_HASH_KEY) {
    throw new ConfigError(
      'invalid configuration: CPR_HASH_KEY: required with DATABASE_URL (a key generated per host would hash the ' +
        'same CPR differently on each); set the same CPR_HASH_KEY (at least 32 characters) on every host',
    );
  }
  return parsed.data;
}
