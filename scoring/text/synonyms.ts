import { compoundParts } from './compound.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { NON_SYNONYM_TOKENS, SYNONYM_GROUPS } from './synonym-table.ts';
import { tokenize } from './tokenize.ts';

export type { SynonymGroup } from './synonym-table.ts';
export { SYNONYM_GROUPS };

/** Whether a token may be part of a synonym phrase at all (see NON_SYNONYM_TOKENS). */
export function canMatchSynonym(token: string): boolean {
  return !NON_SYNONYM_TOKENS.has(token);
}

const NONE: readonly string[] = Object.freeze([]);

/** How a phrase is looked up: the stems of its non-stopword tokens, joined by single spaces. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .filter((token) => !isStopword(token))
    .map(stem)
    .join(' ');
}

/** The same key with every compound token replaced by its parts: 'truckcertifikat' -> 'truck certifikat'. */
function splitKey(phrase: string): string {
  const stems: string[] = [];
  for (const token of tokenize(phrase)) {
    if (isStopword(token)) continue;
    const parts = compoundParts(token);
    if (parts.length === 0) stems.push(stem(token));
    else for (const part of parts) stems.push(stem(part));
  }
  return stems.join(' ');
}

interface SynonymIndex {
  byKey: Map<string, readonly string[]>;
  /** Every key and every proper prefix of one (whole tokens), so a window scan can stop as soon as it leaves them. */
  prefixes: Set<string>;
  maxTokens: number;
}

function buildIndex(): SynonymIndex {
  const sets = new Map<string, Set<string>>();
  const add = (key: string, id: string) => {
    if (key === '') return;
    const ids = sets.get(key);
    if (ids) ids.add(id);
    else sets.set(key, new Set([id]));
  };
  for (const group of SYNONYM_GROUPS) {
    for (const term of [group.id, ...group.terms]) {
      // Both spellings of a compound: a CV may write 'truck certifikat' for 'truckcertifikat' and vice versa.
      add(phraseKey(term), group.id);
      add(splitKey(term), group.id);
    }
  }
  const byKey = new Map<string, readonly string[]>();
  const prefixes = new Set<string>();
  let maxTokens = 1;
  for (const [key, ids] of sets) {
    byKey.set(key, Object.freeze([...ids]));
    const words = key.split(' ');
    maxTokens = Math.max(maxTokens, words.length);
    for (let n = 1; n <= words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  return { byKey, prefixes, maxTokens };
}

const INDEX = buildIndex();

/** Ids of the synonym groups that have `stemmedPhrase` (stems joined by ' ') as a member; usually zero or one. */
export function synonymGroupIdsFor(stemmedPhrase: string): readonly string[] {
  return INDEX.byKey.get(stemmedPhrase) ?? NONE;
}

/** Whether some member key starts with these stems (whole tokens): lets a window scan stop early. */
export function isSynonymPrefix(stemmedPhrase: string): boolean {
  return INDEX.prefixes.has(stemmedPhrase);
}

/** The longest member, in stems (stopwords excluded). */
export function maxSynonymPhraseLength(): number {
  return INDEX.maxTokens;
}
