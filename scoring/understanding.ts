import { understandPhrase } from './concepts/phrase.ts';
import type { ConceptKind, Taxonomy } from './taxonomy/taxonomy.ts';

/** How one of an order's phrases will be matched, in words a konsulent can check on the order form. */
export interface PhraseReading {
  phrase: string;
  kind: 'mustHave' | 'niceToHave';
  /** The concepts the phrase asks for; a candidate meets it with the concept or a narrower one. */
  concepts: Array<{ id: string; label: string; kind: ConceptKind }>;
  /** Words beside the concepts (or, with no concept, the whole phrase): matched only where they stand together. */
  words: string[];
  /** Framing words that are not requirements themselves ("erfaring med", "gerne"). */
  framing: string[];
  /** False when no concept was recognised: the phrase is then matched as words. */
  understood: boolean;
}

export function readOrderPhrases(
  order: { mustHave: readonly string[]; niceToHave: readonly string[] },
  taxonomy: Taxonomy,
): PhraseReading[] {
  const read = (phrase: string, kind: PhraseReading['kind']): PhraseReading => {
    const u = understandPhrase(phrase, taxonomy);
    const concepts = u.concepts.map((id) => {
      const c = taxonomy.get(id);
      return { id, label: c?.prefLabel ?? id, kind: c?.kind ?? ('skill' as const) };
    });
    return {
      phrase: u.phrase,
      kind,
      concepts,
      words: u.words,
      framing: u.framing,
      understood: concepts.length > 0,
    };
  };
  return [
    ...order.mustHave.map((p) => read(p, 'mustHave')),
    ...order.niceToHave.map((p) => read(p, 'niceToHave')),
  ];
}
