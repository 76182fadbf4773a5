import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateCandidate, validateJobOrder } from '../../indexer/validate.ts';
import { LICENCE_CATEGORIES } from '../../scoring/licence.ts';
import { candidateInput, todayInDenmark } from '../../src/domain/candidate.ts';
import { fieldErrors } from '../../src/domain/errors.ts';
import { jobOrderInput } from '../../src/domain/job-order.ts';
import { poolInput, transitionRequest } from '../../src/domain/workflow.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, type TestApi } from '../api/helpers.ts';

const errorsOf = (parsed: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  parsed.success ? [] : fieldErrors(parsed.error!);

describe("a job order's driversLicence", () => {
  it('is one of the kørekort categories the licence rules know, in any case', () => {
    for (const category of LICENCE_CATEGORIES) {
      const parsed = jobOrderInput.safeParse(jobOrderBody(JC_A, { driversLicence: category.toLowerCase() }));
      expect(parsed.success, category).toBe(true);
      expect(parsed.data?.driversLicence).toBe(category);
    }
  });

  it('refuses anything else, naming the field and the categories', () => {
    for (const bad of ['X', 'B2', 'truck', 'B, C', '', 'bil']) {
      const errors = errorsOf(jobOrderInput.safeParse(jobOrderBody(JC_A, { driversLicence: bad })));
      expect(errors, bad).toEqual([
        { field: 'driversLicence', message: expect.stringContaining('is not a Danish kørekortkategori') },
      ]);
      expect(errors[0]!.message).toContain('CE');
    }
  });
});

describe('unemployedSince', () => {
  afterEach(() => vi.useRealTimers());

  it('is refused after today, naming the field', () => {
    const errors = errorsOf(candidateInput.safeParse(candidateBody(JC_A, { unemployedSince: '9999-12-31' })));
    expect(errors).toEqual([{ field: 'unemployedSince', message: 'must not be in the future' }]);
  });

  it('takes today as the Danish date, from the clock tests can set', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 22:30 UTC on 1 June is already 2 June in Copenhagen (CEST).
    vi.setSystemTime(new Date('2026-06-01T22:30:00Z'));
    expect(todayInDenmark()).toBe('2026-06-02');
    const on = (unemployedSince: string) =>
      candidateInput.safeParse(candidateBody(JC_A, { unemployedSince })).success;
    expect(on('2026-06-02')).toBe(true);
    expect(on('2026-01-15')).toBe(true);
    expect(on('2026-06-03')).toBe(false);
  });

  it('rejects the line on the import path with the reason', () => {
    const result = validateCandidate(candidateBody(JC_A, { unemployedSince: '9999-12-31' }));
    expect(result).toEqual({ ok: false, reason: 'unemployedSince: must not be in the future' });
  });
});

describe('control and bidi-override characters', () => {
  const SNEAKY = [
    '\u0000',
    '\u0007',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u202e',
    '\u202a',
    '\u2066',
    '\u2069',
    '\u200f',
  ];

  it('are refused in a candidate name, naming the field', () => {
    for (const c of [...SNEAKY, '\n', '\t']) {
      const errors = errorsOf(candidateInput.safeParse(candidateBody(JC_A, { name: `Mette${c}Hansen` })));
      expect(errors, JSON.stringify(c)).toEqual([
        { field: 'name', message: 'must not contain control characters or bidi-override characters' },
      ]);
    }
  });

  it('are refused in a company name, a pool name and an externalId', () => {
    for (const c of SNEAKY) {
      expect(
        errorsOf(
          jobOrderInput.safeParse(
            jobOrderBody(JC_A, { company: { cvr: '24256790', name: `Nord${c}lager` } }),
          ),
        ),
      ).toEqual([{ field: 'company.name', message: expect.stringContaining('control characters') }]);
      expect(errorsOf(poolInput.safeParse({ name: `Øst${c}jylland` }))).toEqual([
        { field: 'name', message: expect.stringContaining('bidi-override') },
      ]);
      expect(errorsOf(candidateInput.safeParse(candidateBody(JC_A, { externalId: `k-${c}1` })))).toEqual([
        { field: 'externalId', message: expect.stringContaining('control characters') },
      ]);
    }
  });

  it('are stripped from other free text; a page break becomes a line break', () => {
    const parsed = candidateInput.parse(
      candidateBody(JC_A, {
        competences: ['truck\u0000certifikat', '\u202elager'],
        experience: [{ title: 'Lager\u2066medarbejder\u2069', description: 'Pluk\u0007ning' }],
        cvText: 'Side 1\fSide 2\u202e\tfane\r\nslut',
        wishes: { jobTitles: ['chauf\u200ffør'] },
      }),
    );
    expect(parsed.competences).toEqual(['truckcertifikat', 'lager']);
    expect(parsed.experience[0]).toMatchObject({ title: 'Lagermedarbejder', description: 'Plukning' });
    expect(parsed.cvText).toBe('Side 1\nSide 2\tfane\r\nslut');
    expect(parsed.wishes?.jobTitles).toEqual(['chauffør']);
    const order = jobOrderInput.parse(jobOrderBody(JC_A, { title: 'Lager\u202e', tasks: 'Pluk\u0000' }));
    expect([order.title, order.tasks]).toEqual(['Lager', 'Pluk']);
    const step = transitionRequest.parse({ to: 'contacted', note: 'ring\u202e igen' });
    expect(step.note).toBe('ring igen');
  });

  it('leave names in every script alone', () => {
    for (const name of [
      'Łukasz Wiśniewski',
      'Şükrü Öztürk',
      'Nguyễn Văn An',
      'Dvořák',
      'محمد علي',
      'Cabdi Xasan',
    ]) {
      expect(candidateInput.parse(candidateBody(JC_A, { name })).name).toBe(name);
    }
  });
});

