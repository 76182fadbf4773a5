import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { startRedis } from '../support/redis.ts';
import { createTestApi, json, type TestApi } from './helpers.ts';

describe('rate limit with REDIS_URL', () => {
  let redis: { url: string; stop(): Promise<void> };
  let t: TestApi;
  beforeAll(async () => {
    redis = await startRedis();
    t = await createTestApi({ env: { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('two API processes share one budget per token', async () => {
    // A second API on the same DATA_DIR and Redis, as behind a load balancer.
    const ctx = await createContext(
      loadConfig({
        DATA_DIR: t.dir,
        REDIS_URL: redis.url,
        RATE_LIMIT_PER_MINUTE: '3',
        ADMIN_TOKEN: t.tokens.admin,
      }),
    );
    const other = await buildApp(ctx, { logger: false });
    try {
      const get = (app: typeof other) =>
        app.inject({
          method: 'GET',
          url: '/v1/candidates',
          headers: { authorization: `Bearer ${t.tokens.a}` },
        });
      expect((await get(t.app)).statusCode).toBe(200);
      expect((await get(other)).statusCode).toBe(200);
      expect((await get(t.app)).statusCode).toBe(200);
      const limited = await get(other);
      expect(limited.statusCode).toBe(429);
      expect(json(limited)).toMatchObject({ status: 429 });
      // The budget is per token: B is not affected.
      const b = await other.inject({
        method: 'GET',
        url: '/v1/candidates',
        headers: { authorization: `Bearer ${t.tokens.b}` },
      });
      expect(b.statusCode).toBe(200);
    } finally {
      await other.close();
      await ctx.close();
    }
  });
});
