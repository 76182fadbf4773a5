import { validateCandidate } from '../indexer/validate.ts';
import { generateCandidates, generateJobOrders } from '../src/demo/generate.ts';
import { type Candidate, candidateInput } from '../src/domain/candidate.ts';
import { type JobOrder, jobOrderInput } from '../src/domain/job-order.ts';
import type { CandidateStore, CandidateWrite } from '../src/ports/candidates.ts';

export const TODAY = '2026-11-23';

export function candidates(count: number, seed = 1): Array<Candidate & { id: string }> {
  const out: Array<Candidate & { id: string }> = [];
  let i = 0;
  for (const raw of generateCandidates(count, { seed, today: TODAY })) {
    out.push({ ...candidateInput.parse(raw), id: `c${String(i++).padStart(8, '0')}` });
  }
  return out;
}

export function jobOrders(count: number, seed = 2): JobOrder[] {
  return [...generateJobOrders(count, { seed, today: TODAY })].map((o) => jobOrderInput.parse(o));
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

/** The naive way: lower-case the raw CV text and count the order's words in it, re-reading every CV per query. */
export function naiveKeywordScore(c: Candidate, words: string[]): number {
  const text = [
    ...c.competences,
    ...c.experience.map((e) => `${e.title} ${e.description ?? ''}`),
    ...c.educations.map((e) => e.title),
    c.cvText ?? '',
  ]
    .join(' ')
    .toLowerCase()
    .split(/\s+/);
  const bag = new Set(text);
  let hits = 0;
  for (const w of words) if (bag.has(w)) hits++;
  return hits;
}

export function orderWords(o: JobOrder): string[] {
  return [o.title, ...o.mustHave, ...o.niceToHave]
    .join(' ')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 2);
}

/**
 * Writes `size` generated candidates straight into a Store, validated and analysed as an import does, in batches
 * of 5,000; `jobcenter` puts them all into one jobcenter.
 */
export async function storeGeneratedCandidates(
  store: CandidateStore,
  size: number,
  options: { seed: number; jobcenter?: string },
): Promise<void> {
  let batch: CandidateWrite[] = [];
  for (const raw of generateCandidates(size, { seed: options.seed, today: TODAY })) {
    const valid = validateCandidate(options.jobcenter ? { ...raw, jobcenter: options.jobcenter } : raw);
    if (!valid.ok) throw new Error(valid.reason);
    batch.push(valid.value);
    if (batch.length === 5000) {
      await store.upsert(batch);
      batch = [];
    }
  }
  await store.upsert(batch);
}
