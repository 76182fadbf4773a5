import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { searchFactsFor } from '../../indexer/facts.ts';
import { run } from '../../src/cli.ts';
import { candidateInput } from '../../src/domain/candidate.ts';
import { CPR_REDACTED, containsCpr, redactCprInText } from '../../src/domain/cpr.ts';
import { jobOrderInput } from '../../src/domain/job-order.ts';
import { candidateBody, createTestApi, JC_A, jobOrderBody, json, type TestApi } from '../api/helpers.ts';
import { buildPdf } from '../indexer/helpers.ts';
import { waitFor } from '../support/wait.ts';
import {
  cprParts,
  digitsOf,
  dumpDataDir,
  formatPath,
  leakIn,
  type Path,
  type PlantedCpr,
  plant,
  plantedCpr,
  plantMode,
  SPELLINGS,
  stringPaths,
} from './cpr-support.ts';

/** A candidate and an order with every optional string field filled, so every one can carry a planted CPR. */
const fullCandidate = () =>
  candidateBody(JC_A, {
    unavailable: [{ from: '2027-03-01', to: '2027-03-31', reason: 'ferie' }],
    activeSchemes: ['loentilskud'],
    wishes: { maxDistanceKm: 25, jobTitles: ['lagermedarbejder'] },
  });
const fullOrder = () => jobOrderBody(JC_A, { ruleSet: 'default', driversLicence: 'B' });

/** `cpr` is the one field meant for a CPR: it is validated and hashed, never kept as written. */
const candidatePaths = stringPaths(fullCandidate()).filter((p) => p[0] !== 'cpr');
const orderPaths = stringPaths(fullOrder());

/** Where a CPR makes the record invalid instead of being redacted: ids, contact data and coded values. */
const REFUSED = new Set([
  'externalId',
  'jobcenter',
  'email',
  'phone',
  'postalCode',
  'unemployedSince',
  'availableFrom',
  'benefit',
  'driversLicences[0]',
  'educations[0].level',
  'experience[0].from',
  'experience[0].to',
  'unavailable[0].from',
  'unavailable[0].to',
  'company.cvr',
  'period.from',
  'period.to',
  'ruleSet',
  'driversLicence',
]);

const noLeak = (text: string, cpr: PlantedCpr, where: string) =>
  expect(leakIn(text, cpr), `CPR "${cpr.spelled}" in ${where}`).toBeUndefined();