describe('an externalId that is a CPR-nummer', () => {
  it('is refused with or without dash, and so is one that holds a CPR', () => {
    for (const id of ['0101901234', '010190-1234', ' 010190-1234 ', 'aarhus-0101901234', '01.01.90-1234']) {
      const errors = errorsOf(candidateInput.safeParse(candidateBody(JC_A, { externalId: id })));
      expect(errors, id).toEqual([
        { field: 'externalId', message: expect.stringContaining('must not be or contain a CPR-nummer') },
      ]);
      expect(JSON.stringify(errors)).not.toContain('0101901234');
    }
    expect(validateJobOrder(jobOrderBody(JC_A, { externalId: '010190-1234' }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^externalId: must not be or contain a CPR-nummer/),
    });
  });

  it('leaves ids with other numbers alone', () => {
    for (const id of ['aarhus-000123', 'jo-2026-0042', '12345678', '3213901234', 'kand-20260115-1']) {
      expect(candidateInput.safeParse(candidateBody(JC_A, { externalId: id })).success, id).toBe(true);
    }
  });

  describe('through the API', () => {
    let t: TestApi;
    beforeAll(async () => {
      t = await createTestApi();
    });
    afterAll(async () => t?.close());

    it('answers 400 naming the field, and a bulk upload rejects only that line without echoing the id', async () => {
      const res = await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/candidates',
        payload: candidateBody(JC_A, { externalId: '0101901234' }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(json<{ errors: Array<{ field: string }> }>(res).errors.map((e) => e.field)).toEqual([
        'externalId',
      ]);
      expect(res.body).not.toContain('0101901234');

      const order = await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/job-orders',
        payload: jobOrderBody(JC_A, { externalId: '010190-1234', driversLicence: 'Z' }),
      });
      expect(order.statusCode).toBe(400);
      expect(
        json<{ errors: Array<{ field: string }> }>(order)
          .errors.map((e) => e.field)
          .sort(),
      ).toEqual(['driversLicence', 'externalId']);

      const bulk = await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/candidates/bulk',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: [candidateBody(JC_A), candidateBody(JC_A, { externalId: '010190-1234' })]
          .map((c) => JSON.stringify(c))
          .join('\n'),
      });
      expect(bulk.statusCode, bulk.body).toBe(200);
      expect(bulk.body).toContain('externalId');
      expect(bulk.body).toContain('must not be or contain a CPR-nummer');
      expect(bulk.body).not.toContain('010190-1234');
      expect(json(bulk)).toMatchObject({ imported: 1, rejected: 1 });
    });

    it('answers 400 for a name with a right-to-left override and for a bundle label with NUL', async () => {
      const res = await t.call(t.tokens.a, {
        method: 'POST',
        url: '/v1/candidates',
        payload: candidateBody(JC_A, { name: 'Mette \u202eNESNAH' }),
      });
      expect(res.statusCode).toBe(400);
      expect(json<{ errors: Array<{ field: string; message: string }> }>(res).errors).toEqual([
        { field: 'name', message: 'must not contain control characters or bidi-override characters' },
      ]);
      const order = json<{ id: string }>(
        await t.call(t.tokens.a, { method: 'POST', url: '/v1/job-orders', payload: jobOrderBody(JC_A) }),
      );
      const bundle = await t.call(t.tokens.a, {
        method: 'POST',
        url: `/v1/job-orders/${order.id}/bundles`,
        payload: { label: 'Til\u0000Nordlager' },
      });
      expect(bundle.statusCode).toBe(400);
      expect(json<{ errors: Array<{ field: string }> }>(bundle).errors.map((e) => e.field)).toEqual([
        'label',
      ]);
    });
  });
});
