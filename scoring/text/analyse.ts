import { compoundParts } from './compound.ts';
import { BoundedMemo } from './memo.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { canMatchSynonym, isSynonymPrefix, maxSynonymPhraseLength, synonymGroupIdsFor } from './synonyms.ts';
import { tokenize } from './tokenize.ts';

/** Terms that stand for a synonym group are this prefix + the group id: '≈truckcertifikat'. */
export const CONCEPT_PREFIX = '≈';

/** What the analyser needs of one (non-stopword) token; memoised because CVs repeat a small vocabulary. */
interface TokenInfo {
  stem: string;
  /** The stem as synonym windows see it; empty for a token barred from synonyms, which no key contains. */
  windowStem: string;
  /** Stems of the compound parts; empty if the token is not a compound. */
  partStems: readonly string[];
  /** Groups the token stands for as a single window: by its own stem or by its parts ('truck kørekort'). */
  ownConcepts: readonly string[];
}

function computeTokenInfo(token: string): TokenInfo {
  const tokenStem = stem(token);
  const partStems = compoundParts(token).map(stem);
  if (!canMatchSynonym(token)) return { stem: tokenStem, windowStem: '', partStems, ownConcepts: [] };
  const byStem = synonymGroupIdsFor(tokenStem);
  const byParts = partStems.length > 0 ? synonymGroupIdsFor(partStems.join(' ')) : [];
  const ownConcepts = byParts.length === 0 ? byStem : [...new Set([...byStem, ...byParts])];
  return { stem: tokenStem, windowStem: tokenStem, partStems, ownConcepts };
}

const tokenInfos = new BoundedMemo(computeTokenInfo, 50_000);

function contentTokens(text: string): TokenInfo[] {
  const infos: TokenInfo[] = [];
  for (const token of tokenize(text)) {
    if (!isStopword(token)) infos.push(tokenInfos.get(token));
  }
  return infos;
}

/** A run of tokens [start, end) that is a synonym-group member. */
interface ConceptMatch {
  start: number;
  end: number;
  ids: readonly string[];
}

/**
 * Synonym phrases in a token sequence, compared on stems. Only maximal matches count: 'teknisk servicemedarbejder'
 * is a vicevært, and must not also yield the cleaner that 'servicemedarbejder' alone means. Matches that merely
 * overlap are all kept.
 */
function findConcepts(infos: readonly TokenInfo[]): ConceptMatch[] {
  const matches: ConceptMatch[] = [];
  const maxLength = maxSynonymPhraseLength();
  let coveredTo = 0;
  for (let start = 0; start < infos.length; start++) {
    let best: ConceptMatch | undefined;
    const first = infos[start]!;
    if (first.ownConcepts.length > 0) best = { start, end: start + 1, ids: first.ownConcepts };
    let key = first.windowStem;
    for (let end = start + 2; end <= Math.min(infos.length, start + maxLength); end++) {
      if (!isSynonymPrefix(key)) break;
      key = `${key} ${infos[end - 1]!.windowStem}`;
      const ids = synonymGroupIdsFor(key);
      if (ids.length > 0) best = { start, end, ids };
    }
    // Starts ascend, so a match ending no later than an earlier one lies inside it.
    if (best && best.end > coveredTo) {
      matches.push(best);
      coveredTo = best.end;
    }
  }
  return matches;
}

/**
 * All index terms of a text, in text order, duplicates kept so callers can count frequencies: per non-stopword token
 * its stem and, for a compound, the stems of its parts; per synonym phrase found, CONCEPT_PREFIX + group id.
 */
export function analyse(text: string): string[] {
  const infos = contentTokens(text);
  const concepts = findConcepts(infos);
  const terms: string[] = [];
  let next = 0;
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!;
    terms.push(info.stem);
    for (const part of info.partStems) terms.push(part);
    // A concept goes after the first token of its phrase.
    while (next < concepts.length && concepts[next]!.start === i) {
      for (const id of concepts[next]!.ids) terms.push(CONCEPT_PREFIX + id);
      next++;
    }
  }
  return terms;
}

export interface PhraseQuery {
  /** The phrase as the job order wrote it, trimmed: what 'matched' and 'missing' show. */
  label: string;
  /** OR over alternatives; each alternative is an AND of terms (stems or concept terms). */
  alternatives: string[][];
}

/** Enough for any real phrase; keeps a phrase full of ambiguous synonyms from multiplying alternatives. */
const MAX_ALTERNATIVES = 16;

/**
 * How a must-have or nice-to-have competence is matched against analysed CVs. Alternatives, most specific first:
 * the synonym concepts of the whole phrase; the phrase with each synonym phrase inside it replaced by its concept
 * ('truckcertifikat B' -> ≈truckcertifikat AND b); its stems; its stems with compounds replaced by their parts.
 * A phrase of stopwords only has no alternatives: nothing in an analysed text could match it.
 */
export function phraseQuery(phrase: string): PhraseQuery {
  const label = phrase.trim();
  const infos = contentTokens(label);
  if (infos.length === 0) return { label, alternatives: [] };

  const alternatives: string[][] = [];
  const seen = new Set<string>();
  const add = (terms: readonly string[]) => {
    const distinct = [...new Set(terms)];
    const key = distinct.join('\u0000');
    if (alternatives.length < MAX_ALTERNATIVES && !seen.has(key)) {
      seen.add(key);
      alternatives.push(distinct);
    }
  };

  const stems = infos.map((info) => info.stem);
  const expanded = infos.flatMap((info) => (info.partStems.length > 0 ? info.partStems : [info.stem]));
  const wholeIds = new Set([
    ...synonymGroupIdsFor(stems.join(' ')),
    ...synonymGroupIdsFor(expanded.join(' ')),
  ]);
  for (const id of wholeIds) add([CONCEPT_PREFIX + id]);

  const concepts = findConcepts(infos);
  if (concepts.length > 0) {
    for (const terms of withConcepts(infos, concepts)) add(terms);
  }
  add(stems);
  add(expanded);
  return { label, alternatives };
}

/** The phrase's stems with each concept match replaced by one of its concept terms, every combination. */
function withConcepts(infos: readonly TokenInfo[], concepts: readonly ConceptMatch[]): string[][] {
  let variants: string[][] = [[]];
  let i = 0;
  for (const match of concepts) {
    // Overlapping matches: the earlier one wins, the later one is left to the plain-stem alternatives.
    if (match.start < i) continue;
    const between = infos.slice(i, match.start).map((info) => info.stem);
    const next: string[][] = [];
    for (const variant of variants) {
      for (const id of match.ids) next.push([...variant, ...between, CONCEPT_PREFIX + id]);
    }
    variants = next.slice(0, MAX_ALTERNATIVES);
    i = match.end;
  }
  const rest = infos.slice(i).map((info) => info.stem);
  return variants.map((variant) => [...variant, ...rest]);
}
