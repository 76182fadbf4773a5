import { compoundParts } from './compound.ts';
import { BoundedMemo } from './memo.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { tokenize } from './tokenize.ts';

/** Terms that stand for a taxonomy concept are this prefix + the concept id: '≈truckcertifikat'. */
export const CONCEPT_PREFIX = '≈';

/**
 * Terms that say two words stood next to each other in one field ('tag+arbejd'): what lets a phrase without a
 * concept match only where its words stand together, never scattered over a CV.
 */
export const PAIR_SEPARATOR = '+';

/** What the analyser needs of one (non-stopword) token; memoised because CVs repeat a small vocabulary. */
interface TokenInfo {
  stem: string;
  /** Stems of the compound parts; empty if the token is not a compound. */
  partStems: readonly string[];
}

function computeTokenInfo(token: string): TokenInfo {
  return { stem: stem(token), partStems: compoundParts(token).map(stem) };
}

const tokenInfos = new BoundedMemo(computeTokenInfo, 50_000);

function contentTokens(text: string): TokenInfo[] {
  const infos: TokenInfo[] = [];
  for (const token of tokenize(text)) {
    if (!isStopword(token)) infos.push(tokenInfos.get(token));
  }
  return infos;
}

export const pairTerm = (a: string, b: string) => `${a}${PAIR_SEPARATOR}${b}`;

/**
 * All index terms of a text, in text order, duplicates kept so callers can count frequencies: per non-stopword token
 * its stem and, for a compound, the stems of its parts. Concepts are found by scoring/concepts, not here.
 */
export function analyse(text: string): string[] {
  const terms: string[] = [];
  for (const info of contentTokens(text)) {
    terms.push(info.stem);
    for (const part of info.partStems) terms.push(part);
  }
  return terms;
}

/**
 * Adjacency terms of a text: each pair of neighbouring content words (stopwords skipped, so 'kørekort til
 * gaffeltruck' pairs 'kørekort' with 'gaffeltruck'), and each pair of neighbouring parts inside a compound, so
 * 'tagarbejde', 'tag-arbejde' and 'tag arbejde' all hold 'tag+arbejd'. Never across a field: callers pass one.
 */
export function adjacentPairs(text: string): string[] {
  const infos = contentTokens(text);
  const pairs: string[] = [];
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!;
    const parts = info.partStems;
    for (let p = 1; p < parts.length; p++) pairs.push(pairTerm(parts[p - 1]!, parts[p]!));
    const next = infos[i + 1];
    if (next) pairs.push(pairTerm(info.stem, next.stem));
  }
  return pairs;
}

/**
 * The stems of the compound parts of the word in `text` whose stem is `stemmed` ('tagarbejde' -> ['tag', 'arbejd']),
 * or [] when it is no compound. Splitting needs the word as written: a stem ('tagarbejd') no longer splits.
 */
export function compoundPartStems(text: string, stemmed: string): string[] {
  for (const token of tokenize(text)) {
    if (isStopword(token)) continue;
    const info = tokenInfos.get(token);
    if (info.stem === stemmed && info.partStems.length > 1) return [...info.partStems];
  }
  return [];
}
