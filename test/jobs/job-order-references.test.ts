import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPath } from '../../indexer/import.ts';
import { SHIPPED_RULESETS_DIR } from '../../src/rulesets/load.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, type TestApi } from '../api/helpers.ts';

type Problem = { status: number; errors: Array<{ field: string; message: string }> };

/** A job order names a rule set the workers must load: one that does not exist is refused when it is written. */
describe('job order references are checked when the order is written', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  const ruleSetError = (res: { statusCode: number; json: () => unknown }) => {
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    const error = problem.errors.find((e) => e.field === 'ruleSet');
    expect(error, JSON.stringify(problem)).toBeDefined();
    return error!.message;
  };

  it('POST refuses an unknown rule set with a 400 naming ruleSet and listing the known ones', async () => {
    const res = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(JC_A, { ruleSet: 'aarhus-2031' }),
    });
    const message = ruleSetError(res);
    expect(message).toContain('aarhus-2031');
    expect(message).toContain('default, kommune-6-maaneder');
    const list = json<{ items: unknown[] }>(
      await t.call(t.tokens.a, { method: 'GET', url: '/v1/job-orders' }),
    );
    expect(list.items).toHaveLength(0);
  });

  it('refuses a 5,001-character rule set as invalid input, not a file-system error', async () => {
    const res = await t.call(t.tokens.a, {
      method: 'POST',
      url: '/v1/job-orders',
      payload: jobOrderBody(JC_A, { ruleSet: 'a'.repeat(5001) }),
    });
    expect(ruleSetError(res)).not.toMatch(/ENAMETOOLONG/);
  });

  it('PUT and PATCH refuse an unknown rule set and leave the order as it was', async () => {
    const created = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
    );
    const url = `/v1/job-orders/${created.id}`;
    const patch = await t.call(t.tokens.a, { method: 'PATCH', url, payload: { ruleSet: 'nowhere' } });
    expect(ruleSetError(patch)).toContain('default, kommune-6-maaneder');
    const { externalId: _key, jobcenter: _jc, ...body } = jobOrderBody(JC_A, { ruleSet: 'nowhere' });
    const put = await t.call(t.tokens.a, { method: 'PUT', url, payload: body });
    expect(ruleSetError(put)).toContain('nowhere');
    expect(json(await t.call(t.tokens.a, { method: 'GET', url })).ruleSet).toBe('default');
    // A known one still goes through.
    const ok = await t.call(t.tokens.a, { method: 'PATCH', url, payload: { ruleSet: 'kommune-6-maaneder' } });
    expect(ok.statusCode).toBe(200);
  });

  it('`vikar import job-orders` rejects the line with the unknown rule set and imports the rest', async () => {
    const file = join(t.dir, 'orders.ndjson');
    const good = jobOrderBody(JC_A);
    const bad = jobOrderBody(JC_A, { ruleSet: 'aarhus-2031' });
    writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
    const summary = await importPath(file, 'job-orders', t.ctx);
    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(summary.rejections[0]).toMatchObject({ line: 2 });
    expect(summary.rejections[0]!.reason).toMatch(
      /ruleSet: unknown rule set "aarhus-2031"; available: default/,
    );
    expect(await t.ctx.stores.jobOrders.find(JC_A, String(bad.externalId))).toBeUndefined();
  });
});

describe('a job that exhausts its retries fails its row with a reason the konsulent reads', () => {
  let t: TestApi;
  let rulesDir: string;
  beforeAll(async () => {
    // A deployment rule set that is removed after an order named it: every attempt of its shortlist fails.
    rulesDir = mkdtempSync(join(tmpdir(), 'vm-rules-'));
    const rules = JSON.parse(readFileSync(join(SHIPPED_RULESETS_DIR, 'default.json'), 'utf8'));
    writeFileSync(
      join(rulesDir, 'aarhus-forsoeg.json'),
      JSON.stringify({ ...rules, name: 'aarhus-forsoeg' }),
    );
    copyFileSync(join(SHIPPED_RULESETS_DIR, 'default.json'), join(rulesDir, 'default.json'));
    t = await createTestApi({ env: { RULESETS_DIR: rulesDir }, workers: true });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('marks the shortlist failed after the last attempt instead of leaving it running', async () => {
    const order = json(
      await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/job-orders',
        payload: jobOrderBody(JC_A, { ruleSet: 'aarhus-forsoeg' }),
      }),
    );
    expect(order.ruleSet).toBe('aarhus-forsoeg');
    rmSync(join(rulesDir, 'aarhus-forsoeg.json'));

    const started = json(
      await t.call(t.tokens.a, {
        method: 'POST',
        url: `/v1/job-orders/${order.id}/shortlists`,
        payload: { scope: 'own', size: 5 },
      }),
    );
    const deadline = Date.now() + 20_000;
    let list: Record<string, unknown> = {};
    while (Date.now() < deadline) {
      list = json(await t.call(t.tokens.a, { method: 'GET', url: `/v1/shortlists/${started.id}` }));
      if (list.status === 'failed' || list.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(list.status).toBe('failed');
    expect(list.error).toMatch(
      /^failed after 3 attempts: unknown rule set "aarhus-forsoeg"; available: default/,
    );
    const job = await t.ctx.queue.getJob(`shortlist-${started.id}`);
    expect(job).toMatchObject({ state: 'failed', attempts: 3 });

    // A proposal on that order says what is wrong with it instead of failing with a 500.
    const candidate = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/candidates', payload: candidateBody(JC_A) }),
    );
    const proposal = await t.call(t.tokens.a, {
      method: 'POST',
      url: `/v1/job-orders/${order.id}/proposals`,
      payload: { candidateId: candidate.id },
    });
    expect(proposal.statusCode).toBe(409);
    expect(proposal.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(proposal).detail).toMatch(/rule set "aarhus-forsoeg"/);
  });
});
