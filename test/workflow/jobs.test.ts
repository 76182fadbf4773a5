import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { extractText } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCandidateBatch } from '../../indexer/import.ts';
import { validateCandidate } from '../../indexer/validate.ts';
import { SqliteDatabase } from '../../src/adapters/sqlite/connection.ts';
import { evaluateProposal } from '../../src/candidacy/proposal.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';
import { jobOrderInput } from '../../src/domain/job-order.ts';
import type { Actor } from '../../src/domain/workflow.ts';
import { eraseCandidate } from '../../src/privacy/erasure.ts';
import { scheduleRetention } from '../../src/runtime/start.ts';
import { runBundleJob } from '../../workers/bundle.ts';
import { buildJobHandlers } from '../../workers/handlers.ts';
import { retentionCutoff, runRetentionJob } from '../../workers/retention.ts';
import { waitFor } from '../support/wait.ts';

const A = '751';
const B = '746';
const KONSULENT: Actor = { tokenId: 'tok-a', label: 'konsulent A', role: 'konsulent' };
const NEAR_AARHUS = { lat: 56.087, lon: 10.037 };

let seq = 0;
function candidate(jobcenter: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `k-${++seq}`,
    jobcenter,
    name: `Kandidat ${seq}`,
    cpr: '0101901234',
    email: `k${seq}@example.dk`,
    phone: '+4512345678',
    postalCode: '8210',
    unemployedSince: '2026-01-15',
    benefit: 'dagpenge',
    weeklyHours: 37,
    competences: ['truckcertifikat B', 'lagerstyring', 'kassebetjening'],
    educations: [{ title: 'Lagerassistent', level: 'eud' }],
    experience: [{ title: 'Lagermedarbejder', from: '2019-03-01', to: '2025-12-31' }],
    cvText: 'Lagermedarbejder. CPR 010190-1234. Truckcertifikat B.',
    consent: { searchable: true, shareWithPool: true },
    ...overrides,
  };
}

