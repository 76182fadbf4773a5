import { beforeEach, describe, expect, it } from 'vitest';
import type { CandidateFilter, CandidateRecord, CandidateWrite } from '../../src/ports/candidates.ts';
import type { Stores } from '../../src/ports/stores.ts';
import {
  candidateWrite,
  jobOrderInputFixture,
  OTHER_TEST_CPR,
  shortlistResultFixture,
  TEST_CPR,
} from './fixtures.ts';
import { nextMillisecond, type StoresFactory, useStores } from './harness.ts';

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

async function allPages(stores: Stores, filter: CandidateFilter, limit: number): Promise<CandidateRecord[]> {
  const items: CandidateRecord[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await stores.candidates.list(filter, { limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
  throw new Error('pagination did not end');
}

const externalIds = (records: Array<{ externalId: string }>) => records.map((r) => r.externalId).sort();

/** The behaviour every CandidateStore adapter must have, written against the port only. */
export function candidateStoreContract(name: string, factory: StoresFactory): void {
  describe(`CandidateStore contract: ${name}`, () => {
    const open = useStores(factory);
    let stores: Stores;

    beforeEach(() => {
      stores = open().stores;
    });

    describe('candidate upserts', () => {
      it('reports created, updated and unchanged by (jobcenter, externalId)', async () => {
        const a = candidateWrite();
        const b = candidateWrite();
        const first = await stores.candidates.upsert([a, b]);
        expect(first.map((r) => r.status)).toEqual(['created', 'created']);
        expect(first[0]!.id).not.toBe(first[1]!.id);

        await nextMillisecond();
        const a2 = candidateWrite({ externalId: a.externalId, name: 'Mette Hansen-Berg' });
        const second = await stores.candidates.upsert([a2, b]);
        expect(second).toEqual([
          { id: first[0]!.id, status: 'updated' },
          { id: first[1]!.id, status: 'unchanged' },
        ]);
        const stored = await stores.candidates.get(first[0]!.id);
        expect(stored?.candidate.name).toBe('Mette Hansen-Berg');
        expect(stored!.updatedAt > stored!.createdAt).toBe(true);
        expect(await stores.candidates.count()).toBe(2);
      });

      it('the same key in another jobcenter is another candidate', async () => {
        const a = candidateWrite();
        const b = candidateWrite({ externalId: a.externalId, jobcenter: '101', postalCode: '2100' });
        const results = await stores.candidates.upsert([a, b]);
        expect(results.map((r) => r.status)).toEqual(['created', 'created']);
        expect(await stores.candidates.count()).toBe(2);
      });

      it('changes nothing when the same batch is written again, updatedAt included', async () => {
        const batch = [candidateWrite(), candidateWrite({ incomplete: ['benefit'] }), candidateWrite()];
        const first = await stores.candidates.upsert(batch);
        const before = await Promise.all(first.map((r) => stores.candidates.get(r.id)));
        await nextMillisecond();
        const again = await stores.candidates.upsert(batch);
        expect(again).toEqual(first.map((r) => ({ id: r.id, status: 'unchanged' })));
        const after = await Promise.all(first.map((r) => stores.candidates.get(r.id)));
        expect(after).toEqual(before);
      });

      it('sees content, not key order: the same candidate built in another order is unchanged', async () => {
        const w = candidateWrite();
        const [first] = await stores.candidates.upsert([w]);
        const reordered: CandidateWrite = {
          ...w,
          candidate: Object.fromEntries(Object.entries(w.candidate).reverse()) as CandidateWrite['candidate'],
          facts: Object.fromEntries(Object.entries(w.facts).reverse()) as CandidateWrite['facts'],
        };
        expect(await stores.candidates.upsert([reordered])).toEqual([{ id: first!.id, status: 'unchanged' }]);
      });

      it('lets the last write win when a key repeats inside one batch', async () => {
        const a = candidateWrite({ name: 'Første Udgave' });
        const a2 = candidateWrite({ externalId: a.externalId, name: 'Anden Udgave' });
        const results = await stores.candidates.upsert([a, a2]);
        expect(results.map((r) => r.status)).toEqual(['created', 'updated']);
        expect(results[1]!.id).toBe(results[0]!.id);
        expect(await stores.candidates.count()).toBe(1);
        expect((await stores.candidates.get(results[0]!.id))?.candidate.name).toBe('Anden Udgave');
      });

      it('resolves a batch as if its items were written one by one, stored and new keys repeated', async () => {
        const stored = candidateWrite({ name: 'Gemt Person', cpr: TEST_CPR });
        const [before] = await stores.candidates.upsert([stored]);
        const fresh = candidateWrite({ name: 'Ny Person', cpr: OTHER_TEST_CPR });
        const storedChanged = {
          ...stored,
          cpr: undefined,
          candidate: { ...stored.candidate, name: 'Gemt Igen' },
        };
        const freshChanged = { ...fresh, cpr: undefined, candidate: { ...fresh.candidate, name: 'Ny Igen' } };
        const results = await stores.candidates.upsert([
          { ...stored, cpr: undefined },
          fresh,
          storedChanged,
          fresh,
          freshChanged,
          storedChanged,
          candidateWrite(),
        ]);
        expect(results.map((r) => r.status)).toEqual([
          'unchanged',
          'created',
          'updated',
          'unchanged',
          'updated',
          'unchanged',
          'created',
        ]);
        expect(results[0]!.id).toBe(before!.id);
        expect(results[2]!.id).toBe(before!.id);
        expect(new Set([results[1]!.id, results[3]!.id, results[4]!.id]).size).toBe(1);
        expect(await stores.candidates.count()).toBe(3);
        expect((await stores.candidates.get(before!.id))?.candidate.name).toBe('Gemt Igen');
        expect((await stores.candidates.get(results[1]!.id))?.candidate.name).toBe('Ny Igen');
        expect(await stores.candidates.hasCpr(stored.jobcenter, TEST_CPR)).toBe(true);
        expect(await stores.candidates.hasCpr(fresh.jobcenter, OTHER_TEST_CPR)).toBe(true);
      });

      it('lands every row of a large batch in order, a key repeated far apart ending with its last version', async () => {
        const writes = Array.from({ length: 250 }, (_, i) =>
          candidateWrite({ externalId: `stor-${String(i).padStart(3, '0')}`, name: `Person ${i}` }),
        );
        const again = candidateWrite({ externalId: 'stor-042', name: 'Sidste Udgave' });
        const results = await stores.candidates.upsert([...writes, again]);
        expect(results.slice(0, 250).every((r) => r.status === 'created')).toBe(true);
        expect(results[250]).toEqual({ id: results[42]!.id, status: 'updated' });
        expect(await stores.candidates.count()).toBe(250);
        expect((await stores.candidates.get(results[42]!.id))?.candidate.name).toBe('Sidste Udgave');
        expect((await stores.candidates.get(results[249]!.id))?.externalId).toBe('stor-249');
      });

      it('accepts an empty batch', async () => {
        expect(await stores.candidates.upsert([])).toEqual([]);
      });

      it('stores all of a batch or none of it', async () => {
        const existing = candidateWrite({ name: 'Uændret Person' });
        const [stored] = await stores.candidates.upsert([existing]);
        const before = await stores.candidates.get(stored!.id);

        const changed = candidateWrite({ externalId: existing.externalId, name: 'Skulle Ikke Gemmes' });
        const fresh = candidateWrite();
        const broken = { ...candidateWrite(), jobcenter: null } as unknown as CandidateWrite;
        await expect(stores.candidates.upsert([changed, fresh, broken])).rejects.toThrow();

        expect(await stores.candidates.count()).toBe(1);
        expect(await stores.candidates.find(fresh.jobcenter, fresh.externalId)).toBeUndefined();
        expect(await stores.candidates.get(stored!.id)).toEqual(before);
        // The store is still usable after the rollback.
        expect((await stores.candidates.upsert([fresh]))[0]!.status).toBe('created');
      });
    });

    describe('CPR', () => {
      it('never returns the CPR from any read', async () => {
        const withCpr = candidateWrite({ cpr: TEST_CPR });
        // A caller passing the whole validated Candidate, CPR included, inside `candidate`.
        const smuggled = candidateWrite();
        smuggled.candidate = { ...smuggled.candidate, cpr: OTHER_TEST_CPR } as CandidateWrite['candidate'];
        const [a, b] = await stores.candidates.upsert([withCpr, smuggled]);

        const reads: unknown[] = [
          await stores.candidates.get(a!.id),
          await stores.candidates.get(b!.id),
          await stores.candidates.find(withCpr.jobcenter, withCpr.externalId),
          await stores.candidates.find(smuggled.jobcenter, smuggled.externalId),
          await stores.candidates.list({}, { limit: 10 }),
          await stores.candidates.list({ text: 'mette' }, { limit: 10 }),
          await collect(stores.candidates.scan(10)),
        ];
        for (const cpr of [TEST_CPR, OTHER_TEST_CPR]) expect(cprLeaks(reads, cpr)).toEqual([]);
      });

      it('answers hasCpr by jobcenter and CPR', async () => {
        const w = candidateWrite({ cpr: TEST_CPR });
        const [written] = await stores.candidates.upsert([w]);
        expect(await stores.candidates.hasCpr(w.jobcenter, TEST_CPR)).toBe(true);
        expect(await stores.candidates.hasCpr(w.jobcenter, OTHER_TEST_CPR)).toBe(false);
        expect(await stores.candidates.hasCpr('101', TEST_CPR)).toBe(false);
        await stores.candidates.delete(written!.id);
        expect(await stores.candidates.hasCpr(w.jobcenter, TEST_CPR)).toBe(false);
      });

      it('keeps the stored CPR when a later write carries none (reads never return it to send back)', async () => {
        const w = candidateWrite({ cpr: TEST_CPR });
        const [first] = await stores.candidates.upsert([w]);
        const again = await stores.candidates.upsert([{ ...w, cpr: undefined }]);
        expect(again).toEqual([{ id: first!.id, status: 'unchanged' }]);
        expect(await stores.candidates.hasCpr(w.jobcenter, TEST_CPR)).toBe(true);

        const changed = await stores.candidates.upsert([{ ...w, cpr: OTHER_TEST_CPR }]);
        expect(changed).toEqual([{ id: first!.id, status: 'updated' }]);
        expect(await stores.candidates.hasCpr(w.jobcenter, TEST_CPR)).toBe(false);
        expect(await stores.candidates.hasCpr(w.jobcenter, OTHER_TEST_CPR)).toBe(true);
      });
    });

    describe('candidate reads', () => {
      it('gets by id and finds by key; unknown ones are undefined', async () => {
        const w = candidateWrite();
        const [written] = await stores.candidates.upsert([w]);
        const got = await stores.candidates.get(written!.id);
        expect(got).toMatchObject({
          id: written!.id,
          jobcenter: w.jobcenter,
          externalId: w.externalId,
          candidate: w.candidate,
          facts: w.facts,
          incomplete: [],
        });
        expect(got!.createdAt).toBe(got!.updatedAt);
        expect(await stores.candidates.find(w.jobcenter, w.externalId)).toEqual(got);
        expect(await stores.candidates.find('101', w.externalId)).toBeUndefined();
        expect(await stores.candidates.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      });

      describe('list and count', () => {
        const ids = {
          aarhus: [] as string[],
          kbh: [] as string[],
        };
        let seeded: CandidateWrite[];

        beforeEach(async () => {
          seeded = [
            candidateWrite({
              externalId: 'aar-1',
              name: 'Søren Østergaard',
              benefit: 'kontanthjaelp',
              unemployedSince: '2025-03-01',
            }),
            candidateWrite({ externalId: 'aar-2', name: 'Mette Hansen', unemployedSince: '2025-03-02' }),
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
          const results = await stores.candidates.upsert(seeded);
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
          // The rest are ledig since the fixture's 2026-01-15; the bounds are inclusive.
          [
            'ledig since from',
            { unemployedSinceFrom: '2025-03-02' },
            ['aar-2', 'aar_3', 'aar13', 'aar-100%', 'AAR-6', 'kbh-1', 'kbh-2'],
          ],
          ['ledig since to', { unemployedSinceTo: '2025-03-02' }, ['aar-1', 'aar-2']],
          [
            'ledig since between, one day',
            { unemployedSinceFrom: '2025-03-01', unemployedSinceTo: '2025-03-01' },
            ['aar-1'],
          ],
          [
            'ledig since with jobcenter',
            { unemployedSinceFrom: '2026-01-15', jobcenter: '101' },
            ['kbh-1', 'kbh-2'],
          ],
          ['ledig since, nobody', { unemployedSinceFrom: '2026-01-16' }, []],
        ];

        for (const [label, filter, expected] of cases) {
          it(`filters: ${label}`, async () => {
            const items = await allPages(stores, filter, 100);
            expect(externalIds(items)).toEqual([...expected].sort());
            expect(await stores.candidates.count(filter)).toBe(expected.length);
          });
        }

        it("reads the names of one jobcenter's candidates among the ids, in one call", async () => {
          const unknown = '00000000-0000-4000-8000-000000000000';
          const names = await stores.candidates.namesIn('751', [
            ids.aarhus[0]!,
            ids.kbh[0]!,
            unknown,
            ids.aarhus[5]!,
          ]);
          expect(Object.fromEntries(names)).toEqual({
            [ids.aarhus[0]!]: 'Søren Østergaard',
            [ids.aarhus[5]!]: 'Åse Ærø',
          });
          expect((await stores.candidates.namesIn('101', ids.kbh)).get(ids.kbh[1]!)).toBe('Ole Nielsen');
          expect((await stores.candidates.namesIn('751', [])).size).toBe(0);
        });

        it('reads the records among the ids in one call, leaving out unknown and erased ids', async () => {
          const unknown = '00000000-0000-4000-8000-000000000000';
          await stores.candidates.delete(ids.kbh[0]!);
          const records = await stores.candidates.getMany([
            ids.aarhus[0]!,
            unknown,
            ids.kbh[0]!,
            ids.kbh[1]!,
          ]);
          expect([...records.keys()].sort()).toEqual([ids.aarhus[0]!, ids.kbh[1]!].sort());
          expect(records.get(ids.aarhus[0]!)).toEqual(await stores.candidates.get(ids.aarhus[0]!));
          expect((await stores.candidates.getMany([])).size).toBe(0);
        });

        it('reads names as they are now: renamed and erased people', async () => {
          await stores.candidates.upsert([
            { ...seeded[1]!, candidate: { ...seeded[1]!.candidate, name: 'Mette Kvist' } },
          ]);
          await stores.candidates.delete(ids.aarhus[0]!);
          const names = await stores.candidates.namesIn('751', [ids.aarhus[0]!, ids.aarhus[1]!]);
          expect(Object.fromEntries(names)).toEqual({ [ids.aarhus[1]!]: 'Mette Kvist' });
        });

        it('counts everything without a filter', async () => {
          expect(await stores.candidates.count()).toBe(seeded.length);
        });

        it('pages through every row exactly once, in a stable order', async () => {
          for (const limit of [1, 3, 7, 8]) {
            const items = await allPages(stores, {}, limit);
            const pagedIds = items.map((r) => r.id);
            expect(new Set(pagedIds).size).toBe(seeded.length);
            expect([...pagedIds].sort()).toEqual([...ids.aarhus, ...ids.kbh].sort());
            expect(pagedIds).toEqual((await allPages(stores, {}, 100)).map((r) => r.id));
          }
        });

        it('pages through a filtered list exactly once', async () => {
          const items = await allPages(stores, { jobcenter: '751' }, 2);
          expect([...items.map((r) => r.id)].sort()).toEqual([...ids.aarhus].sort());
        });

        it('gives no next cursor on the last page', async () => {
          const page = await stores.candidates.list({}, { limit: seeded.length });
          expect(page.items).toHaveLength(seeded.length);
          expect(page.next).toBeNull();
        });
      });
    });

    describe('scanCandidates', () => {
      it('yields every candidate once, in id order, in batches', async () => {
        const written = await stores.candidates.upsert(Array.from({ length: 11 }, () => candidateWrite()));
        const batches = await collect(stores.candidates.scan(4));
        expect(batches.map((b) => b.length)).toEqual([4, 4, 3]);
        const scanned = batches.flat().map((r) => r.id);
        expect([...scanned].sort()).toEqual(written.map((r) => r.id).sort());
        expect(scanned).toEqual([...scanned].sort());
        expect(scanned).toEqual((await allPages(stores, {}, 5)).map((r) => r.id));
      });

      it('yields nothing for an empty store', async () => {
        expect(await collect(stores.candidates.scan(10))).toEqual([]);
      });
    });

    describe('deleteCandidate', () => {
      it('erases the row; the key can be created anew', async () => {
        const w = candidateWrite();
        const [keep, gone] = await stores.candidates.upsert([candidateWrite(), w]);
        expect(await stores.candidates.delete(gone!.id)).toBe(true);
        expect(await stores.candidates.get(gone!.id)).toBeUndefined();
        expect(await stores.candidates.find(w.jobcenter, w.externalId)).toBeUndefined();
        expect(await stores.candidates.count()).toBe(1);
        expect(await stores.candidates.get(keep!.id)).toBeDefined();
        expect(await stores.candidates.delete(gone!.id)).toBe(false);
        const [again] = await stores.candidates.upsert([w]);
        expect(again!.status).toBe('created');
        expect(again!.id).not.toBe(gone!.id);
      });

      it('erases the candidate from stored shortlists too', async () => {
        const [order] = await stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
        const writes = [candidateWrite(), candidateWrite(), candidateWrite()];
        const results = await stores.candidates.upsert(writes);
        const people = results.map((r, i) => ({
          id: r.id,
          externalId: writes[i]!.externalId,
          jobcenter: '751',
        }));
        const list = await stores.shortlists.create({
          jobOrderId: order!.id,
          scope: 'own',
          size: 10,
          strategy: 'fit-first',
        });
        await stores.shortlists.complete(
          list.id,
          shortlistResultFixture([people[0]!, people[1]!], [people[1]!]),
        );

        await stores.candidates.delete(people[1]!.id);
        const after = await stores.shortlists.get(list.id);
        expect(after?.entries.map((e) => e.candidateId)).toEqual([people[0]!.id]);
        expect(after?.nearMisses).toEqual([]);
        expect(JSON.stringify(after)).not.toContain(people[1]!.externalId);
      });
    });
  });
}
