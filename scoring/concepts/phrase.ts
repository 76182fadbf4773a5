// PLACEHOLDER (lead's dev branch): replaced by the real extractor's module at merge.

import { labelKey, type Taxonomy } from '../taxonomy/taxonomy.ts';
import { contentStems } from '../text/analyse.ts';
import { tokenize } from '../text/tokenize.ts';
import type { PhraseUnderstanding } from './types.ts';

const FRAMING = ['erfaring med', 'kendskab til', 'gerne', 'villig til', 'god til', 'certifikat i'];

function labelIndex(t: Taxonomy): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of t.labels()) m.set(labelKey(l.label), l.conceptId);
  return m;
}
const cache = new WeakMap<Taxonomy, Map<string, string>>();
export function labelsOf(t: Taxonomy) {
  let m = cache.get(t);
  if (!m) {
    m = labelIndex(t);
    cache.set(t, m);
  }
  return m;
}

export function understandPhrase(phrase: string, taxonomy: Taxonomy): PhraseUnderstanding {
  let rest = phrase.trim().toLowerCase();
  const framing: string[] = [];
  for (const f of FRAMING) {
    if (rest.startsWith(`${f} `) || rest === f) {
      framing.push(f);
      rest = rest.slice(f.length).trim();
    }
  }
  const id = labelsOf(taxonomy).get(labelKey(rest));
  if (id) return { phrase: phrase.trim(), concepts: [id], words: [], framing };
  void tokenize;
  return { phrase: phrase.trim(), concepts: [], words: contentStems(rest), framing };
}
