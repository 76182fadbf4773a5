import { cvText, keywordBaseline } from './baseline.ts';
import { type EvalSet, generateEvalSet } from './generate.ts';
import { claimIsTrue, type Grade, grade } from './judge.ts';
import { type ClaimCount, falseClaimRate, mean, ndcgAt, recallAt } from './metrics.ts';
import { ServiceUnderTest, type Strategy } from './service.ts';

export const K = 10;

export interface SystemFigures {
  ndcg: number | null;
  recall: number | null;
  claims: ClaimCount & { rate: number; mustFalse: number; mustClaims: number };
}

export interface OrderSystemResult {
  top: Array<{ externalId: string; grade: Grade; falseClaims: string[] }>;
  ndcg: number | null;
  recall: number | null;
  /** Phrases claimed as matched in the returned entries, and how many of them were must-haves. */
  claims: number;
  mustClaims: number;
  mustFalse: number;
}

export interface OrderResult {
  externalId: string;
  must: string[];
  nice: string[];
  relevant: number;
  fullyFitting: number;
  systems: Record<string, OrderSystemResult>;
}

export interface EvalResult {
  seed: number;
  candidates: number;
  orders: number;
  ordersWithRelevant: number;
  ordersWithFullyFitting: number;
  cores: number;
  seconds: number;
  systems: Record<'baseline' | Strategy, SystemFigures>;
  ratio: Record<Strategy, { ndcg: number | null; recall: number | null }>;
  perOrder: OrderResult[];
  set: EvalSet;
}

export const STRATEGIES: Strategy[] = ['fit-first', 'weighted'];

export async function evaluate(options: {
  candidates: number;
  orders: number;
  seed: number;
  cores: number;
  onProgress?: (message: string) => void;
}): Promise<EvalResult> {
  const started = performance.now();
  const set = generateEvalSet(options);
  const byId = new Map(set.candidates.map((c) => [c.externalId, c]));
  const texts = new Map(set.candidates.map((c) => [c.externalId, cvText(c)]));
  const service = new ServiceUnderTest();
  const perOrder: OrderResult[] = [];
  try {
    options.onProgress?.(`importing ${set.candidates.length} candidates and ${set.orders.length} job orders`);
    await service.load(set);
    for (const [i, order] of set.orders.entries()) {
      options.onProgress?.(`order ${i + 1}/${set.orders.length}`);
      const grades = new Map(set.candidates.map((c) => [c.externalId, grade(c, order)]));
      const fully = new Set([...grades].filter(([, g]) => g >= 2).map(([id]) => id));
      const all = [...grades.values()];
      const rankings: Record<string, Array<{ externalId: string; matched: string[] }>> = {
        baseline: keywordBaseline(set.candidates, order, K, texts).map((externalId) => ({
          externalId,
          matched: [],
        })),
      };
      for (const strategy of STRATEGIES) {
        rankings[strategy] = await service.shortlist(order.externalId, order.jobcenter, strategy, K);
      }
      const systems: OrderResult['systems'] = {};
      for (const [name, entries] of Object.entries(rankings)) {
        const top = entries.map((e) => {
          const c = byId.get(e.externalId);
          if (!c)
            throw new Error(`the service returned '${e.externalId}', which is not in the evaluation set`);
          return {
            externalId: e.externalId,
            grade: grades.get(e.externalId)!,
            falseClaims: e.matched.filter((p) => !claimIsTrue(c, order, p)),
            claims: e.matched,
          };
        });
        const mustPhrases = new Set(order.must.map((m) => m.phrase.trim().toLowerCase()));
        const isMust = (p: string) => mustPhrases.has(p.trim().toLowerCase());
        systems[name] = {
          top: top.map(({ externalId, grade: g, falseClaims }) => ({ externalId, grade: g, falseClaims })),
          ndcg: ndcgAt(
            top.map((t) => t.grade),
            all,
            K,
          ),
          recall: recallAt(
            top.map((t) => t.externalId),
            fully,
            K,
          ),
          claims: top.reduce((s, t) => s + t.claims.length, 0),
          mustClaims: top.reduce((s, t) => s + t.claims.filter(isMust).length, 0),
          mustFalse: top.reduce((s, t) => s + t.falseClaims.filter(isMust).length, 0),
        };
      }
      perOrder.push({
        externalId: order.externalId,
        must: order.must.map((m) => m.phrase),
        nice: order.nice.map((m) => m.phrase),
        relevant: all.filter((g) => g > 0).length,
        fullyFitting: fully.size,
        systems,
      });
    }
  } finally {
    service.close();
  }
  const figures = (name: string): SystemFigures => {
    const rows = perOrder.map((o) => o.systems[name]!);
    const claims = rows.reduce((s, r) => s + r.claims, 0);
    const falseCount = rows.reduce((s, r) => s + r.top.reduce((n, t) => n + t.falseClaims.length, 0), 0);
    const count = { claims, false: falseCount };
    return {
      ndcg: mean(rows.map((r) => r.ndcg)),
      recall: mean(rows.map((r) => r.recall)),
      claims: {
        ...count,
        rate: falseClaimRate(count),
        mustClaims: rows.reduce((s, r) => s + r.mustClaims, 0),
        mustFalse: rows.reduce((s, r) => s + r.mustFalse, 0),
      },
    };
  };
  const systems = {
    baseline: figures('baseline'),
    'fit-first': figures('fit-first'),
    weighted: figures('weighted'),
  };
  const ratioOf = (a: number | null, b: number | null) =>
    a === null || b === null || b === 0 ? null : a / b;
  return {
    seed: set.seed,
    candidates: set.candidates.length,
    orders: set.orders.length,
    ordersWithRelevant: perOrder.filter((o) => o.relevant > 0).length,
    ordersWithFullyFitting: perOrder.filter((o) => o.fullyFitting > 0).length,
    cores: options.cores,
    seconds: (performance.now() - started) / 1000,
    systems,
    ratio: {
      'fit-first': {
        ndcg: ratioOf(systems['fit-first'].ndcg, systems.baseline.ndcg),
        recall: ratioOf(systems['fit-first'].recall, systems.baseline.recall),
      },
      weighted: {
        ndcg: ratioOf(systems.weighted.ndcg, systems.baseline.ndcg),
        recall: ratioOf(systems.weighted.recall, systems.baseline.recall),
      },
    },
    perOrder,
    set,
  };
}