describe('CPR in free text: every spelling is redacted, nothing else is', () => {
  it('redacts a real CPR in each spelling, wherever it stands in the text', () => {
    fc.assert(
      fc.property(plantedCpr, fc.string(), fc.string(), (cpr, before, after) => {
        const text = `${before} ${cpr.spelled} ${after}`;
        const out = redactCprInText(text);
        noLeak(out, cpr, 'redacted text');
        expect(out).toContain(CPR_REDACTED);
        expect(containsCpr(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the spellings people use', () => {
    const p = { dd: '01', mm: '01', yy: '90', serial: '1234' };
    expect(SPELLINGS.map((s) => s(p))).toEqual([
      '0101901234',
      '010190-1234',
      '010190 1234',
      '010190 - 1234',
      '01.01.90-1234',
      '01 01 90 1234',
      '01-01-90-1234',
      '01.01.90 1234',
      '01/01/90-1234',
      '010190 \u2013 1234',
    ]);
    for (const spelled of SPELLINGS.map((s) => s(p)))
      expect(redactCprInText(`CPR-nr.: ${spelled}.`)).toBe(`CPR-nr.: ${CPR_REDACTED}.`);
  });

  it('finds a CPR right after digits that are no CPR', () => {
    expect(redactCprInText('9912 010190-1234')).toBe(`9912 ${CPR_REDACTED}`);
  });

  it('leaves phone numbers, 8-digit numbers, CVR, dates and impossible dates alone', () => {
    for (const text of [
      '+45 12 34 56 78',
      '+4512345678',
      '0045 12 34 56 78',
      '12 34 56 78',
      '1234 5678',
      '12345678',
      'CVR 24256790',
      '2019-03-01',
      '01.01.2020',
      '01.01.90-31.12.95',
      '1990-2020',
      '3213901234', // no 32nd of a month
      '0113901234', // no 13th month
      '010190\n1234', // a date and a number on two lines
      '01019012345', // 11 digits
    ]) {
      expect(redactCprInText(text), text).toBe(text);
    }
    const phone = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
      .map((d) => d.join(''));
    fc.assert(
      fc.property(
        phone,
        fc.constantFrom('', '+45', '+45 ', '0045 '),
        fc.boolean(),
        (digits, prefix, pairs) => {
          const number = pairs ? (digits.match(/../g) ?? []).join(' ') : digits;
          const text = `tlf. ${prefix}${number}, mobil ${digits}`;
          expect(redactCprInText(text)).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps every CPR of a list apart', () => {
    fc.assert(
      fc.property(fc.array(cprParts, { minLength: 1, maxLength: 5 }), (list) => {
        const out = redactCprInText(list.map((p) => `${p.dd}${p.mm}${p.yy}-${p.serial}`).join(', '));
        for (const p of list) expect(out).not.toContain(digitsOf(p).slice(0, 6));
      }),
    );
  });
});

describe('a CPR planted in any string field of a candidate or an order', () => {
  it('is redacted, or the record is refused naming that field, and never reaches the stored record or the index terms', () => {
    fc.assert(
      fc.property(
        plantedCpr,
        plantMode,
        fc.constantFrom(...candidatePaths),
        fc.constantFrom(...orderPaths),
        (cpr, mode, candidatePath, orderPath) => {
          const check = (at: Path, parsed: z.ZodSafeParseResult<Record<string, unknown>>) => {
            const field = formatPath(at);
            if (parsed.success) {
              expect(REFUSED.has(field), `${field} accepted a CPR`).toBe(false);
              noLeak(JSON.stringify(parsed.data), cpr, field);
            } else {
              expect(REFUSED.has(field), `${field} refused a CPR instead of redacting it`).toBe(true);
              const fields = parsed.error.issues.map((i) => formatPath(i.path as Path));
              expect(fields).toContain(field);
              noLeak(JSON.stringify(parsed.error.issues), cpr, `errors for ${field}`);
            }
          };
          const candidate = candidateInput.safeParse(
            plant(fullCandidate(), candidatePath, cpr.spelled, mode),
          );
          check(candidatePath, candidate);
          if (candidate.success) {
            const { cpr: _hashedOnly, ...stored } = candidate.data;
            noLeak(
              JSON.stringify(searchFactsFor(stored).terms),
              cpr,
              `index terms via ${formatPath(candidatePath)}`,
            );
          }
          check(orderPath, jobOrderInput.safeParse(plant(fullOrder(), orderPath, cpr.spelled, mode)));
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('a CPR planted through the API', () => {
  let t: TestApi;
  const planted: PlantedCpr[] = [];
  const bodies: Array<{ cpr: PlantedCpr; where: string; body: string }> = [];

  beforeAll(async () => {
    t = await createTestApi({ captureLogs: true, workers: true });
  });
  afterAll(async () => t?.close());

  const record = (cpr: PlantedCpr, where: string, res: LightMyRequestResponse) => {
    bodies.push({ cpr, where, body: res.body });
    return res;
  };

  it('never appears in a response, whatever field it was put in', async () => {
    await fc.assert(
      fc.asyncProperty(
        plantedCpr,
        plantMode,
        fc.constantFrom(...candidatePaths),
        fc.constantFrom(...orderPaths),
        async (cpr, mode, candidatePath, orderPath) => {
          planted.push(cpr);
          const a = t.tokens.a;
          const candidate = plant(fullCandidate(), candidatePath, cpr.spelled, mode);
          const created = record(
            cpr,
            `POST candidate (${formatPath(candidatePath)})`,
            await t.call(a, { method: 'POST', url: '/v1/candidates', payload: candidate }),
          );
          expect([201, 400]).toContain(created.statusCode);
          if (created.statusCode === 201) {
            const id = json<{ id: string }>(created).id;
            record(cpr, 'GET candidate', await t.call(a, { method: 'GET', url: `/v1/candidates/${id}` }));
            record(
              cpr,
              'PUT candidate',
              await t.call(a, { method: 'PUT', url: '/v1/candidates', payload: candidate }),
            );
          }
          const bulkLine = { ...candidate, externalId: `bulk-${planted.length}` };
          record(
            cpr,
            'bulk candidates',
            await t.call(a, {
              method: 'POST',
              url: '/v1/candidates/bulk',
              headers: { 'content-type': 'application/x-ndjson' },
              payload: `${JSON.stringify(bulkLine)}\n${JSON.stringify(candidate)}\n`,
            }),
          );
          record(cpr, 'list candidates', await t.call(a, { method: 'GET', url: '/v1/candidates?limit=500' }));

          const order = plant(fullOrder(), orderPath, cpr.spelled, mode);
          const orderRes = record(
            cpr,
            `POST order (${formatPath(orderPath)})`,
            await t.call(a, { method: 'POST', url: '/v1/job-orders', payload: order }),
          );
          expect([201, 400]).toContain(orderRes.statusCode);
          if (orderRes.statusCode === 201) {
            const id = json<{ id: string }>(orderRes).id;
            record(cpr, 'GET order', await t.call(a, { method: 'GET', url: `/v1/job-orders/${id}` }));
            const { externalId: _key, jobcenter: _jc, ...rest } = order;
            record(
              cpr,
              'PUT order',
              await t.call(a, { method: 'PUT', url: `/v1/job-orders/${id}`, payload: rest }),
            );
            record(
              cpr,
              'PATCH order',
              await t.call(a, {
                method: 'PATCH',
                url: `/v1/job-orders/${id}`,
                payload: { tasks: `Pakning ${cpr.spelled}` },
              }),
            );
          } else {
            const field = formatPath(orderPath);
            expect(REFUSED.has(field), `${field} refused`).toBe(true);
            expect(json<{ errors: Array<{ field: string }> }>(orderRes).errors.map((e) => e.field)).toContain(
              field,
            );
          }
          record(cpr, 'list orders', await t.call(a, { method: 'GET', url: '/v1/job-orders?limit=500' }));

          for (const b of bodies.filter((x) => x.cpr === cpr)) noLeak(b.body, cpr, b.where);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never appears in a workflow step, a bundle, its PDF, the pools or the tokens, written in every field at once', async () => {
    const cprs = fc.sample(plantedCpr, { numRuns: 40, seed: 11 });
    planted.push(...cprs);
    let next = 0;
    const cpr = () => cprs[next++ % cprs.length]!;
    const a = t.tokens.a;
    const body = (res: LightMyRequestResponse, where: string) => {
      for (const c of cprs) noLeak(res.body, c, where);
      return res;
    };

    const candidate = candidateBody(JC_A, {
      name: `Mette ${cpr().spelled} Hansen`,
      competences: ['truckcertifikat B', 'lagerstyring', `plukning ${cpr().spelled}`],
      educations: [{ title: `Lagerassistent ${cpr().spelled}`, level: 'eud' }],
      experience: [
        {
          title: `Lagermedarbejder ${cpr().spelled}`,
          from: '2019-03-01',
          description: `Plukning, ${cpr().spelled}`,
        },
      ],
      languages: ['dansk', `engelsk ${cpr().spelled}`],
      activeSchemes: [`loentilskud ${cpr().spelled}`],
      wishes: { jobTitles: [`lager ${cpr().spelled}`] },
      cvText: `Mette Hansen\nCPR: ${cpr().spelled}\nPersonnummer ${cpr().spelled}\nErfaren lagermedarbejder, truckcertifikat B.`,
    });
    const created = body(
      await t.call(a, { method: 'POST', url: '/v1/candidates', payload: candidate }),
      'candidate',
    );
    expect(created.statusCode, created.body).toBe(201);
    const candidateId = json<{ id: string }>(created).id;

    const order = jobOrderBody(JC_A, {
      company: { cvr: '24256790', name: `Nordlager ${cpr().spelled} A/S` },
      title: `Lagermedarbejder ${cpr().spelled}`,
      tasks: `Plukning ${cpr().spelled}`,
      niceToHave: ['lagerstyring', `WMS ${cpr().spelled}`],
    });
    const orderRes = body(
      await t.call(a, { method: 'POST', url: '/v1/job-orders', payload: order }),
      'order',
    );
    expect(orderRes.statusCode, orderRes.body).toBe(201);
    const orderId = json<{ id: string }>(orderRes).id;

    const listRes = body(
      await t.call(a, {
        method: 'POST',
        url: `/v1/job-orders/${orderId}/shortlists`,
        payload: { size: 5, scope: 'own' },
      }),
      'shortlist',
    );
    expect(listRes.statusCode, listRes.body).toBe(202);
    const listId = json<{ id: string }>(listRes).id;
    const list = await waitFor(
      async () => {
        const got = await t.call(a, { method: 'GET', url: `/v1/shortlists/${listId}` });
        return json<{ status: string }>(got).status === 'done' ? got : undefined;
      },
      15_000,
      'the shortlist to finish',
    );
    body(list, 'shortlist');
    expect(list.body).toContain(candidateId);

    const step = async (to: string, note?: string) => {
      const res = await t.call(a, {
        method: 'POST',
        url: `/v1/job-orders/${orderId}/workflow/${candidateId}/transitions`,
        payload: note === undefined ? { to } : { to, note },
      });
      expect(res.statusCode, res.body).toBe(200);
      return body(res, `step ${to}`);
    };
    await step('contacted', `Ringet op, oplyste CPR ${cpr().spelled}`);
    await step('interested', cpr().spelled);
    await step('sent_to_company', `Sendt ${cpr().spelled}`);
    body(await t.call(a, { method: 'GET', url: `/v1/job-orders/${orderId}/workflow` }), 'workflow');
    body(
      await t.call(a, { method: 'GET', url: `/v1/job-orders/${orderId}/workflow/${candidateId}` }),
      'entry',
    );

    const bundleRes = body(
      await t.call(a, {
        method: 'POST',
        url: `/v1/job-orders/${orderId}/bundles`,
        payload: { label: `Til Nordlager ${cpr().spelled}` },
      }),
      'bundle',
    );
    expect(bundleRes.statusCode, bundleRes.body).toBe(202);
    const sent = json<{ bundle: { id: string }; company: { token: string; url: string } }>(bundleRes);
    await waitFor(
      async () =>
        json<{ status: string }>(await t.call(a, { method: 'GET', url: `/v1/bundles/${sent.bundle.id}` }))
          .status === 'done',
      15_000,
      'the bundle to render',
    );
    body(await t.call(a, { method: 'GET', url: `/v1/bundles/${sent.bundle.id}` }), 'bundle status');
    const view = body(
      await t.call(sent.company.token, { method: 'GET', url: sent.company.url }),
      'company view',
    );
    expect(view.body).toContain('Mette');
    for (const url of [`/v1/bundles/${sent.bundle.id}/pdf`, `${sent.company.url}/pdf`]) {
      const token = url.startsWith('/v1/company') ? sent.company.token : a;
      const pdf = await t.call(token, { method: 'GET', url });
      expect(pdf.statusCode).toBe(200);
      const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
      expect(text).toContain('Nordlager');
      expect(text).toContain('Mette');
      expect(text).toContain('CPR fjernet');
      for (const c of cprs) noLeak(text, c, `PDF ${url}`);
      // Text extraction may break a line inside a spelling; digits alone must not survive either.
      for (const c of cprs) noLeak(text.replace(/\s+/g, ''), c, `PDF ${url} without spaces`);
    }
    const choice = await t.call(sent.company.token, {
      method: 'POST',
      url: `${sent.company.url}/choices`,
      payload: { candidateId, decision: 'interview', note: `Samtale ${cpr().spelled}` },
    });
    expect(choice.statusCode, choice.body).toBeLessThan(300);
    body(choice, 'company choice');

    const pool = body(
      await t.call(t.tokens.admin, {
        method: 'POST',
        url: '/v1/pools',
        payload: { name: `Østjylland ${cpr().spelled}`, members: [JC_A] },
      }),
      'pool',
    );
    expect(pool.statusCode, pool.body).toBe(201);
    body(await t.call(t.tokens.admin, { method: 'GET', url: '/v1/pools' }), 'pools');
    const token = body(
      await t.call(t.tokens.admin, {
        method: 'POST',
        url: '/v1/tokens',
        payload: { role: 'konsulent', jobcenter: JC_A, label: `Konsulent ${cpr().spelled}` },
      }),
      'token',
    );
    expect(token.statusCode, token.body).toBe(201);
    body(await t.call(t.tokens.admin, { method: 'GET', url: '/v1/tokens' }), 'tokens');
    const jobcenter = body(
      await t.call(t.tokens.admin, {
        method: 'POST',
        url: '/v1/jobcentre',
        payload: { id: '461', name: `Jobcenter Odense ${cpr().spelled}` },
      }),
      'jobcenter',
    );
    expect(jobcenter.statusCode, jobcenter.body).toBe(201);
    body(await t.call(t.tokens.admin, { method: 'GET', url: '/v1/jobcentre' }), 'jobcentre');
    body(
      await t.call(t.tokens.admin, { method: 'GET', url: `/v1/audit?candidateId=${candidateId}` }),
      'audit',
    );
    const exported = body(
      await t.call(a, { method: 'GET', url: `/v1/candidates/${candidateId}/export` }),
      'access export',
    );
    expect(exported.statusCode, exported.body).toBe(200);
  });

  it('is in no stored row, no index term and no log line', async () => {
    expect(planted.length).toBeGreaterThan(25);
    const stored = dumpDataDir(t.dir);
    expect(stored).toContain(CPR_REDACTED);
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const cpr of planted) {
      noLeak(stored, cpr, 'the data directory (rows, facts with index terms, raw files)');
      noLeak(logs, cpr, 'the log');
    }
  });
});

describe('a CPR in files imported with `vikar import`', () => {
  let dir: string;
  const env = () => ({ DATA_DIR: join(dir, 'data'), SEED_DEMO: 'false' });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vm-cpr-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is redacted in CSV, JSON, NDJSON and CV documents, and an id that is a CPR rejects only its line', async () => {
    const cprs = fc.sample(plantedCpr, { numRuns: 30, seed: 7 });
    let next = 0;
    const cpr = () => cprs[next++ % cprs.length]!.spelled;
    const candidate = (externalId: string) => ({
      ...candidateBody(JC_A, {
        externalId,
        name: `Ole ${cpr()} Hansen`,
        competences: [`plukning ${cpr()}`],
        experience: [{ title: `Lager ${cpr()}`, description: `Pakning ${cpr()}` }],
        cvText: `CPR: ${cpr()}`,
      }),
    });
    const files = join(dir, 'in');
    mkdirSync(files);
    writeFileSync(
      join(files, 'a.ndjson'),
      [
        JSON.stringify(candidate('nd-1')),
        JSON.stringify(candidate('0101901234')),
        JSON.stringify(candidate('010190-1234')),
      ].join('\n'),
    );
    writeFileSync(join(files, 'b.json'), JSON.stringify([candidate('js-1'), candidate(`js ${cpr()}`)]));
    writeFileSync(
      join(files, 'c.csv'),
      [
        'externalId,jobcenter,name,postalCode,unemployedSince,benefit,competences,languages,cvText',
        `csv-1,751,Ib ${cpr()} Ibsen,8210,2026-01-15,dagpenge,truck ${cpr()};lager,dansk ${cpr()},CV ${cpr()}`,
        `${cpr()},751,Ib Ibsen,8210,2026-01-15,dagpenge,truck,dansk,CV`,
      ].join('\n'),
    );
    writeFileSync(
      join(files, 'cv.pdf'),
      await buildPdf([
        { text: `Mette ${cpr()} Hansen`, size: 18 },
        { text: `CPR-nr.: ${cpr()}` },
        { text: 'Åbyhøjvej 3, 8210 Aarhus V' },
        { text: 'Kompetencer', size: 14 },
        { text: `• Truckcertifikat B ${cpr()}` },
        { text: `Personnummer ${cpr()}` },
      ]),
    );
    // Case systems name exported CVs after the person's CPR: the file name would become the id.
    writeFileSync(
      join(files, '0101901234.pdf'),
      await buildPdf([{ text: 'Mette Hansen' }, { text: 'Erfaren lagermedarbejder med truckcertifikat B.' }]),
    );

    const imported = await vikar(['import', 'candidates', files, '--jobcenter', JC_A], env());
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported 4, updated 0, rejected 5 \(incomplete 1\)/);
    const idErrors = imported.stderr
      .split('\n')
      .filter((l) => l.includes('externalId: must not be or contain a CPR'));
    expect(idErrors, imported.stderr).toHaveLength(5);
    expect(imported.stderr).toMatch(
      /\[CPR fjernet\]\.pdf:1: externalId: must not be or contain a CPR-nummer/,
    );

    writeFileSync(
      join(dir, 'orders.csv'),
      [
        'externalId,jobcenter,company.cvr,company.name,title,tasks,postalCode,weeklyHours,period.from,period.to,mustHave',
        `jo-1,751,24256790,Nordlager ${cpr()},Lager ${cpr()},Pluk ${cpr()},8200,30,2027-01-04,2027-06-30,truck ${cpr()}`,
        `${cpr()},751,24256790,Nordlager,Lager,Pluk,8200,30,2027-01-04,2027-06-30,truck`,
      ].join('\n'),
    );
    const orders = await vikar(['import', 'job-orders', join(dir, 'orders.csv')], env());
    expect(orders.code, orders.stderr).toBe(0);
    expect(orders.stdout).toMatch(/imported 1, updated 0, rejected 1/);
    expect(orders.stderr).toMatch(/orders\.csv:3: externalId: must not be or contain a CPR-nummer/);

    const stored = dumpDataDir(join(dir, 'data'));
    expect(stored).toContain(CPR_REDACTED);
    const printed = [imported.stdout, imported.stderr, orders.stdout, orders.stderr].join('\n');
    for (const c of cprs) {
      noLeak(stored, c, 'the data directory');
      noLeak(printed, c, 'the import output');
    }
    for (const id of ['0101901234', '010190-1234']) {
      expect(stored).not.toContain(id);
      expect(printed).not.toContain(id);
    }
  });
});

/** Runs `vikar ...` in-process against a DATA_DIR, capturing what it prints. */
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
