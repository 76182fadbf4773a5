import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.ts';
import { waitFor } from '../support/wait.ts';
import {
  candidateBody,
  createTestApi,
  JC_A,
  JC_B,
  jobOrderBody,
  json,
  TEST_CPR,
  type TestApi,
} from './helpers.ts';

interface Export {
  candidate: { id: string; externalId: string; name: string };
  workflow: Array<{ jobOrder: { id: string; title: string }; state: string; history: Array<{ to: string }> }>;
  bundles: Array<{ id: string; jobOrderId: string; opened: boolean; firstOpenedAt: string | null }>;
  placements: Array<{ jobOrderId: string; outcome: string; outcomes: Array<{ outcome: string }> }>;
  auditLog: Array<{ action: string; bundleId: string | null; by: { label: string } }>;
}

/** `vikar ...` in-process on the test's DATA_DIR, with what it prints. */
async function vikar(args: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  const code = await run(args, { stdout, stderr, env, isTTY: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('right of access: everything held about one person', () => {
  let t: TestApi;
  let candidateId: string;
  let otherId: string;
  let orderId: string;
  let bundleId: string;
  let companyToken: string;
  let cprHash: string;

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.call(token, { method, url, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApi({ workers: true });
    const created = await call(
      t.tokens.a,
      'POST',
      '/v1/candidates',
      candidateBody(JC_A, { name: 'Ida Lund' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    candidateId = json(created).id as string;
    otherId = json(
      await call(t.tokens.a, 'POST', '/v1/candidates', candidateBody(JC_A, { name: 'Per Holm' })),
    ).id as string;

    // Her way through an order: a list, the konsulent's steps, a bundle the company opens, chosen, started.
    orderId = json(await call(t.tokens.a, 'POST', '/v1/job-orders', jobOrderBody(JC_A))).id as string;
    const listId = json(await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/shortlists`, { size: 5 }))
      .id as string;
    await waitFor(
      async () => json(await call(t.tokens.a, 'GET', `/v1/shortlists/${listId}`)).status === 'done',
      30_000,
      'the shortlist',
    );
    for (const to of ['contacted', 'interested', 'sent_to_company']) {
      const res = await call(
        t.tokens.a,
        'POST',
        `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`,
        {
          to,
        },
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    const sent = json<{ bundle: { id: string }; company: { token: string; url: string } }>(
      await call(t.tokens.a, 'POST', `/v1/job-orders/${orderId}/bundles`, {}),
    );
    bundleId = sent.bundle.id;
    companyToken = sent.company.token;
    await waitFor(
      async () => json(await call(t.tokens.a, 'GET', `/v1/bundles/${bundleId}`)).status === 'done',
      30_000,
      'the bundle',
    );
    expect((await call(companyToken, 'GET', sent.company.url)).statusCode).toBe(200);
    const chosen = await call(companyToken, 'POST', `/v1/company/bundles/${bundleId}/choices`, {
      candidateId,
      decision: 'chosen',
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const started = await call(
      t.tokens.a,
      'POST',
      `/v1/job-orders/${orderId}/placements/${candidateId}/outcomes`,
      {
        outcome: 'started',
        date: '2027-01-04',
      },
    );
    expect(started.statusCode, started.body).toBe(201);

    const db = new Database(join(t.dir, 'vikarmatch.db'), { readonly: true });
    cprHash = (
      db.prepare('SELECT cpr_hash FROM candidates WHERE id = ?').get(candidateId) as { cpr_hash: string }
    ).cpr_hash;
    db.close();
    expect(cprHash).toEqual(expect.any(String));
  }, 60_000);
  afterAll(async () => t?.close());

  const expectNoCpr = (text: string) => {
    expect(text).not.toContain(TEST_CPR);
    expect(text).not.toContain(cprHash);
    expect(text.toLowerCase()).not.toMatch(/"cpr|hash"/);
    expect(text).not.toContain('%PDF');
  };

  it('GET /v1/candidates/{id}/export gives record, workflow, bundles, placements and reads, without the CPR', async () => {
    const res = await call(t.tokens.a, 'GET', `/v1/candidates/${candidateId}/export`);
    expect(res.statusCode, res.body).toBe(200);
    expectNoCpr(res.body);
    const out = json<Export>(res);
    expect(out.candidate).toMatchObject({ id: candidateId, name: 'Ida Lund' });
    expect(out.workflow).toHaveLength(1);
    expect(out.workflow[0]).toMatchObject({ jobOrder: { id: orderId }, state: 'chosen' });
    expect(out.workflow[0]!.history.map((h) => h.to)).toEqual([
      'contacted',
      'interested',
      'sent_to_company',
      'chosen',
    ]);
    expect(out.bundles).toEqual([
      expect.objectContaining({
        id: bundleId,
        jobOrderId: orderId,
        opened: true,
        firstOpenedAt: expect.any(String),
      }),
    ]);
    expect(out.placements).toEqual([expect.objectContaining({ jobOrderId: orderId, outcome: 'started' })]);
    expect(out.auditLog.map((a) => a.action)).toContain('company.bundle.view');
    expect(out.auditLog.every((a) => a.bundleId === null || a.bundleId === bundleId)).toBe(true);
    // Only hers: the other candidate on the same list is in none of it.
    expect(res.body).not.toContain(otherId);
  });

  it('is for the home jobcenter and admin only, and is itself audited', async () => {
    expect((await call(t.tokens.b, 'GET', `/v1/candidates/${candidateId}/export`)).statusCode).toBe(404);
    expect((await call(companyToken, 'GET', `/v1/candidates/${candidateId}/export`)).statusCode).toBe(403);
    const unknown = await call(
      t.tokens.a,
      'GET',
      '/v1/candidates/00000000-0000-4000-8000-000000000000/export',
    );
    expect(unknown.statusCode).toBe(404);
    const admin = await call(t.tokens.admin, 'GET', `/v1/candidates/${candidateId}/export`);
    expect(admin.statusCode).toBe(200);
    const exports = json<Export>(admin).auditLog.filter((a) => a.action === 'candidate.export');
    // The konsulent's export of the test before, not the refused ones.
    expect(exports.map((a) => a.by.label)).toEqual(['konsulent A']);
    const audit = await t.ctx.stores.audit.list({ candidateId });
    expect(audit.filter((a) => a.action === 'candidate.export')).toHaveLength(2);
  });

  it('vikar export candidates writes the same per person: NDJSON with --json, a summary without', async () => {
    const env = { DATA_DIR: t.dir, SEED_DEMO: 'false' };
    const all = await vikar(['export', 'candidates', '--jobcenter', JC_A, '--json'], env);
    expect(all.code, all.stderr).toBe(0);
    expectNoCpr(all.stdout);
    const lines = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Export);
    expect(lines.map((l) => l.candidate.id).sort()).toEqual([candidateId, otherId].sort());
    const hers = lines.find((l) => l.candidate.id === candidateId)!;
    expect(hers.workflow[0]!.state).toBe('chosen');
    expect(hers.bundles[0]).toMatchObject({ id: bundleId, opened: true });
    expect(hers.placements[0]!.outcome).toBe('started');
    expect(all.stderr).toContain('exported 2 candidates of jobcenter 751');

    const one = await vikar(['export', 'candidates', '--id', candidateId], env);
    expect(one.code, one.stderr).toBe(0);
    expectNoCpr(one.stdout);
    expect(one.stdout).toContain('Ida Lund');
    expect(one.stdout).toMatch(/CV-pakker: 1/);
    expect(one.stdout).toMatch(/åbnet/);
    expect(one.stdout).not.toContain('Per Holm');

    expect((await vikar(['export', 'candidates', '--jobcenter', JC_B, '--json'], env)).stdout).toBe('');
    expect(
      (await vikar(['export', 'candidates', '--id', '00000000-0000-4000-8000-000000000000'], env)).code,
    ).toBe(1);
    expect((await vikar(['export', 'candidates'], env)).code).toBe(2);
    // Every export the CLI made is in the log, under the CLI's name.
    const audit = await t.ctx.stores.audit.list({ candidateId });
    expect(
      audit.filter((a) => a.action === 'candidate.export' && a.actor.label === 'vikar export'),
    ).toHaveLength(2);
  });
});
