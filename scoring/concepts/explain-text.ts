/**
 * What extraction makes of any text, for a person to see why a CV did or did not match: each concept found with
 * its span, label, kind, broader concepts, context and match kind, and the words that were not understood.
 */
import type { ConceptKind, Taxonomy } from '../taxonomy/taxonomy.ts';
import { isStopword } from '../text/stopwords.ts';
import { tokensOf } from './compile.ts';
import { extractMentions } from './extract.ts';
import type { ConceptMention } from './types.ts';

export type ExplainedMention = ConceptMention & { label: string; kind: ConceptKind; broader: string[] };

export interface ExplainedText {
  mentions: ExplainedMention[];
  /** Content words (lower case, as written, once each) that are part of no concept. */
  words: string[];
}

export function explainText(text: string, taxonomy: Taxonomy): ExplainedText {
  const nfc = text.normalize('NFC');
  const mentions = extractMentions(nfc, 'cvText', taxonomy).map((m): ExplainedMention => {
    const concept = taxonomy.get(m.concept)!;
    return {
      ...m,
      label: concept.prefLabel,
      kind: concept.kind,
      broader: taxonomy.selfAndBroader(m.concept).filter((id) => id !== m.concept),
    };
  });
  const words = new Set<string>();
  let next = 0;
  for (const t of tokensOf(nfc)) {
    // Mentions are in text order and do not overlap.
    while (next < mentions.length && mentions[next]!.end <= t.start) next++;
    const m = mentions[next];
    if (m && t.start < m.end && t.end > m.start) continue;
    if (!isStopword(t.lower)) words.add(t.lower);
  }
  return { mentions, words: [...words] };
}
