/** Ranking metrics over graded judgments. Pure functions, tested on hand-made cases. */

const gain = (g: number) => 2 ** g - 1;

export function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += gain(grades[i]!) / Math.log2(i + 2);
  return sum;
}

/**
 * NDCG@k of a returned ranking, the ideal taken from every candidate's grade (not only those returned), so a
 * short list that misses good candidates scores low. Null when no candidate is relevant at all.
 */
export function ndcgAt(returned: readonly number[], allGrades: readonly number[], k: number): number | null {
  const ideal = dcg(
    [...allGrades].sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return null;
  return dcg(returned, k) / ideal;
}

/** |top k ∩ relevant| / min(k, |relevant|); null when nothing is relevant. */
export function recallAt(
  returnedIds: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number | null {
  if (relevant.size === 0) return null;
  const hits = returnedIds.slice(0, k).filter((id) => relevant.has(id)).length;
  return hits / Math.min(k, relevant.size);
}

export interface ClaimCount {
  claims: number;
  false: number;
}

/** Share of claimed matches that are false; 0 when nothing was claimed. */
export function falseClaimRate(count: ClaimCount): number {
  return count.claims === 0 ? 0 : count.false / count.claims;
}

/** Mean of the defined values; null when there are none. */
export function mean(values: ReadonlyArray<number | null>): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((s, v) => s + v, 0) / defined.length;
}
