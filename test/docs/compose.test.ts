import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.ts';

/**
 * No Docker engine runs on the build machines, so docker-compose.yml and the Dockerfile are checked here for what
 * can be checked without one: the YAML parses (with its anchors and merges), the topology is the one the README
 * describes, and every app service's settings, with .env filled in, pass the app's own configuration check.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  configs?: Array<{ source: string; target: string }>;
}

interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
  volumes: Record<string, unknown>;
}

const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as Compose;
const { services } = compose;

/** What a `.env` beside the compose file gives (the README's example), as `docker compose` interpolates it. */
const DOTENV: Record<string, string> = {
  POSTGRES_PASSWORD: 'a-password-from-dotenv',
  CPR_HASH_KEY: 'k'.repeat(64),
};

/** Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}; an unset required variable throws its message. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_m, name: string, op?: string, arg?: string) => {
      const set = env[name];
      if (set !== undefined && set !== '') return set;
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    },
  );
}

function environmentOf(name: string, env = DOTENV): Record<string, string> {
  return Object.fromEntries(
    Object.entries(services[name]!.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]),
  );
}

const APP_SERVICES = ['api-1', 'api-2', 'worker'];

describe('docker-compose.yml', () => {
  it('runs two API replicas behind a proxy, workers, PostgreSQL and Redis; Meilisearch by profile', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api-1', 'api-2', 'meilisearch', 'postgres', 'proxy', 'redis', 'worker'].sort(),
    );
    for (const name of APP_SERVICES) expect(services[name]!.build).toBe('.');
    expect(services.worker!.command).toEqual(['node', '--import', 'tsx', 'src/cli.ts', 'worker']);
    expect(services.worker!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.meilisearch!.profiles).toEqual(['meili']);
    for (const name of Object.keys(services).filter((n) => n !== 'meilisearch')) {
      expect(services[name]!.profiles, name).toBeUndefined();
    }
  });

  it('publishes only the proxy, which balances over both APIs and checks their readiness', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([n]) => n)).toEqual(['proxy']);
    const caddyfile = compose.configs[services.proxy!.configs![0]!.source]!.content;
    expect(caddyfile).toMatch(/reverse_proxy api-1:3000 api-2:3000/);
    expect(caddyfile).toMatch(/health_uri \/health\/ready/);
    for (const name of ['api-1', 'api-2']) {
      expect(services[name]!.healthcheck!.test.join(' ')).toContain('/health/ready');
      expect(environmentOf(name).TRUST_PROXY).toBe('1');
    }
  });

  it('gives every app service settings the app accepts: PostgreSQL, Redis and the shared CPR key', () => {
    for (const name of APP_SERVICES) {
      const env = environmentOf(name);
      const config = loadConfig(env);
      expect(config.DATABASE_URL, name).toBe(
        `postgres://vikarmatch:${DOTENV.POSTGRES_PASSWORD}@postgres:5432/vikarmatch`,
      );
      expect(config.REDIS_URL, name).toBe('redis://redis:6379');
      expect(config.CPR_HASH_KEY, name).toBe(DOTENV.CPR_HASH_KEY);
      expect(config.DATABASE_POOL_SIZE, name).toBe(10);
      // The in-process index by default; the meili profile sets MEILI_URL.
      expect(config.MEILI_URL, name).toBeUndefined();
      expect(
        loadConfig(environmentOf(name, { ...DOTENV, MEILI_URL: 'http://meilisearch:7700' })).MEILI_URL,
      ).toBe('http://meilisearch:7700');
    }
    // Exactly one replica seeds an empty database.
    expect(environmentOf('api-1').SEED_DEMO).toBe('true');
    expect(environmentOf('api-2').SEED_DEMO).toBe('false');
  });

  it('refuses to start without the secrets rather than generate them per host', () => {
    expect(() => environmentOf('api-1', { POSTGRES_PASSWORD: 'x' })).toThrow(/CPR_HASH_KEY/);
    expect(() => environmentOf('worker', { CPR_HASH_KEY: 'k'.repeat(64) })).toThrow(/POSTGRES_PASSWORD/);
  });

  it('shares no volume between app containers, and waits for healthy PostgreSQL and Redis', () => {
    for (const name of APP_SERVICES) {
      expect(services[name]!.volumes, name).toBeUndefined();
      expect(services[name]!.depends_on?.postgres?.condition, name).toBe('service_healthy');
      expect(services[name]!.depends_on?.redis?.condition, name).toBe('service_healthy');
    }
    for (const [name, s] of Object.entries(services)) {
      for (const dep of Object.keys(s.depends_on ?? {}))
        expect(services[dep], `${name} -> ${dep}`).toBeDefined();
      if (!['worker'].includes(name)) expect(s.healthcheck, name).toBeDefined();
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('copies every directory the app imports and starts what `npm start` starts', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(\S+) /gm)].map((m) => m[1]!);
    for (const dir of ['src', 'indexer', 'scoring', 'workers', 'bin']) {
      expect(copied).toContain(dir);
      expect(fs.existsSync(path.join(ROOT, dir))).toBe(true);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
  });
});
