import type { EvalCandidate, EvalOrder } from './generate.ts';
import { passesFilters } from './judge.ts';

/** The CV's text fields, lower-cased, one field per line so no phrase runs across two fields. */
export function cvText(c: EvalCandidate): string {
  const r = c.record as {
    competences: string[];
    educations: Array<{ title: string }>;
    experience: Array<{ title: string; description?: string }>;
    cvText?: string;
  };
  return [
    ...r.competences,
    ...r.educations.map((e) => e.title),
    ...r.experience.flatMap((e) => [e.title, e.description ?? '']),
    r.cvText ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

/**
 * The literal keyword search a service should beat: the same hard filters, then ranked by how many must-have
 * phrases occur literally in the CV, then nice-to-haves, then the longest ledighed.
 */
export function keywordBaseline(
  candidates: readonly EvalCandidate[],
  order: EvalOrder,
  size: number,
  texts: ReadonlyMap<string, string>,
): string[] {
  const hits = (text: string, phrases: ReadonlyArray<{ phrase: string }>) =>
    phrases.filter((p) => text.includes(p.phrase.toLowerCase())).length;
  return candidates
    .filter((c) => passesFilters(c, order))
    .map((c) => {
      const text = texts.get(c.externalId)!;
      return { c, must: hits(text, order.must), nice: hits(text, order.nice) };
    })
    .sort(
      (a, b) =>
        b.must - a.must ||
        b.nice - a.nice ||
        a.c.unemployedSince.localeCompare(b.c.unemployedSince) ||
        a.c.externalId.localeCompare(b.c.externalId),
    )
    .slice(0, size)
    .map((x) => x.c.externalId);
}
