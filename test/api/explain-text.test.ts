import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, JC_A, jobOrderBody, json, type TestApi } from './helpers.ts';

describe('POST /v1/explain-text', () => {
  let t: TestApi;
  let taxonomyDir: string;

  beforeAll(async () => {
    // A deployment's own concept, to show the route reads the app's taxonomy (shipped + TAXONOMY_DIR).
    taxonomyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-tax-'));
    fs.writeFileSync(
      path.join(taxonomyDir, 'tag.json'),
      JSON.stringify({
        concepts: [{ id: 'tagarbejde', kind: 'skill', prefLabel: 'tagarbejde', altLabels: ['tagdækning'] }],
      }),
    );
    t = await createTestApi({ env: { TAXONOMY_DIR: taxonomyDir } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(taxonomyDir, { recursive: true, force: true });
  });

  const explain = (token: string | null, payload: unknown) =>
    t.call(token, { method: 'POST', url: '/v1/explain-text', payload: payload as object });

  it('shows the concepts found with span, label, kind, context and match, and the words not understood', async () => {
    const text =
      'Erfaring med tagdækning og SAP EWM. Min far var lagerarbejder. Ønsker at tage truckcertifiakt.';
    const res = await explain(t.tokens.a, { text });
    expect(res.statusCode).toBe(200);
    const body = json<{
      taxonomyVersion: string;
      mentions: Array<Record<string, unknown> & { start: number; end: number; foundAs: string }>;
      words: string[];
    }>(res);
    expect(body.taxonomyVersion).toBe(t.ctx.taxonomy.version);
    expect(body.mentions.map((m) => [m.concept, m.foundAs, m.context, m.match])).toEqual([
      ['tagarbejde', 'tagdækning', 'own', 'label'],
      ['sap-ewm', 'SAP EWM', 'own', 'label'],
      ['lagermedarbejder', 'lagerarbejder', 'other-person', 'label'],
      ['truckcertifikat', 'truckcertifiakt', 'intent', 'typo'],
    ]);
    expect(body.mentions[1]).toMatchObject({
      label: 'SAP EWM',
      kind: 'knowledge',
      broader: expect.arrayContaining(['lagerstyringssystem']),
    });
    for (const m of body.mentions) expect(text.slice(m.start, m.end)).toBe(m.foundAs);
    expect(body.words).toEqual(['erfaring', 'far', 'ønsker', 'tage']);
    expect((await explain(t.tokens.admin, { text: 'WMS' })).statusCode).toBe(200);
  });

  it('answers problem+json for a missing, non-string or too long text', async () => {
    for (const payload of [{}, { text: 42 }, { text: 'x'.repeat(20_001) }, { text: 'WMS', extra: true }]) {
      const res = await explain(t.tokens.a, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(json(res)).toMatchObject({ status: 400 });
    }
    expect((await explain(t.tokens.a, { text: 'x'.repeat(20_000) })).statusCode).toBe(200);
  });

  it('is for konsulenter and admins only', async () => {
    expect((await explain(null, { text: 'WMS' })).statusCode).toBe(401);
    const order = json(
      await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody() }),
    );
    const { token } = await t.ctx.stores.access.createToken({
      role: 'virksomhed',
      jobcenter: JC_A,
      jobOrderId: order.id as string,
      label: 'Nordlager',
    });
    const res = await explain(token, { text: 'WMS' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
