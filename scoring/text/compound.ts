import { COMPOUND_LEXICON } from './compound-lexicon.ts';
import { BoundedMemo } from './memo.ts';

/** Shorter words are rarely compounds, and short words split into nonsense most easily. */
const MIN_COMPOUND_LENGTH = 8;
const MIN_HEAD_LENGTH = 3;
const MIN_MODIFIER_LENGTH = 2;
const MAX_PARTS = 3;

/**
 * Inflectional endings a head may carry ('medarbejder' + 'en', 'certifikat' + 'er'). Modifiers never inflect in
 * Danish compounds, so only the head is checked against these.
 */
const ENDINGS =
  'ernes eres erne erens eren enes rnes ens ene ere ers ets rne nes ne en er es et ns rs e n r s'.split(' ');

function isConsonant(ch: string | undefined): boolean {
  return ch !== undefined && !'aeiouyæøå'.includes(ch);
}

/** A lexicon word, possibly inflected; 'butikken' counts too, as Danish doubles a final consonant before endings. */
function isHead(word: string): boolean {
  if (COMPOUND_LEXICON.has(word)) return true;
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const base = word.slice(0, -ending.length);
    if (base.length < MIN_HEAD_LENGTH) continue;
    if (COMPOUND_LEXICON.has(base)) return true;
    const last = base[base.length - 1];
    if (isConsonant(last) && base[base.length - 2] === last && COMPOUND_LEXICON.has(base.slice(0, -1)))
      return true;
  }
  return false;
}

/**
 * The parts a modifier stands for, or undefined. Tries the word itself, then without a linking element:
 * 'rengørings' -> 'rengøring', 'opvaske' -> 'opvask', and the e-drop before s: 'arbejds' -> 'arbejde'.
 */
function modifierParts(modifier: string, budget: number): string[] | undefined {
  if (modifier.length < MIN_MODIFIER_LENGTH) return undefined;
  const candidates = [modifier];
  if (modifier.endsWith('s') || modifier.endsWith('e')) candidates.push(modifier.slice(0, -1));
  if (modifier.endsWith('s')) candidates.push(`${modifier.slice(0, -1)}e`);
  for (const candidate of candidates) {
    if (candidate.length >= MIN_MODIFIER_LENGTH && COMPOUND_LEXICON.has(candidate)) return [candidate];
  }
  if (budget < 2) return undefined;
  for (const candidate of candidates) {
    const parts = split(candidate, budget, false);
    if (parts) return parts;
  }
  return undefined;
}

/** Longest lexicon head first, so 'lager|medarbejder' wins over 'lagermed|arbejder'. */
function split(word: string, budget: number, inflectedHead: boolean): string[] | undefined {
  for (let i = MIN_MODIFIER_LENGTH; i <= word.length - MIN_HEAD_LENGTH; i++) {
    const head = word.slice(i);
    if (!(inflectedHead ? isHead(head) : COMPOUND_LEXICON.has(head))) continue;
    const modifier = modifierParts(word.slice(0, i), budget - 1);
    if (modifier) return [...modifier, head];
  }
  return undefined;
}

function computeSplit(token: string): string[] {
  // A listed word is atomic: 'kørekort' and 'medarbejder' must not become 'køre|kort' and 'med|arbejder'.
  if (token.length < MIN_COMPOUND_LENGTH || isHead(token)) return [];
  return split(token, MAX_PARTS, true) ?? [];
}

const memo = new BoundedMemo<readonly string[]>(computeSplit, 50_000);

/**
 * Parts of a Danish vocational compound, lowercase and unstemmed, or [] if the token is not one we recognise:
 * 'lagermedarbejder' -> ['lager', 'medarbejder'], 'rengøringsassistenter' -> ['rengøring', 'assistenter'],
 * 'kørekort' -> []. Linking elements are dropped from modifiers; the head keeps its inflection. At most 3 parts.
 */
export function splitCompound(token: string): string[] {
  return [...memo.get(token)];
}

/** `splitCompound` without the defensive copy, for the analyser's hot path. */
export function compoundParts(token: string): readonly string[] {
  return memo.get(token);
}
