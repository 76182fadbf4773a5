/**
 * A taxonomy compiled for fast matching: its labels as normalised token keys in hash maps, the prefixes that tell
 * a scan when to stop, and a deletion-neighbourhood index for one-edit typos. Built once per Taxonomy instance;
 * per-token work (stem, fold, typo correction, compound head) is memoised here as CVs repeat a small vocabulary.
 */

import type { ConceptLabel, Taxonomy } from '../taxonomy/taxonomy.ts';
import { COMPOUND_LEXICON } from '../text/compound-lexicon.ts';
import { BoundedMemo } from '../text/memo.ts';
import { stem } from '../text/stem.ts';
import { isStopword } from '../text/stopwords.ts';
import { MIN_TYPO_LENGTH, withinOneEdit } from '../text/typo.ts';

/** æ/ø/å as ae/oe/aa, so 'koerekort' and 'kørekort' are one key. */
export function fold(word: string): string {
  if (!/[æøå]/.test(word)) return word;
  return word.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
}

/** Same as tokenize() in ../text/tokenize.ts, with offsets. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

export interface RawToken {
  /** Lower case, NFC, as written otherwise. */
  lower: string;
  start: number;
  end: number;
}

/** Tokens of an NFC text with their UTF-16 offsets. */
export function tokensOf(text: string): RawToken[] {
  const out: RawToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The key a token is compared by: its Snowball stem, folded. Stemming before folding, as the stemmer knows æøå. */
function tokenKey(lower: string): string {
  return fold(stem(lower));
}

/**
 * A worker, inflected. Snowball gives 'køkkenarbejder' and 'køkkenarbejde' one stem, but the person is an occupation
 * and the work a skill (a kok has køkkenarbejde, not every køkkenarbejde makes a kok). An occupation's '-arbejder'
 * label keeps its '-er' in its key, and so does a word written as such a worker; '-arbejder' on anything else is the
 * plural of the work ('malerarbejder').
 */
const WORKER = /^(.*arbejder)(?:e|en|ne|s|es|ens|nes)?$/;

function workerKey(lower: string): string | undefined {
  const worker = WORKER.exec(lower);
  return worker ? `${stem(worker[1]!.slice(0, -1))}\u0002r` : undefined;
}

/** The key of one word of a label of a concept of `kind`: see WORKER. */
export function labelWordKey(lower: string, kind: string | undefined): string {
  return fold((kind === 'occupation' ? workerKey(lower) : undefined) ?? stem(lower));
}

export interface LabelEntry {
  concept: string;
  label: string;
  type: ConceptLabel['type'];
}

/** How a token is read for matching, after any typo correction. */
export interface TokenReading {
  /** Folded as written: what a modifier contributes to a joined compound key. */
  fold: string;
  /** Folded stem: what the token contributes as a head or as a word of a multi-word label. */
  key: string;
  /** True when `fold`/`key` are a label word one edit away from what was written. */
  typo: boolean;
  /** Whether a label can start at this token: most words of a CV cannot, and are passed over with this check. */
  starts: boolean;
  /** A label this token ends with, by the compound-head rule ('gaffeltruckkørekort' -> 'truckkørekort'). */
  head?: LabelEntry[] | undefined;
}

export interface CompiledTaxonomy {
  /** One-word labels shorter than MIN_STEMMED_LENGTH, by the word folded as written. */
  exact: Map<string, LabelEntry[]>;
  /** Labels by their words' keys joined with a space: 'koerekort til gaffeltruck'. */
  spaced: Map<string, LabelEntry[]>;
  /** Labels by their words written together: modifiers folded as written, the last word's key ('truckcertifikat'). */
  joined: Map<string, LabelEntry[]>;
  /** Proper word-prefixes of spaced keys: a scan goes on only while the words so far can still become a label. */
  spacedPrefixes: Set<string>;
  /** Character prefixes of labels written together (folded, unstemmed and stemmed). */
  joinedPrefixes: Set<string>;
  /** The longest label in words, plus slack for a compound the CV writes as separate words. */
  maxTokens: number;
  read(lower: string): TokenReading;
  /**
   * The entries a single word written as `fold` may stand for: a one-word label with a short stem only in its own
   * forms (see SHORT_STEM_ENDINGS), every other label as found.
   */
  admit(entries: readonly LabelEntry[], fold: string): readonly LabelEntry[];
}

const cache = new WeakMap<Taxonomy, CompiledTaxonomy>();

export function compile(taxonomy: Taxonomy): CompiledTaxonomy {
  const hit = cache.get(taxonomy);
  if (hit) return hit;
  const compiled = build(taxonomy);
  cache.set(taxonomy, compiled);
  return compiled;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
}

/**
 * Heads of compounds that say the modifier was learnt or done: 'forflytningskursus' is evidence of forflytning,
 * 'delikatessemedarbejder' of delikatesse.
 * Folded, longest first.
 */
const EVIDENCE_HEADS = [
  'medarbejderen',
  'medarbejder',
  'arbejdet',
  'arbejde',
  'certifikater',
  'certifikatet',
  'certifikat',
  'uddannelsen',
  'uddannelse',
  'erfaringen',
  'erfaring',
  'kurserne',
  'kurset',
  'kursus',
  'beviset',
  'bevis',
];

/**
 * A one-word label whose stem is this short or shorter matches a single word by stem only in these forms of the
 * label as written: definite and genitive forms and a plural by -ne/-ene/-erne. The Danish stemmer makes 'officer'
 * and 'office' one stem 'offic'; '-r'/'-er' after a label is an agent noun or an English word, '-e' a comparative
 * ('lagere').
 */
const MAX_SHORT_STEM = 5;
const SHORT_STEM_ENDINGS = [
  '',
  'n',
  'en',
  'et',
  't',
  's',
  'ens',
  'ets',
  'ns',
  'ts',
  'ne',
  'ene',
  'erne',
  'rne',
];

/** One-word labels shorter than this match only as written (folded), never by stem or typo. */
export const MIN_STEMMED_LENGTH = 5;
/** Shortest word a typo index holds: a one-edit typo of a 6-letter word can be a 5-letter label word. */
const MIN_TYPO_VOCAB = 5;
/** Compound heads shorter than this are too often words of their own ('tag' in 'tagarbejde'). */
export const MIN_HEAD_LENGTH = 6;

/** Whether a word is two words of the compound lexicon joined, with or without a linking s or e. */
function isKnownCompound(lower: string): boolean {
  for (let i = 2; i <= lower.length - 3; i++) {
    if (!COMPOUND_LEXICON.has(lower.slice(i))) continue;
    const head = lower.slice(0, i);
    if (COMPOUND_LEXICON.has(head)) return true;
    if (/[se]$/.test(head) && COMPOUND_LEXICON.has(head.slice(0, -1))) return true;
  }
  return false;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function build(taxonomy: Taxonomy): CompiledTaxonomy {
  const spaced = new Map<string, LabelEntry[]>();
  const joined = new Map<string, LabelEntry[]>();
  const exact = new Map<string, LabelEntry[]>();
  const spacedPrefixes = new Set<string>();
  const joinedPrefixes = new Set<string>();
  /** Label words (folded as written and folded stems) -> the reading a typo of it gets. */
  const vocabulary = new Map<string, { fold: string; key: string }>();
  let maxTokens = 1;
  /** One-word labels that are agent nouns ('bager', 'tjener', 'vægter'), folded as written. */
  const agentNouns = new Set<string>();
  /** Stems of occupations' '-arbejder' labels: a word with that stem written as a worker is the occupation. */
  const workerStems = new Set<string>();
  /** One-word labels with a short stem -> the forms a single word may take to be that label. */
  const shortStemForms = new Map<string, Set<string>>();

  for (const l of taxonomy.labels()) {
    const words = tokensOf(l.label.normalize('NFC')).map((t) => t.lower);
    if (words.length === 0) continue;
    const entry: LabelEntry = { concept: l.conceptId, label: l.label, type: l.type };
    const kind = taxonomy.get(l.conceptId)?.kind;
    const keys = words.map((w) => labelWordKey(w, kind));
    words.forEach((w, i) => {
      if (keys[i]!.endsWith('\u0002r')) workerStems.add(tokenKey(w));
    });
    const folds = words.map(fold);
    if (words.length === 1 && folds[0]!.endsWith('er')) agentNouns.add(folds[0]!);
    if (words.length === 1 && keys[0]!.length <= MAX_SHORT_STEM)
      shortStemForms.set(l.label, new Set(SHORT_STEM_ENDINGS.map((e) => folds[0]! + e)));
    // A short word is matched only as written: stemmed, 'tage' (to take) would be the roof 'tag'.
    if (words.length === 1 && [...words[0]!].length < MIN_STEMMED_LENGTH) {
      push(exact, folds[0]!, entry);
      continue;
    }
    push(spaced, keys.join(' '), entry);
    for (let n = 1; n < keys.length; n++) spacedPrefixes.add(keys.slice(0, n).join(' '));
    const joinedKey = folds.slice(0, -1).join('') + keys[keys.length - 1]!;
    push(joined, joinedKey, entry);
    const written = folds.join('');
    for (const s of [written, joinedKey])
      for (let n = 1; n < s.length; n++) joinedPrefixes.add(s.slice(0, n));
    maxTokens = Math.max(maxTokens, words.length);
    words.forEach((_, i) => {
      const reading = { fold: folds[i]!, key: keys[i]! };
      for (const w of [folds[i]!, keys[i]!])
        if (w.length >= MIN_TYPO_VOCAB && !/^\d+$/.test(w)) vocabulary.set(w, reading);
    });
    // A one-word compound ('truckcertifikat') can be misspelt as a whole.
    if (words.length > 1 && written.length >= MIN_TYPO_LENGTH)
      vocabulary.set(written, { fold: written, key: joinedKey });
  }

  const typoIndex = new Map<string, string[]>();
  for (const w of vocabulary.keys()) {
    for (const d of [w, ...deletions(w)]) {
      const list = typoIndex.get(d);
      if (!list) typoIndex.set(d, [w]);
      else if (!list.includes(w)) list.push(w);
    }
  }

  const known = (lower: string, f: string, key: string) =>
    spaced.has(key) ||
    joined.has(key) ||
    spacedPrefixes.has(key) ||
    joinedPrefixes.has(f) ||
    vocabulary.has(f) ||
    vocabulary.has(key) ||
    lower.length === 0;

  /**
   * The one label word a token is one edit from, or undefined (none, or several: then it is no typo we can read).
   * Words of 6+ letters take any one edit; a 5-letter word only a swap of two neighbours ('trukc' -> 'truck'),
   * since a 5-letter word one insertion or substitution away is usually another word.
   */
  const correct = (lower: string, f: string): { fold: string; key: string } | undefined => {
    const length = [...lower].length;
    if (length < MIN_TYPO_VOCAB || isStopword(lower) || /\d/.test(lower)) return undefined;
    // A word we know is no typo: 'arbejde' is not a misspelt 'arbejder', and 'slagterassistent' (slagter +
    // assistent) no misspelt 'slagteriassistent'.
    if (COMPOUND_LEXICON.has(lower) || isKnownCompound(lower)) return undefined;
    const found = new Set<string>();
    for (const d of [f, ...deletions(f)]) {
      for (const w of typoIndex.get(d) ?? []) {
        if (w === f || !withinOneEdit(f, w)) continue;
        // A letter more at the end is another word, not a slip: 'officer' is no 'office', 'bageri' no 'bager'.
        if (f.length === w.length + 1 && f.startsWith(w)) continue;
        if (length < MIN_TYPO_LENGTH && !isAdjacentSwap(f, w)) continue;
        found.add(w);
      }
    }
    // A slip in an inflected word ('vagktortet'): the stem is one edit from a label word's stem.
    if (found.size === 0) {
      const s = tokenKey(lower);
      if (s !== f && s.length >= MIN_TYPO_LENGTH && !vocabulary.has(s)) {
        for (const d of [s, ...deletions(s)]) {
          for (const w of typoIndex.get(d) ?? []) {
            if (w !== s && withinOneEdit(s, w) && !(s.length === w.length + 1 && s.startsWith(w)))
              found.add(w);
          }
        }
      }
    }
    if (found.size === 0) return undefined;
    // Forms of one word (inflected, stemmed) are one reading; two different words are no reading at all.
    const readings = new Map([...found].map((w) => vocabulary.get(w)!).map((r) => [r.key, r]));
    if (readings.size === 1) return [...readings.values()][0];
    // A label and its listed misspelling ('truckcertifikat', 'truckcertifkat') are two words of one concept: a
    // typo near both still has one reading.
    const concepts = new Set<string>();
    for (const r of readings.values()) {
      const entries = joined.get(r.key) ?? spaced.get(r.key) ?? exact.get(r.fold);
      if (!entries) return undefined;
      for (const e of entries) concepts.add(e.concept);
    }
    return concepts.size === 1 ? [...readings.values()][0] : undefined;
  };

  // Modifiers the labels themselves use: 'gaffeltruckcertifikat' ends with the label word 'truckcertifikat', so
  // 'gaffel' is a word a compound may start with.
  const lexicon = new Set([...COMPOUND_LEXICON].map(fold));
  const modifiers = new Set<string>();
  for (const w of vocabulary.keys()) {
    for (let i = 2; i <= w.length - 4; i++) {
      const rest = w.slice(i);
      if (vocabulary.has(rest) || lexicon.has(rest)) modifiers.add(w.slice(0, i));
    }
  }

  /** A word a compound may start with: a lexicon or label word or label modifier, with or without a linking s/e. */
  const isModifier = (prefix: string): boolean => {
    const f = fold(prefix);
    const forms = [f];
    if (f.endsWith('s') || f.endsWith('e')) forms.push(f.slice(0, -1));
    return forms.some((p) => p.length >= 2 && (lexicon.has(p) || vocabulary.has(p) || modifiers.has(p)));
  };

  /**
   * The longest label of 6+ letters a word ends with, when what comes before is itself a word; or, for a course,
   * certificate or training in something ('forflytningskursus', 'svejsecertifikat'), the label it is in.
   */
  const compoundHead = (lower: string): LabelEntry[] | undefined => {
    for (const stemmed of [workerKey(lower), stem(lower)]) {
      if (stemmed === undefined) continue;
      for (let i = 2; i <= stemmed.length - MIN_HEAD_LENGTH; i++) {
        const entries = joined.get(fold(stemmed.slice(i)));
        if (entries && isModifier(lower.slice(0, i))) return entries;
      }
    }
    const f = fold(lower);
    for (const head of EVIDENCE_HEADS) {
      if (!f.endsWith(head) || f.length - head.length < MIN_HEAD_LENGTH) continue;
      const modifier = f.slice(0, -head.length);
      for (const form of [modifier, modifier.replace(/[se]$/, '')]) {
        const entries = joined.get(form) ?? joined.get(fold(stem(form)));
        if (entries) return entries;
      }
    }
    return undefined;
  };

  const readings = new BoundedMemo<TokenReading>((lower) => {
    const f = fold(lower);
    // The verb or stem of an agent noun is not the person: 'tjene penge' is no tjener, 'bag disken' no bager,
    // 'vægt' no vægter. Such a token keeps its own key, so the shared stem cannot match the noun.
    // (A worker and the work already have keys of their own: see matchKey.)
    const agentStem =
      !agentNouns.has(f) && !WORKER.test(`${f}r`) && (agentNouns.has(`${f}r`) || agentNouns.has(`${f}er`));
    const plain = tokenKey(lower);
    const worker = workerStems.has(plain) ? workerKey(lower) : undefined;
    const key = agentStem ? `\u0001${f}` : worker ? fold(worker) : plain;
    if (!known(lower, f, key)) {
      const corrected = correct(lower, f);
      if (corrected) return { ...corrected, typo: true, starts: true };
    }
    const head = !joined.has(key) && lower.length > MIN_HEAD_LENGTH + 1 ? compoundHead(lower) : undefined;
    const starts =
      head !== undefined ||
      exact.has(f) ||
      spaced.has(key) ||
      joined.has(key) ||
      spacedPrefixes.has(key) ||
      joinedPrefixes.has(f);
    return { fold: f, key, typo: false, starts, head };
  }, 50_000);

  return {
    exact,
    spaced,
    joined,
    spacedPrefixes,
    joinedPrefixes,
    maxTokens: maxTokens + 2,
    read: (lower) => readings.get(lower),
    admit: (entries, f) =>
      entries.some((e) => shortStemForms.has(e.label))
        ? entries.filter((e) => shortStemForms.get(e.label)?.has(f) ?? true)
        : entries,
  };
}
