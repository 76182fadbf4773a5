import { describe, expect, it } from 'vitest';
import { cvText } from '../../eval/baseline.ts';
import { COMPETENCE_BY_ID, closure } from '../../eval/competences.ts';
import { evaluate } from '../../eval/evaluate.ts';
import type { EvalCandidate, EvalOrder } from '../../eval/generate.ts';
import { generateEvalSet } from '../../eval/generate.ts';
import { claimIsTrue, grade } from '../../eval/judge.ts';

/** An order at the candidate's own address that asks for exactly one competence, and nothing the candidate fails. */
function orderFor(c: EvalCandidate, competence: string): EvalOrder {
  const phrase = COMPETENCE_BY_ID.get(competence)!.order[0]!;
  return {
    externalId: 'probe',
    jobcenter: c.place.jobcenter,
    place: c.place,
    profile: 'probe',
    must: [{ phrase, competence }],
    nice: [],
    weeklyHours: 1,
    period: { from: '2027-09-01', to: '2027-09-30' },
    radiusKm: { full: 10, max: 15 },
    record: {},
  };
}

describe('the labelled evaluation', () => {
  it('runs through the service at a small size and reports figures in [0, 1]', async () => {
    const r = await evaluate({ candidates: 200, orders: 5, seed: 7, cores: 1 });
    expect(r.perOrder).toHaveLength(5);
    for (const name of ['baseline', 'fit-first', 'weighted'] as const) {
      const s = r.systems[name];
      expect(s.ndcg).not.toBeNull();
      expect(s.ndcg!).toBeGreaterThanOrEqual(0);
      expect(s.ndcg!).toBeLessThanOrEqual(1);
      if (s.recall !== null) {
        expect(s.recall).toBeGreaterThanOrEqual(0);
        expect(s.recall).toBeLessThanOrEqual(1);
      }
      expect(s.claims.rate).toBeGreaterThanOrEqual(0);
      expect(s.claims.rate).toBeLessThanOrEqual(1);
    }
    // The service really answered: its lists hold candidates and it claimed matches.
    expect(r.perOrder.some((o) => o.systems['fit-first']!.top.length > 0)).toBe(true);
    expect(r.systems['fit-first'].claims.claims).toBeGreaterThan(0);
  }, 120_000);

  it('judges from the truth: a decoy candidate is graded 0 for the competence its words suggest', () => {
    const set = generateEvalSet({ candidates: 400, orders: 0, seed: 11 });
    const withDecoys = set.candidates.filter((c) => c.decoys.length > 0 && c.availableFrom <= '2027-09-01');
    const kinds = new Set(withDecoys.flatMap((c) => c.decoys.map((d) => d.kind)));
    expect([...kinds].sort()).toEqual(['intent', 'negation', 'other-person', 'scattered', 'teenage']);
    for (const c of withDecoys) {
      const text = cvText(c);
      for (const d of c.decoys) {
        // The decoy's words are in the CV, and yet the person does not hold what they suggest.
        for (const piece of d.pieces) expect(text).toContain(piece.text.toLowerCase());
        expect(c.held.has(d.target)).toBe(false);
        const order = orderFor({ ...c, unavailable: [] }, d.target);
        expect(grade({ ...c, unavailable: [] }, order)).toBe(0);
        expect(claimIsTrue(c, order, order.must[0]!.phrase)).toBe(false);
      }
    }
  });

  it('a narrower competence implies the broader one, and a related one does not', () => {
    expect([...closure(['sap-ewm'])].sort()).toEqual(['sap-ewm', 'wms']);
    expect(closure(['fiskeafdeling']).has('ferskvarer')).toBe(true);
    expect(closure(['fiskeafdeling']).has('butik')).toBe(true);
    expect(closure(['lift']).has('truck')).toBe(false);
    expect(closure(['toemrer']).has('tagarbejde')).toBe(false);
    const set = generateEvalSet({ candidates: 400, orders: 0, seed: 11 });
    const ewm = set.candidates.find((c) => c.held.has('sap-ewm') && c.availableFrom <= '2027-09-01');
    expect(ewm).toBeDefined();
    expect(grade({ ...ewm!, unavailable: [] }, orderFor(ewm!, 'wms'))).toBeGreaterThanOrEqual(2);
  });
});

describe('independence of the evaluation', () => {
  it('eval/ reads nothing of the service’s vocabulary: no taxonomy, no text data, no scoring', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../eval/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const source = readFileSync(new URL(f, dir), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const path of imports)
        expect(path, `${f} imports ${path}`).not.toMatch(/scoring\/|taxonomy|text\/data/);
    }
  });
});