describe('workflow jobs and store on a real context', () => {
  let dir: string;
  let ctx: AppContext;
  let orderId: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-workflow-'));
    ctx = await createContext(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    const order = jobOrderInput.parse({
      externalId: 'jo-1',
      jobcenter: A,
      company: { cvr: '24256790', name: 'Nordlager A/S' },
      title: 'Lagermedarbejder',
      postalCode: '8200',
      tasks: 'Plukning, pakning, varemodtagelse',
      mustHave: ['truckcertifikat'],
      niceToHave: ['lagerstyring'],
      weeklyHours: 30,
      period: { from: '2027-01-04', to: '2027-06-30' },
      radiusKm: { full: 15, max: 25 },
      jobrotation: true,
    });
    orderId = (await ctx.stores.jobOrders.upsert([{ jobOrder: order }]))[0]!.id;
  });
  afterEach(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function add(body: Record<string, unknown>): Promise<string> {
    const v = validateCandidate(body);
    if (!v.ok) throw new Error(v.reason);
    return (await writeCandidateBatch(ctx, [v.value]))[0]!.id;
  }

  async function shortlist(scope: 'own' | 'pool' | 'all' | 'auto', size = 5) {
    const created = await ctx.stores.shortlists.create({
      jobOrderId: orderId,
      scope,
      size,
      strategy: 'fit-first',
    });
    await ctx.handlers.shortlist({ shortlistId: created.id }, { id: 'job', attempt: 1, maxAttempts: 3 });
    return (await ctx.stores.shortlists.get(created.id))!;
  }

  it("'auto' stays in the own jobcenter when enough fit, widens to the pool otherwise, and says so", async () => {
    const own = await add(candidate(A));
    const shared = await add(candidate(B, { location: NEAR_AARHUS, postalCode: '8362' }));
    const notShared = await add(
      candidate(B, {
        location: NEAR_AARHUS,
        postalCode: '8362',
        consent: { searchable: true, shareWithPool: false },
      }),
    );

    const alone = await shortlist('auto', 5);
    expect(alone).toMatchObject({ effectiveScope: 'own', widened: false });
    expect(alone.entries.map((e) => e.candidateId)).toEqual([own]);

    await ctx.stores.pools.create({ name: 'Østjylland', members: [A, B] });
    expect(await ctx.stores.pools.partnersOf(A)).toEqual([B]);
    const widened = await shortlist('auto', 5);
    expect(widened).toMatchObject({ effectiveScope: 'pool', widened: true });
    expect(widened.entries.map((e) => e.candidateId).sort()).toEqual([own, shared].sort());
    expect(widened.entries.map((e) => e.candidateId)).not.toContain(notShared);

    const enough = await shortlist('auto', 1);
    expect(enough).toMatchObject({ effectiveScope: 'own', widened: false });
    expect((await shortlist('own', 5)).entries).toHaveLength(1);
  });

  it('withdrawn consent (searchable=false) keeps the candidate out of the very next shortlist', async () => {
    const body = candidate(A);
    const id = await add(body);
    expect((await shortlist('own')).entries.map((e) => e.candidateId)).toEqual([id]);
    await add({ ...body, consent: { searchable: false, shareWithPool: true } });
    expect((await shortlist('own')).entries).toEqual([]);
  });

  it('a re-run shortlist keeps handled candidates in their state and adds the new ones as suggested', async () => {
    const first = await add(candidate(A));
    const s1 = await shortlist('own');
    await ctx.stores.candidacies.transition(orderId, first, { to: 'contacted' }, KONSULENT);
    const second = await add(candidate(A));
    const s2 = await shortlist('own');
    const entries = await ctx.stores.candidacies.list(orderId);
    expect(entries.find((e) => e.candidateId === first)).toMatchObject({
      state: 'contacted',
      firstShortlistId: s1.id,
    });
    expect(entries.find((e) => e.candidateId === second)).toMatchObject({
      state: 'suggested',
      firstShortlistId: s2.id,
    });
    // The sync is idempotent.
    await ctx.stores.candidacies.syncShortlist({
      shortlistId: s2.id,
      jobOrderId: orderId,
      orderJobcenter: A,
      entries: s2.entries,
    });
    expect(await ctx.stores.candidacies.list(orderId)).toHaveLength(2);
  });

  it('a shortlist is done only with its people in the workflow: a failed sync leaves it running for the retry', async () => {
    const id = await add(candidate(A));
    let failures = 1;
    const workflow = new Proxy(ctx.stores.candidacies, {
      get(target, property) {
        if (property === 'syncShortlist') {
          return async (input: Parameters<typeof target.syncShortlist>[0]) => {
            if (failures-- > 0) throw new Error('disk full');
            return target.syncShortlist(input);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const handlers = buildJobHandlers({
      stores: { ...ctx.stores, candidacies: workflow },
      index: ctx.index,
      taxonomy: ctx.taxonomy,
      loadRuleSet: ctx.loadRuleSet,
      retentionMonths: undefined,
    });
    const created = await ctx.stores.shortlists.create({
      jobOrderId: orderId,
      scope: 'own',
      size: 5,
      strategy: 'fit-first',
    });
    await expect(
      handlers.shortlist({ shortlistId: created.id }, { id: 'job', attempt: 1, maxAttempts: 3 }),
    ).rejects.toThrow('disk full');
    expect((await ctx.stores.shortlists.get(created.id))!.status).toBe('running');
    expect(await ctx.stores.candidacies.list(orderId)).toEqual([]);
    await handlers.shortlist({ shortlistId: created.id }, { id: 'job', attempt: 2, maxAttempts: 3 });
    expect((await ctx.stores.shortlists.get(created.id))!.status).toBe('done');
    expect((await ctx.stores.candidacies.list(orderId)).map((e) => e.candidateId)).toEqual([id]);
  });

  it('renders a CV-pakke: relevant competences and the explanation, contact only with consent, never CPR', async () => {
    const agreed = await add(
      candidate(A, {
        name: 'Mette Hansen',
        consent: { searchable: true, shareWithPool: false, contactByCompany: true },
      }),
    );
    const notAgreed = await add(candidate(A, { name: 'Jens Jensen' }));
    await shortlist('own');
    for (const id of [agreed, notAgreed]) {
      for (const to of ['contacted', 'interested', 'sent_to_company'] as const) {
        await ctx.stores.candidacies.transition(orderId, id, { to }, KONSULENT);
      }
    }
    const bundle = await ctx.stores.bundles.create({
      jobOrderId: orderId,
      jobcenter: A,
      candidateIds: [agreed, notAgreed],
      createdBy: 'tok-a',
    });
    await ctx.handlers.bundle({ bundleId: bundle.id }, { id: 'job', attempt: 1, maxAttempts: 3 });
    const done = (await ctx.stores.bundles.get(bundle.id))!;
    expect(done.status).toBe('done');
    const pdf = (await ctx.stores.bundles.getPdf(bundle.id))!;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(text).toContain('CV-pakke: Lagermedarbejder');
    expect(text).toContain('Mette Hansen');
    expect(text).toContain('Relevante kompetencer');
    expect(text).toContain('truckcertifikat B');
    expect(text).toContain('Øvrige kompetencer');
    expect(text).toContain('kassebetjening');
    expect(text).toContain('Opfylder reglerne for jobrotation');
    expect(text).toContain(`k${seq - 1}@example.dk`);
    expect(text).not.toContain(`k${seq}@example.dk`);
    expect(text).toContain('Kontakt: via jobcentret');
    expect(text).not.toMatch(/0101901234|010190-?1234/);

    // Idempotent: a second run of the job leaves the finished PDF alone.
    await runBundleJob(bundle.id, {
      stores: ctx.stores,
      loadRuleSet: ctx.loadRuleSet,
      taxonomy: ctx.taxonomy,
    });
    expect((await ctx.stores.bundles.getPdf(bundle.id))!.equals(pdf)).toBe(true);
  });

  it('erasure anonymises the workflow: counts and statistics stay, the person and their PDF go', async () => {
    const id = await add(candidate(A));
    await shortlist('own');
    for (const to of ['contacted', 'interested', 'sent_to_company', 'chosen'] as const) {
      await ctx.stores.candidacies.transition(orderId, id, { to, note: 'ring efter kl. 16' }, KONSULENT);
    }
    await ctx.stores.placements.recordOutcome({
      jobOrderId: orderId,
      candidateId: id,
      request: { outcome: 'started' },
      actor: KONSULENT,
    });
    const bundle = await ctx.stores.bundles.create({
      jobOrderId: orderId,
      jobcenter: A,
      candidateIds: [id],
      createdBy: 't',
    });
    await ctx.stores.bundles.complete(bundle.id, Buffer.from('%PDF-fake'), [id]);
    await ctx.stores.audit.record({
      actor: { ...KONSULENT, jobcenter: A },
      action: 'company.bundle.view',
      candidateId: id,
      homeJobcenter: A,
      jobOrderId: orderId,
      bundleId: bundle.id,
      detail: null,
    });
    const before = await ctx.stores.stats.summary([A]);

    expect(await eraseCandidate(ctx, id)).toBe(true);

    expect(await ctx.stores.candidates.get(id)).toBeUndefined();
    expect(await ctx.stores.candidacies.get(orderId, id)).toBeUndefined();
    const entries = await ctx.stores.candidacies.list(orderId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.candidateId).toMatch(/^erased:/);
    expect(entries[0]!.note).toBeNull();
    expect(await ctx.stores.audit.list({ candidateId: id })).toEqual([]);
    expect((await ctx.stores.bundles.get(bundle.id))!.status).toBe('erased');
    expect(await ctx.stores.bundles.getPdf(bundle.id)).toBeUndefined();
    expect(await ctx.stores.stats.summary([A])).toEqual(before);
    // Nothing in the workflow tables still names the person.
    expect(ctx.database).toBeInstanceOf(SqliteDatabase);
    const db = (ctx.database as SqliteDatabase).connection;
    for (const table of [
      'workflow_entries',
      'workflow_events',
      'placements',
      'audit_log',
      'bundles',
      'contact_releases',
    ]) {
      const rows = db.prepare(`SELECT * FROM ${table}`).all();
      expect(JSON.stringify(rows), table).not.toContain(id);
    }
  });

  it('the retention job erases candidates not updated for RETENTION_MONTHS, and nothing without the setting', async () => {
    const id = await add(candidate(A));
    const deps = { stores: ctx.stores, index: ctx.index };
    expect(await runRetentionJob(deps, undefined)).toEqual({ erased: 0, cutoff: null });
    expect(await runRetentionJob(deps, 6)).toMatchObject({ erased: 0 });
    const later = new Date(Date.now() + 7 * 31 * 24 * 3600 * 1000);
    expect(await runRetentionJob(deps, 6, later)).toMatchObject({ erased: 1 });
    expect(await ctx.stores.candidates.get(id)).toBeUndefined();
    expect((await shortlist('own')).entries).toEqual([]);
    expect(retentionCutoff(1, new Date('2026-03-31T12:00:00Z'))).toBe('2026-02-28T12:00:00.000Z');
  });

  it('scheduleRetention queues one retention job per day, run by the queue workers', async () => {
    const log = pino({ level: 'silent' });
    expect(scheduleRetention(ctx, log)).toBeTypeOf('function');
    expect(await ctx.queue.counts()).toMatchObject({ waiting: 0 });
    const withSetting = { ...ctx, config: { ...ctx.config, RETENTION_MONTHS: 12 } };
    const stop = scheduleRetention(withSetting, log);
    scheduleRetention(withSetting, log)();
    try {
      const id = await add(candidate(A));
      await ctx.queue.startWorkers(ctx.handlers, { concurrency: 1 });
      const jobId = `retention-${new Date().toISOString().slice(0, 10)}`;
      await waitFor(
        async () => (await ctx.queue.getJob(jobId))?.state === 'completed',
        10_000,
        'the retention job',
      );
      const counts = await ctx.queue.counts();
      expect(counts.completed + counts.failed).toBe(1);
      // Updated just now: kept.
      expect(await ctx.stores.candidates.get(id)).toBeDefined();
    } finally {
      stop();
      await ctx.queue.stopWorkers();
    }
  });

  it('explains a company-proposed candidate: every failed jobrotation rule with its reason', async () => {
    const id = await add(
      candidate(A, { benefit: 'ingen', unemployedSince: '2026-12-01', activeSchemes: ['loentilskud'] }),
    );
    const record = (await ctx.stores.candidates.get(id))!;
    const order = (await ctx.stores.jobOrders.get(orderId))!;
    const e = evaluateProposal(record, order.jobOrder, ctx.loadRuleSet('default'), ctx.taxonomy);
    expect(e.verdict).toBe('nearMiss');
    expect(e.eligibility.eligible).toBe(false);
    expect(e.eligibility.failed.map((f) => f.code).sort()).toEqual([
      'ANDEN_STOETTE',
      'MIN_LEDIGHED',
      'YDELSE',
    ]);
    for (const f of e.eligibility.failed) expect(f.reason.length).toBeGreaterThan(5);
    expect(e.explanation).toContain('Ville ikke komme på bruttolisten');

    const fine = evaluateProposal(
      (await ctx.stores.candidates.get(await add(candidate(A))))!,
      order.jobOrder,
      ctx.loadRuleSet('default'),
      ctx.taxonomy,
    );
    expect(fine).toMatchObject({ verdict: 'entry', eligibility: { eligible: true, failed: [] } });
    expect(fine.matched).toContain('truckcertifikat');
    expect(fine.explanation).toContain('Opfylder reglerne for jobrotation');
  });
});
