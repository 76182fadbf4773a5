import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CandidateFilter, CandidateRecord, CandidateWrite, Store } from '../../src/ports/store.ts';
import {
  candidateWrite,
  jobOrderInputFixture,
  OTHER_TEST_CPR,
  shortlistResultFixture,
  TEST_CPR,
  uniqueExternalId,
} from './fixtures.ts';

/** Resolves once the ISO clock has moved on, so a touched updatedAt would be visible. */
async function nextMillisecond(): Promise<void> {
  const start = new Date().toISOString();
  const deadline = Date.now() + 1000;
  while (new Date().toISOString() === start) {
    if (Date.now() > deadline) throw new Error('the clock did not advance');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Every path in a value where a CPR shows: a `cpr` key, or a string holding the digits (with or without dash). */
function cprLeaks(value: unknown, cpr: string, path = '$'): string[] {
  const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
  if (typeof value === 'string') return value.includes(cpr) || value.includes(dashed) ? [path] : [];
  if (typeof value === 'number') return String(value).includes(cpr) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => cprLeaks(v, cpr, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.toLowerCase() === 'cpr' ? [`${path}.${k}`] : []),
      ...cprLeaks(v, cpr, `${path}.${k}`),
    ]);
  }
  return [];
}

async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const batches: T[][] = [];
  for await (const batch of iterable) batches.push(batch);
  return batches;
}

