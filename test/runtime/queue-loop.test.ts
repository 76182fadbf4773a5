import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJobQueue } from '../../src/adapters/embedded-queue/sqlite-job-queue.ts';
import type { JobHandlers } from '../../src/jobs/catalog.ts';
import { waitFor } from '../support/wait.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteJobQueue worker loop', () => {
  it('survives a failing claim: reports it, backs off and consumes again once the database recovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-loop-'));
    dirs.push(dir);
    const file = join(dir, 'queue.db');
    const errors: Error[] = [];
    const queue = new SqliteJobQueue(file, { onError: (error) => errors.push(error) });
    const ran: string[] = [];
    const handlers: JobHandlers = {
      shortlist: async ({ shortlistId }) => {
        ran.push(shortlistId);
      },
      reindex: async () => {},
      bundle: async () => {},
      retention: async () => {},
    };
    // A second connection, as another process on the same file would have, takes the jobs table away: every
    // claim now fails with "no such table".
    const other = new Database(file);
    try {
      other.exec('ALTER TABLE jobs RENAME TO jobs_away');
      await queue.startWorkers(handlers, { concurrency: 2 });
      await waitFor(() => errors.length >= 2, 10_000, 'claims to fail');
      expect(errors[0]?.message).toMatch(/no such table: jobs/);

      other.exec('ALTER TABLE jobs_away RENAME TO jobs');
      await queue.enqueue('shortlist', { shortlistId: 'after-the-outage' });
      await waitFor(() => ran.length === 1, 15_000, 'the job to run after the outage');
      expect(ran).toEqual(['after-the-outage']);
      const counts = await queue.counts();
      expect(counts.completed).toBe(1);
    } finally {
      other.close();
      await queue.close();
    }
  });

  it('stops promptly while backing off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-loop-'));
    dirs.push(dir);
    const file = join(dir, 'queue.db');
    const errors: Error[] = [];
    const queue = new SqliteJobQueue(file, { onError: (error) => errors.push(error) });
    const other = new Database(file);
    try {
      other.exec('DROP TABLE jobs');
      await queue.startWorkers(
        {
          shortlist: async () => {},
          reindex: async () => {},
          bundle: async () => {},
          retention: async () => {},
        },
        { concurrency: 1 },
      );
      await waitFor(() => errors.length >= 4, 15_000, 'the backoff to grow');
      const started = Date.now();
      await queue.stopWorkers();
      // The pause after four failures in a row is 2 s; stopping wakes it instead of waiting it out.
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      other.close();
      await queue.close();
    }
  });
});
