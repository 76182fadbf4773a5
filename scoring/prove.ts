import { type EvidenceItem, type EvidenceSource, evidenceFor } from './evidence.ts';
import { type OrderQuery, relatedConcepts } from './query.ts';
import { compareEntries, explainRanked, fitTier, type RankedEntry } from './rank.ts';
import type { PersonFacts } from './text/protected.ts';

/**
 * Attaches the evidence of every matched phrase, read from the candidate's own record. A phrase with no evidence is
 * no claim: it moves to `missing` and the tier follows. Ranking reads the index's terms, which come from the same
 * record, so this only changes an entry when the record changed in between — but then the claim must go.
 */
export function proveEntry<E extends RankedEntry>(
  entry: E,
  q: OrderQuery,
  source: EvidenceSource,
  person?: PersonFacts,
): E {
  const phrases = [...q.mustHave, ...q.niceToHave];
  const understandings = new Map(phrases.map((p) => [p.label, p.understanding]));
  const { evidence, unproven } = evidenceFor(entry.matched, understandings, source, q.taxonomy, person);
  if (unproven.length === 0) {
    const proven = { ...entry, evidence };
    proven.explanation = explainRanked(proven, q, relatedHeld(proven.missing, q, source));
    return proven;
  }
  const matched = entry.matched.filter((m) => !unproven.includes(m));
  const has = (label: string) => matched.includes(label);
  const proven = {
    ...entry,
    matched,
    missing: phrases.map((p) => p.label).filter((label) => !has(label)),
    evidence,
    fitTier: fitTier(
      q.mustHave.filter((p) => has(p.label)).length,
      q.niceToHave.filter((p) => has(p.label)).length,
      entry.distanceKm,
      q,
    ),
  };
  proven.explanation = explainRanked(proven, q, relatedHeld(proven.missing, q, source));
  return proven;
}

/**
 * Per missing phrase, a related competence the candidate holds: the partial credit that put them on the list at all,
 * said with its evidence so a konsulent is not left guessing why someone who "mangler" everything is there.
 */
function relatedHeld(missing: readonly string[], q: OrderQuery, source: EvidenceSource): EvidenceItem[] {
  const held = new Map(source.concepts.map((c) => [c.concept, c]));
  const out: EvidenceItem[] = [];
  for (const phrase of [...q.mustHave, ...q.niceToHave]) {
    if (!missing.includes(phrase.label)) continue;
    const id = relatedConcepts(phrase.understanding.concepts, q.taxonomy).find((c) => held.has(c));
    if (id === undefined) continue;
    const c = held.get(id)!;
    out.push({
      phrase: phrase.label,
      concept: id,
      conceptLabel: q.taxonomy.get(id)?.prefLabel ?? id,
      foundAs: c.foundAs,
      field: c.field,
    });
  }
  return out;
}

/** Re-sorts proven entries (a lost claim can lower a tier) and numbers them again. */
export function reRank<E extends RankedEntry & { rank: number }>(entries: E[], q: OrderQuery): E[] {
  const compare = compareEntries(
    q.strategy,
    q.mustHave.map((p) => p.label),
  );
  return [...entries].sort(compare).map((e, i) => ({ ...e, rank: i + 1 }));
}
