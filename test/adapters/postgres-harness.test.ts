import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresUnavailable, startPostgres } from '../support/postgres.ts';

const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable !== undefined)('throwaway PostgreSQL for tests', () => {
  it('starts, answers SELECT 1 in a database and a schema of its own, and is gone after stop()', async () => {
    const server = await startPostgres();
    const url = await server.createDatabase();
    const schema = await server.createSchema(url);
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number; schema: string }>(
        'SELECT 1 AS one, current_schema() AS schema',
      );
      expect(rows).toEqual([{ one: 1, schema }]);
    } finally {
      await client.end();
    }
    await server.stop();
    if (!process.env.PG_URL) {
      const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      await expect(probe.connect()).rejects.toThrow();
      await probe.end().catch(() => {});
    }
  });
});
