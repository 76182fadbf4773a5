import { tokensOf } from './concepts/compile.ts';
import { contextOfSpan } from './concepts/extract.ts';
import type { CandidateConcept, EvidenceField, PhraseUnderstanding } from './concepts/types.ts';
import { cleanFieldTexts, type ProfileSource } from './profile.ts';
import type { Taxonomy } from './taxonomy/taxonomy.ts';
import { compoundPartStems } from './text/analyse.ts';
import { compoundParts } from './text/compound.ts';
import type { PersonFacts } from './text/protected.ts';
import { stem } from './text/stem.ts';
import { isStopword } from './text/stopwords.ts';
import { MIN_TYPO_LENGTH, withinOneEdit } from './text/typo.ts';

/** Where a matched phrase was found in the candidate's own words. */
export interface EvidenceItem {
  /** The order's phrase, as in `matched`. */
  phrase: string;
  /** The concept the candidate holds that met it (the phrase's own or a narrower one); null for a word match. */
  concept: string | null;
  conceptLabel: string | null;
  /** The words as the candidate wrote them. */
  foundAs: string;
  field: EvidenceField;
}

export interface EvidenceSource extends ProfileSource {
  /** The stored concepts with their best evidence (search facts). */
  concepts: readonly CandidateConcept[];
}

interface Token {
  stem: string;
  parts: string[];
  start: number;
  end: number;
}

/** The content words of an NFC text with their offsets, as the extractor tokenises it. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const t of tokensOf(text)) {
    if (isStopword(t.lower)) continue;
    out.push({ stem: stem(t.lower), parts: compoundParts(t.lower).map(stem), start: t.start, end: t.end });
  }
  return out;
}

const sameWord = (a: string, b: string) => a === b || (a.length >= MIN_TYPO_LENGTH && withinOneEdit(a, b));

/**
 * The words of `words` standing together in `text` (or one compound made of them), as written; null if not. A single
 * compound word also counts written apart, given its `parts`. Words in a clause that is not the person's own
 * experience (negated, intent, another person, youth) do not count, as for concepts.
 */
export function findTogether(
  text: string,
  words: readonly string[],
  parts: readonly string[] = [],
): string | null {
  // Offsets and the words returned both refer to the NFC text, so a decomposed å cannot shift a slice.
  text = text.normalize('NFC');
  const toks = tokens(text);
  let contextOf: ((start: number, end: number) => string) | undefined;
  const own = (start: number, end: number) => {
    contextOf ??= contextOfSpan(text);
    return contextOf(start, end) === 'own';
  };
  const found = (start: number, end: number) => (own(start, end) ? text.slice(start, end) : null);
  for (let i = 0; i < toks.length; i++) {
    let hit: string | null = null;
    if (words.length === 1) {
      const t = toks[i]!;
      const word = words[0]!;
      if (sameWord(t.stem, word)) hit = found(t.start, t.end);
      else if (parts.length > 1 && i + parts.length <= toks.length) {
        const run = toks.slice(i, i + parts.length);
        if (run.every((r, k) => sameWord(r.stem, parts[k]!))) hit = found(run[0]!.start, run.at(-1)!.end);
      }
    } else {
      // Several words: consecutive tokens, or the parts of one compound.
      const run = toks.slice(i, i + words.length);
      const t = toks[i]!;
      if (run.length === words.length && run.every((r, k) => sameWord(r.stem, words[k]!)))
        hit = found(run[0]!.start, run.at(-1)!.end);
      else if (t.parts.length === words.length && t.parts.every((p, k) => sameWord(p, words[k]!)))
        hit = found(t.start, t.end);
    }
    if (hit !== null) return hit;
  }
  return null;
}

/**
 * The evidence for each matched phrase, or the phrases that have none. A claim is only ever made with evidence: a
 * concept phrase needs a stored concept the candidate holds (the phrase's or a narrower one), a word phrase its
 * words standing together in one field of the candidate's own text.
 */
export function evidenceFor(
  matched: readonly string[],
  understandings: ReadonlyMap<string, PhraseUnderstanding>,
  source: EvidenceSource,
  taxonomy: Taxonomy,
  person?: PersonFacts,
): { evidence: EvidenceItem[]; unproven: string[] } {
  const evidence: EvidenceItem[] = [];
  const unproven: string[] = [];
  const held = new Map(source.concepts.map((c) => [c.concept, c]));
  for (const phrase of matched) {
    const u = understandings.get(phrase);
    if (!u) {
      unproven.push(phrase);
      continue;
    }
    if (u.concepts.length > 0) {
      const items: EvidenceItem[] = [];
      for (const concept of u.concepts) {
        let best: CandidateConcept | undefined;
        for (const c of taxonomy.selfAndNarrower(concept)) {
          const h = held.get(c);
          if (h && (!best || h.weight > best.weight)) best = h;
        }
        if (!best) break;
        items.push({
          phrase,
          concept: best.concept,
          conceptLabel: taxonomy.get(best.concept)?.prefLabel ?? best.concept,
          foundAs: best.foundAs,
          field: best.field,
        });
      }
      if (items.length === u.concepts.length) evidence.push(...items);
      else unproven.push(phrase);
      continue;
    }
    let found: EvidenceItem | null = null;
    for (const [field, text] of cleanFieldTexts(source, person)) {
      const foundAs = findTogether(
        text,
        u.words,
        u.words.length === 1 ? compoundPartStems(u.phrase, u.words[0]!) : [],
      );
      if (foundAs !== null) {
        found = { phrase, concept: null, conceptLabel: null, foundAs, field };
        break;
      }
    }
    if (found) evidence.push(found);
    else unproven.push(phrase);
  }
  return { evidence, unproven };
}