async function allPages(store: Store, filter: CandidateFilter, limit: number): Promise<CandidateRecord[]> {
  const items: CandidateRecord[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.listCandidates(filter, { limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
  throw new Error('pagination did not end');
}

const externalIds = (records: Array<{ externalId: string }>) => records.map((r) => r.externalId).sort();

/**
 * The behaviour every Store adapter must have, written against the port only. `makeStore` returns a fresh,
 * empty, migrated store for each test; `cleanup` disposes of it (default: close()).
 */
export function storeContract(
  name: string,
  makeStore: () => Promise<Store>,
  cleanup?: (s: Store) => Promise<void>,
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await makeStore();
    });

    afterEach(async () => {
      await (cleanup ? cleanup(store) : store.close());
    });

    describe('lifecycle', () => {
      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('migrates again harmlessly, keeping the data', async () => {
        const [written] = await store.upsertCandidates([candidateWrite()]);
        await store.migrate();
        await store.migrate();
        expect(await store.countCandidates()).toBe(1);
        expect((await store.getCandidate(written!.id))?.id).toBe(written!.id);
        await store.upsertCandidates([candidateWrite()]);
        expect(await store.countCandidates()).toBe(2);
      });
    });

    describe('candidate upserts', () => {
      it('reports created, updated and unchanged by (jobcenter, externalId)', async () => {
        const a = candidateWrite();
        const b = candidateWrite();
        const first = await store.upsertCandidates([a, b]);
        expect(first.map((r) => r.status)).toEqual(['created', 'created']);
        expect(first[0]!.id).not.toBe(first[1]!.id);

        await nextMillisecond();
        const a2 = candidateWrite({ externalId: a.externalId, name: 'Mette Hansen-Berg' });
        const second = await store.upsertCandidates([a2, b]);
        expect(second).toEqual([
          { id: first[0]!.id, status: 'updated' },
          { id: first[1]!.id, status: 'unchanged' },
        ]);
        const stored = await store.getCandidate(first[0]!.id);
        expect(stored?.candidate.name).toBe('Mette Hansen-Berg');
        expect(stored!.updatedAt > stored!.createdAt).toBe(true);
        expect(await store.countCandidates()).toBe(2);
      });

      it('the same key in another jobcenter is another candidate', async () => {
        const a = candidateWrite();
        const b = candidateWrite({ externalId: a.externalId, jobcenter: '101', postalCode: '2100' });
        const results = await store.upsertCandidates([a, b]);
        expect(results.map((r) => r.status)).toEqual(['created', 'created']);
        expect(await store.countCandidates()).toBe(2);
      });

      it('changes nothing when the same batch is written again, updatedAt included', async () => {
        const batch = [candidateWrite(), candidateWrite({ incomplete: ['benefit'] }), candidateWrite()];
        const first = await store.upsertCandidates(batch);
        const before = await Promise.all(first.map((r) => store.getCandidate(r.id)));
        await nextMillisecond();
        const again = await store.upsertCandidates(batch);
        expect(again).toEqual(first.map((r) => ({ id: r.id, status: 'unchanged' })));
        const after = await Promise.all(first.map((r) => store.getCandidate(r.id)));
        expect(after).toEqual(before);
      });

      it('sees content, not key order: the same candidate built in another order is unchanged', async () => {
        const w = candidateWrite();
        const [first] = await store.upsertCandidates([w]);
        const reordered: CandidateWrite = {
          ...w,
          candidate: Object.fromEntries(Object.entries(w.candidate).reverse()) as CandidateWrite['candidate'],
          facts: Object.fromEntries(Object.entries(w.facts).reverse()) as CandidateWrite['facts'],
        };
        expect(await store.upsertCandidates([reordered])).toEqual([{ id: first!.id, status: 'unchanged' }]);
      });

      it('lets the last write win when a key repeats inside one batch', async () => {
        const a = candidateWrite({ name: 'Første Udgave' });
        const a2 = candidateWrite({ externalId: a.externalId, name: 'Anden Udgave' });
        const results = await store.upsertCandidates([a, a2]);
        expect(results.map((r) => r.status)).toEqual(['created', 'updated']);
        expect(results[1]!.id).toBe(results[0]!.id);
        expect(await store.countCandidates()).toBe(1);
        expect((await store.getCandidate(results[0]!.id))?.candidate.name).toBe('Anden Udgave');
      });

      it('accepts an empty batch', async () => {
        expect(await store.upsertCandidates([])).toEqual([]);
      });

      it('stores all of a batch or none of it', async () => {
        const existing = candidateWrite({ name: 'Uændret Person' });
        const [stored] = await store.upsertCandidates([existing]);
        const before = await store.getCandidate(stored!.id);

        const changed = candidateWrite({ externalId: existing.externalId, name: 'Skulle Ikke Gemmes' });
        const fresh = candidateWrite();
        const broken = { ...candidateWrite(), jobcenter: null } as unknown as CandidateWrite;
        await expect(store.upsertCandidates([changed, fresh, broken])).rejects.toThrow();

        expect(await store.countCandidates()).toBe(1);
        expect(await store.findCandidate(fresh.jobcenter, fresh.externalId)).toBeUndefined();
        expect(await store.getCandidate(stored!.id)).toEqual(before);
        // The store is still usable after the rollback.
        expect((await store.upsertCandidates([fresh]))[0]!.status).toBe('created');
      });
    });

    describe('CPR', () => {
      it('never returns the CPR from any read', async () => {
        const withCpr = candidateWrite({ cpr: TEST_CPR });
        // A caller passing the whole validated Candidate, CPR included, inside `candidate`.
        const smuggled = candidateWrite();
        smuggled.candidate = { ...smuggled.candidate, cpr: OTHER_TEST_CPR } as CandidateWrite['candidate'];
        const [a, b] = await store.upsertCandidates([withCpr, smuggled]);

        const reads: unknown[] = [
          await store.getCandidate(a!.id),
          await store.getCandidate(b!.id),
          await store.findCandidate(withCpr.jobcenter, withCpr.externalId),
          await store.findCandidate(smuggled.jobcenter, smuggled.externalId),
          await store.listCandidates({}, { limit: 10 }),
          await store.listCandidates({ text: 'mette' }, { limit: 10 }),
          await collect(store.scanCandidates(10)),
        ];
        for (const cpr of [TEST_CPR, OTHER_TEST_CPR]) expect(cprLeaks(reads, cpr)).toEqual([]);
      });

      it('answers hasCpr by jobcenter and CPR', async () => {
        const w = candidateWrite({ cpr: TEST_CPR });
        const [written] = await store.upsertCandidates([w]);
        expect(await store.hasCpr(w.jobcenter, TEST_CPR)).toBe(true);
        expect(await store.hasCpr(w.jobcenter, OTHER_TEST_CPR)).toBe(false);
        expect(await store.hasCpr('101', TEST_CPR)).toBe(false);
        await store.deleteCandidate(written!.id);
        expect(await store.hasCpr(w.jobcenter, TEST_CPR)).toBe(false);
      });

      it('keeps the stored CPR when a later write carries none (reads never return it to send back)', async () => {
        const w = candidateWrite({ cpr: TEST_CPR });
        const [first] = await store.upsertCandidates([w]);
        const again = await store.upsertCandidates([{ ...w, cpr: undefined }]);
        expect(again).toEqual([{ id: first!.id, status: 'unchanged' }]);
        expect(await store.hasCpr(w.jobcenter, TEST_CPR)).toBe(true);

        const changed = await store.upsertCandidates([{ ...w, cpr: OTHER_TEST_CPR }]);
        expect(changed).toEqual([{ id: first!.id, status: 'updated' }]);
        expect(await store.hasCpr(w.jobcenter, TEST_CPR)).toBe(false);
        expect(await store.hasCpr(w.jobcenter, OTHER_TEST_CPR)).toBe(true);
      });
    });

    describe('candidate reads', () => {
      it('gets by id and finds by key; unknown ones are undefined', async () => {
        const w = candidateWrite();
        const [written] = await store.upsertCandidates([w]);
        const got = await store.getCandidate(written!.id);
        expect(got).toMatchObject({
          id: written!.id,
          jobcenter: w.jobcenter,
          externalId: w.externalId,
          candidate: w.candidate,
          facts: w.facts,
          incomplete: [],
        });
        expect(got!.createdAt).toBe(got!.updatedAt);
        expect(await store.findCandidate(w.jobcenter, w.externalId)).toEqual(got);
        expect(await store.findCandidate('101', w.externalId)).toBeUndefined();
        expect(await store.getCandidate('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      describe('list and count', () => {
        const ids = {
          aarhus: [] as string[],
          kbh: [] as string[],
        };
        let seeded: CandidateWrite[];

        beforeEach(async () => {
          seeded = [
            candidateWrite({ externalId: 'aar-1', name: 'Søren Østergaard', benefit: 'kontanthjaelp' }),
            candidateWrite({ externalId: 'aar-2', name: 'Mette Hansen' }),
            candidateWrite({ externalId: 'aar_3', name: 'Anne Jensen', incomplete: ['unemployedSince'] }),
            candidateWrite({ externalId: 'aar13', name: 'Ib Holm', consent: { searchable: false } }),
            candidateWrite({ externalId: 'aar-100%', name: 'Lis Berg' }),
            candidateWrite({ externalId: 'AAR-6', name: 'Åse Ærø' }),
            candidateWrite({ externalId: 'kbh-1', jobcenter: '101', postalCode: '2100', name: 'Mette Kjær' }),
            candidateWrite({
              externalId: 'kbh-2',
              jobcenter: '101',
              postalCode: '2100',
              name: 'Ole Nielsen',
              benefit: 'kontanthjaelp',
              consent: { searchable: false },
            }),
          ];
          const results = await store.upsertCandidates(seeded);
          ids.aarhus = results.slice(0, 6).map((r) => r.id);
          ids.kbh = results.slice(6).map((r) => r.id);
        });

        const cases: Array<[string, CandidateFilter, string[]]> = [
          ['no filter', {}, ['aar-1', 'aar-2', 'aar_3', 'aar13', 'aar-100%', 'AAR-6', 'kbh-1', 'kbh-2']],
          ['jobcenter', { jobcenter: '101' }, ['kbh-1', 'kbh-2']],
          ['incomplete', { incomplete: true }, ['aar_3']],
          [
            'complete in a jobcenter',
            { jobcenter: '751', incomplete: false },
            ['aar-1', 'aar-2', 'aar13', 'aar-100%', 'AAR-6'],
          ],
          ['not searchable', { searchable: false }, ['aar13', 'kbh-2']],
          ['benefit', { benefit: 'kontanthjaelp' }, ['aar-1', 'kbh-2']],
          ['name, any case', { text: 'METTE' }, ['aar-2', 'kbh-1']],
          ['name with æøå, any case', { text: 'østergaard' }, ['aar-1']],
          ['capital Æ/Å folded', { text: 'åse ærø' }, ['AAR-6']],
          ['externalId, any case', { text: 'aar-6' }, ['AAR-6']],
          ['_ is literal', { text: 'aar_' }, ['aar_3']],
          ['% is literal', { text: '%' }, ['aar-100%']],
          ['text and jobcenter', { text: 'mette', jobcenter: '751' }, ['aar-2']],
          ['nothing matches', { text: 'zzz' }, []],
        ];

        for (const [label, filter, expected] of cases) {
          it(`filters: ${label}`, async () => {
            const items = await allPages(store, filter, 100);
            expect(externalIds(items)).toEqual([...expected].sort());
            expect(await store.countCandidates(filter)).toBe(expected.length);
          });
        }

        it('counts everything without a filter', async () => {
          expect(await store.countCandidates()).toBe(seeded.length);
        });

        it('pages through every row exactly once, in a stable order', async () => {
          for (const limit of [1, 3, 7, 8]) {
            const items = await allPages(store, {}, limit);
            const pagedIds = items.map((r) => r.id);
            expect(new Set(pagedIds).size).toBe(seeded.length);
            expect([...pagedIds].sort()).toEqual([...ids.aarhus, ...ids.kbh].sort());
            expect(pagedIds).toEqual((await allPages(store, {}, 100)).map((r) => r.id));
          }
        });

        it('pages through a filtered list exactly once', async () => {
          const items = await allPages(store, { jobcenter: '751' }, 2);
          expect([...items.map((r) => r.id)].sort()).toEqual([...ids.aarhus].sort());
        });

        it('gives no next cursor on the last page', async () => {
          const page = await store.listCandidates({}, { limit: seeded.length });
          expect(page.items).toHaveLength(seeded.length);
          expect(page.next).toBeNull();
        });
      });
    });

    describe('scanCandidates', () => {
      it('yields every candidate once, in id order, in batches', async () => {
        const written = await store.upsertCandidates(Array.from({ length: 11 }, () => candidateWrite()));
        const batches = await collect(store.scanCandidates(4));
        expect(batches.map((b) => b.length)).toEqual([4, 4, 3]);
        const scanned = batches.flat().map((r) => r.id);
        expect([...scanned].sort()).toEqual(written.map((r) => r.id).sort());
        expect(scanned).toEqual([...scanned].sort());
        expect(scanned).toEqual((await allPages(store, {}, 5)).map((r) => r.id));
      });

      it('yields nothing for an empty store', async () => {
        expect(await collect(store.scanCandidates(10))).toEqual([]);
      });
    });

    describe('deleteCandidate', () => {
      it('erases the row; the key can be created anew', async () => {
        const w = candidateWrite();
        const [keep, gone] = await store.upsertCandidates([candidateWrite(), w]);
        expect(await store.deleteCandidate(gone!.id)).toBe(true);
        expect(await store.getCandidate(gone!.id)).toBeUndefined();
        expect(await store.findCandidate(w.jobcenter, w.externalId)).toBeUndefined();
        expect(await store.countCandidates()).toBe(1);
        expect(await store.getCandidate(keep!.id)).toBeDefined();
        expect(await store.deleteCandidate(gone!.id)).toBe(false);
        const [again] = await store.upsertCandidates([w]);
        expect(again!.status).toBe('created');
        expect(again!.id).not.toBe(gone!.id);
      });

      it('erases the candidate from stored shortlists too', async () => {
        const [order] = await store.upsertJobOrders([{ jobOrder: jobOrderInputFixture() }]);
        const writes = [candidateWrite(), candidateWrite(), candidateWrite()];
        const results = await store.upsertCandidates(writes);
        const people = results.map((r, i) => ({
          id: r.id,
          externalId: writes[i]!.externalId,
          jobcenter: '751',
        }));
        const list = await store.createShortlist({
          jobOrderId: order!.id,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await store.completeShortlist(
          list.id,
          shortlistResultFixture([people[0]!, people[1]!], [people[1]!]),
        );

        await store.deleteCandidate(people[1]!.id);
        const after = await store.getShortlist(list.id);
        expect(after?.entries.map((e) => e.candidateId)).toEqual([people[0]!.id]);
        expect(after?.nearMisses).toEqual([]);
        expect(JSON.stringify(after)).not.toContain(people[1]!.externalId);
      });
    });

    describe('job orders', () => {
      it('upserts with created, updated and unchanged', async () => {
        const a = jobOrderInputFixture();
        const b = jobOrderInputFixture({ jobcenter: '101', postalCode: '2100' });
        const first = await store.upsertJobOrders([{ jobOrder: a }, { jobOrder: b }]);
        expect(first.map((r) => r.status)).toEqual(['created', 'created']);
        await nextMillisecond();
        const again = await store.upsertJobOrders([{ jobOrder: a }, { jobOrder: b }]);
        expect(again).toEqual(first.map((r) => ({ id: r.id, status: 'unchanged' })));
        const a2 = jobOrderInputFixture({ externalId: a.externalId, title: 'Truckfører' });
        expect(await store.upsertJobOrders([{ jobOrder: a2 }])).toEqual([
          { id: first[0]!.id, status: 'updated' },
        ]);

        const got = await store.getJobOrder(first[0]!.id);
        expect(got).toMatchObject({
          id: first[0]!.id,
          jobcenter: '751',
          externalId: a.externalId,
          jobOrder: a2,
        });
        expect(got!.updatedAt > got!.createdAt).toBe(true);
        expect(await store.findJobOrder('751', a.externalId)).toEqual(got);
        expect(await store.findJobOrder('101', a.externalId)).toBeUndefined();
        expect(await store.getJobOrder('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      it('stores all of a batch or none of it', async () => {
        const a = jobOrderInputFixture();
        const broken = { ...jobOrderInputFixture(), jobcenter: null } as unknown as typeof a;
        await expect(store.upsertJobOrders([{ jobOrder: a }, { jobOrder: broken }])).rejects.toThrow();
        expect(await store.findJobOrder(a.jobcenter, a.externalId)).toBeUndefined();
      });

      it('lists by jobcenter with pagination', async () => {
        const orders = [
          ...Array.from({ length: 5 }, () => jobOrderInputFixture()),
          ...Array.from({ length: 2 }, () => jobOrderInputFixture({ jobcenter: '101', postalCode: '2100' })),
        ];
        await store.upsertJobOrders(orders.map((jobOrder) => ({ jobOrder })));
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await store.listJobOrders({ jobcenter: '751' }, { limit: 2, after });
          seen.push(...page.items.map((r) => r.externalId));
          after = page.next ?? undefined;
        } while (after);
        expect(seen.sort()).toEqual(externalIds(orders.slice(0, 5)));
        const all = await store.listJobOrders({}, { limit: 100 });
        expect(all.items).toHaveLength(7);
        expect(all.next).toBeNull();
      });

      it('deletes', async () => {
        const [written] = await store.upsertJobOrders([{ jobOrder: jobOrderInputFixture() }]);
        expect(await store.deleteJobOrder(written!.id)).toBe(true);
        expect(await store.getJobOrder(written!.id)).toBeUndefined();
        expect(await store.deleteJobOrder(written!.id)).toBe(false);
      });
    });

    describe('shortlists', () => {
      let jobOrderId: string;
      const people = [
        { id: 'c-1', externalId: uniqueExternalId('kand'), jobcenter: '751' },
        { id: 'c-2', externalId: uniqueExternalId('kand'), jobcenter: '751' },
      ];

      beforeEach(async () => {
        const [written] = await store.upsertJobOrders([{ jobOrder: jobOrderInputFixture() }]);
        jobOrderId = written!.id;
      });

      it('goes queued -> running -> done', async () => {
        const created = await store.createShortlist({
          jobOrderId,
          scope: 'pool',
          size: 5,
          strategy: 'weighted',
        });
        expect(created).toMatchObject({
          jobOrderId,
          status: 'queued',
          scope: 'pool',
          size: 5,
          strategy: 'weighted',
          startedAt: null,
          completedAt: null,
          candidatesConsidered: 0,
          entries: [],
          nearMisses: [],
        });
        expect(created.error).toBeUndefined();
        expect(await store.getShortlist(created.id)).toEqual(created);

        await store.markShortlistRunning(created.id);
        const running = await store.getShortlist(created.id);
        expect(running?.status).toBe('running');
        expect(running?.startedAt).toEqual(expect.any(String));

        const result = shortlistResultFixture([people[0]!], [people[1]!]);
        await store.completeShortlist(created.id, result);
        const done = await store.getShortlist(created.id);
        expect(done).toMatchObject({ status: 'done', ...result });
        expect(done?.completedAt).toEqual(expect.any(String));
      });

      it('completes idempotently: a second completion keeps one result and does not fail', async () => {
        const { id } = await store.createShortlist({
          jobOrderId,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await store.markShortlistRunning(id);
        await store.completeShortlist(id, shortlistResultFixture([people[0]!]));
        const first = await store.getShortlist(id);
        await nextMillisecond();
        await expect(
          store.completeShortlist(id, shortlistResultFixture([people[0]!, people[1]!])),
        ).resolves.toBeUndefined();
        const second = await store.getShortlist(id);
        expect(second).toEqual(first);
        expect(second?.entries).toHaveLength(1);
        expect(await store.listShortlists(jobOrderId)).toHaveLength(1);
      });

      it('does not go back from done', async () => {
        const { id } = await store.createShortlist({
          jobOrderId,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await store.completeShortlist(id, shortlistResultFixture([people[0]!]));
        const done = await store.getShortlist(id);
        await store.markShortlistRunning(id);
        await store.failShortlist(id, 'late failure of a duplicate job');
        expect(await store.getShortlist(id)).toEqual(done);
      });

      it('records a failure with its reason', async () => {
        const { id } = await store.createShortlist({
          jobOrderId,
          scope: 'all',
          size: 3,
          strategy: 'fit-first',
        });
        await store.markShortlistRunning(id);
        await store.failShortlist(id, 'rule set "nope" does not exist');
        const failed = await store.getShortlist(id);
        expect(failed).toMatchObject({
          status: 'failed',
          error: 'rule set "nope" does not exist',
          entries: [],
        });
      });

      it('refuses a shortlist for an unknown job order', async () => {
        await expect(
          store.createShortlist({
            jobOrderId: '00000000-0000-4000-8000-000000000000',
            scope: 'own',
            size: 10,
            strategy: 'fit-first',
          }),
        ).rejects.toThrow();
      });

      it('lists a job order’s shortlists newest first', async () => {
        const made: string[] = [];
        for (let i = 0; i < 3; i++) {
          made.push(
            (await store.createShortlist({ jobOrderId, scope: 'own', size: 10, strategy: 'fit-first' })).id,
          );
          await nextMillisecond();
        }
        const [other] = await store.upsertJobOrders([{ jobOrder: jobOrderInputFixture() }]);
        await store.createShortlist({ jobOrderId: other!.id, scope: 'own', size: 10, strategy: 'fit-first' });
        expect((await store.listShortlists(jobOrderId)).map((s) => s.id)).toEqual(made.reverse());
        expect(await store.listShortlists('00000000-0000-4000-8000-000000000000')).toEqual([]);
      });

      it('go with their job order when it is deleted', async () => {
        const a = await store.createShortlist({ jobOrderId, scope: 'own', size: 10, strategy: 'fit-first' });
        await store.completeShortlist(a.id, shortlistResultFixture([people[0]!]));
        const b = await store.createShortlist({ jobOrderId, scope: 'own', size: 10, strategy: 'fit-first' });
        expect(await store.deleteJobOrder(jobOrderId)).toBe(true);
        expect(await store.getShortlist(a.id)).toBeUndefined();
        expect(await store.getShortlist(b.id)).toBeUndefined();
        expect(await store.listShortlists(jobOrderId)).toEqual([]);
      });
    });

    describe('import runs', () => {
      it('starts with zero counters and round-trips the finished run', async () => {
        const run = await store.startImportRun('candidates', '/data/import/kandidater.ndjson');
        expect(run).toMatchObject({
          kind: 'candidates',
          source: '/data/import/kandidater.ndjson',
          finishedAt: null,
          imported: 0,
          updated: 0,
          unchanged: 0,
          incomplete: 0,
          rejected: 0,
          errors: [],
        });
        expect(await store.getImportRun(run.id)).toEqual(run);

        const finished = {
          ...run,
          finishedAt: new Date().toISOString(),
          imported: 10,
          updated: 2,
          unchanged: 3,
          incomplete: 1,
          rejected: 1,
          errors: [
            { file: 'kandidater.ndjson', line: 7, reason: 'postalCode: is not a known Danish postnummer' },
          ],
        };
        await store.finishImportRun(finished);
        expect(await store.getImportRun(run.id)).toEqual(finished);
        expect(await store.getImportRun('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      it('keeps at most the first 1000 errors', async () => {
        const run = await store.startImportRun('job-orders', 'ordrer.csv');
        const errors = Array.from({ length: 1500 }, (_, i) => ({
          file: 'ordrer.csv',
          line: i + 2,
          reason: 'bad',
        }));
        await store.finishImportRun({ ...run, finishedAt: new Date().toISOString(), rejected: 1500, errors });
        const stored = await store.getImportRun(run.id);
        expect(stored?.rejected).toBe(1500);
        expect(stored?.errors).toEqual(errors.slice(0, 1000));
      });
    });
  });
}
