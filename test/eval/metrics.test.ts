import { describe, expect, it } from 'vitest';
import { dcg, falseClaimRate, mean, ndcgAt, recallAt } from '../../eval/metrics.ts';

describe('evaluation metrics on hand-made cases', () => {
  it('DCG discounts by log2 of the position plus one, with gain 2^g - 1', () => {
    expect(dcg([3, 2, 0, 1], 10)).toBeCloseTo(7 + 3 / Math.log2(3) + 0 + 1 / Math.log2(5), 10);
    expect(dcg([3, 3, 3], 2)).toBeCloseTo(7 + 7 / Math.log2(3), 10);
  });

  it('NDCG is 1 for the ideal order and takes the ideal from every candidate, not only the returned', () => {
    expect(ndcgAt([3, 2, 1], [1, 3, 0, 2, 0], 10)).toBeCloseTo(1, 10);
    // The best candidate (grade 3) was not returned at all.
    const returned = [2, 1];
    const expected = (3 + 1 / Math.log2(3)) / (7 + 3 / Math.log2(3) + 1 / Math.log2(4));
    expect(ndcgAt(returned, [3, 2, 1, 0], 10)).toBeCloseTo(expected, 10);
    // A worse order of the same candidates scores lower.
    expect(ndcgAt([1, 2, 3], [1, 2, 3], 10)!).toBeLessThan(1);
  });

  it('NDCG is undefined when nobody is relevant, and only the top k count', () => {
    expect(ndcgAt([0, 0], [0, 0, 0], 10)).toBeNull();
    expect(ndcgAt([0, 3], [3, 0], 1)).toBe(0);
  });

  it('recall@k divides by min(k, |relevant|)', () => {
    expect(recallAt(['a', 'b', 'c'], new Set(['a', 'c', 'z']), 10)).toBeCloseTo(2 / 3, 10);
    const many = new Set(Array.from({ length: 15 }, (_, i) => `r${i}`));
    const top = [...Array.from({ length: 8 }, (_, i) => `r${i}`), 'x', 'y', 'r9'];
    expect(recallAt(top, many, 10)).toBeCloseTo(8 / 10, 10);
    expect(recallAt(['a'], new Set(), 10)).toBeNull();
  });

  it('the false-claim rate is false over all claims, 0 without claims', () => {
    expect(falseClaimRate({ claims: 40, false: 3 })).toBeCloseTo(0.075, 10);
    expect(falseClaimRate({ claims: 0, false: 0 })).toBe(0);
  });

  it('means skip undefined values', () => {
    expect(mean([1, null, 0.5])).toBeCloseTo(0.75, 10);
    expect(mean([null])).toBeNull();
  });
});
