/**
 * How a job order's must-have or nice-to-have phrase is understood: its concepts, found exactly as in a CV; the
 * framing words around them that are no requirement of their own ("erfaring med", "kendskab til", "gerne"); and
 * the content words left over, which with no concept are the phrase itself, to be matched only where they stand
 * together in one field.
 */
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { stem } from '../text/stem.ts';
import { isStopword } from '../text/stopwords.ts';
import { compile, fold, type LabelEntry, tokensOf } from './compile.ts';
import { findLabels } from './extract.ts';
import type { PhraseUnderstanding } from './types.ts';

/** Framing word runs, folded; '#' is a number. Longest first wins where two start at one word. */
const FRAMING: readonly (readonly string[])[] = `
  erfaring med | erfaring inden for | erfaring indenfor | erfaring fra | erfaring i | erfaring som | erfaring |
  erfaren | erfarne | erfarende | godt kendskab til | kendskab til | kendskab | gerne | helst | evt | eventuelt |
  villig til at | villig til | villige til | certifikat i | god til at | god til | gode til | kan arbejde med |
  arbejde med | kan | kunne | skal kunne | skal have | skal | have | har | min # aars | min # aar | mindst # aars |
  mindst # aar | # aars | # aar | aars | vant til at | vant til | bekendt med | lyst til at | lyst til |
  interesse for | evne til at | evne til | flair for | sans for | mulighed for | noget | en | et | og | eller | samt |
  er en fordel | er et plus | er et krav | en fordel | et plus | et krav | fordel | plus | krav | oenskes | oenskeligt |
  paakraevet | noedvendigt | noedvendig | ikke et krav | men | er
`
  .split('|')
  .map((f) => f.trim().split(/\s+/))
  .filter((f) => f[0] !== '')
  .sort((a, b) => b.length - a.length);

function framingAt(folds: readonly string[], at: number, free: (i: number) => boolean): number {
  for (const f of FRAMING) {
    if (at + f.length > folds.length) continue;
    let ok = true;
    for (let k = 0; k < f.length && ok; k++) {
      const got = folds[at + k]!;
      ok = free(at + k) && (f[k] === '#' ? /^\d+$/.test(got) : f[k] === got);
    }
    if (ok) return f.length;
  }
  return 0;
}

/** With a label shared by several concepts, the concept it is the preferred label of; else the first. */
function conceptOf(entries: readonly LabelEntry[]): string {
  return (entries.find((e) => e.type === 'pref') ?? entries[0]!).concept;
}

/** Compound heads that frame their modifier: 'køkkenerfaring' asks for køkken work, 'kontorkendskab' for kontor. */
const FRAMING_HEADS = ['erfaringer', 'erfaring', 'kendskab', 'baggrund'];

/** What an unrecognised word or pair may be the work of: 'køkken' -> 'køkkenarbejde', 'vagt' -> 'vagtarbejde'. */
const WORK_SUFFIXES = ['arbejde', '', 'medarbejder'];

/**
 * A phrase no label covers, read once more as Danish builds such phrases: a framing compound head dropped
 * ('produktionserfaring' -> 'produktion'), and the rest tried as itself and as its work ('kontor' ->
 * 'kontorarbejde'). Only a reading that leaves no word over counts.
 */
function reread(phrase: string, taxonomy: Taxonomy, u: PhraseUnderstanding): PhraseUnderstanding | undefined {
  const rest = tokensOf(phrase.normalize('NFC'))
    .map((t) => t.lower)
    .filter((w) => !u.framing.some((f) => f.split(/\s+/).includes(w)) && !isStopword(w));
  if (rest.length === 0 || rest.length > 2) return undefined;
  const framing = [...u.framing];
  const last = rest[rest.length - 1]!;
  for (const head of FRAMING_HEADS) {
    if (last.endsWith(head) && last.length - head.length >= 3) {
      const modifier = last.slice(0, -head.length);
      rest[rest.length - 1] = modifier;
      framing.push(head);
      break;
    }
  }
  const base = rest.join(' ');
  const bases = [base, base.replace(/[se]$/, '')];
  for (const b of bases) {
    for (const suffix of WORK_SUFFIXES) {
      // The work of a modifier may take a linking s: 'produktion' -> 'produktionsarbejde'.
      const candidate = suffix === '' ? b : (joinedLabel(`${b}${suffix}`, taxonomy) ?? `${b}s${suffix}`);
      const tokens = tokensOf(candidate);
      const matches = findLabels(candidate, tokens, compile(taxonomy));
      const covered = matches.reduce((n, m) => n + (m.to - m.from), 0);
      if (matches.length > 0 && covered === tokens.length) {
        const concepts = [...new Set(matches.map((m) => conceptOf(m.entries)))];
        return { phrase: u.phrase, concepts, words: [], framing };
      }
    }
  }
  return undefined;
}

/** `word` when it is a label written together, else undefined. */
function joinedLabel(word: string, taxonomy: Taxonomy): string | undefined {
  const tokens = tokensOf(word);
  const matches = findLabels(word, tokens, compile(taxonomy));
  return matches.length === 1 && matches[0]!.to - matches[0]!.from === tokens.length ? word : undefined;
}

export function understandPhrase(phrase: string, taxonomy: Taxonomy): PhraseUnderstanding {
  const first = understandLiterally(phrase, taxonomy);
  if (first.concepts.length > 0 || first.words.length === 0) return first;
  return reread(phrase, taxonomy, first) ?? first;
}

function understandLiterally(phrase: string, taxonomy: Taxonomy): PhraseUnderstanding {
  const text = phrase.normalize('NFC');
  const tokens = tokensOf(text);
  const compiled = compile(taxonomy);
  const covered = new Uint8Array(tokens.length);
  const concepts: string[] = [];
  for (const m of findLabels(text, tokens, compiled)) {
    covered.fill(1, m.from, m.to);
    const id = conceptOf(m.entries);
    if (!concepts.includes(id)) concepts.push(id);
  }
  const folds = tokens.map((t) => fold(t.lower));
  const framing: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    if (covered[i]) {
      i++;
      continue;
    }
    const n = framingAt(folds, i, (k) => covered[k] === 0);
    if (n > 0) {
      const written = text.slice(tokens[i]!.start, tokens[i + n - 1]!.end);
      // Connectives are dropped, not reported: 'truck og lager' frames nothing.
      if (
        !['og', 'eller', 'samt', 'en', 'et', 'noget'].includes(folds[i]!) &&
        !framing.includes(written.toLowerCase())
      )
        framing.push(written.toLowerCase());
      i += n;
      continue;
    }
    const lower = tokens[i]!.lower;
    if (!isStopword(lower)) {
      const s = stem(lower);
      if (!words.includes(s)) words.push(s);
    }
    i++;
  }
  return { phrase, concepts, words: words.filter((w) => !saidByConcepts(w, concepts, taxonomy)), framing };
}

/**
 * Whether a left-over word only repeats what one of the phrase's concepts says: 'pleje' in "pleje af grønne
 * områder" read as grøn pleje adds no requirement of its own (and as one it would have to stand somewhere in the CV).
 */
function saidByConcepts(word: string, concepts: readonly string[], taxonomy: Taxonomy): boolean {
  if (word.length < 4) return false;
  for (const id of concepts) {
    const c = taxonomy.get(id);
    if (!c) continue;
    for (const label of [c.prefLabel, ...c.altLabels]) {
      for (const t of tokensOf(label.normalize('NFC'))) {
        if (stem(t.lower).endsWith(word)) return true;
      }
    }
  }
  return false;
}
